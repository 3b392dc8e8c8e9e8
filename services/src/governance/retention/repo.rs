//! SQL of retention: what a company holds of each kind by age (from its own database, or from
//! the control database for its sessions and audit log), the batches of a purge, and the purges'
//! progress.

use domain::governance::retention::DataType;
use sqlx::{AnyExecutor, FromRow};

/// Where a kind of data lives and how it is dated.
pub struct Source {
    /// In the control database (filtered by the company's code, `{tenant}` in `from`), else in
    /// the company's own.
    pub control: bool,
    /// Dated by day (`YYYY-MM-DD`), else by epoch milliseconds.
    pub by_day: bool,
    /// `FROM … WHERE …` and the dating column.
    from: &'static str,
    column: &'static str,
}

/// The kinds this product holds; None for the others.
pub fn source(data_type: DataType) -> Option<Source> {
    let (control, by_day, from, column) = match data_type {
        DataType::Invoices => (false, true, "invoices WHERE status = 'issued'", "issue_date"),
        DataType::Payments => (false, true, "invoice_payments WHERE 1 = 1", "paid_on"),
        DataType::StockMovements => (false, false, "stock_movements WHERE kind <> 'receipt'", "at_ms"),
        DataType::Receipts => (false, false, "stock_movements WHERE kind = 'receipt'", "at_ms"),
        DataType::Lots => (false, false, "lots WHERE 1 = 1", "received_at_ms"),
        DataType::SecurityLogs => (false, false, "security_events WHERE 1 = 1", "at_ms"),
        DataType::AuditLogs => (true, false, "audit_events WHERE tenant_code = {tenant}", "at_ms"),
        DataType::SessionTokens => (true, false, "sessions WHERE tenant_code = {tenant}", "expires_at_ms"),
        DataType::Deliveries | DataType::SyncEvents => return None,
    };
    Some(Source { control, by_day, from, column })
}

/// A record's date as stored: epoch milliseconds or `YYYY-MM-DD`.
pub trait Dated:
    for<'r> sqlx::Decode<'r, sqlx::Any>
    + for<'q> sqlx::Encode<'q, sqlx::Any>
    + sqlx::Type<sqlx::Any>
    + Send
    + Unpin
    + 'static
{
}
impl Dated for i64 {}
impl Dated for String {}

/// What a kind holds by age: active from `$1`, past retention before `$2`.
#[derive(Clone, Debug, FromRow)]
pub struct Ages<T> {
    pub active: Option<i64>,
    pub eligible: Option<i64>,
    pub total: i64,
    pub oldest: Option<T>,
    pub newest: Option<T>,
}

/// One pass over the kind's dates (an index of them, for the large ones).
pub async fn ages<'e, T>(
    db: impl AnyExecutor<'e>,
    source: &Source,
    active_from: T,
    eligible_before: T,
    tenant: &str,
) -> Result<Ages<T>, sqlx::Error>
where
    T: Dated,
{
    let c = source.column;
    let sql = format!(
        "SELECT SUM(CASE WHEN {c} >= $1 THEN 1 ELSE 0 END) AS active, SUM(CASE WHEN {c} < $2 THEN 1 ELSE 0 END) AS eligible, \
         COUNT(*) AS total, MIN({c}) AS oldest, MAX({c}) AS newest FROM {}",
        source.from.replace("{tenant}", "$3")
    );
    let query = sqlx::query_as(&sql).bind(active_from).bind(eligible_before);
    let query = if source.control { query.bind(tenant.to_owned()) } else { query };
    query.fetch_one(db).await
}

/// What a purge would delete now: how many, the oldest and the newest.
#[derive(Clone, Debug, FromRow)]
pub struct Eligible<T> {
    pub count: i64,
    pub oldest: Option<T>,
    pub newest: Option<T>,
}

pub async fn eligible<'e, T>(
    db: impl AnyExecutor<'e>,
    source: &Source,
    eligible_before: T,
    tenant: &str,
) -> Result<Eligible<T>, sqlx::Error>
where
    T: Dated,
{
    let c = source.column;
    let sql = format!(
        "SELECT COUNT(*) AS count, MIN({c}) AS oldest, MAX({c}) AS newest FROM {} AND {c} < $1",
        source.from.replace("{tenant}", "$2")
    );
    let query = sqlx::query_as(&sql).bind(eligible_before);
    let query = if source.control { query.bind(tenant.to_owned()) } else { query };
    query.fetch_one(db).await
}

/// Writes `count` sessions of a member that ended at `ended_ms` (what a year of sign-ins leaves
/// behind), in one transaction: for the tests and the benchmark.
pub async fn insert_ended_sessions(
    tx: &mut sqlx::AnyConnection,
    user_id: &str,
    tenant: Option<&str>,
    ended_ms: i64,
    count: usize,
) -> Result<(), sqlx::Error> {
    for _ in 0..count {
        let id = uuid::Uuid::new_v4().simple().to_string();
        sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at_ms, handle, tenant_code) VALUES ($1, $2, '{}', $3, $4, $5)",
        )
        .bind(&id)
        .bind(user_id)
        .bind(ended_ms)
        .bind(&id[..24])
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Deletes up to `limit` of the company's ended sessions that ended before `before_ms`.
pub async fn delete_sessions<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    before_ms: i64,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM sessions WHERE id IN \
         (SELECT id FROM sessions WHERE tenant_code = $1 AND expires_at_ms < $2 LIMIT $3)",
    )
    .bind(tenant)
    .bind(before_ms)
    .bind(limit)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes up to `limit` sessions of any company (or none) that ended before `before_ms`.
pub async fn delete_ended_sessions<'e>(
    db: impl AnyExecutor<'e>,
    before_ms: i64,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at_ms < $1 ORDER BY expires_at_ms LIMIT $2)",
    )
    .bind(before_ms)
    .bind(limit)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes up to `limit` of the oldest security events dated before `before_ms`.
pub async fn delete_security_events<'e>(
    db: impl AnyExecutor<'e>,
    before_ms: i64,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM security_events WHERE id IN (SELECT id FROM security_events WHERE at_ms < $1 ORDER BY at_ms LIMIT $2)",
    )
    .bind(before_ms)
    .bind(limit)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// A purge as stored.
#[derive(Clone, Debug, FromRow)]
pub struct PurgeRow {
    pub id: String,
    pub data_type: String,
    pub status: String,
    pub eligible_before: String,
    pub total: i64,
    pub done: i64,
    pub started_by: String,
    pub started_at_ms: i64,
    pub heartbeat_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub error: Option<String>,
}

const PURGE_COLUMNS: &str = "id, data_type, status, eligible_before, total, done, started_by, started_at_ms, heartbeat_ms, finished_at_ms, error";

pub async fn purges<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<PurgeRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {PURGE_COLUMNS} FROM retention_purges ORDER BY started_at_ms DESC, id LIMIT $1"))
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn purge<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<PurgeRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {PURGE_COLUMNS} FROM retention_purges WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The running purge whose batches still beat after `alive_since_ms`, if any.
pub async fn running<'e>(db: impl AnyExecutor<'e>, alive_since_ms: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM retention_purges WHERE status = 'running' AND heartbeat_ms >= $1")
        .bind(alive_since_ms)
        .fetch_optional(db)
        .await
}

/// Ends as failed a running purge whose server stopped (no batch since `alive_since_ms`).
pub async fn end_interrupted<'e>(
    db: impl AnyExecutor<'e>,
    alive_since_ms: i64,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE retention_purges SET status = 'failed', error = 'retention-purge-interrupted', finished_at_ms = $1 \
         WHERE status = 'running' AND heartbeat_ms < $2",
    )
    .bind(now_ms)
    .bind(alive_since_ms)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert_purge<'e>(db: impl AnyExecutor<'e>, p: &PurgeRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO retention_purges (id, data_type, status, eligible_before, total, done, started_by, started_at_ms, \
         heartbeat_ms) VALUES ($1, $2, 'running', $3, $4, 0, $5, $6, $6)",
    )
    .bind(&p.id)
    .bind(&p.data_type)
    .bind(&p.eligible_before)
    .bind(p.total)
    .bind(&p.started_by)
    .bind(p.started_at_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a batch's deleted rows.
pub async fn advance<'e>(db: impl AnyExecutor<'e>, id: &str, deleted: i64, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE retention_purges SET done = done + $1, heartbeat_ms = $2 WHERE id = $3")
        .bind(deleted)
        .bind(now_ms)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn finish<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    error: Option<&str>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let status = if error.is_some() { "failed" } else { "done" };
    sqlx::query(
        "UPDATE retention_purges SET status = $1, error = $2, finished_at_ms = $3, heartbeat_ms = $3 \
         WHERE id = $4 AND status = 'running'",
    )
    .bind(status)
    .bind(error)
    .bind(now_ms)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
