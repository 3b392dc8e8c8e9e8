//! The user's own security page: password, second factor, sessions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub handle: String,
    pub current: bool,
    pub device: Option<String>,
    pub client_ip: Option<String>,
    pub started_local_ms: Option<i64>,
    pub last_seen_local_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityView {
    pub second_factor_since_local_ms: Option<i64>,
    pub recovery_codes_left: i64,
    pub sessions: Vec<SessionView>,
}

/// Local times in the time zone of the session's company (UTC before one is chosen).
#[cfg(feature = "ssr")]
async fn local(state: &services::AppState, session: &tower_sessions::Session) -> impl Fn(i64) -> i64 + use<> {
    let tz = match session.get::<String>(services::auth::keys::TENANT).await.ok().flatten() {
        Some(code) => services::control::tenant(state, &code).await.ok().flatten().map(|t| t.timezone),
        None => None,
    };
    move |ms| tz.as_deref().map_or(ms, |tz| services::clock::to_local_ms(tz, ms))
}

#[server(endpoint = "security_overview")]
pub async fn security_overview() -> Result<SecurityView, ApiError> {
    use services::auth::{account, second_factor, session_store::handle_of};
    let (state, session, user) = super::ssr::account().await?;
    let local = local(&state, &session).await;
    let this = session.id().map(|id| handle_of(&id.to_string()));
    let status = second_factor::status(&state, &user).await.map_err(super::ssr::fail)?;
    let sessions = account::sessions(&state, &user.id).await.map_err(super::ssr::fail)?;
    Ok(SecurityView {
        second_factor_since_local_ms: status.enabled_since_ms.map(&local),
        recovery_codes_left: status.recovery_codes_left,
        sessions: sessions
            .into_iter()
            .filter_map(|s| {
                let handle = s.handle?;
                Some(SessionView {
                    current: this.as_deref() == Some(handle.as_str()),
                    handle,
                    device: s.user_agent.as_deref().and_then(domain::device::describe),
                    client_ip: s.client_ip,
                    started_local_ms: s.started_at_ms.map(&local),
                    last_seen_local_ms: s.last_seen_ms.map(&local),
                })
            })
            .collect(),
    })
}

/// Needs the current password; `end_others` (a checkbox) ends every other session.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    end_others: Option<String>,
) -> Result<u64, ApiError> {
    let (state, session, user) = super::ssr::account().await?;
    let this = session.id().map(|id| id.to_string()).unwrap_or_default();
    let outcome = services::auth::account::change_password(
        &state,
        &super::ssr::meta(),
        &user,
        &current_password,
        &new_password,
        end_others.is_some(),
        &this,
    )
    .await;
    super::ssr::finish("change-password", outcome, "password-changed", &[]).await
}

#[server(endpoint = "end_session")]
pub async fn end_session(handle: String) -> Result<(), ApiError> {
    let (state, _, user) = super::ssr::account().await?;
    let outcome = services::auth::account::end_session(&state, &super::ssr::meta(), &user.id, &handle).await;
    super::ssr::finish("sessions", outcome, "session-ended", &[]).await
}

#[server(endpoint = "disable_second_factor")]
pub async fn disable_second_factor(password: String, code: String) -> Result<(), ApiError> {
    use domain::AuditKind;
    use services::audit::{Event, record};
    let (state, _, user) = super::ssr::account().await?;
    let outcome = services::auth::second_factor::disable(&state, &super::ssr::meta(), &user, &password, &code).await;
    if outcome.is_ok() {
        record(&state, &super::ssr::meta(), Event::new(AuditKind::SecondFactorDisabled).user(&user.id))
            .await
            .map_err(super::ssr::fail)?;
    }
    super::ssr::finish("disable-second-factor", outcome, "second-factor-off", &[]).await
}

#[server(endpoint = "regenerate_recovery_codes")]
pub async fn regenerate_recovery_codes(password: String) -> Result<Vec<String>, ApiError> {
    use domain::AuditKind;
    use services::audit::{Event, record};
    let (state, _, user) = super::ssr::account().await?;
    let outcome =
        services::auth::second_factor::regenerate_recovery_codes(&state, &super::ssr::meta(), &user, &password).await;
    if outcome.is_ok() {
        record(&state, &super::ssr::meta(), Event::new(AuditKind::RecoveryCodesRegenerated).user(&user.id))
            .await
            .map_err(super::ssr::fail)?;
    }
    let codes = outcome.as_ref().map(|c| c.join(" ")).unwrap_or_default();
    let values = [(super::second_factor::RECOVERY_CODES, codes.as_str())];
    super::ssr::finish("recovery-codes", outcome, "recovery-codes-renewed", &values).await
}
