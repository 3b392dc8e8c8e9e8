//! SQL of second factors and recovery codes.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct TotpRow {
    pub secret_sealed: String,
    pub confirmed_at_ms: Option<i64>,
    pub last_step: Option<i64>,
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<Option<TotpRow>, sqlx::Error> {
    sqlx::query_as("SELECT secret_sealed, confirmed_at_ms, last_step FROM totp_secrets WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await
}

/// Starts (or restarts) an enrolment; never touches a confirmed second factor.
pub async fn put_pending<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    sealed: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO totp_secrets (user_id, secret_sealed, confirmed_at_ms, last_step, created_at_ms) \
         VALUES ($1, $2, NULL, NULL, $3) \
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, created_at_ms = excluded.created_at_ms \
         WHERE totp_secrets.confirmed_at_ms IS NULL",
    )
    .bind(user_id)
    .bind(sealed)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn confirm<'e>(db: impl AnyExecutor<'e>, user_id: &str, step: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE totp_secrets SET confirmed_at_ms = $1, last_step = $2 WHERE user_id = $3 AND confirmed_at_ms IS NULL",
    )
    .bind(now)
    .bind(step)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A15: accepts `step` only if it is later than every step accepted before, in one conditional
/// update; of two racing requests with the same code exactly one changes the row.
pub async fn advance_step<'e>(db: impl AnyExecutor<'e>, user_id: &str, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE totp_secrets SET last_step = $1 \
         WHERE user_id = $2 AND confirmed_at_ms IS NOT NULL AND (last_step IS NULL OR last_step < $1)",
    )
    .bind(step)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM totp_secrets WHERE user_id = $1").bind(user_id).execute(db).await?.rows_affected())
}

pub async fn delete_recovery_codes<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn insert_recovery_code<'e>(db: impl AnyExecutor<'e>, user_id: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO recovery_codes (user_id, code_hash, used_at_ms) VALUES ($1, $2, NULL)")
        .bind(user_id)
        .bind(hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Spends a recovery code: true for exactly one caller, even when raced (A17).
pub async fn use_recovery_code<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_at_ms = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at_ms IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(hash)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count_unused_codes<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at_ms IS NULL")
        .bind(user_id)
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// The roles that must use a second factor in each of the user's companies.
pub async fn required_roles_of<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.role, s.mfa_roles FROM memberships m JOIN tenant_security s ON s.tenant_code = m.tenant_code \
         JOIN tenants t ON t.code = m.tenant_code WHERE m.user_id = $1 AND t.status = 'active'",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}
