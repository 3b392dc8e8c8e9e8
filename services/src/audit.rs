//! The security audit log: who did what, from where, when (issue 3, §8).

pub mod repo;

use domain::AuditKind;

use crate::tenancy::TenantScope;
use crate::{AppResult, AppState};

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
    tracing::info!(kind = event.kind.as_str(), user = ?event.user_id, tenant = ?event.tenant, "audit");
    repo::insert(state.control.pool(), state.clock.now_ms(), meta, &event).await?;
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

/// Filters of the audit page; every one optional.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub kind: Option<AuditKind>,
    /// Part of an e-mail.
    pub who: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Paging: only events older than this id.
    pub before_id: Option<i64>,
}

pub const PAGE_SIZE: i64 = 50;

/// The company's events and the sign-in events of its members, newest first.
pub async fn list(scope: &TenantScope, state: &AppState, filter: &Filter) -> AppResult<Vec<repo::AuditRow>> {
    scope.require(domain::Permission::AuditRead)?;
    Ok(repo::list(state.control.pool(), &scope.tenant.code, filter, PAGE_SIZE).await?)
}
