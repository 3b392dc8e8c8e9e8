//! The user's own security page: password, second factor, sessions.

use domain::identity::views::SecurityView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, services::auth};

#[server(endpoint = "security_overview")]
pub async fn security_overview() -> Result<SecurityView, ApiError> {
    let (state, session, user) = ssr::account().await?;
    Ok(auth::views::security(&state, &session, &user).await?)
}

/// Needs the current password; `end_others` (a checkbox) ends every other session.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    end_others: Option<String>,
) -> Result<u64, ApiError> {
    let (state, session, user) = ssr::account().await?;
    let this = session.id().map(|id| id.to_string()).unwrap_or_default();
    let change = auth::account::PasswordChange {
        current: &current_password,
        new: &new_password,
        end_others: end_others.is_some(),
    };
    let outcome = auth::account::change_password(&state, &ssr::meta(), &user, &change, &this).await;
    ssr::finish("change-password", outcome, "password-changed", &[]).await
}

#[server(endpoint = "end_session")]
pub async fn end_session(handle: String) -> Result<(), ApiError> {
    let (state, _, user) = ssr::account().await?;
    let outcome = auth::account::end_session(&state, &ssr::meta(), &user.id, &handle).await;
    ssr::finish("sessions", outcome, "session-ended", &[]).await
}

#[server(endpoint = "disable_second_factor")]
pub async fn disable_second_factor(password: String, code: String) -> Result<(), ApiError> {
    let (state, _, user) = ssr::account().await?;
    let outcome = auth::second_factor::disable(&state, &ssr::meta(), &user, &password, &code).await;
    ssr::finish("disable-second-factor", outcome, "second-factor-off", &[]).await
}

#[server(endpoint = "regenerate_recovery_codes")]
pub async fn regenerate_recovery_codes(password: String) -> Result<Vec<String>, ApiError> {
    let (state, _, user) = ssr::account().await?;
    let outcome = auth::second_factor::regenerate_recovery_codes(&state, &ssr::meta(), &user, &password).await;
    let codes = outcome.as_ref().map(|c| c.join(" ")).unwrap_or_default();
    let values = [(super::second_factor::RECOVERY_CODES, codes.as_str())];
    ssr::finish("recovery-codes", outcome, "recovery-codes-renewed", &values).await
}
