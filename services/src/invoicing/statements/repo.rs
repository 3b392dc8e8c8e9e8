//! SQL of statements: a customer's issued documents and payments, as movements.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct MovementRow {
    pub day: String,
    pub kind: String,
    pub document_id: String,
    pub number: String,
    pub method: Option<String>,
    pub reference: Option<String>,
    pub amount_minor: i64,
}

/// The customer's `limit` newest movements: invoices (from their balances), credit notes and
/// payments, each read newest first through its own index and no further than `limit`.
pub async fn newest_movements<'e>(
    db: impl AnyExecutor<'e>,
    customer: &str,
    limit: i64,
) -> Result<Vec<MovementRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT * FROM ( \
           SELECT * FROM (SELECT issue_date AS day, 'invoice' AS kind, invoice_id AS document_id, number, \
                  CAST(NULL AS TEXT) AS method, CAST(NULL AS TEXT) AS reference, total_minor AS amount_minor \
                  FROM invoice_balances WHERE customer_id = $1 ORDER BY issue_date DESC, number DESC LIMIT {limit}) i \
           UNION ALL \
           SELECT * FROM (SELECT issue_date, 'credit-note', id, number, CAST(NULL AS TEXT), CAST(NULL AS TEXT), \
                  total_minor FROM invoices WHERE customer_id = $1 AND series = 'credit-note' AND status = 'issued' \
                  ORDER BY issue_date DESC LIMIT {limit}) n \
           UNION ALL \
           SELECT * FROM (SELECT p.paid_on, 'payment', p.invoice_id, b.number, p.method, p.reference, p.amount_minor \
                  FROM invoice_payments p JOIN invoice_balances b ON b.invoice_id = p.invoice_id \
                  WHERE p.customer_id = $1 ORDER BY p.paid_on DESC LIMIT {limit}) p \
         ) m ORDER BY day DESC, number DESC LIMIT {limit}"
    ))
    .bind(customer)
    .fetch_all(db)
    .await
}

/// What the customer was invoiced, credited and paid, all told.
pub async fn sums<'e>(db: impl AnyExecutor<'e>, customer: &str) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT), CAST(COALESCE(SUM(credited_minor), 0) AS BIGINT), \
         CAST(COALESCE(SUM(paid_minor), 0) AS BIGINT) FROM invoice_balances WHERE customer_id = $1",
    )
    .bind(customer)
    .fetch_one(db)
    .await
}

/// What is owed on the customer's invoices past their due date.
pub async fn overdue<'e>(db: impl AnyExecutor<'e>, customer: &str, today: &str) -> Result<i64, sqlx::Error> {
    let (sum,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(total_minor - credited_minor - paid_minor), 0) AS BIGINT) FROM invoice_balances \
         WHERE customer_id = $1 AND due_date < $2 AND total_minor - credited_minor - paid_minor > 0",
    )
    .bind(customer)
    .bind(today)
    .fetch_one(db)
    .await?;
    Ok(sum)
}
