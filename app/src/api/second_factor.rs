//! The second step of signing in, and setting a second factor up (at login when a company
//! requires it, or from the security page).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

/// The flash value carrying freshly made recovery codes to the page that shows them once.
pub const RECOVERY_CODES: &str = "recovery-codes";

/// What the set-up form shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    pub enabled: bool,
    /// While enrolling: the secret as text and as a QR code (SVG).
    pub secret: Option<String>,
    pub qr_svg: Option<String>,
    /// True when this is the sign-in's set-up step rather than the security page.
    pub at_login: bool,
}

/// A TOTP or recovery code, after the password. Wrong codes count towards the lockout.
#[server(endpoint = "second_factor")]
pub async fn second_factor(code: String) -> Result<(), ApiError> {
    use services::auth::current::{PendingStep, pending};
    use services::auth::second_factor::Passed;
    use services::{AppError, auth::login};
    let state = super::ssr::state()?;
    let session = super::ssr::session().await?;
    let pending = pending(&state, &session).await.map_err(super::ssr::fail)?.filter(|p| p.step == PendingStep::Code);
    let Some(pending) = pending else {
        leptos_axum::redirect("/login");
        return Err(super::ssr::fail(AppError::Unauthenticated));
    };
    let outcome = login::second_step(&state, &super::ssr::meta(), &pending.user_id, &code).await;
    if let Ok(passed) = outcome {
        let how = if passed == Passed::RecoveryCode { "password+recovery-code" } else { "password+totp" };
        super::ssr::enter(&state, &session, &pending.user_id, how, pending.next, true).await?;
    }
    super::ssr::finish("second-factor", outcome.map(|_| ()), "", &[]).await
}

#[server(endpoint = "second_factor_setup")]
pub async fn second_factor_setup() -> Result<SetupView, ApiError> {
    let (state, _, user, at_login) = super::ssr::enrolling_user().await?;
    let status = services::auth::second_factor::status(&state, &user).await.map_err(super::ssr::fail)?;
    Ok(SetupView {
        enabled: status.enabled_since_ms.is_some(),
        secret: status.enrolling.as_ref().map(|e| e.secret_base32.clone()),
        qr_svg: status.enrolling.map(|e| e.qr_svg),
        at_login,
    })
}

/// Draws a secret to scan; the page then shows it until a code confirms it. From the security
/// page this needs the password again (A12); at sign-in it was just given.
#[server(endpoint = "begin_second_factor")]
pub async fn begin_second_factor(password: Option<String>) -> Result<(), ApiError> {
    use services::auth::second_factor;
    let (state, _, user, at_login) = super::ssr::enrolling_user().await?;
    let outcome = match at_login {
        true => Ok(()),
        false => {
            let password = password.as_deref().unwrap_or_default();
            services::auth::login::reauthenticate(&state, &super::ssr::meta(), &user, password, "password").await
        }
    };
    let outcome = match outcome {
        Ok(()) => second_factor::begin(&state, &user).await.map(|_| ()),
        Err(e) => Err(e),
    };
    super::ssr::finish("second-factor-setup", outcome, "", &[]).await
}

/// Turns the second factor on with a first right code; the recovery codes travel to the page
/// once. At login, this also lets the user in.
#[server(endpoint = "confirm_second_factor")]
pub async fn confirm_second_factor(code: String) -> Result<Vec<String>, ApiError> {
    use domain::AuditKind;
    use services::audit::{Event, record};
    let (state, session, user, at_login) = super::ssr::enrolling_user().await?;
    let outcome = services::auth::second_factor::confirm(&state, &user, &code).await;
    if outcome.is_ok() {
        let meta = super::ssr::meta();
        record(&state, &meta, Event::new(AuditKind::SecondFactorEnrolled).user(&user.id))
            .await
            .map_err(super::ssr::fail)?;
        if at_login {
            let next = services::auth::current::pending(&state, &session).await.ok().flatten().and_then(|p| p.next);
            super::ssr::enter(&state, &session, &user.id, "password+enrolment", next, false).await?;
        }
    }
    let codes = outcome.as_ref().map(|c| c.join(" ")).unwrap_or_default();
    super::ssr::finish("second-factor-setup", outcome, "second-factor-on", &[(RECOVERY_CODES, &codes)]).await
}
