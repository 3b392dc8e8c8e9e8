//! A company's admins: members' sign-in state and the company's sign-in rules.

use domain::identity::views::MembersView;
use domain::sign_in_rules::SignInRulesForm;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::members};

#[server(endpoint = "members_overview")]
pub async fn members_overview() -> Result<MembersView, ApiError> {
    let (state, scope) = ssr::scope(Permission::UsersManage).await?;
    Ok(members::overview(&state, &scope).await?)
}

#[server(endpoint = "unlock_member")]
pub async fn unlock_member(user_id: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::UsersManage).await?;
    let outcome = members::unlock(&state, &ssr::meta(), &scope, &user_id).await;
    ssr::finish("members", outcome, "member-unlocked", &[]).await
}

#[server(endpoint = "reset_member_second_factor")]
pub async fn reset_member_second_factor(user_id: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::UsersManage).await?;
    let outcome = members::reset_second_factor(&state, &ssr::meta(), &scope, &user_id).await;
    ssr::finish("members", outcome, "member-second-factor-reset", &[]).await
}

/// The company's sign-in rules. Each role is a checkbox (`mfa_<role>`), present when ticked.
#[server(endpoint = "set_sign_in_rules")]
pub async fn set_sign_in_rules(#[server(flatten)] form: SignInRulesForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::UsersManage).await?;
    let outcome = match form.parse() {
        Ok(rules) => members::set_rules(&state, &ssr::meta(), &scope, &rules).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("sign-in-rules", outcome, "sign-in-rules-saved", &form.values()).await
}
