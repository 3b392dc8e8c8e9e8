//! SQL of the audit log.

use domain::audit::chain::AuditLink;
use domain::hash_chain::GENESIS;
use sqlx::{AnyConnection, AnyExecutor, FromRow};

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

/// An event with its place in its chain (NULL for one written before the chain existed).
#[derive(Clone, Debug, FromRow)]
pub struct LinkRow {
    pub id: i64,
    pub chain: Option<String>,
    pub seq: Option<i64>,
    pub at_ms: i64,
    pub kind: String,
    pub tenant_code: Option<String>,
    pub user_id: Option<String>,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub previous_hash: Option<String>,
    pub hash: Option<String>,
}

const LINK_COLUMNS: &str = "id, chain, seq, at_ms, kind, tenant_code, user_id, subject, detail, client_ip, user_agent, \
                            request_id, previous_hash, hash";

/// Takes the chain's head for the transaction (creating it empty the first time); returns its
/// seq and hash.
pub async fn hold_head(conn: &mut AnyConnection, chain: &str) -> Result<(i64, String), sqlx::Error> {
    sqlx::query("INSERT INTO audit_chains (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING")
        .bind(chain)
        .bind(GENESIS)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as("UPDATE audit_chains SET seq = seq WHERE chain = $1 RETURNING seq, hash")
        .bind(chain)
        .fetch_one(&mut *conn)
        .await
}

/// The head as recorded, without holding it.
pub async fn head<'e>(db: impl AnyExecutor<'e>, chain: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT seq, hash FROM audit_chains WHERE chain = $1").bind(chain).fetch_optional(db).await
}

pub async fn insert_link(conn: &mut AnyConnection, link: &AuditLink) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (at_ms, kind, tenant_code, user_id, subject, detail, client_ip, user_agent, \
                                   request_id, chain, seq, previous_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(link.at_ms)
    .bind(&link.kind)
    .bind(&link.tenant)
    .bind(&link.user_id)
    .bind(&link.subject)
    .bind(&link.detail)
    .bind(&link.client_ip)
    .bind(&link.user_agent)
    .bind(&link.request_id)
    .bind(&link.chain)
    .bind(link.seq)
    .bind(&link.previous)
    .bind(&link.hash)
    .execute(conn)
    .await?;
    Ok(())
}

/// The oldest events not yet in a chain.
pub async fn unchained<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<LinkRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {LINK_COLUMNS} FROM audit_events WHERE hash IS NULL ORDER BY id LIMIT $1"))
        .bind(limit)
        .fetch_all(db)
        .await
}

/// Gives an unchained event its place; false when another process already did.
pub async fn chain_in(conn: &mut AnyConnection, id: i64, link: &AuditLink) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE audit_events SET chain = $1, seq = $2, previous_hash = $3, hash = $4 WHERE id = $5 AND hash IS NULL",
    )
    .bind(&link.chain)
    .bind(link.seq)
    .bind(&link.previous)
    .bind(&link.hash)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Up to `limit` events of `chain` after seq `after`, in order.
pub async fn links<'e>(
    db: impl AnyExecutor<'e>,
    chain: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<LinkRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {LINK_COLUMNS} FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    ))
    .bind(chain)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Every chain that has a head.
pub async fn chains<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT chain FROM audit_chains ORDER BY chain").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// Events of `kind` since `since_ms` in the company, or without a company by one of its members
/// (a failed sign-in).
pub async fn count_of_company<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &str,
    kind: &str,
    since_ms: i64,
) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events a \
         WHERE a.kind = $2 AND a.at_ms >= $3 \
           AND (a.tenant_code = $1 OR (a.tenant_code IS NULL AND a.user_id IN \
                  (SELECT user_id FROM memberships WHERE tenant_code = $1)))",
    )
    .bind(tenant)
    .bind(kind)
    .bind(since_ms)
    .fetch_one(db)
    .await?;
    Ok(count)
}
