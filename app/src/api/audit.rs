//! The company's audit log, for its admins and auditors.

use domain::audit::AuditPage;
use domain::audit::chain::ChainCheck;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, domain::audit::AuditQuery};

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
    let (state, scope) = ssr::scope(Permission::AuditRead).await?;
    let query = AuditQuery::parse(kind.as_deref(), who.as_deref(), from.as_deref(), to.as_deref(), before)?;
    Ok(services::audit::page(&state, &scope, &query).await?)
}

/// The company's hash chain, followed from its first event: how far it holds, where it breaks.
#[server(endpoint = "audit_chain")]
pub async fn audit_chain() -> Result<ChainCheck, ApiError> {
    let (state, scope) = ssr::scope(Permission::AuditRead).await?;
    Ok(services::audit::check_chain(&state, &scope).await?)
}
