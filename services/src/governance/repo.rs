//! SQL of the governance state of a company database.

use sqlx::{AnyExecutor, FromRow};

/// A flag's stored settings.
#[derive(Clone, Debug, FromRow)]
pub struct FlagRow {
    pub name: String,
    pub enabled: i64,
    pub rollout_pct: i64,
    pub roles: Option<String>,
    pub killed_reason: Option<String>,
    pub killed_by: Option<String>,
    pub killed_at_ms: Option<i64>,
}

const FLAG_COLUMNS: &str = "name, enabled, rollout_pct, roles, killed_reason, killed_by, killed_at_ms";

pub async fn flag<'e>(db: impl AnyExecutor<'e>, name: &str) -> Result<Option<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {FLAG_COLUMNS} FROM feature_flags WHERE name = $1"))
        .bind(name)
        .fetch_optional(db)
        .await
}

pub async fn flags<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {FLAG_COLUMNS} FROM feature_flags ORDER BY name")).fetch_all(db).await
}

/// A flag's settings as changed: on or off, its rollout and roles (the kill switch apart).
pub struct FlagUpdate<'a> {
    pub name: &'a str,
    pub enabled: bool,
    pub rollout_pct: i64,
    pub roles: Option<&'a str>,
    pub by: &'a str,
    pub at_ms: i64,
}

pub async fn set_flag<'e>(db: impl AnyExecutor<'e>, u: &FlagUpdate<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO feature_flags (name, enabled, rollout_pct, roles, updated_at_ms, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO UPDATE SET enabled = $2, rollout_pct = $3, \
         roles = $4, updated_at_ms = $5, updated_by = $6",
    )
    .bind(u.name)
    .bind(i64::from(u.enabled))
    .bind(u.rollout_pct)
    .bind(u.roles)
    .bind(u.at_ms)
    .bind(u.by)
    .execute(db)
    .await?;
    Ok(())
}

/// Throws a flag's kill switch (a reason) or releases it (none).
pub async fn set_kill<'e>(
    db: impl AnyExecutor<'e>,
    name: &str,
    reason: Option<&str>,
    by: &str,
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    let (killed_by, killed_at) = match reason {
        Some(_) => (Some(by), Some(at_ms)),
        None => (None, None),
    };
    sqlx::query(
        "INSERT INTO feature_flags (name, enabled, updated_at_ms, updated_by, killed_reason, killed_by, killed_at_ms) \
         VALUES ($1, 0, $2, $3, $4, $5, $6) ON CONFLICT (name) DO UPDATE SET updated_at_ms = $2, updated_by = $3, \
         killed_reason = $4, killed_by = $5, killed_at_ms = $6",
    )
    .bind(name)
    .bind(at_ms)
    .bind(by)
    .bind(reason)
    .bind(killed_by)
    .bind(killed_at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_threshold<'e>(
    db: impl AnyExecutor<'e>,
    name: &str,
    value: i64,
    by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO thresholds (name, value, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET value = $2, updated_at_ms = $3, updated_by = $4",
    )
    .bind(name)
    .bind(value)
    .bind(now_ms)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn thresholds<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT name, value FROM thresholds").fetch_all(db).await
}

/// A security event about a stock level.
pub struct NewStockEvent<'a> {
    pub at_ms: i64,
    pub kind: &'a str,
    pub user_id: &'a str,
    pub operation_id: &'a str,
    pub article_id: &'a str,
    pub site_id: &'a str,
    pub before_milli: i64,
    pub after_milli: i64,
}

pub async fn insert_warning<'e>(db: impl AnyExecutor<'e>, e: &NewStockEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO security_events (at_ms, severity, kind, user_id, operation_id, article_id, site_id, \
         qty_before_milli, qty_after_milli) VALUES ($1, 'WARNING', $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.at_ms)
    .bind(e.kind)
    .bind(e.user_id)
    .bind(e.operation_id)
    .bind(e.article_id)
    .bind(e.site_id)
    .bind(e.before_milli)
    .bind(e.after_milli)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct SecurityEventRow {
    pub id: i64,
    pub at_ms: i64,
    pub severity: String,
    pub kind: String,
    pub user_id: Option<String>,
    pub article_id: Option<String>,
    pub article_code: Option<String>,
    pub site_code: Option<String>,
    pub qty_before_milli: Option<i64>,
    pub qty_after_milli: Option<i64>,
}

/// Events of the given kinds (at most two), newest first, older than `before_id`.
pub async fn events<'e>(
    db: impl AnyExecutor<'e>,
    kinds: &[&str; 2],
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<SecurityEventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.at_ms, e.severity, e.kind, e.user_id, e.article_id, a.code AS article_code, \
                s.code AS site_code, e.qty_before_milli, e.qty_after_milli \
         FROM security_events e LEFT JOIN articles a ON a.id = e.article_id LEFT JOIN sites s ON s.id = e.site_id \
         WHERE e.kind IN ($1, $2) AND ($3 IS NULL OR e.id < $3) ORDER BY e.id DESC LIMIT $4",
    )
    .bind(kinds[0])
    .bind(kinds[1])
    .bind(before_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The user's admin actions (`bulk` false) or bulk operations (true) after `since_ms`.
pub async fn limited_since<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    bulk: bool,
    since_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM rate_limited_actions \
         WHERE user_id = $1 AND at_ms > $2 AND ((kind <> 'admin-action') = ($3 = 1))",
    )
    .bind(user_id)
    .bind(since_ms)
    .bind(i64::from(bulk))
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// Forgets what a user did before `before_ms` (past every limit's window).
pub async fn forget_limited<'e>(db: impl AnyExecutor<'e>, user_id: &str, before_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limited_actions WHERE user_id = $1 AND at_ms < $2")
        .bind(user_id)
        .bind(before_ms)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn record_limited<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    kind: &str,
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO rate_limited_actions (at_ms, user_id, kind) VALUES ($1, $2, $3)")
        .bind(at_ms)
        .bind(user_id)
        .bind(kind)
        .execute(db)
        .await?;
    Ok(())
}

/// The stock anomalies (security events) recorded since `since_ms`.
pub async fn security_events_since<'e>(db: impl AnyExecutor<'e>, since_ms: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("SELECT CAST(COUNT(*) AS BIGINT) FROM security_events WHERE at_ms >= $1")
        .bind(since_ms)
        .fetch_one(db)
        .await?;
    Ok(count)
}
