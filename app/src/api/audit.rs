//! The company's audit log, for its admins and auditors.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_local_ms: i64,
    pub kind: String,
    /// The account that acted.
    pub actor: Option<String>,
    /// The e-mail typed or the account acted upon.
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub device: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Set when older entries exist: the `before` of the next page.
    pub older: Option<i64>,
}

/// Newest first, filtered by kind, by part of an e-mail, and by local dates (`YYYY-MM-DD`,
/// `to` included).
#[server(endpoint = "audit_events")]
pub async fn audit_events(
    kind: Option<String>,
    who: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
) -> Result<AuditPage, ApiError> {
    use services::{AppError, audit, clock};
    let (state, scope) = super::ssr::scope(domain::Permission::AuditRead).await?;
    let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let tz = scope.tenant.timezone.clone();
    let mut errors = domain::ValidationErrors::new();
    let mut day = |field: &str, value: Option<String>, shift_days: i64| {
        value.and_then(|v| match clock::day_start_utc_ms(&tz, &v) {
            Some(ms) => Some(ms + shift_days * 86_400_000),
            None => {
                errors.add(field, "invalid-date");
                None
            }
        })
    };
    let from_ms = day("from", present(&from), 0);
    let to_ms = day("to", present(&to), 1);
    let kind = present(&kind).map(|k| domain::AuditKind::parse(&k).ok_or(()));
    if matches!(kind, Some(Err(()))) {
        errors.add("kind", "invalid-choice");
    }
    if !errors.is_empty() {
        return Err(super::ssr::fail(AppError::Validation(errors)));
    }
    let filter = audit::Filter {
        kind: kind.and_then(Result::ok),
        who: present(&who).map(|w| w.chars().take(100).collect()),
        from_ms,
        to_ms,
        before_id: before,
    };
    let rows = audit::list(&scope, &state, &filter).await.map_err(super::ssr::fail)?;
    let older = (rows.len() as i64 == audit::PAGE_SIZE).then(|| rows.last().map(|r| r.id)).flatten();
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at_local_ms: scope.local_ms(r.at_ms),
                kind: r.kind,
                actor: r.user_email,
                subject: r.subject,
                detail: r.detail,
                client_ip: r.client_ip,
                device: r.user_agent.as_deref().and_then(domain::device::describe),
                request_id: r.request_id,
            })
            .collect(),
        older,
    })
}
