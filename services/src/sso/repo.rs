//! SQL of single sign-on.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ProviderRow {
    pub id: String,
    pub tenant_code: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret_sealed: String,
    pub created_at_ms: i64,
}

const COLUMNS: &str = "id, tenant_code, label, issuer, client_id, client_secret_sealed, created_at_ms";

pub async fn insert<'e>(db: impl AnyExecutor<'e>, p: &ProviderRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("INSERT INTO identity_providers ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&p.id)
        .bind(&p.tenant_code)
        .bind(&p.label)
        .bind(&p.issuer)
        .bind(&p.client_id)
        .bind(&p.client_secret_sealed)
        .bind(p.created_at_ms)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<ProviderRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM identity_providers WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub async fn of_tenant<'e>(db: impl AnyExecutor<'e>, tenant: &str) -> Result<Vec<ProviderRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM identity_providers WHERE tenant_code = $1 ORDER BY label"))
        .bind(tenant)
        .fetch_all(db)
        .await
}

pub async fn all<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<ProviderRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM identity_providers ORDER BY tenant_code, label")).fetch_all(db).await
}

pub async fn delete<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM identity_providers WHERE id = $1").bind(id).execute(db).await?.rows_affected())
}

pub async fn identity<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    issuer: &str,
    subject: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT user_id FROM sso_identities WHERE tenant_code = $1 AND issuer = $2 AND subject = $3")
            .bind(tenant)
            .bind(issuer)
            .bind(subject)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn link<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    issuer: &str,
    subject: &str,
    user_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sso_identities (tenant_code, issuer, subject, user_id, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant)
    .bind(issuer)
    .bind(subject)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// (link by verified e-mail, create accounts, default role); the defaults when unset.
pub async fn settings<'e>(db: impl AnyExecutor<'e>, tenant: &str) -> Result<(bool, bool, String), sqlx::Error> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT sso_link_by_email, sso_create_accounts, sso_default_role FROM tenant_security WHERE tenant_code = $1",
    )
    .bind(tenant)
    .fetch_optional(db)
    .await?;
    Ok(row.map_or((false, false, "technician".to_owned()), |(l, c, r)| (l != 0, c != 0, r)))
}

pub async fn set_settings<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    link: bool,
    create: bool,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tenant_security (tenant_code, sso_link_by_email, sso_create_accounts, sso_default_role) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_code) DO UPDATE SET sso_link_by_email = excluded.sso_link_by_email, \
         sso_create_accounts = excluded.sso_create_accounts, sso_default_role = excluded.sso_default_role",
    )
    .bind(tenant)
    .bind(i64::from(link))
    .bind(i64::from(create))
    .bind(role)
    .execute(db)
    .await?;
    Ok(())
}
