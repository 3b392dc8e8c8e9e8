//! SQL of the benchmark's volume: one invoice copied under a new number, through the triggers.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct Template {
    pub category: String,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub total_minor: i64,
    pub document: String,
    pub pdf_sha256: String,
    pub pdf: Vec<u8>,
}

pub async fn template<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<Template>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.category, i.net_minor, i.vat_minor, i.total_minor, i.document, i.pdf_sha256, p.pdf \
         FROM invoices i JOIN invoice_pdfs p ON p.invoice_id = i.id WHERE i.id = $1 AND i.status = 'issued'",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn customers<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM customers ORDER BY id").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub struct One<'a> {
    pub id: &'a str,
    pub customer: &'a str,
    pub day: String,
    pub due: String,
    pub verification: String,
}

/// The steps of an issue, in SQL: draft, one line, next number, PDF, issued; returns the number.
pub async fn issue_one(
    conn: &mut sqlx::AnyConnection,
    t: &Template,
    o: &One<'_>,
    user: &str,
) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoices (id, status, customer_id, issue_date, due_date, category, created_at, updated_at, \
         created_by) VALUES ($1, 'draft', $2, $3, $4, $5, 0, 0, $6)",
    )
    .bind(o.id)
    .bind(o.customer)
    .bind(&o.day)
    .bind(&o.due)
    .bind(&t.category)
    .bind(user)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO invoice_lines (id, invoice_id, position, designation, unit, qty_milli, unit_price_minor, \
         discount_bp, vat_bp) VALUES ($1, $2, 1, 'Prestation', 'u', 1000, $3, 0, 0)",
    )
    .bind(format!("{}-1", o.id))
    .bind(o.id)
    .bind(t.net_minor.max(1))
    .execute(&mut *conn)
    .await?;
    let year: i32 = o.day[..4].parse().unwrap_or(2000);
    let (sequence,): (i64,) = sqlx::query_as(
        "INSERT INTO document_counters (series, fiscal_year, last_sequence) VALUES ('invoice', $1, 1) \
         ON CONFLICT (series, fiscal_year) DO UPDATE SET last_sequence = document_counters.last_sequence + 1 \
         RETURNING last_sequence",
    )
    .bind(year)
    .fetch_one(&mut *conn)
    .await?;
    let number = format!("F-{year}-{sequence:05}");
    sqlx::query("INSERT INTO invoice_pdfs (invoice_id, pdf) VALUES ($1, $2)")
        .bind(o.id)
        .bind(&t.pdf)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE invoices SET status = 'issued', series = 'invoice', fiscal_year = $2, sequence = $3, number = $4, \
         net_minor = $5, vat_minor = $6, total_minor = $7, document = $8, pdf_sha256 = $9, verification_id = $10, \
         issued_at = 0, issued_by = $11 WHERE id = $1",
    )
    .bind(o.id)
    .bind(year)
    .bind(sequence)
    .bind(&number)
    .bind(t.net_minor)
    .bind(t.vat_minor)
    .bind(t.total_minor)
    .bind(&t.document)
    .bind(&t.pdf_sha256)
    .bind(&o.verification)
    .bind(user)
    .execute(&mut *conn)
    .await?;
    Ok(number)
}

pub async fn pay<'e>(
    db: impl AnyExecutor<'e>,
    invoice: &str,
    day: &str,
    amount: i64,
    user: &str,
) -> Result<String, sqlx::Error> {
    let id = format!("{invoice}-p");
    sqlx::query(
        "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, stamp_duty_minor, \
         recorded_at, recorded_by) \
         VALUES ($1, $2, (SELECT customer_id FROM invoices WHERE id = $2), $3, $4, 'transfer', 0, 0, $5)",
    )
    .bind(&id)
    .bind(invoice)
    .bind(day)
    .bind(amount)
    .bind(user)
    .execute(db)
    .await?;
    Ok(id)
}
