//! SQL of the dashboards: counters kept by triggers (migration 0017), indexed ranges, and the
//! invoicing sums that `invoicing::figures` keeps between the changes of a balance.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct SiteRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub value_minor: i64,
    pub critical: i64,
    pub low: i64,
}

pub async fn sites<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<SiteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.code, s.name, t.value_minor, t.critical, t.low \
         FROM sites s JOIN stock_site_totals t ON t.site_id = s.id ORDER BY s.code",
    )
    .fetch_all(db)
    .await
}

pub async fn mission_states<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT state, missions FROM mission_state_counts").fetch_all(db).await
}

/// How many emergencies wait for a technician, and since when the oldest does.
pub async fn emergencies_waiting<'e>(db: impl AnyExecutor<'e>) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), MIN(created_at) FROM missions \
         WHERE priority = 'emergency' AND state = 'published'",
    )
    .fetch_one(db)
    .await
}

/// Per technician, the minutes recorded from `first` to `last` and those of them approved.
pub async fn hours<'e>(
    db: impl AnyExecutor<'e>,
    first: &str,
    last: &str,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT technician_id, CAST(SUM(minutes) AS BIGINT), \
                CAST(SUM(CASE WHEN status IN ('approved', 'invoiced') THEN minutes ELSE 0 END) AS BIGINT) \
         FROM time_entries WHERE work_date BETWEEN $1 AND $2 GROUP BY technician_id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(db)
    .await
}

/// Invoices issued from `first` to `last`: how many, and their total net of the credit notes
/// issued in the same days.
pub async fn invoiced<'e>(db: impl AnyExecutor<'e>, first: &str, last: &str) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN series = 'invoice' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN series = 'invoice' THEN total_minor ELSE -total_minor END), 0) AS BIGINT) \
         FROM invoices WHERE status = 'issued' AND issue_date BETWEEN $1 AND $2",
    )
    .bind(first)
    .bind(last)
    .fetch_one(db)
    .await
}

/// What is still due, by age: invoices and amounts issued on or after each of the three
/// boundaries (newest first), then before the last one.
pub async fn receivables<'e>(db: impl AnyExecutor<'e>, boundaries: [&str; 3]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT CAST(CASE WHEN issue_date >= $1 THEN 0 WHEN issue_date >= $2 THEN 1 WHEN issue_date >= $3 THEN 2 ELSE 3 END AS BIGINT) AS bucket, \
                CAST(COUNT(*) AS BIGINT), CAST(SUM(total_minor - credited_minor - paid_minor) AS BIGINT) \
         FROM invoice_balances WHERE total_minor - credited_minor - paid_minor > 0 GROUP BY 1",
    )
    .bind(boundaries[0])
    .bind(boundaries[1])
    .bind(boundaries[2])
    .fetch_all(db)
    .await?;
    Ok((0..4).map(|b| rows.iter().find(|r| r.0 == b).map_or((0, 0), |r| (r.1, r.2))).collect())
}

/// Invoices with something due after their due date (before `today`).
pub async fn overdue<'e>(db: impl AnyExecutor<'e>, today: &str) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(total_minor - credited_minor - paid_minor), 0) AS BIGINT) \
         FROM invoice_balances WHERE due_date < $1 AND total_minor - credited_minor - paid_minor > 0",
    )
    .bind(today)
    .fetch_one(db)
    .await
}

/// Payments dated from `first` to `last`: how many, and how much.
pub async fn collected<'e>(db: impl AnyExecutor<'e>, first: &str, last: &str) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) \
         FROM invoice_payments WHERE paid_on BETWEEN $1 AND $2",
    )
    .bind(first)
    .bind(last)
    .fetch_one(db)
    .await
}

pub async fn open_alerts<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT severity, CAST(SUM(open_count) AS BIGINT) FROM open_alert_counts GROUP BY severity")
        .fetch_all(db)
        .await
}

pub async fn security_events<'e>(db: impl AnyExecutor<'e>, since_ms: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT severity, CAST(COUNT(*) AS BIGINT) FROM security_events WHERE at_ms >= $1 GROUP BY severity")
        .bind(since_ms)
        .fetch_all(db)
        .await
}

/// Control database: failed passwords and second-factor codes of the company's members (or
/// within the company) from `start_ms` until before `end_ms`.
pub async fn sign_in_failures<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    start_ms: i64,
    end_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events a \
         WHERE a.kind IN ('login-failed', 'second-factor-failed') AND a.at_ms >= $2 AND a.at_ms < $3 \
           AND (a.tenant_code = $1 OR (a.tenant_code IS NULL AND a.user_id IN \
                    (SELECT user_id FROM memberships WHERE tenant_code = $1)))",
    )
    .bind(tenant)
    .bind(start_ms)
    .bind(end_ms)
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// Control database: members whose account is locked at `now_ms`.
pub async fn locked_accounts<'e>(db: impl AnyExecutor<'e>, tenant: &str, now_ms: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE m.tenant_code = $1 AND u.locked_until_ms > $2",
    )
    .bind(tenant)
    .bind(now_ms)
    .fetch_one(db)
    .await?;
    Ok(count)
}
