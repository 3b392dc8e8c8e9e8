//! The two browser legs of OpenID Connect sign-in: `POST /auth/oidc/start` sends the browser to
//! the company's identity provider; `GET /auth/oidc/callback` brings it back. The flow itself is
//! in `services::sso`.

use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, http::HeaderMap};
use serde::Deserialize;
use services::audit::RequestMeta;
use services::auth::{login, session as stored};
use services::sso;
use services::{AppError, AppState};
use tower_sessions::Session;

/// The address users reach, when configured (`ATELIER_PUBLIC_URL`); else the request's host.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub Option<String>);

/// Both legs live under this path; each request spends the client address's sign-in budget.
pub const PREFIX: &str = "/auth/oidc/";
pub const CALLBACK: &str = "/auth/oidc/callback";

fn redirect_url(public: &PublicUrl, headers: &HeaderMap) -> String {
    let base = match &public.0 {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => {
            let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
            format!("http://{host}")
        }
    };
    format!("{base}{CALLBACK}")
}

/// The reason a single sign-on was refused, as a code the login page translates (`sso-…` only).
fn reason(error: &AppError) -> &'static str {
    match error {
        AppError::SsoRefused(reason) => reason,
        AppError::TooManyAttempts => "sso-too-many-attempts",
        AppError::TenantSuspended { .. } => "sso-company-suspended",
        AppError::NotFound => "sso-unknown-provider",
        _ => "sso-failed",
    }
}

/// Back to the login page with the reason in the address. Nothing is stored for the browser: a
/// forged or replayed callback from a browser without a session creates none (A29).
fn back_to_login(error: &AppError) -> Response {
    if error.is_internal() {
        tracing::error!(%error, "single sign-on");
    }
    Redirect::to(&format!("/login?sso_error={}", reason(error))).into_response()
}

#[derive(Deserialize)]
pub struct StartForm {
    provider: String,
    next: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Extension(public): Extension<PublicUrl>,
    Extension(meta): Extension<RequestMeta>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> Response {
    if meta.throttled {
        return back_to_login(&AppError::TooManyAttempts);
    }
    let next = domain::nav::safe_next(form.next.as_deref());
    let started = match sso::start(&state, &form.provider, &redirect_url(&public, &headers), next).await {
        Ok((url, pending)) => stored::set_sso_pending(&session, &pending).await.map(|()| url),
        Err(error) => Err(error),
    };
    match started {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(error) => back_to_login(&error),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    Extension(public): Extension<PublicUrl>,
    Extension(meta): Extension<RequestMeta>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<Callback>,
) -> Response {
    if meta.throttled {
        return back_to_login(&AppError::TooManyAttempts);
    }
    // Single use: whatever happens next, this browser's pending sign-in is spent (A19). A browser
    // without one still has nothing stored.
    let pending = match stored::take_sso_pending(&session).await {
        Ok(pending) => pending,
        Err(error) => return back_to_login(&error),
    };
    if query.error.is_some() {
        return back_to_login(&AppError::SsoRefused("sso-cancelled"));
    }
    let next = pending.as_ref().and_then(|p| p.next.clone());
    let (code, returned_state) = (query.code.unwrap_or_default(), query.state.unwrap_or_default());
    let outcome = sso::finish(&state, &meta, pending, &code, &returned_state, &redirect_url(&public, &headers)).await;
    let entered = match outcome {
        Ok(sso) => {
            let how = format!("sso: {}", sso.label);
            let entry = login::Entry::Provider { tenant: &sso.tenant_code };
            login::enter(&state, &meta, &session, (&sso.user_id, &how), entry, next.as_deref()).await
        }
        Err(error) => Err(error),
    };
    match entered {
        Ok(target) => Redirect::to(&target).into_response(),
        Err(error) => back_to_login(&error),
    }
}
