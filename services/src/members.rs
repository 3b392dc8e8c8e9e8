//! A company's admins manage its members' sign-in: see who is locked out or without a second
//! factor, unlock, reset a second factor, and set the company's sign-in rules.

use domain::identity::views::{MemberView, MembersView};
pub use domain::sign_in_rules::SignInRules;
use domain::{AuditKind, Permission, Role};

use crate::audit::{self, Event, RequestMeta};
use crate::auth::second_factor;
use crate::control::UserRecord;
use crate::control::repo::{self, MemberRow, TenantSecurityRow};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The members page: each member's sign-in state, and the company's sign-in rules.
pub async fn overview(state: &AppState, scope: &TenantScope) -> AppResult<MembersView> {
    scope.require(Permission::UsersManage)?;
    let now = state.clock.now_ms();
    let rules = rules(state, scope).await?;
    let mut members = Vec::new();
    for m in repo::members_of(state.control.pool(), &scope.tenant.code).await? {
        members.push(MemberView {
            role: Role::parse(&m.role).map_err(|_| AppError::corrupt("memberships.role", &m.role))?,
            second_factor: m.totp_on > 0,
            locked_until_local_ms: m
                .locked_until_ms
                .filter(|until| domain::lockout::is_locked(Some(*until), now))
                .map(|t| scope.local_ms(t)),
            disabled: m.disabled_at_ms.is_some(),
            last_login_local_ms: m.last_login_ms.map(|t| scope.local_ms(t)),
            shared: m.other_companies > 0,
            id: m.id,
            name: m.display_name,
            email: m.email,
        });
    }
    Ok(MembersView {
        members,
        second_factor_roles: rules.second_factor_roles,
        lockout_threshold: rules.lockout_threshold,
        lockout_minutes: rules.lockout_minutes,
    })
}

async fn rules(state: &AppState, scope: &TenantScope) -> AppResult<SignInRules> {
    scope.require(Permission::UsersManage)?;
    Ok(match repo::tenant_security(state.control.pool(), &scope.tenant.code).await? {
        None => SignInRules::default(),
        Some(row) => SignInRules {
            second_factor_roles: row
                .mfa_roles
                .split(',')
                .filter(|r| !r.is_empty())
                .map(|r| Role::parse(r).map_err(|_| AppError::corrupt("tenant_security.mfa_roles", r)))
                .collect::<AppResult<_>>()?,
            lockout_threshold: row.lockout_threshold,
            lockout_minutes: row.lockout_minutes,
        },
    })
}

pub async fn set_rules(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    rules: &SignInRules,
) -> AppResult<()> {
    scope.require(Permission::UsersManage)?;
    let roles: Vec<&str> = rules.second_factor_roles.iter().map(|r| r.as_str()).collect();
    let row = TenantSecurityRow {
        mfa_roles: roles.join(","),
        lockout_threshold: rules.lockout_threshold,
        lockout_minutes: rules.lockout_minutes,
    };
    repo::set_tenant_security(state.control.pool(), &scope.tenant.code, &row).await?;
    // Language-neutral, like every recorded detail: the log is read in French and in English.
    let detail = format!(
        "second-factor={}; threshold={}; minutes={}",
        row.mfa_roles, row.lockout_threshold, row.lockout_minutes
    );
    let event =
        Event::new(AuditKind::SignInRulesChanged).tenant(&scope.tenant.code).user(&scope.user.id).detail(detail);
    audit::record(state, meta, event).await
}

/// The member `user_id` of the scope's company, whose account the company's admin may act on;
/// anyone else is not found (T2). Unlocking and resetting a second factor act on the account,
/// in every company it belongs to: for an account shared with another company they are the
/// platform operator's (`atelier user unlock`, `atelier user reset-second-factor`), recorded in
/// each company's log, so that one company's admin never weakens another's member (A26).
async fn own_member(state: &AppState, scope: &TenantScope, user_id: &str) -> AppResult<MemberRow> {
    scope.require(Permission::UsersManage)?;
    let member = repo::member_of(state.control.pool(), &scope.tenant.code, user_id).await?.ok_or(AppError::NotFound)?;
    if member.other_companies > 0 {
        return Err(AppError::Conflict("member-shared-account"));
    }
    Ok(member)
}

pub async fn unlock(state: &AppState, meta: &RequestMeta, scope: &TenantScope, user_id: &str) -> AppResult<()> {
    let member = own_member(state, scope, user_id).await?;
    clear_lock(state, &member.id).await?;
    let event =
        Event::new(AuditKind::AccountUnlocked).tenant(&scope.tenant.code).user(&scope.user.id).subject(&member.email);
    audit::record(state, meta, event).await
}

pub async fn reset_second_factor(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    user_id: &str,
) -> AppResult<()> {
    let member = own_member(state, scope, user_id).await?;
    second_factor::remove(state, &member.id).await?;
    let event =
        Event::new(AuditKind::SecondFactorReset).tenant(&scope.tenant.code).user(&scope.user.id).subject(&member.email);
    audit::record(state, meta, event).await
}

/// The platform operator's unlock (command line), for any account.
pub async fn unlock_account(state: &AppState, meta: &RequestMeta, user: &UserRecord) -> AppResult<()> {
    clear_lock(state, &user.id).await?;
    record_in_every_company(state, meta, AuditKind::AccountUnlocked, user).await
}

/// The platform operator's reset of a second factor (command line).
pub async fn reset_account_second_factor(state: &AppState, meta: &RequestMeta, user: &UserRecord) -> AppResult<()> {
    second_factor::remove(state, &user.id).await?;
    record_in_every_company(state, meta, AuditKind::SecondFactorReset, user).await
}

/// An action of the platform operator on an account, recorded in the log of every company the
/// account belongs to (A26), or once without a company when it belongs to none.
async fn record_in_every_company(
    state: &AppState,
    meta: &RequestMeta,
    kind: AuditKind,
    user: &UserRecord,
) -> AppResult<()> {
    let event = Event::new(kind).subject(&user.email).detail(PLATFORM_OPERATOR);
    let memberships = repo::memberships_of(state.control.pool(), &user.id).await?;
    let companies: Vec<&str> = memberships.iter().map(|m| m.tenant_code.as_str()).collect();
    let mut tx = state.control.begin_write().await?;
    audit::record_in_companies(&mut tx, state.clock.now_ms(), meta, event, &companies).await?;
    tx.commit().await
}

/// The recorded detail of an action taken from the command line.
pub const PLATFORM_OPERATOR: &str = "platform-operator";

async fn clear_lock(state: &AppState, user_id: &str) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    repo::set_locked_until(&mut *tx, user_id, None).await?;
    repo::clear_login_failures(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The display names of the company's members by user id, to say who recorded what.
pub async fn names(state: &AppState, scope: &TenantScope) -> AppResult<std::collections::HashMap<String, String>> {
    scope.require(Permission::TenantRead)?;
    let members = repo::members_of(state.control.pool(), &scope.tenant.code).await?;
    Ok(members.into_iter().map(|m| (m.id, m.display_name)).collect())
}

/// The company's members by user id: their names, and who the technicians are.
pub struct Roster {
    pub names: std::collections::HashMap<String, String>,
    /// The technicians, by name.
    pub technicians: Vec<domain::mission::views::Person>,
}

impl Roster {
    /// A member's name; a user who has left the company shows as a dash.
    pub fn name(&self, id: &str) -> String {
        self.names.get(id).cloned().unwrap_or_else(|| "—".to_owned())
    }

    pub fn is_technician(&self, id: &str) -> bool {
        self.technicians.iter().any(|t| t.id == id)
    }
}

pub async fn roster(state: &AppState, scope: &TenantScope) -> AppResult<Roster> {
    let members = repo::members_of(state.control.pool(), &scope.tenant.code).await?;
    let technicians = members
        .iter()
        .filter(|m| m.role == Role::Technician.as_str())
        .map(|m| domain::mission::views::Person { id: m.id.clone(), name: m.display_name.clone() })
        .collect();
    Ok(Roster { names: members.into_iter().map(|m| (m.id, m.display_name)).collect(), technicians })
}
