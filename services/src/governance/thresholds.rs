//! A company's security thresholds: read from both databases (the sign-in ones from the
//! control database, which signing in reads; the rest from the company's), changed together by
//! its admins and audited, and the per-user limits they set (admin actions a minute, bulk
//! operations an hour).

use domain::governance::thresholds::{Limited, SecurityThresholds, Threshold, ThresholdsForm, show};
use domain::{AuditKind, Permission};
use sqlx::AnyExecutor;

use super::repo;
use crate::audit::{self, Event, RequestMeta};
use crate::control::repo::{TenantSecurityRow, tenant_security};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The thresholds the company's own database holds; the others at their defaults.
pub async fn of_company<'e>(db: impl AnyExecutor<'e>) -> AppResult<SecurityThresholds> {
    let stored = repo::thresholds(db).await?;
    let mut thresholds = SecurityThresholds::default();
    for t in Threshold::ALL {
        if let Some((_, value)) = stored.iter().find(|(name, _)| Some(name.as_str()) == t.stored_as()) {
            thresholds.set(*t, *value);
        }
    }
    Ok(thresholds)
}

/// Every threshold of the company.
pub async fn current(state: &AppState, scope: &TenantScope) -> AppResult<SecurityThresholds> {
    let mut thresholds = of_company(scope.db.pool()).await?;
    if let Some(sign_in) = tenant_security(state.control.pool(), &scope.tenant.code).await? {
        thresholds.set(Threshold::MaxSignInAttempts, sign_in.lockout_threshold);
        thresholds.set(Threshold::LockoutMinutes, sign_in.lockout_minutes);
    }
    Ok(thresholds)
}

/// Saves what an admin typed: every value within its range or nothing. The company's database
/// first, then the sign-in thresholds with the audit entry naming each change (old → new).
pub async fn save(state: &AppState, meta: &RequestMeta, scope: &TenantScope, form: &ThresholdsForm) -> AppResult<()> {
    scope.require(Permission::GovernanceSecurity)?;
    let wanted = form.parse()?;
    let before = current(state, scope).await?;
    let changes = wanted.changes_from(&before);
    if changes.is_empty() {
        return Ok(());
    }
    let now = state.clock.now_ms();
    let mut tx = scope.db.begin_write().await?;
    for (threshold, _, value) in &changes {
        if let Some(name) = threshold.stored_as() {
            repo::set_threshold(&mut *tx, name, *value, &scope.user.email, now).await?;
        }
    }
    tx.commit().await?;

    let mut control = state.control.begin_write().await?;
    if changes.iter().any(|(t, _, _)| t.stored_as().is_none()) {
        let kept = tenant_security(&mut *control, &scope.tenant.code).await?;
        let row = TenantSecurityRow {
            mfa_roles: kept.map(|k| k.mfa_roles).unwrap_or_default(),
            lockout_threshold: wanted.get(Threshold::MaxSignInAttempts),
            lockout_minutes: wanted.get(Threshold::LockoutMinutes),
        };
        crate::control::repo::set_tenant_security(&mut *control, &scope.tenant.code, &row).await?;
    }
    // Language-neutral, like every recorded detail.
    let detail = changes
        .iter()
        .map(|(t, old, new)| format!("{}: {} → {}", t.key(), show(*t, *old), show(*t, *new)))
        .collect::<Vec<_>>()
        .join("; ");
    let event =
        Event::new(AuditKind::SecurityThresholdsChanged).tenant(&scope.tenant.code).user(&scope.user.id).detail(detail);
    audit::record_in(&mut control, now, meta, event).await?;
    control.commit().await
}

/// Counts one more `action` of the user, or refuses it when they have reached the company's
/// limit in its window (a minute for admin actions, an hour for bulk operations). What the user
/// did before the longest window goes at the same time: the counts never outgrow an hour.
pub async fn admit(scope: &TenantScope, action: Limited, now_ms: i64) -> AppResult<()> {
    let mut tx = scope.db.begin_write().await?;
    repo::forget_limited(&mut *tx, &scope.user.id, now_ms - Limited::LONGEST_WINDOW_MS).await?;
    let limit = of_company(&mut *tx).await?.get(action.threshold());
    let recent = repo::limited_since(&mut *tx, &scope.user.id, action.is_bulk(), now_ms - action.window_ms()).await?;
    if recent >= limit {
        return Err(AppError::RateLimited { action, limit });
    }
    repo::record_limited(&mut *tx, &scope.user.id, action.as_str(), now_ms).await?;
    tx.commit().await
}
