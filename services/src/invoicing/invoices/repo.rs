//! SQL of issued invoices, read.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ListRow {
    pub id: String,
    pub number: String,
    pub customer_name: String,
    pub issue_date: String,
    pub due_date: String,
    pub total_minor: i64,
}

/// The newest issued invoices first.
pub async fn list<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<ListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT i.id, i.number, c.legal_name AS customer_name, i.issue_date, i.due_date, i.total_minor \
         FROM invoices i JOIN customers c ON c.id = i.customer_id \
         WHERE i.status = 'issued' AND i.series = 'invoice' \
         ORDER BY i.fiscal_year DESC, i.sequence DESC LIMIT {limit}"
    ))
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct IssuedRow {
    pub id: String,
    pub document: String,
    pub pdf_sha256: String,
    pub issued_at: i64,
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<IssuedRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, document, pdf_sha256, issued_at FROM invoices WHERE id = $1 AND status = 'issued'")
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn pdf<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT pdf FROM invoice_pdfs WHERE invoice_id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(pdf,)| pdf))
}
