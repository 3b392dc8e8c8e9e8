//! SQL of a signed-in request's user, membership and company, read in one query: what every
//! page and server function checks before its own work, so it is read fresh each time (a
//! disabled account, a changed role, a suspended company take effect on the next request, on
//! every server process) and costs one round trip.

use std::sync::LazyLock;

use sqlx::any::AnyRow;
use sqlx::{AnyExecutor, FromRow, Row};

use super::{MODES_COLUMNS, MODES_JOIN, TenantRecord, UserRecord};

/// The user, their role in the company, the company with its modes, and how many companies the
/// user belongs to (the header offers the switcher when more than one).
#[derive(Clone, Debug)]
pub struct ScopeRow {
    pub user: UserRecord,
    pub role: String,
    pub tenant: TenantRecord,
    pub tenant_count: i64,
}

/// The user's columns are prefixed: the company's have the same names (`created_at_ms`).
const SCOPE_SELECT: &str = "SELECT u.id AS user_id, u.email AS user_email, u.display_name AS user_display_name, \
     u.password_hash AS user_password_hash, u.is_demo AS user_is_demo, u.disabled_at_ms AS user_disabled_at_ms, \
     u.last_login_ms AS user_last_login_ms, u.previous_login_ms AS user_previous_login_ms, \
     u.created_at_ms AS user_created_at_ms, u.locked_until_ms AS user_locked_until_ms, m.role, \
     (SELECT COUNT(*) FROM memberships mine WHERE mine.user_id = u.id) AS tenant_count, \
     t.code, t.name, t.country, t.currency, t.timezone, t.status, t.suspended_reason, t.db_backend, t.db_location, \
     t.created_at_ms";

/// Put together once: every signed-in request runs it.
static SCOPE_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{SCOPE_SELECT}, {MODES_COLUMNS} FROM users u JOIN memberships m ON m.user_id = u.id \
         JOIN tenants t ON t.code = m.tenant_code {MODES_JOIN} WHERE u.id = $1 AND m.tenant_code = $2"
    )
});

pub async fn scope_row<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    tenant: &str,
) -> Result<Option<ScopeRow>, sqlx::Error> {
    sqlx::query_as(&SCOPE_SQL).bind(user_id).bind(tenant).fetch_optional(db).await
}

impl FromRow<'_, AnyRow> for ScopeRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        let user = UserRecord {
            id: row.try_get("user_id")?,
            email: row.try_get("user_email")?,
            display_name: row.try_get("user_display_name")?,
            password_hash: row.try_get("user_password_hash")?,
            is_demo: row.try_get::<i64, _>("user_is_demo")? != 0,
            disabled_at_ms: row.try_get("user_disabled_at_ms")?,
            last_login_ms: row.try_get("user_last_login_ms")?,
            previous_login_ms: row.try_get("user_previous_login_ms")?,
            created_at_ms: row.try_get("user_created_at_ms")?,
            locked_until_ms: row.try_get("user_locked_until_ms")?,
        };
        Ok(Self {
            user,
            role: row.try_get("role")?,
            tenant: TenantRecord::from_row(row)?,
            tenant_count: row.try_get("tenant_count")?,
        })
    }
}
