//! SQL of the REST API's tokens, in the control database.

use sqlx::{AnyExecutor, FromRow};

/// A token as its check reads it (its hash, never the token).
#[derive(Clone, Debug, FromRow)]
pub struct TokenRow {
    pub id: String,
    pub tenant_code: String,
    pub scope: String,
    pub secret_sha256: String,
    pub created_by: String,
    pub expires_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    pub last_used_at_ms: Option<i64>,
}

const COLUMNS: &str =
    "id, tenant_code, scope, secret_sha256, created_by, expires_at_ms, revoked_at_ms, last_used_at_ms";

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<TokenRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM api_tokens WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// A company's token as its console lists it, with who created and who revoked it.
#[derive(Clone, Debug, FromRow)]
pub struct ListedRow {
    pub id: String,
    pub name: String,
    pub scope: String,
    pub created_by: String,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    pub revoked_by: Option<String>,
    pub last_used_at_ms: Option<i64>,
}

/// The company's tokens, newest first (at most `limit`).
pub async fn of_tenant<'e>(db: impl AnyExecutor<'e>, tenant: &str, limit: i64) -> Result<Vec<ListedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.name, t.scope, c.email AS created_by, t.created_at_ms, t.expires_at_ms, t.revoked_at_ms, \
                r.email AS revoked_by, t.last_used_at_ms \
         FROM api_tokens t JOIN users c ON c.id = t.created_by LEFT JOIN users r ON r.id = t.revoked_by \
         WHERE t.tenant_code = $1 ORDER BY t.created_at_ms DESC, t.id LIMIT $2",
    )
    .bind(tenant)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn count_active<'e>(db: impl AnyExecutor<'e>, tenant: &str, now_ms: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE tenant_code = $1 AND revoked_at_ms IS NULL AND expires_at_ms > $2",
    )
    .bind(tenant)
    .bind(now_ms)
    .fetch_one(db)
    .await
}

pub struct NewRow<'a> {
    pub id: &'a str,
    pub tenant_code: &'a str,
    pub name: &'a str,
    pub scope: &'a str,
    pub secret_sha256: &'a str,
    pub created_by: &'a str,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, row: &NewRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO api_tokens (id, tenant_code, name, scope, secret_sha256, created_by, created_at_ms, \
                                 expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(row.id)
    .bind(row.tenant_code)
    .bind(row.name)
    .bind(row.scope)
    .bind(row.secret_sha256)
    .bind(row.created_by)
    .bind(row.created_at_ms)
    .bind(row.expires_at_ms)
    .execute(db)
    .await
    .map(|_| ())
}

/// Revokes one of the company's tokens not revoked yet; false when there is none.
pub async fn revoke<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    id: &str,
    by: &str,
    at_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at_ms = $1, revoked_by = $2 \
         WHERE id = $3 AND tenant_code = $4 AND revoked_at_ms IS NULL",
    )
    .bind(at_ms)
    .bind(by)
    .bind(id)
    .bind(tenant)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the company has this token (revoked or not).
pub async fn exists<'e>(db: impl AnyExecutor<'e>, tenant: &str, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM api_tokens WHERE id = $1 AND tenant_code = $2")
        .bind(id)
        .bind(tenant)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// Notes a use, unless one was noted since `since_ms`.
pub async fn touch<'e>(db: impl AnyExecutor<'e>, id: &str, at_ms: i64, since_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_tokens SET last_used_at_ms = $1 WHERE id = $2 AND (last_used_at_ms IS NULL OR last_used_at_ms < $3)")
        .bind(at_ms)
        .bind(id)
        .bind(since_ms)
        .execute(db)
        .await
        .map(|_| ())
}
