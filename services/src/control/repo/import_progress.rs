//! SQL of the stock imports running or just finished (`import_progress`), which every app server
//! on the control database reads.

use sqlx::{AnyExecutor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ImportProgressRow {
    pub id: String,
    pub tenant: String,
    pub user_id: String,
    pub kind: String,
    pub file_name: String,
    pub phase: String,
    pub total: i64,
    pub done: i64,
    /// The outcome as JSON, once done.
    pub outcome: Option<String>,
    pub started_at_ms: i64,
    pub updated_at_ms: i64,
}

pub async fn insert_import_progress<'e>(db: impl AnyExecutor<'e>, row: &ImportProgressRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO import_progress \
         (id, tenant, user_id, kind, file_name, phase, total, done, outcome, started_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&row.id)
    .bind(&row.tenant)
    .bind(&row.user_id)
    .bind(&row.kind)
    .bind(&row.file_name)
    .bind(&row.phase)
    .bind(row.total)
    .bind(row.done)
    .bind(&row.outcome)
    .bind(row.started_at_ms)
    .bind(row.updated_at_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// The phase and counts of a running import; `outcome` once it is done.
pub async fn update_import_progress<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    (phase, total, done): (&str, i64, i64),
    outcome: Option<&str>,
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE import_progress SET phase = $2, total = $3, done = $4, outcome = $5, updated_at_ms = $6 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(phase)
    .bind(total)
    .bind(done)
    .bind(outcome)
    .bind(at_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// An import of this company, if it is still kept.
pub async fn import_progress<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    tenant: &str,
) -> Result<Option<ImportProgressRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM import_progress WHERE id = $1 AND tenant = $2")
        .bind(id)
        .bind(tenant)
        .fetch_optional(db)
        .await
}

/// Forgets the imports unchanged since `before_ms`; returns how many.
pub async fn forget_import_progress<'e>(db: impl AnyExecutor<'e>, before_ms: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM import_progress WHERE updated_at_ms < $1")
        .bind(before_ms)
        .execute(db)
        .await?
        .rows_affected())
}
