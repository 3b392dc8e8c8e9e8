//! The two browser legs of OpenID Connect sign-in: `POST /auth/oidc/start` sends the browser to
//! the company's identity provider; `GET /auth/oidc/callback` brings it back. The flow itself is
//! in `services::sso`.

use app::api::{ApiError, Flash};
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, http::HeaderMap};
use serde::Deserialize;
use services::audit::RequestMeta;
use services::auth::{current, keys, login};
use services::sso::{self, PendingSso};
use services::{AppError, AppState};
use tower_sessions::Session;

/// The address users reach, when configured (`ATELIER_PUBLIC_URL`); else the request's host.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub Option<String>);

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

/// Back to the login page with the reason, shown once (a plain redirect: no JavaScript needed).
async fn back_to_login(session: &Session, error: &AppError) -> Response {
    if error.is_internal() {
        tracing::error!(%error, "single sign-on");
    }
    let flash = Flash { form: "login".into(), ok: None, error: Some(ApiError::new(error.code())), values: Vec::new() };
    let _ = session.insert(keys::FLASH, flash).await;
    Redirect::to("/login").into_response()
}

#[derive(Deserialize)]
pub struct StartForm {
    provider: String,
    next: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Extension(public): Extension<PublicUrl>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> Response {
    let next = domain::nav::safe_next(form.next.as_deref());
    match sso::start(&state, &form.provider, &redirect_url(&public, &headers), next).await {
        Ok((url, pending)) => match session.insert(keys::SSO_PENDING, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(e) => back_to_login(&session, &AppError::Internal(e.to_string())).await,
        },
        Err(error) => back_to_login(&session, &error).await,
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
    // Single use: whatever happens next, this browser's pending sign-in is spent (A19).
    let pending: Option<PendingSso> = session.remove(keys::SSO_PENDING).await.ok().flatten();
    if query.error.is_some() {
        return back_to_login(&session, &AppError::SsoRefused("sso-cancelled")).await;
    }
    let next = pending.as_ref().and_then(|p| p.next.clone());
    let (code, returned_state) = (query.code.unwrap_or_default(), query.state.unwrap_or_default());
    let outcome = sso::finish(&state, &meta, pending, &code, &returned_state, &redirect_url(&public, &headers)).await;
    let signed_in = match outcome {
        Ok(login) => enter(&state, &meta, &session, &login).await,
        Err(error) => Err(error),
    };
    match signed_in {
        Ok(()) => Redirect::to(next.as_deref().unwrap_or("/")).into_response(),
        Err(error) => back_to_login(&session, &error).await,
    }
}

async fn enter(state: &AppState, meta: &RequestMeta, session: &Session, login: &sso::SsoLogin) -> Result<(), AppError> {
    let store = |e: tower_sessions::session::Error| AppError::Internal(e.to_string());
    current::start(state, session, &login.user_id, meta).await?;
    session.insert(keys::TENANT, &login.tenant_code).await.map_err(store)?;
    session.insert(keys::SSO_TENANT, &login.tenant_code).await.map_err(store)?;
    login::succeeded(state, meta, &login.user_id, &format!("sso: {}", login.label)).await
}
