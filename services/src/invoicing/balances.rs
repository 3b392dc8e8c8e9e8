//! SQL of invoice balances: what an issued invoice amounts to, what its credit notes took back
//! and what payments settled. Only the triggers of migration 0010 move a balance; payments
//! and credit notes hold its row first, so that two of them on one invoice are checked one
//! after the other.

use domain::invoicing::payment::Balance;
use sqlx::{AnyExecutor, FromRow};

use super::drafts::day;
use crate::AppResult;

#[derive(Clone, Debug, FromRow)]
pub struct BalanceRow {
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub total_minor: i64,
    pub credited_minor: i64,
    pub paid_minor: i64,
}

impl BalanceRow {
    pub fn balance(&self) -> AppResult<Balance> {
        Ok(Balance {
            total_minor: self.total_minor,
            credited_minor: self.credited_minor,
            paid_minor: self.paid_minor,
            due_date: day("invoice_balances.due_date", &self.due_date)?,
        })
    }
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Option<BalanceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT number, issue_date, due_date, total_minor, credited_minor, paid_minor FROM invoice_balances \
         WHERE invoice_id = $1",
    )
    .bind(invoice)
    .fetch_optional(db)
    .await
}

/// Takes the balance's row until the transaction ends (SQLite's write lock holds it already;
/// on PostgreSQL this waits for another payment or credit note of the same invoice). The
/// update changes nothing, which its guard trigger accepts. False: no such issued invoice.
pub async fn hold<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE invoice_balances SET paid_minor = paid_minor WHERE invoice_id = $1")
        .bind(invoice)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}
