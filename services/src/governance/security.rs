//! The security status of a company: locked accounts, failed sign-ins of the last hour and
//! security events of the last day, against the thresholds that make them a warning.

use domain::governance::thresholds::SecurityStatus;
use domain::{AuditKind, Permission};

use super::{repo, thresholds};
use crate::audit::repo::count_of_company;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

pub async fn status(state: &AppState, scope: &TenantScope) -> AppResult<SecurityStatus> {
    scope.require(Permission::GovernanceRead)?;
    let now = state.clock.now_ms();
    let control = state.control.pool();
    let code = &scope.tenant.code;
    let members = crate::control::repo::members_of(control, code).await?;
    let locked = members.iter().filter(|m| domain::lockout::is_locked(m.locked_until_ms, now)).count();
    Ok(SecurityStatus {
        modes: scope.modes.clone(),
        locked_accounts: locked as i64,
        failed_sign_ins: count_of_company(control, code, AuditKind::LoginFailed.as_str(), now - HOUR_MS).await?,
        anomalies: repo::security_events_since(scope.db.pool(), now - DAY_MS).await?,
        refusals: count_of_company(control, code, AuditKind::PermissionRefused.as_str(), now - DAY_MS).await?,
        lockouts: count_of_company(control, code, AuditKind::AccountLocked.as_str(), now - DAY_MS).await?,
        thresholds: thresholds::current(state, scope).await?,
        can_edit: scope.allows(Permission::GovernanceSecurity),
    })
}
