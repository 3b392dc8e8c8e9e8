//! SQL of verification: the control database's index of issued documents, and the document
//! in its company's database.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct Entry {
    pub verification_id: String,
    pub sha256: String,
    pub tenant_code: String,
}

pub async fn insert<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    sha256: &str,
    tenant: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO issued_documents (verification_id, sha256, tenant_code, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(sha256)
    .bind(tenant)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn by_id<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<Entry>, sqlx::Error> {
    sqlx::query_as("SELECT verification_id, sha256, tenant_code FROM issued_documents WHERE verification_id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every entry with this hash (one, unless a rolled-back issue left its entry behind).
pub async fn by_hash<'e>(db: impl AnyExecutor<'e>, sha256: &str) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as("SELECT verification_id, sha256, tenant_code FROM issued_documents WHERE sha256 = $1 LIMIT 10")
        .bind(sha256)
        .fetch_all(db)
        .await
}

/// The issued document with this verification id and file hash, as JSON.
pub async fn issued_document<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    sha256: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT document FROM invoices WHERE verification_id = $1 AND pdf_sha256 = $2 AND status = 'issued'",
    )
    .bind(id)
    .bind(sha256)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(d,)| d))
}
