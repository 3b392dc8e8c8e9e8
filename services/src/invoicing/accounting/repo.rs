//! SQL of the accounting exports: a year's issued documents and payments, in date order, and
//! the company's accounts.

use sqlx::{AnyExecutor, FromRow};

#[derive(FromRow)]
pub struct DocumentRow {
    pub id: String,
    pub customer_id: String,
    pub document: String,
}

/// Issued invoices and credit notes of fiscal year `year`, by date then number.
pub async fn documents<'e>(db: impl AnyExecutor<'e>, year: i32) -> Result<Vec<DocumentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, customer_id, document FROM invoices WHERE status = 'issued' AND fiscal_year = $1 \
         ORDER BY issue_date, series DESC, sequence",
    )
    .bind(year)
    .fetch_all(db)
    .await
}

#[derive(FromRow)]
pub struct PaymentRow {
    pub number: String,
    pub customer_id: String,
    pub customer_name: String,
    pub paid_on: String,
    pub amount_minor: i64,
    pub method: String,
    pub reference: Option<String>,
}

/// Payments dated in `year`, by date then recording.
pub async fn payments<'e>(db: impl AnyExecutor<'e>, year: i32) -> Result<Vec<PaymentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.number, p.customer_id, c.legal_name AS customer_name, p.paid_on, p.amount_minor, p.method, p.reference \
         FROM invoice_payments p JOIN invoice_balances b ON b.invoice_id = p.invoice_id \
         JOIN customers c ON c.id = p.customer_id \
         WHERE p.paid_on >= $1 AND p.paid_on <= $2 ORDER BY p.paid_on, p.recorded_at, p.id",
    )
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{year:04}-12-31"))
    .fetch_all(db)
    .await
}

pub async fn accounts<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT name, account FROM accounting_accounts ORDER BY name").fetch_all(db).await
}

pub async fn set_account<'e>(
    db: impl AnyExecutor<'e>,
    name: &str,
    account: &str,
    now: i64,
    by: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accounting_accounts (name, account, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET account = excluded.account, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(name)
    .bind(account)
    .bind(now)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}
