//! SQL of members' sign-in state: failed attempts and locks, members as their admins see them,
//! passwords and disabled accounts, and each company's sign-in rules.

use sqlx::{AnyExecutor, FromRow};

pub async fn record_login_failure<'e>(db: impl AnyExecutor<'e>, user_id: &str, at_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_failures (user_id, at_ms) VALUES ($1, $2)")
        .bind(user_id)
        .bind(at_ms)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn count_login_failures_since<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    since_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE user_id = $1 AND at_ms > $2")
        .bind(user_id)
        .bind(since_ms)
        .fetch_one(db)
        .await?;
    Ok(n)
}

pub async fn clear_login_failures<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE user_id = $1").bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn set_locked_until<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    until_ms: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locked_until_ms = $1 WHERE id = $2").bind(until_ms).bind(user_id).execute(db).await?;
    Ok(())
}

/// The strictest lockout rule among the user's companies: (threshold, minutes), NULL when none
/// of them set one.
pub async fn lockout_rule_of<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT MIN(s.lockout_threshold), MAX(s.lockout_minutes) FROM memberships m \
         JOIN tenant_security s ON s.tenant_code = m.tenant_code WHERE m.user_id = $1",
    )
    .bind(user_id)
    .fetch_one(db)
    .await
}

const MEMBER_SELECT: &str = "SELECT u.id, u.email, u.display_name, m.role, u.locked_until_ms, u.disabled_at_ms, \
     u.last_login_ms, (SELECT COUNT(*) FROM totp_secrets t WHERE t.user_id = u.id AND t.confirmed_at_ms IS NOT NULL) \
     AS totp_on, (SELECT COUNT(*) FROM memberships o WHERE o.user_id = u.id AND o.tenant_code <> m.tenant_code) \
     AS other_companies FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_code = $1";

/// The members of a tenant with their sign-in state, for its admins.
pub async fn members_of<'e>(db: impl AnyExecutor<'e>, tenant: &str) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} ORDER BY u.display_name")).bind(tenant).fetch_all(db).await
}

/// How many members of a tenant are locked out at `now_ms`.
pub async fn locked_members<'e>(db: impl AnyExecutor<'e>, tenant: &str, now_ms: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE m.tenant_code = $1 AND u.locked_until_ms > $2",
    )
    .bind(tenant)
    .bind(now_ms)
    .fetch_one(db)
    .await
}

/// One member of a tenant; another tenant's user is not found.
pub async fn member_of<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    user_id: &str,
) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} AND u.id = $2")).bind(tenant).bind(user_id).fetch_optional(db).await
}

/// A member of a tenant, as its admins see them.
#[derive(Clone, Debug, FromRow)]
pub struct MemberRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub locked_until_ms: Option<i64>,
    pub disabled_at_ms: Option<i64>,
    pub last_login_ms: Option<i64>,
    pub totp_on: i64,
    /// How many other companies the account belongs to.
    pub other_companies: i64,
}

pub async fn set_password_hash<'e>(db: impl AnyExecutor<'e>, user_id: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id).execute(db).await?;
    Ok(())
}

pub async fn set_disabled<'e>(db: impl AnyExecutor<'e>, user_id: &str, at_ms: Option<i64>) -> Result<u64, sqlx::Error> {
    let done =
        sqlx::query("UPDATE users SET disabled_at_ms = $1 WHERE id = $2").bind(at_ms).bind(user_id).execute(db).await?;
    Ok(done.rows_affected())
}

/// A company's sign-in rules: roles that must use a second factor, lockout threshold and minutes.
#[derive(Clone, Debug, FromRow)]
pub struct TenantSecurityRow {
    pub mfa_roles: String,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
}

pub async fn tenant_security<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
) -> Result<Option<TenantSecurityRow>, sqlx::Error> {
    sqlx::query_as("SELECT mfa_roles, lockout_threshold, lockout_minutes FROM tenant_security WHERE tenant_code = $1")
        .bind(tenant)
        .fetch_optional(db)
        .await
}

pub async fn set_tenant_security<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    row: &TenantSecurityRow,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tenant_security (tenant_code, mfa_roles, lockout_threshold, lockout_minutes) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_code) DO UPDATE SET mfa_roles = excluded.mfa_roles, \
         lockout_threshold = excluded.lockout_threshold, lockout_minutes = excluded.lockout_minutes",
    )
    .bind(tenant)
    .bind(&row.mfa_roles)
    .bind(row.lockout_threshold)
    .bind(row.lockout_minutes)
    .execute(db)
    .await?;
    Ok(())
}

/// Counts an attempt from `address` at `at_ms` unless `budget` were counted since `since_ms`;
/// true when it was counted (let through).
pub async fn spend_sign_in_attempt<'e>(
    db: impl AnyExecutor<'e>,
    address: &str,
    at_ms: i64,
    since_ms: i64,
    budget: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO sign_in_attempts (address, at_ms) SELECT $1, $2 \
         WHERE (SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1 AND at_ms > $3) < $4",
    )
    .bind(address)
    .bind(at_ms)
    .bind(since_ms)
    .bind(budget)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn forget_sign_in_attempts<'e>(db: impl AnyExecutor<'e>, before_ms: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM sign_in_attempts WHERE at_ms <= $1").bind(before_ms).execute(db).await?.rows_affected())
}
