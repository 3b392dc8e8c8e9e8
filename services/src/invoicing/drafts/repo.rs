//! SQL of invoice drafts and their lines.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct DraftRow {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub issue_date: String,
    pub due_date: String,
    pub category: String,
    pub payment_method: Option<String>,
    pub exemption: Option<String>,
    pub updated_at: i64,
}

#[derive(Clone, Debug, FromRow)]
pub struct LineRow {
    pub invoice_id: String,
    pub id: String,
    pub position: i64,
    pub designation: String,
    pub unit: String,
    pub qty_milli: i64,
    pub unit_price_minor: i64,
    pub discount_bp: i64,
    pub vat_bp: i64,
}

/// A header as written: dates as `YYYY-MM-DD`, names as stored.
pub struct HeaderRow<'a> {
    pub customer_id: &'a str,
    pub issue_date: String,
    pub due_date: String,
    pub category: &'a str,
    pub payment_method: Option<&'a str>,
    pub exemption: Option<&'a str>,
}

pub struct NewLine<'a> {
    pub id: &'a str,
    pub article_id: Option<&'a str>,
    pub designation: &'a str,
    pub unit: &'a str,
    pub qty_milli: i64,
    pub unit_price_minor: i64,
    pub discount_bp: i64,
    pub vat_bp: i64,
}

const SELECT: &str = "SELECT i.id, i.customer_id, c.legal_name AS customer_name, i.issue_date, i.due_date, i.category, \
     i.payment_method, i.exemption, i.updated_at FROM invoices i JOIN customers c ON c.id = i.customer_id";

pub async fn insert<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    h: &HeaderRow<'_>,
    user: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoices (id, status, customer_id, issue_date, due_date, category, payment_method, exemption, \
         created_at, updated_at, created_by) VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $8, $9)",
    )
    .bind(id)
    .bind(h.customer_id)
    .bind(&h.issue_date)
    .bind(&h.due_date)
    .bind(h.category)
    .bind(h.payment_method)
    .bind(h.exemption)
    .bind(now)
    .bind(user)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn update<'e>(db: impl AnyExecutor<'e>, id: &str, h: &HeaderRow<'_>, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invoices SET customer_id = $2, issue_date = $3, due_date = $4, category = $5, payment_method = $6, \
         exemption = $7, updated_at = $8 WHERE id = $1 AND status = 'draft'",
    )
    .bind(id)
    .bind(h.customer_id)
    .bind(&h.issue_date)
    .bind(&h.due_date)
    .bind(h.category)
    .bind(h.payment_method)
    .bind(h.exemption)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn touch<'e>(db: impl AnyExecutor<'e>, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE invoices SET updated_at = $2 WHERE id = $1 AND status = 'draft'")
        .bind(id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invoices WHERE id = $1 AND status = 'draft'").bind(id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// An invoice's status (`draft`, `issued`), if it exists.
pub async fn status<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT status FROM invoices WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(s,)| s))
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE i.id = $1 AND i.status = 'draft'")).bind(id).fetch_optional(db).await
}

/// The lines of the newest `limit` drafts, in one query (a list pays for its page, not per row).
pub async fn lines_of_newest<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT l.invoice_id, l.id, l.position, l.designation, l.unit, l.qty_milli, l.unit_price_minor, \
                l.discount_bp, l.vat_bp \
         FROM invoice_lines l JOIN (SELECT id FROM invoices WHERE status = 'draft' \
                                    ORDER BY updated_at DESC, id LIMIT {limit}) d ON d.id = l.invoice_id \
         ORDER BY l.invoice_id, l.position"
    ))
    .fetch_all(db)
    .await
}

/// The newest drafts first.
pub async fn list<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<DraftRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE i.status = 'draft' ORDER BY i.updated_at DESC, i.id LIMIT {limit}"))
        .fetch_all(db)
        .await
}

pub async fn lines<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT invoice_id, id, position, designation, unit, qty_milli, unit_price_minor, discount_bp, vat_bp \
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY position",
    )
    .bind(invoice)
    .fetch_all(db)
    .await
}

pub async fn add_line<'e>(db: impl AnyExecutor<'e>, invoice: &str, l: &NewLine<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoice_lines (id, invoice_id, position, article_id, designation, unit, qty_milli, \
         unit_price_minor, discount_bp, vat_bp) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM invoice_lines WHERE invoice_id = $2), \
         $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(l.id)
    .bind(invoice)
    .bind(l.article_id)
    .bind(l.designation)
    .bind(l.unit)
    .bind(l.qty_milli)
    .bind(l.unit_price_minor)
    .bind(l.discount_bp)
    .bind(l.vat_bp)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn line_count<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM invoice_lines WHERE invoice_id = $1").bind(invoice).fetch_one(db).await?;
    Ok(n)
}

/// Removes a line of a draft; the others keep their order (positions only sort).
pub async fn remove_line<'e>(db: impl AnyExecutor<'e>, invoice: &str, line: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM invoice_lines WHERE id = $1 AND invoice_id = $2")
        .bind(line)
        .bind(invoice)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The customer's name and own terms, if the customer exists.
/// A customer's terms; none: no such customer, or a person whose data was erased (no one to bill).
pub async fn customer_terms<'e>(db: impl AnyExecutor<'e>, customer: &str) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT payment_terms_days FROM customers \
         WHERE id = $1 AND NOT (kind = 'individual' AND anonymised_at IS NOT NULL)",
    )
    .bind(customer)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(terms,)| terms))
}

#[derive(Clone, Debug, FromRow)]
pub struct ArticleRow {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub unit: String,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
}

/// An active article by its code, for a line.
pub async fn article_by_code<'e>(db: impl AnyExecutor<'e>, code: &str) -> Result<Option<ArticleRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, code, designation, unit, sale_price_minor, vat_rate_bp FROM articles WHERE code = $1 AND active = 1",
    )
    .bind(code)
    .fetch_optional(db)
    .await
}

/// Whether an active article has this id (a line's article).
pub async fn article_exists<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM articles WHERE id = $1 AND active = 1").bind(id).fetch_optional(db).await?;
    Ok(row.is_some())
}
