//! The security audit log: who did what, from where, when (issue 3, §8).

pub mod chain;
pub mod export;
pub mod repo;

use domain::AuditKind;
use domain::audit::chain::{AuditFields, ChainCheck};
use domain::audit::{AuditEntry, AuditPage, AuditQuery};

use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Where a request came from, as the HTTP layer saw it.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    /// The id the HTTP layer gave the request (a client's own only when well formed).
    pub request_id: Option<String>,
    /// The client address has spent its budget of sign-in attempts for now: whatever checks a
    /// password or a code refuses at once, without checking (A24).
    pub throttled: bool,
}

impl RequestMeta {
    /// Headers are client-controlled: keep them short and printable.
    pub fn new(client_ip: Option<String>, user_agent: Option<&str>, request_id: Option<&str>) -> Self {
        let clean = |s: &str| -> String { s.chars().filter(|c| !c.is_control()).take(300).collect() };
        Self { client_ip, user_agent: user_agent.map(clean), request_id: request_id.map(clean), throttled: false }
    }
}

/// One event to record.
#[derive(Clone, Debug)]
pub struct Event {
    pub kind: AuditKind,
    pub tenant: Option<String>,
    pub user_id: Option<String>,
    /// The e-mail typed, or the account acted upon.
    pub subject: Option<String>,
    pub detail: Option<String>,
}

impl Event {
    pub fn new(kind: AuditKind) -> Self {
        Self { kind, tenant: None, user_id: None, subject: None, detail: None }
    }

    pub fn user(mut self, user_id: &str) -> Self {
        self.user_id = Some(user_id.to_owned());
        self
    }

    pub fn tenant(mut self, tenant: &str) -> Self {
        self.tenant = Some(tenant.to_owned());
        self
    }

    pub fn subject(mut self, subject: &str) -> Self {
        self.subject = Some(subject.chars().take(254).collect());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

pub async fn record(state: &AppState, meta: &RequestMeta, event: Event) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    record_in(&mut tx, state.clock.now_ms(), meta, event).await?;
    tx.commit().await
}

/// Records an event about an account in the log of each company it concerns, or once in the
/// platform's when it concerns none (A26), in the transaction of the change it reports.
pub async fn record_in_companies(
    conn: &mut sqlx::AnyConnection,
    at_ms: i64,
    meta: &RequestMeta,
    event: Event,
    companies: &[&str],
) -> AppResult<()> {
    if companies.is_empty() {
        return record_in(conn, at_ms, meta, event).await;
    }
    for company in companies {
        record_in(conn, at_ms, meta, event.clone().tenant(company)).await?;
    }
    Ok(())
}

/// Records an event in a transaction of the control database, with the change it reports: the
/// next link of its company's chain (or the platform's).
pub async fn record_in(conn: &mut sqlx::AnyConnection, at_ms: i64, meta: &RequestMeta, event: Event) -> AppResult<()> {
    tracing::info!(kind = event.kind.as_str(), user = ?event.user_id, tenant = ?event.tenant, "audit");
    let fields = AuditFields {
        at_ms,
        kind: event.kind.as_str().to_owned(),
        tenant: event.tenant,
        user_id: event.user_id,
        subject: event.subject,
        detail: event.detail,
        client_ip: meta.client_ip.clone(),
        user_agent: meta.user_agent.clone(),
        request_id: meta.request_id.clone(),
    };
    chain::append(conn, fields).await?;
    Ok(())
}

/// A role asked for something its permissions do not cover.
pub async fn record_refusal(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    permission: domain::Permission,
) -> AppResult<()> {
    let event = Event::new(AuditKind::PermissionRefused)
        .tenant(&scope.tenant.code)
        .user(&scope.user.id)
        .detail(format!("{} ({})", permission.name(), scope.role.as_str()));
    record(state, meta, event).await
}

pub const PAGE_SIZE: i64 = 50;

/// The audit page: the company's events and the sign-in events of its members, newest first,
/// in the company's local time.
pub async fn page(state: &AppState, scope: &TenantScope, query: &AuditQuery) -> AppResult<AuditPage> {
    scope.require(domain::Permission::AuditRead)?;
    let tz = scope.zone;
    let day = |date: &Option<String>, shift: i64| -> AppResult<Option<i64>> {
        date.as_deref()
            .map(|d| crate::clock::day_start_utc_ms(tz, d).map(|ms| ms + shift * 86_400_000))
            .map(|ms| ms.ok_or_else(|| AppError::field("from", "invalid-date")))
            .transpose()
    };
    let filter = repo::AuditFilter {
        kind: query.kind.map(AuditKind::as_str),
        who_pattern: query.who.as_ref().map(|w| format!("%{}%", w.to_lowercase().replace(['%', '_'], ""))),
        from_ms: day(&query.from, 0)?,
        to_ms: day(&query.to, 1)?,
        before_id: query.before,
    };
    let rows = repo::list(state.control.pool(), &scope.tenant.code, &filter, PAGE_SIZE).await?;
    let older = (rows.len() as i64 == PAGE_SIZE).then(|| rows.last().map(|r| r.id)).flatten();
    let entries = rows
        .into_iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.id,
                at_local_ms: scope.local_ms(r.at_ms),
                kind: AuditKind::parse(&r.kind).ok_or_else(|| AppError::corrupt("audit_events.kind", &r.kind))?,
                actor: r.user_email,
                subject: r.subject,
                detail: r.detail,
                client_ip: r.client_ip,
                device: r.user_agent.as_deref().and_then(domain::device::describe),
                request_id: r.request_id,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(AuditPage { entries, older })
}

/// The company's chain, checked from its first event (admins and auditors).
pub async fn check_chain(state: &AppState, scope: &TenantScope) -> AppResult<ChainCheck> {
    scope.require(domain::Permission::AuditRead)?;
    chain::check(&state.control, &scope.tenant.code, scope.zone).await
}
