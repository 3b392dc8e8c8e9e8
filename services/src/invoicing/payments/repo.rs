//! SQL of payments: appended, never changed (migration 0010's triggers keep them so and move
//! the invoice's balance).

use sqlx::{AnyExecutor, FromRow};

pub struct NewPayment<'a> {
    pub id: &'a str,
    pub invoice: &'a str,
    pub paid_on: String,
    pub amount_minor: i64,
    pub method: &'a str,
    pub reference: Option<&'a str>,
    pub stamp_duty_minor: i64,
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, p: &NewPayment<'_>, user: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, reference, \
         stamp_duty_minor, recorded_at, recorded_by) \
         VALUES ($1, $2, (SELECT customer_id FROM invoice_balances WHERE invoice_id = $2), $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(p.id)
    .bind(p.invoice)
    .bind(&p.paid_on)
    .bind(p.amount_minor)
    .bind(p.method)
    .bind(p.reference)
    .bind(p.stamp_duty_minor)
    .bind(now)
    .bind(user)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub paid_on: String,
    pub amount_minor: i64,
    pub method: String,
    pub reference: Option<String>,
    pub stamp_duty_minor: i64,
    pub recorded_at: i64,
}

pub async fn of_invoice<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Vec<PaymentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, paid_on, amount_minor, method, reference, stamp_duty_minor, recorded_at FROM invoice_payments \
         WHERE invoice_id = $1 ORDER BY paid_on, recorded_at, id",
    )
    .bind(invoice)
    .fetch_all(db)
    .await
}
