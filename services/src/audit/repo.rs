//! SQL of the audit log.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at_ms: i64,
    pub kind: String,
    pub tenant_code: Option<String>,
    pub subject: Option<String>,
    pub user_email: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

/// An event to write.
pub struct NewAuditRow<'a> {
    pub at_ms: i64,
    pub kind: &'a str,
    pub tenant: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub detail: Option<&'a str>,
    pub client_ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, e: &NewAuditRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (at_ms, kind, tenant_code, user_id, subject, detail, client_ip, user_agent, request_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.at_ms)
    .bind(e.kind)
    .bind(e.tenant)
    .bind(e.user_id)
    .bind(e.subject)
    .bind(e.detail)
    .bind(e.client_ip)
    .bind(e.user_agent)
    .bind(e.request_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Which events to list; every filter optional.
pub struct AuditFilter<'a> {
    pub kind: Option<&'a str>,
    /// A LIKE pattern over the acting account's and the concerned account's e-mails.
    pub who_pattern: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub before_id: Option<i64>,
}

/// Events of the tenant, plus tenant-less events (sign-in) of the tenant's members.
pub async fn list<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    filter: &AuditFilter<'_>,
    limit: i64,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    // Unset filters bind NULL and drop out: one statement for every combination.
    sqlx::query_as(
        "SELECT a.id, a.at_ms, a.kind, a.tenant_code, a.subject, u.email AS user_email, a.detail, a.client_ip, \
                a.user_agent, a.request_id \
         FROM audit_events a LEFT JOIN users u ON u.id = a.user_id \
         WHERE (a.tenant_code = $1 OR (a.tenant_code IS NULL AND a.user_id IN \
                    (SELECT user_id FROM memberships WHERE tenant_code = $1))) \
           AND ($2 IS NULL OR a.kind = $2) \
           AND ($3 IS NULL OR lower(coalesce(u.email, '') || ' ' || coalesce(a.subject, '')) LIKE $3) \
           AND ($4 IS NULL OR a.at_ms >= $4) \
           AND ($5 IS NULL OR a.at_ms < $5) \
           AND ($6 IS NULL OR a.id < $6) \
         ORDER BY a.id DESC LIMIT $7",
    )
    .bind(tenant)
    .bind(filter.kind)
    .bind(&filter.who_pattern)
    .bind(filter.from_ms)
    .bind(filter.to_ms)
    .bind(filter.before_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
