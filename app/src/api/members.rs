//! A company's admins: members' sign-in state and the company's sign-in rules.

use domain::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub second_factor: bool,
    /// Local time the lock ends, while locked.
    pub locked_until_local_ms: Option<i64>,
    pub disabled: bool,
    pub last_login_local_ms: Option<i64>,
    /// Also a member of another company: its lock and second factor are the platform operator's.
    pub shared: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersView {
    pub members: Vec<MemberView>,
    pub second_factor_roles: Vec<Role>,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
}

#[server(endpoint = "members_overview")]
pub async fn members_overview() -> Result<MembersView, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::UsersManage).await?;
    let now = state.clock.now_ms();
    let members = services::members::list(&state, &scope).await.map_err(super::ssr::fail)?;
    let rules = services::members::rules(&state, &scope).await.map_err(super::ssr::fail)?;
    Ok(MembersView {
        members: members
            .into_iter()
            .map(|m| MemberView {
                role: Role::parse(&m.role).unwrap_or(Role::Auditor),
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
            })
            .collect(),
        second_factor_roles: rules.second_factor_roles,
        lockout_threshold: rules.lockout_threshold,
        lockout_minutes: rules.lockout_minutes,
    })
}

#[server(endpoint = "unlock_member")]
pub async fn unlock_member(user_id: String) -> Result<(), ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::UsersManage).await?;
    let outcome = services::members::unlock(&state, &super::ssr::meta(), &scope, &user_id).await;
    super::ssr::finish("members", outcome, "member-unlocked", &[]).await
}

#[server(endpoint = "reset_member_second_factor")]
pub async fn reset_member_second_factor(user_id: String) -> Result<(), ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::UsersManage).await?;
    let outcome = services::members::reset_second_factor(&state, &super::ssr::meta(), &scope, &user_id).await;
    super::ssr::finish("members", outcome, "member-second-factor-reset", &[]).await
}

/// The company's sign-in rules. Each role is a checkbox (`mfa_<role>`), present when ticked.
#[server(endpoint = "set_sign_in_rules")]
#[allow(clippy::too_many_arguments)]
pub async fn set_sign_in_rules(
    lockout_threshold: String,
    lockout_minutes: String,
    mfa_admin: Option<String>,
    mfa_manager: Option<String>,
    mfa_accountant: Option<String>,
    mfa_technician: Option<String>,
    mfa_auditor: Option<String>,
) -> Result<(), ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::UsersManage).await?;
    let ticked = [mfa_admin, mfa_manager, mfa_accountant, mfa_technician, mfa_auditor];
    let roles: Vec<String> =
        Role::ALL.iter().zip(ticked).filter(|(_, on)| on.is_some()).map(|(r, _)| r.as_str().to_owned()).collect();
    let outcome = match services::members::SignInRules::parse(&roles, &lockout_threshold, &lockout_minutes) {
        Ok(rules) => services::members::set_rules(&state, &super::ssr::meta(), &scope, &rules).await,
        Err(errors) => Err(errors.into()),
    };
    let values = [("lockout_threshold", lockout_threshold.as_str()), ("lockout_minutes", lockout_minutes.as_str())];
    super::ssr::finish("sign-in-rules", outcome, "sign-in-rules-saved", &values).await
}
