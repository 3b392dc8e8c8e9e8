//! Step one of a server function: who is calling, and what they may do.

use domain::Permission;
use leptos::prelude::*;
use services::audit::RequestMeta;
use services::auth::current::{PendingStep, SessionStatus, current, pending};
use services::auth::session as stored;
use services::control::UserRecord;
use services::tenancy::TenantScope;
use services::{AppError, AppState};
use tower_sessions::Session;

use crate::api::ApiError;

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| ApiError::new("internal"))
}

pub async fn session() -> Result<Session, ApiError> {
    leptos_axum::extract::<Session>().await.map_err(|_| ApiError::new("internal"))
}

/// Where this request came from (client address, browser, request id, whether its address is
/// over its sign-in budget), as the HTTP layer described it.
pub fn meta() -> RequestMeta {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<RequestMeta>().cloned()).unwrap_or_default()
}

/// The address users reach Atelier at: `ATELIER_PUBLIC_URL`, else this request's host.
pub fn base_url(state: &AppState) -> String {
    if let Some(url) = &state.settings.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned))
        .unwrap_or_else(|| "localhost".to_owned());
    format!("http://{host}")
}

/// The id of a record named in an address: a malformed one names nothing (not found).
pub fn record_id(raw: &str) -> Result<String, ApiError> {
    Ok(domain::input::parse_id(raw).map_err(|_| AppError::NotFound)?)
}

/// The user and company of this request's session, with `permission` checked. A refusal is
/// recorded in the audit log.
pub async fn scope(permission: Permission) -> Result<(AppState, TenantScope), ApiError> {
    let state = state()?;
    // The page guard or the API access layer has usually resolved this request's session already.
    let resolved = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<TenantScope>().cloned());
    let scope = match resolved {
        Some(scope) => scope,
        None => match current(&state, &session().await?).await? {
            SessionStatus::InTenant(scope) => *scope,
            SessionStatus::Anonymous | SessionStatus::NeedsTenant { .. } => Err(AppError::Unauthenticated)?,
        },
    };
    if let Err(error) = scope.require(permission) {
        services::audit::record_refusal(&state, &meta(), &scope, permission).await?;
        Err(error)?;
    }
    Ok((state, scope))
}

/// The user acting on their own second factor: signed in, or owing an enrolment before entering
/// (then `true`).
pub async fn enrolling_user() -> Result<(AppState, Session, UserRecord, bool), ApiError> {
    let state = state()?;
    let session = session().await?;
    let (user_id, at_login) = match pending(&state, &session).await? {
        Some(p) if p.step == PendingStep::Enrol => (p.user_id, true),
        _ => (signed_in_user().await?.2, false),
    };
    let user = services::control::user(&state, &user_id).await?;
    Ok((state, session, user, at_login))
}

/// The signed-in user's record.
pub async fn account() -> Result<(AppState, Session, UserRecord), ApiError> {
    let (state, session, user_id) = signed_in_user().await?;
    let user = services::control::user(&state, &user_id).await?;
    Ok((state, session, user))
}

/// The signed-in user's id, whether or not a company is chosen yet (the company picker).
pub async fn signed_in_user() -> Result<(AppState, Session, String), ApiError> {
    let state = state()?;
    let session = session().await?;
    let user_id = match current(&state, &session).await {
        Ok(SessionStatus::NeedsTenant { user_id }) => user_id,
        Ok(SessionStatus::InTenant(scope)) => scope.user.id.clone(),
        // A suspended current company must not keep its user from choosing another one.
        Err(AppError::TenantSuspended { .. }) => {
            stored::signed_in(&session).await?.map(|s| s.user_id).ok_or(AppError::Unauthenticated)?
        }
        Ok(SessionStatus::Anonymous) => Err(AppError::Unauthenticated)?,
        Err(error) => Err(error)?,
    };
    Ok((state, session, user_id))
}
