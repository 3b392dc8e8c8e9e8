//! Emergency modes: read with the company's registry row on every request (no query of their
//! own), set by a company's admins or the platform's operator, each change audited with it.

use domain::governance::{Mode, ModeChange, ModeForm, ModePage, ModeSetting, ModeState, Modes};
use domain::{AuditKind, Permission};

use crate::audit::{self, Event, RequestMeta};
use crate::control::repo::modes::{self as repo, ModeRow, PLATFORM};
use crate::control::{MembershipRecord, TenantRecord};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

fn stored(what: &str, mode: Option<&str>, reason: Option<&String>) -> AppResult<ModeState> {
    ModeState::stored(mode, reason.cloned()).ok_or_else(|| AppError::corrupt(what, mode))
}

/// The modes a member of this company obeys, from its registry row.
pub fn of_tenant(t: &TenantRecord) -> AppResult<Modes> {
    Ok(Modes {
        platform: stored(
            "emergency_modes.mode (platform)",
            t.platform_mode.as_deref(),
            t.platform_mode_reason.as_ref(),
        )?,
        company: stored("emergency_modes.mode", t.mode.as_deref(), t.mode_reason.as_ref())?,
    })
}

/// The same, from a membership as the sign-in and the company picker read it.
pub fn of_membership(m: &MembershipRecord) -> AppResult<Modes> {
    Ok(Modes {
        platform: stored(
            "emergency_modes.mode (platform)",
            m.platform_mode.as_deref(),
            m.platform_mode_reason.as_ref(),
        )?,
        company: stored("emergency_modes.mode", m.mode.as_deref(), m.mode_reason.as_ref())?,
    })
}

/// The refusal of a member whose role a mode keeps out.
pub fn closed(state: &ModeState) -> AppError {
    AppError::ModeClosed { mode: state.mode, reason: state.reason.clone() }
}

/// The refusal of a change a mode stops.
pub fn stopped(state: &ModeState) -> AppError {
    AppError::ModeStopsWrites { mode: state.mode, reason: state.reason.clone() }
}

/// Whether this member may change anything now; the one check of every write path.
pub fn check_write(scope: &TenantScope) -> AppResult<()> {
    scope.modes.stops_writes_of(scope.role).map_or(Ok(()), |state| Err(stopped(state)))
}

/// Whether the server's scheduled work may write in this company now (alert checks, webhook
/// deliveries, closures): not in READ_ONLY nor in MAINTENANCE, the company's or the platform's.
/// A stored mode that breaks its rules counts as stopping them.
pub fn jobs_may_write(tenant: &TenantRecord) -> bool {
    tenant.is_active() && of_tenant(tenant).is_ok_and(|modes| modes.lets_jobs_write())
}

/// The refusal of scheduled work asked for explicitly (`atelier alerts run --tenant X`).
pub fn jobs_stopped(tenant: &TenantRecord) -> AppError {
    let modes = of_tenant(tenant).unwrap_or_default();
    let state = [&modes.platform, &modes.company].into_iter().find(|s| !s.mode.lets_jobs_write()).cloned();
    stopped(&state.unwrap_or_default())
}

/// The platform's mode, for its operator.
pub async fn platform(state: &AppState) -> AppResult<ModeState> {
    let row = repo::mode(state.control.pool(), PLATFORM).await?;
    stored("emergency_modes.mode (platform)", row.as_ref().map(|r| r.mode.as_str()), row.as_ref().map(|r| &r.reason))
}

/// The emergency mode page of the company.
pub async fn page(state: &AppState, scope: &TenantScope) -> AppResult<ModePage> {
    scope.require(Permission::GovernanceRead)?;
    let setting = |row: Option<ModeRow>| -> AppResult<ModeSetting> {
        let Some(row) = row else { return Ok(ModeSetting::default()) };
        Ok(ModeSetting {
            mode: Mode::parse(&row.mode).map_err(|_| AppError::corrupt("emergency_modes.mode", &row.mode))?,
            reason: Some(row.reason),
            set_by: Some(row.set_by),
            set_at_local_ms: Some(scope.local_ms(row.set_at_ms)),
        })
    };
    let pool = state.control.pool();
    Ok(ModePage {
        company: setting(repo::mode(pool, &scope.tenant.code).await?)?,
        platform: setting(repo::mode(pool, PLATFORM).await?)?,
        can_set: scope.allows(Permission::GovernanceModeSet),
    })
}

/// A company's admin sets its mode; the change and its reason go in the audit log with it.
pub async fn set_company(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    form: &ModeForm,
) -> AppResult<Mode> {
    scope.require(Permission::GovernanceModeSet)?;
    let change = ModeChange::parse(form)?;
    let event = Event::new(AuditKind::EmergencyModeChanged).tenant(&scope.tenant.code).user(&scope.user.id);
    set(state, meta, &scope.tenant.code, &change, &scope.user.email, event).await?;
    Ok(change.mode)
}

/// The platform operator sets the whole platform's mode (`atelier mode set --platform`), or a
/// company's (`--tenant`).
pub async fn set_by_operator(state: &AppState, tenant: Option<&str>, change: &ModeChange) -> AppResult<()> {
    let scope = match tenant {
        Some(code) => crate::control::tenant(state, code).await?.ok_or(AppError::NotFound)?.code,
        None => PLATFORM.to_owned(),
    };
    let mut event = Event::new(AuditKind::EmergencyModeChanged).subject("operator");
    if scope != PLATFORM {
        event = event.tenant(&scope);
    }
    set(state, &RequestMeta::default(), &scope, change, "operator (command line)", event).await
}

async fn set(
    state: &AppState,
    meta: &RequestMeta,
    scope: &str,
    change: &ModeChange,
    by: &str,
    event: Event,
) -> AppResult<()> {
    let now = state.clock.now_ms();
    let row = ModeRow {
        mode: change.mode.as_str().to_owned(),
        reason: change.reason.clone(),
        set_by: by.to_owned(),
        set_at_ms: now,
    };
    let mut tx = state.control.begin_write().await?;
    repo::set_mode(&mut *tx, scope, &row).await?;
    let detail = format!("{} · {}", change.mode.as_str(), change.reason);
    audit::record_in(&mut tx, now, meta, event.detail(detail)).await?;
    tx.commit().await
}
