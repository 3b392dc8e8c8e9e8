//! The second step of signing in, and setting a second factor up (at login when a company
//! requires it, or from the security page).

use domain::identity::views::SetupView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, services::auth};

/// The flash value carrying freshly made recovery codes to the page that shows them once.
pub const RECOVERY_CODES: &str = "recovery-codes";

/// A TOTP or recovery code, after the password. Wrong codes count towards the lockout.
#[server(endpoint = "second_factor")]
pub async fn second_factor(code: String) -> Result<(), ApiError> {
    let (state, session) = (ssr::state()?, ssr::session().await?);
    let outcome = auth::login::after_second_factor(&state, &ssr::meta(), &session, &code).await;
    let target = ssr::finish("second-factor", outcome, "", &[]).await?;
    leptos_axum::redirect(&target);
    Ok(())
}

#[server(endpoint = "second_factor_setup")]
pub async fn second_factor_setup() -> Result<SetupView, ApiError> {
    let (state, _, user, at_login) = ssr::enrolling_user().await?;
    // The key to scan is in the page.
    ssr::no_store();
    Ok(auth::views::second_factor_setup(&state, &user, at_login).await?)
}

/// Draws a secret to scan; the page then shows it until a code confirms it. From the security
/// page this needs the password again (A12, A24); at sign-in it was just given.
#[server(endpoint = "begin_second_factor")]
pub async fn begin_second_factor(password: Option<String>) -> Result<(), ApiError> {
    let (state, _, user, at_login) = ssr::enrolling_user().await?;
    let password = if at_login { None } else { Some(password.unwrap_or_default()) };
    let outcome = auth::second_factor::begin_with(&state, &ssr::meta(), &user, password.as_deref()).await;
    ssr::finish("second-factor-setup", outcome, "", &[]).await
}

/// Turns the second factor on with a first right code; the recovery codes travel to the page
/// once. At login, this also lets the user in.
#[server(endpoint = "confirm_second_factor")]
pub async fn confirm_second_factor(code: String) -> Result<Vec<String>, ApiError> {
    let (state, session, user, at_login) = ssr::enrolling_user().await?;
    let outcome = auth::login::enrol(&state, &ssr::meta(), &session, &user, &code, at_login).await;
    let codes = outcome.as_ref().map(|c| c.join(" ")).unwrap_or_default();
    ssr::finish("second-factor-setup", outcome, "second-factor-on", &[(RECOVERY_CODES, &codes)]).await
}
