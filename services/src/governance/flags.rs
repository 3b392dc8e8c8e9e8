//! Feature flags: each checked on its feature's server path for the user asking (kill switch,
//! on or off, roles, rollout), read from the company's database on every check so that a change
//! holds at the next request on every server process; changed by the company's admins (or the
//! platform's command line), each change audited and a feature turned off recorded as a
//! business event, in the same transaction.

use domain::events::{EventKind, NewEvent};
use domain::governance::flags::{Closed, FlagChange, FlagEdit, FlagSetting, FlagView, FlagsPage, Kill, KillChange};
use domain::{AuditKind, Flag, Permission, Role};
use sqlx::AnyExecutor;

use super::repo::{self, FlagRow, FlagUpdate};
use crate::audit::{self, Event, RequestMeta};
use crate::db::Db;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

fn setting(flag: Flag, row: Option<FlagRow>) -> AppResult<FlagSetting> {
    let Some(row) = row else { return Ok(FlagSetting::default_for(flag)) };
    let roles = match row.roles.as_deref() {
        None => Vec::new(),
        Some(text) => domain::alerts::rules::parse_roles_text(text)
            .ok_or_else(|| AppError::corrupt("feature_flags.roles", text))?,
    };
    let kill = match (row.killed_reason, row.killed_by, row.killed_at_ms) {
        (Some(reason), Some(by), Some(at_ms)) => Some(Kill { reason, by, at_ms }),
        (None, None, None) => None,
        other => return Err(AppError::corrupt("feature_flags.killed_*", other)),
    };
    Ok(FlagSetting {
        flag,
        enabled: row.enabled == 1,
        rollout_pct: u8::try_from(row.rollout_pct)
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| AppError::corrupt("feature_flags.rollout_pct", row.rollout_pct))?,
        roles,
        kill,
    })
}

/// One flag's settings in a company's database.
pub async fn get<'e>(db: impl AnyExecutor<'e>, flag: Flag) -> AppResult<FlagSetting> {
    setting(flag, repo::flag(db, flag.name()).await?)
}

/// Every flag's settings, in the order of `Flag::ALL`.
pub async fn all(db: &Db) -> AppResult<Vec<FlagSetting>> {
    let mut rows = repo::flags(db.pool()).await?;
    Flag::ALL
        .iter()
        .map(|flag| {
            let row = rows.iter().position(|r| r.name == flag.name()).map(|i| rows.swap_remove(i));
            setting(*flag, row)
        })
        .collect()
}

/// The check on a feature's server path: refused, with why, unless the feature is open to the
/// scope's user in their role.
pub async fn require(scope: &TenantScope, flag: Flag) -> AppResult<()> {
    match get(scope.db.pool(), flag).await?.closed_to(&scope.user.id, scope.role) {
        None => Ok(()),
        Some(closed) => Err(AppError::FeatureClosed { flag, closed }),
    }
}

/// Why the feature is closed to the scope's user, if it is (for the page where it would be).
pub async fn closed_to(scope: &TenantScope, flag: Flag) -> AppResult<Option<Closed>> {
    Ok(get(scope.db.pool(), flag).await?.closed_to(&scope.user.id, scope.role))
}

/// Whether the feature is open to the scope's user (for a page that offers it or not).
pub async fn open_to(scope: &TenantScope, flag: Flag) -> AppResult<bool> {
    Ok(closed_to(scope, flag).await?.is_none())
}

/// The feature flags page of the console.
pub async fn page(scope: &TenantScope) -> AppResult<FlagsPage> {
    scope.require(Permission::GovernanceRead)?;
    let flags = all(&scope.db)
        .await?
        .into_iter()
        .map(|setting| FlagView { killed_at_local_ms: setting.kill.as_ref().map(|k| scope.local_ms(k.at_ms)), setting })
        .collect();
    Ok(FlagsPage { flags, can_manage: scope.allows(Permission::GovernanceFlags) })
}

/// A company's admin changes a flag: on or off, its rollout and roles.
pub async fn update(state: &AppState, meta: &RequestMeta, scope: &TenantScope, change: &FlagChange) -> AppResult<()> {
    save(state, meta, scope, change.flag, |_| change.clone()).await.map(|_| ())
}

/// Changes one thing of a flag and keeps the rest, as the REST API's toggle and rollout do;
/// returns the flag's new setting.
pub async fn edit(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    flag: Flag,
    edit: &FlagEdit,
) -> AppResult<FlagSetting> {
    save(state, meta, scope, flag, |current| current.edited(edit)).await
}

async fn save(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    flag: Flag,
    change_of: impl FnOnce(&FlagSetting) -> FlagChange,
) -> AppResult<FlagSetting> {
    scope.require(Permission::GovernanceFlags)?;
    let change = write(scope.db.clone(), flag, change_of, &scope.user.email, state.clock.now_ms()).await?;
    let detail = format!(
        "{}: enabled={} rollout={}% roles={}",
        change.flag.name(),
        change.enabled,
        change.rollout_pct,
        roles_text(&change.roles).unwrap_or_else(|| "all".into())
    );
    let event = Event::new(AuditKind::FeatureFlagChanged).tenant(&scope.tenant.code).user(&scope.user.id);
    audit::record(state, meta, event.detail(detail)).await?;
    get(scope.db.pool(), flag).await
}

pub async fn kill(state: &AppState, meta: &RequestMeta, scope: &TenantScope, change: &KillChange) -> AppResult<()> {
    scope.require(Permission::GovernanceFlags)?;
    let now = state.clock.now_ms();
    let mut tx = scope.db.begin_write().await?;
    let was = get(&mut *tx, change.flag).await?;
    repo::set_kill(&mut *tx, change.flag.name(), change.reason.as_deref(), &scope.user.email, now).await?;
    if was.kill.is_none() && change.reason.is_some() {
        let event = NewEvent::new(EventKind::FeatureTurnedOff, change.flag.name(), change.flag.name());
        crate::events::record(&mut tx, Some(&scope.user.id), &event, now).await?;
    }
    tx.commit().await?;
    let (kind, detail) = match &change.reason {
        Some(reason) => (AuditKind::FeatureKilled, format!("{}: {reason}", change.flag.name())),
        None => (AuditKind::FeatureReleased, change.flag.name().to_owned()),
    };
    let event = Event::new(kind).tenant(&scope.tenant.code).user(&scope.user.id);
    audit::record(state, meta, event.detail(detail)).await
}

/// The platform's command line (and the demo, the tests) turns a flag on or off for everyone.
pub async fn set_on(db: &Db, flag: Flag, on: bool, by: &str, now_ms: i64) -> AppResult<()> {
    let change = FlagChange { flag, enabled: on, rollout_pct: 100, roles: Vec::new() };
    write(db.clone(), flag, |_| change, by, now_ms).await.map(|_| ())
}

/// Writes the change made of the flag's current setting, read in the same transaction.
async fn write(
    db: Db,
    flag: Flag,
    change_of: impl FnOnce(&FlagSetting) -> FlagChange,
    by: &str,
    now_ms: i64,
) -> AppResult<FlagChange> {
    let mut tx = db.begin_write().await?;
    let was = get(&mut *tx, flag).await?;
    let change = change_of(&was);
    let roles = roles_text(&change.roles);
    let update = FlagUpdate {
        name: change.flag.name(),
        enabled: change.enabled,
        rollout_pct: i64::from(change.rollout_pct),
        roles: roles.as_deref(),
        by,
        at_ms: now_ms,
    };
    repo::set_flag(&mut *tx, &update).await?;
    if was.enabled && !change.enabled {
        let event = NewEvent::new(EventKind::FeatureTurnedOff, change.flag.name(), change.flag.name());
        crate::events::record(&mut tx, None, &event, now_ms).await?;
    }
    tx.commit().await?;
    Ok(change)
}

fn roles_text(roles: &[Role]) -> Option<String> {
    (!roles.is_empty()).then(|| domain::alerts::rules::roles_text(roles))
}
