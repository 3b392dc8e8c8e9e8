//! The security status of a company: locked accounts, failed sign-ins of the last hour and
//! security events of the last day, against the thresholds that make them a warning.

use domain::governance::thresholds::SecurityStatus;
use domain::{AuditKind, Permission};

use super::{repo, thresholds};
use crate::audit::repo::count_of_company;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState};

pub async fn status(state: &AppState, scope: &TenantScope) -> AppResult<SecurityStatus> {
    scope.require(Permission::GovernanceRead)?;
    let now = state.clock.now_ms();
    let control = state.control.pool();
    let code = &scope.tenant.code;
    let (sign_ins_since, events_since) =
        (now - SecurityStatus::SIGN_INS_WINDOW_MS, now - SecurityStatus::EVENTS_WINDOW_MS);
    Ok(SecurityStatus {
        modes: scope.modes.clone(),
        locked_accounts: crate::control::repo::locked_members(control, code, now).await?,
        failed_sign_ins: count_of_company(control, code, AuditKind::LoginFailed.as_str(), sign_ins_since).await?,
        anomalies: repo::security_events_since(scope.db.pool(), events_since).await?,
        refusals: count_of_company(control, code, AuditKind::PermissionRefused.as_str(), events_since).await?,
        lockouts: count_of_company(control, code, AuditKind::AccountLocked.as_str(), events_since).await?,
        thresholds: thresholds::current(state, scope).await?,
        can_edit: scope.allows(Permission::GovernanceSecurity),
    })
}
