//! SQL of personal data: what an export reads about a person, in the control database and in a
//! company's, and what an erasure writes.

use serde::Serialize;
use sqlx::{AnyExecutor, FromRow};

use super::json::{utc, utc_opt, yes};

// ----- control database -----

/// A member as the page lists them.
#[derive(Clone, Debug, FromRow)]
pub struct MemberRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub disabled_at_ms: Option<i64>,
    pub anonymised_at_ms: Option<i64>,
    pub other_companies: i64,
}

const MEMBER_SELECT: &str = "SELECT u.id, u.email, u.display_name, m.role, u.disabled_at_ms, u.anonymised_at_ms, \
     (SELECT COUNT(*) FROM memberships o WHERE o.user_id = u.id AND o.tenant_code <> m.tenant_code) AS other_companies \
     FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_code = $1";

pub async fn members<'e>(db: impl AnyExecutor<'e>, tenant: &str) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} ORDER BY u.display_name, u.id")).bind(tenant).fetch_all(db).await
}

/// One member of the company; anyone else is not found.
pub async fn member<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    user_id: &str,
) -> Result<Option<MemberRow>, sqlx::Error> {
    sqlx::query_as(&format!("{MEMBER_SELECT} AND u.id = $2")).bind(tenant).bind(user_id).fetch_optional(db).await
}

/// The account, as its export shows it.
#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub display_name: String,
    #[serde(serialize_with = "utc")]
    pub created_at_ms: i64,
    #[serde(serialize_with = "utc_opt")]
    pub last_login_ms: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub previous_login_ms: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub disabled_at_ms: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub locked_until_ms: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub anonymised_at_ms: Option<i64>,
    /// When the second factor was confirmed (its seed is never exported).
    #[serde(serialize_with = "utc_opt")]
    pub second_factor_since_ms: Option<i64>,
    /// Recovery codes left (the codes themselves are stored hashed).
    pub recovery_codes_left: i64,
    #[serde(serialize_with = "yes")]
    pub has_password: i64,
}

pub async fn account<'e>(db: impl AnyExecutor<'e>, user_id: &str) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.created_at_ms, u.last_login_ms, u.previous_login_ms, \
                u.disabled_at_ms, u.locked_until_ms, u.anonymised_at_ms, \
                (SELECT t.confirmed_at_ms FROM totp_secrets t WHERE t.user_id = u.id) AS second_factor_since_ms, \
                (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at_ms IS NULL) AS recovery_codes_left, \
                CAST(CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_password \
         FROM users u WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// A single sign-on link of the account.
#[derive(Clone, Debug, FromRow, Serialize)]
pub struct SsoLink {
    pub company: String,
    pub issuer: String,
    pub subject: String,
    #[serde(serialize_with = "utc")]
    pub linked_at_ms: i64,
}

pub async fn sso_links<'e>(db: impl AnyExecutor<'e>, user_id: &str, tenant: &str) -> Result<Vec<SsoLink>, sqlx::Error> {
    sqlx::query_as(
        "SELECT tenant_code AS company, issuer, subject, created_at_ms AS linked_at_ms FROM sso_identities \
         WHERE user_id = $1 AND tenant_code = $2 ORDER BY created_at_ms",
    )
    .bind(user_id)
    .bind(tenant)
    .fetch_all(db)
    .await
}

/// A membership, with the company's name.
#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Membership {
    pub company: String,
    pub company_name: String,
    pub role: String,
    #[serde(serialize_with = "utc")]
    pub since_ms: i64,
}

pub async fn membership<'e>(
    db: impl AnyExecutor<'e>,
    user_id: &str,
    tenant: &str,
) -> Result<Option<Membership>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.tenant_code AS company, t.name AS company_name, m.role, m.created_at_ms AS since_ms \
         FROM memberships m JOIN tenants t ON t.code = m.tenant_code WHERE m.user_id = $1 AND m.tenant_code = $2",
    )
    .bind(user_id)
    .bind(tenant)
    .fetch_optional(db)
    .await
}

/// A session in the company (never its id, which opens it).
#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Session {
    #[serde(serialize_with = "utc_opt")]
    pub started_at_ms: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub last_seen_ms: Option<i64>,
    #[serde(serialize_with = "utc")]
    pub expires_at_ms: i64,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
}

pub async fn sessions<'e>(db: impl AnyExecutor<'e>, user_id: &str, tenant: &str) -> Result<Vec<Session>, sqlx::Error> {
    sqlx::query_as(
        "SELECT started_at_ms, last_seen_ms, expires_at_ms, client_ip, user_agent FROM sessions \
         WHERE user_id = $1 AND tenant_code = $2 ORDER BY started_at_ms, expires_at_ms",
    )
    .bind(user_id)
    .bind(tenant)
    .fetch_all(db)
    .await
}

/// An entry of the audit log that the person made or that names them.
#[derive(Clone, Debug, FromRow, Serialize)]
pub struct AuditEntry {
    pub seq: Option<i64>,
    #[serde(serialize_with = "utc")]
    pub at_ms: i64,
    pub kind: String,
    #[serde(serialize_with = "yes")]
    pub by_this_person: i64,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

/// The entries of one chain (`*`: the platform's) the person made or that name them.
pub async fn audit<'e>(
    db: impl AnyExecutor<'e>,
    chain: &str,
    user_id: &str,
    email: &str,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT seq, at_ms, kind, CAST(CASE WHEN user_id = $2 THEN 1 ELSE 0 END AS BIGINT) AS by_this_person, subject, detail, \
                client_ip, user_agent, request_id \
         FROM audit_events WHERE coalesce(tenant_code, '*') = $1 AND (user_id = $2 OR subject = $3) ORDER BY at_ms, id",
    )
    .bind(chain)
    .bind(user_id)
    .bind(email)
    .fetch_all(db)
    .await
}

/// The erasure of an account in the control database, with every way it had to sign in; an
/// emergency mode it set names its new address.
pub async fn erase_account(
    tx: &mut sqlx::AnyConnection,
    user_id: &str,
    old_email: &str,
    new_email: &str,
    new_name: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    for table in ["totp_secrets", "recovery_codes", "sso_identities", "login_failures", "sessions"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1")).bind(user_id).execute(&mut *tx).await?;
    }
    sqlx::query("UPDATE emergency_modes SET set_by = $1 WHERE set_by = $2")
        .bind(new_email)
        .bind(old_email)
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, password_hash = NULL, locked_until_ms = NULL, \
                disabled_at_ms = coalesce(disabled_at_ms, $3), anonymised_at_ms = $3 \
         WHERE id = $4 AND anonymised_at_ms IS NULL",
    )
    .bind(new_email)
    .bind(new_name)
    .bind(now_ms)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

// ----- a company's database -----

/// What an account's erasure changes in a company: the governance settings it changed name it
/// by e-mail; alert mails not sent yet to it are dropped, and those sent keep the new address.
pub async fn erase_member_traces(
    tx: &mut sqlx::AnyConnection,
    user_id: &str,
    old_email: &str,
    new_email: &str,
) -> Result<(), sqlx::Error> {
    for sql in [
        "UPDATE thresholds SET updated_by = $1 WHERE updated_by = $2",
        "UPDATE feature_flags SET updated_by = $1 WHERE updated_by = $2",
        "UPDATE feature_flags SET killed_by = $1 WHERE killed_by = $2",
    ] {
        sqlx::query(sql).bind(new_email).bind(old_email).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM alert_mails WHERE user_id = $1 AND sent_at_ms IS NULL")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE alert_mails SET email = $1 WHERE user_id = $2")
        .bind(new_email)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// A customer as the page lists it.
#[derive(Clone, Debug, FromRow)]
pub struct CustomerRow {
    pub id: String,
    pub kind: String,
    pub legal_name: String,
    pub city: String,
    pub email: Option<String>,
    pub anonymised_at: Option<i64>,
}

/// The customers whose name, city or e-mail holds `search` (lower case), at most `limit`.
pub async fn customers<'e>(
    db: impl AnyExecutor<'e>,
    search: &str,
    limit: i64,
) -> Result<Vec<CustomerRow>, sqlx::Error> {
    let pattern = format!("%{}%", search.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    sqlx::query_as(
        "SELECT id, kind, legal_name, city, email, anonymised_at FROM customers \
         WHERE search_text LIKE $1 ESCAPE '\\' ORDER BY sort_key, id LIMIT $2",
    )
    .bind(pattern)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// What its erasure rule needs of a customer.
#[derive(Clone, Debug, FromRow)]
pub struct CustomerFacts {
    pub anonymised_at: Option<i64>,
    pub email: Option<String>,
    pub drafts: i64,
    pub open_missions: i64,
}

pub async fn customer_facts<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<CustomerFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.anonymised_at, c.email, \
                (SELECT COUNT(*) FROM invoices i WHERE i.customer_id = c.id AND i.status = 'draft') AS drafts, \
                (SELECT COUNT(*) FROM missions m WHERE m.customer_id = c.id AND m.state NOT IN ('invoiced', 'cancelled')) \
                AS open_missions \
         FROM customers c WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A customer's mission, as its erasure rewrites it.
#[derive(Clone, Debug, FromRow)]
pub struct MissionRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub city: String,
    pub caller_name: Option<String>,
}

pub async fn missions_of_customer<'e>(
    db: impl AnyExecutor<'e>,
    customer_id: &str,
) -> Result<Vec<MissionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, number, title, city, caller_name FROM missions WHERE customer_id = $1 AND anonymised_at IS NULL \
         ORDER BY number",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await
}

/// A mission's erasure: its caller, and for an individual its street (`street`: the erased one).
pub async fn erase_mission<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    caller_name: Option<&str>,
    street: Option<&str>,
    search_text: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE missions SET caller_name = $1, caller_phone = NULL, street = coalesce(CAST($2 AS TEXT), street), \
                street2 = CASE WHEN CAST($2 AS TEXT) IS NULL THEN street2 ELSE NULL END, search_text = $3, anonymised_at = $4 \
         WHERE id = $5",
    )
    .bind(caller_name)
    .bind(street)
    .bind(search_text)
    .bind(now_ms)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn mark_customer_erased<'e>(db: impl AnyExecutor<'e>, id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE customers SET anonymised_at = $1 WHERE id = $2").bind(now_ms).bind(id).execute(db).await?;
    Ok(())
}
