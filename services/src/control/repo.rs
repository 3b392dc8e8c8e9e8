//! SQL of the control database.

pub mod company_rows;
mod import_progress;
pub mod modes;
mod scope;
mod sign_in;

pub use import_progress::*;
pub use scope::{ScopeRow, scope_row};
pub use sign_in::*;

use domain::TenantCode;
use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct TenantRecord {
    pub code: String,
    pub name: String,
    pub country: String,
    pub currency: String,
    pub timezone: String,
    pub status: String,
    pub suspended_reason: Option<String>,
    pub db_backend: String,
    pub db_location: String,
    pub created_at_ms: i64,
    /// The company's emergency mode and its reason (none: normal), then the platform's.
    pub mode: Option<String>,
    pub mode_reason: Option<String>,
    pub platform_mode: Option<String>,
    pub platform_mode_reason: Option<String>,
}

impl TenantRecord {
    pub fn is_active(&self) -> bool {
        self.status == domain::TenantStatus::Active.as_str()
    }
}

#[derive(Clone, Debug, FromRow)]
pub struct UserRecord {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    #[sqlx(try_from = "i64")]
    pub is_demo: bool,
    pub disabled_at_ms: Option<i64>,
    pub last_login_ms: Option<i64>,
    pub previous_login_ms: Option<i64>,
    pub created_at_ms: i64,
    pub locked_until_ms: Option<i64>,
}

/// A user's membership, with what the tenant picker needs to show about the tenant.
#[derive(Clone, Debug, FromRow)]
pub struct MembershipRecord {
    pub tenant_code: String,
    pub tenant_name: String,
    pub role: String,
    pub tenant_status: String,
    pub suspended_reason: Option<String>,
    /// The company's emergency mode and its reason (none: normal), then the platform's.
    pub mode: Option<String>,
    pub mode_reason: Option<String>,
    pub platform_mode: Option<String>,
    pub platform_mode_reason: Option<String>,
}

const TENANT_COLUMNS: &str =
    "code, name, country, currency, timezone, status, suspended_reason, db_backend, db_location, created_at_ms";
/// The company's mode and the platform's, beside the company's row (`t`).
const MODES_JOIN: &str =
    "LEFT JOIN emergency_modes cm ON cm.scope = t.code LEFT JOIN emergency_modes pm ON pm.scope = '*'";
const MODES_COLUMNS: &str =
    "cm.mode AS mode, cm.reason AS mode_reason, pm.mode AS platform_mode, pm.reason AS platform_mode_reason";
const USER_COLUMNS: &str = "id, email, display_name, password_hash, is_demo, disabled_at_ms, last_login_ms, previous_login_ms, created_at_ms, locked_until_ms";

pub async fn insert_tenant<'e>(db: impl AnyExecutor<'e>, t: &TenantRecord) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("INSERT INTO tenants ({TENANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(&t.code)
        .bind(&t.name)
        .bind(&t.country)
        .bind(&t.currency)
        .bind(&t.timezone)
        .bind(&t.status)
        .bind(&t.suspended_reason)
        .bind(&t.db_backend)
        .bind(&t.db_location)
        .bind(t.created_at_ms)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn get_tenant<'e>(db: impl AnyExecutor<'e>, code: &TenantCode) -> Result<Option<TenantRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {TENANT_COLUMNS}, {MODES_COLUMNS} FROM tenants t {MODES_JOIN} WHERE t.code = $1"))
        .bind(code.as_str())
        .fetch_optional(db)
        .await
}

/// Where each company's database lives: (code, backend, location), by code. Only the columns
/// every version has, so an older registry reads too (`migrate --dry-run` before migrating).
pub async fn tenant_locations<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT code, db_backend, db_location FROM tenants ORDER BY code").fetch_all(db).await
}

pub async fn list_tenants<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<TenantRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {TENANT_COLUMNS}, {MODES_COLUMNS} FROM tenants t {MODES_JOIN} ORDER BY t.code"))
        .fetch_all(db)
        .await
}

pub async fn set_tenant_status<'e>(
    db: impl AnyExecutor<'e>,
    code: &TenantCode,
    status: &str,
    reason: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE tenants SET status = $1, suspended_reason = $2 WHERE code = $3")
        .bind(status)
        .bind(reason)
        .bind(code.as_str())
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub async fn insert_user<'e>(db: impl AnyExecutor<'e>, u: &UserRecord) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("INSERT INTO users ({USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(&u.id)
        .bind(&u.email)
        .bind(&u.display_name)
        .bind(&u.password_hash)
        .bind(i64::from(u.is_demo))
        .bind(u.disabled_at_ms)
        .bind(u.last_login_ms)
        .bind(u.previous_login_ms)
        .bind(u.created_at_ms)
        .bind(u.locked_until_ms)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn find_user_by_email<'e>(db: impl AnyExecutor<'e>, email: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1")).bind(email).fetch_optional(db).await
}

pub async fn get_user<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<UserRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub async fn set_last_login<'e>(db: impl AnyExecutor<'e>, id: &str, at_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET previous_login_ms = last_login_ms, last_login_ms = $1 WHERE id = $2")
        .bind(at_ms)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn upsert_membership<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    tenant: &TenantCode,
    role: &str,
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (user_id, tenant_code, role, created_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, tenant_code) DO UPDATE SET role = excluded.role",
    )
    .bind(user_id)
    .bind(tenant.as_str())
    .bind(role)
    .bind(at_ms)
    .execute(db)
    .await?;
    Ok(())
}

const MEMBERSHIP_SELECT: &str = "SELECT m.tenant_code, t.name AS tenant_name, m.role, t.status AS tenant_status, t.suspended_reason, \
     cm.mode AS mode, cm.reason AS mode_reason, pm.mode AS platform_mode, pm.reason AS platform_mode_reason \
     FROM memberships m JOIN tenants t ON t.code = m.tenant_code \
     LEFT JOIN emergency_modes cm ON cm.scope = t.code LEFT JOIN emergency_modes pm ON pm.scope = '*'";

pub async fn memberships_of<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<Vec<MembershipRecord>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBERSHIP_SELECT} WHERE m.user_id = $1 ORDER BY t.name"))
        .bind(user_id)
        .fetch_all(db)
        .await
}

pub async fn membership<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    tenant: &str,
) -> Result<Option<MembershipRecord>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBERSHIP_SELECT} WHERE m.user_id = $1 AND m.tenant_code = $2"))
        .bind(user_id)
        .bind(tenant)
        .fetch_optional(db)
        .await
}

pub async fn count_members<'e>(db: impl AnyExecutor<'e>, tenant: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE tenant_code = $1").bind(tenant).fetch_one(db).await?;
    Ok(n)
}

pub async fn get_setting<'e>(db: impl AnyExecutor<'e>, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT value FROM platform_settings WHERE key = $1").bind(key).fetch_optional(db).await?;
    Ok(row.map(|(v,)| v))
}

pub async fn set_setting<'e>(db: impl AnyExecutor<'e>, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO platform_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}
