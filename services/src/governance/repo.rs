//! SQL of the governance state of a company database.

use sqlx::{AnyExecutor, FromRow};

pub async fn flag<'e>(db: impl AnyExecutor<'e>, name: &str) -> Result<Option<bool>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT enabled FROM feature_flags WHERE name = $1").bind(name).fetch_optional(db).await?;
    Ok(row.map(|(on,)| on == 1))
}

pub async fn flags<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, bool)>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT name, enabled FROM feature_flags ORDER BY name").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(name, on)| (name, on == 1)).collect())
}

pub async fn set_flag<'e>(
    db: impl AnyExecutor<'e>,
    name: &str,
    on: bool,
    by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO feature_flags (name, enabled, updated_at_ms, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET enabled = $2, updated_at_ms = $3, updated_by = $4",
    )
    .bind(name)
    .bind(i64::from(on))
    .bind(now_ms)
    .bind(by)
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
