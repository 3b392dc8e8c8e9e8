//! SQL of the KPI exports: one month's figures at a time, over the records' own dates. Instants
//! are bounded by `[start_ms, end_ms)` (the month's midnights in the company's time zone), days
//! by `[first, last]` (`YYYY-MM-DD`).

use sqlx::AnyExecutor;

async fn one<'e>(db: impl AnyExecutor<'e>, sql: &str, binds: &[&Bind<'_>]) -> Result<i64, sqlx::Error> {
    let mut query = sqlx::query_as::<_, (i64,)>(sql);
    for bind in binds {
        query = match bind {
            Bind::Ms(ms) => query.bind(*ms),
            Bind::Day(day) => query.bind(*day),
        };
    }
    Ok(query.fetch_one(db).await?.0)
}

/// A value bound to a query: an instant or a day.
pub enum Bind<'a> {
    Ms(i64),
    Day(&'a str),
}

/// The stock's value at an instant: every movement before it (levels are their sum).
pub async fn stock_value_before<'e>(db: impl AnyExecutor<'e>, end_ms: i64) -> Result<i64, sqlx::Error> {
    one(
        db,
        "SELECT CAST(COALESCE(SUM(value_minor), 0) AS BIGINT) FROM stock_movements WHERE at_ms < $1",
        &[&Bind::Ms(end_ms)],
    )
    .await
}

pub async fn missions_created<'e>(db: impl AnyExecutor<'e>, start_ms: i64, end_ms: i64) -> Result<i64, sqlx::Error> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM missions WHERE created_at >= $1 AND created_at < $2";
    one(db, sql, &[&Bind::Ms(start_ms), &Bind::Ms(end_ms)]).await
}

/// Missions that reached `done` in the month (each step is in their history).
pub async fn missions_done<'e>(db: impl AnyExecutor<'e>, start_ms: i64, end_ms: i64) -> Result<i64, sqlx::Error> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM mission_history \
               WHERE to_state = 'done' AND at_ms >= $1 AND at_ms < $2";
    one(db, sql, &[&Bind::Ms(start_ms), &Bind::Ms(end_ms)]).await
}

/// Emergencies recorded in the month, and the milliseconds their technicians took to accept
/// them on average (None when none was accepted).
pub async fn emergencies<'e>(
    db: impl AnyExecutor<'e>,
    start_ms: i64,
    end_ms: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(AVG(accepted - created_at) AS BIGINT) FROM \
           (SELECT m.created_at, (SELECT MIN(h.at_ms) FROM mission_history h \
                                   WHERE h.mission_id = m.id AND h.to_state = 'assigned') AS accepted \
              FROM missions m WHERE m.priority = 'emergency' AND m.created_at >= $1 AND m.created_at < $2) e",
    )
    .bind(start_ms)
    .bind(end_ms)
    .fetch_one(db)
    .await
}

/// Minutes recorded on the month's days, and those approved (or invoiced).
pub async fn hours<'e>(db: impl AnyExecutor<'e>, first: &str, last: &str) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN status IN ('approved', 'invoiced') THEN minutes ELSE 0 END), 0) AS BIGINT) \
         FROM time_entries WHERE work_date BETWEEN $1 AND $2",
    )
    .bind(first)
    .bind(last)
    .fetch_one(db)
    .await
}

/// Credit notes issued on the month's days.
pub async fn credit_notes<'e>(db: impl AnyExecutor<'e>, first: &str, last: &str) -> Result<i64, sqlx::Error> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM invoices \
               WHERE status = 'issued' AND series = 'credit-note' AND issue_date BETWEEN $1 AND $2";
    one(db, sql, &[&Bind::Day(first), &Bind::Day(last)]).await
}

/// What the customers owed at the end of `last`: invoices issued by then, less the credit notes
/// issued and the payments dated by then. With `overdue`, only the invoices already due.
pub async fn owed_at<'e>(db: impl AnyExecutor<'e>, last: &str, overdue: bool) -> Result<i64, sqlx::Error> {
    // An invoice is overdue the day after its due date.
    let due = if overdue { "o.due_date < $1" } else { "1 = 1" };
    let sql = format!(
        "SELECT CAST( \
           (SELECT COALESCE(SUM(o.total_minor), 0) FROM invoices o \
             WHERE o.status = 'issued' AND o.series = 'invoice' AND o.issue_date <= $1 AND {due}) \
         - (SELECT COALESCE(SUM(c.total_minor), 0) FROM invoices c JOIN invoices o ON o.id = c.credited_invoice_id \
             WHERE c.status = 'issued' AND c.issue_date <= $1 AND {due}) \
         - (SELECT COALESCE(SUM(p.amount_minor), 0) FROM invoice_payments p JOIN invoices o ON o.id = p.invoice_id \
             WHERE p.paid_on <= $1 AND {due}) AS BIGINT)"
    );
    one(db, &sql, &[&Bind::Day(last)]).await
}

/// Alerts opened in the month: all of them, and the critical ones.
pub async fn alerts_opened<'e>(
    db: impl AnyExecutor<'e>,
    start_ms: i64,
    end_ms: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN severity = 'CRITICAL' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM alerts WHERE opened_at_ms >= $1 AND opened_at_ms < $2",
    )
    .bind(start_ms)
    .bind(end_ms)
    .fetch_one(db)
    .await
}

pub async fn security_events<'e>(db: impl AnyExecutor<'e>, start_ms: i64, end_ms: i64) -> Result<i64, sqlx::Error> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) FROM security_events WHERE at_ms >= $1 AND at_ms < $2";
    one(db, sql, &[&Bind::Ms(start_ms), &Bind::Ms(end_ms)]).await
}
