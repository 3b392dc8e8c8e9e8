//! SQL of the emergency modes: the platform's (scope `*`) and each company's.

use sqlx::{AnyExecutor, FromRow};

/// The scope of the whole platform (never a company code).
pub const PLATFORM: &str = "*";

#[derive(Clone, Debug, FromRow)]
pub struct ModeRow {
    pub mode: String,
    pub reason: String,
    pub set_by: String,
    pub set_at_ms: i64,
}

pub async fn mode<'e>(db: impl AnyExecutor<'e>, scope: &str) -> Result<Option<ModeRow>, sqlx::Error> {
    sqlx::query_as("SELECT mode, reason, set_by, set_at_ms FROM emergency_modes WHERE scope = $1")
        .bind(scope)
        .fetch_optional(db)
        .await
}

pub async fn set_mode<'e>(db: impl AnyExecutor<'e>, scope: &str, row: &ModeRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO emergency_modes (scope, mode, reason, set_by, set_at_ms) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (scope) DO UPDATE SET mode = excluded.mode, reason = excluded.reason, \
         set_by = excluded.set_by, set_at_ms = excluded.set_at_ms",
    )
    .bind(scope)
    .bind(&row.mode)
    .bind(&row.reason)
    .bind(&row.set_by)
    .bind(row.set_at_ms)
    .execute(db)
    .await?;
    Ok(())
}
