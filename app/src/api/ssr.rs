//! Server-side plumbing shared by the server functions.

pub mod views;

use domain::Permission;
use leptos::prelude::*;
use services::audit::RequestMeta;
use services::auth::keys;
use services::tenancy::TenantScope;
use services::{AppError, AppState};
use tower_sessions::Session;

use super::{ApiError, Flash};

impl From<&AppError> for ApiError {
    fn from(error: &AppError) -> Self {
        let mut api = ApiError::new(error.code());
        match error {
            AppError::Validation(errors) => api.fields = errors.0.clone(),
            AppError::TenantSuspended { reason } => api.detail = reason.clone(),
            // Thousandths of the unit; the interface formats them in the reader's language.
            AppError::InsufficientStock { available, requested } => {
                api.detail = Some(format!("{available};{requested}"))
            }
            AppError::TooManyMovements { limit } => api.detail = Some(limit.to_string()),
            _ => {}
        }
        api
    }
}

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| ApiError::new("internal"))
}

pub async fn session() -> Result<Session, ApiError> {
    leptos_axum::extract::<Session>().await.map_err(|_| ApiError::new("internal"))
}

/// True for a form posted by the browser itself (no JavaScript): it will be redirected back to
/// the page, so errors travel in the session rather than in the response.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false)
}

/// Maps a service error for the client: logs what must be logged, sets the HTTP status (except
/// for plain form posts, which must stay redirects), hides internal details.
pub fn fail(error: AppError) -> ApiError {
    if error.is_internal() {
        tracing::error!(%error, "request failed");
    }
    if !is_plain_form_post() {
        crate::http_status::set(error.status());
    }
    ApiError::from(&error)
}

/// Where this request came from (client address, browser, request id), for the audit log.
pub fn meta() -> RequestMeta {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<RequestMeta>().cloned()).unwrap_or_default()
}

/// The user and tenant of this request's session, with `permission` checked. A refusal is
/// recorded in the audit log.
pub async fn scope(permission: Permission) -> Result<(AppState, TenantScope), ApiError> {
    use services::auth::current::{SessionStatus, current};
    let state = state()?;
    // The page guard or the API access layer has usually resolved this request's session already.
    let resolved = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<TenantScope>().cloned());
    let scope = match resolved {
        Some(scope) => scope,
        None => match current(&state, &session().await?).await.map_err(fail)? {
            SessionStatus::InTenant(scope) => *scope,
            SessionStatus::Anonymous | SessionStatus::NeedsTenant { .. } => {
                return Err(fail(AppError::Unauthenticated));
            }
        },
    };
    if let Err(error) = scope.require(permission) {
        services::audit::record_refusal(&state, &meta(), &scope, permission).await.map_err(fail)?;
        return Err(fail(error));
    }
    Ok((state, scope))
}

/// Lets a user in once every step of signing in is passed: a new session id, the login
/// recorded, and the only company entered (or the picker shown). With `go`, the browser is
/// sent on to `next`.
pub async fn enter(
    state: &AppState,
    session: &Session,
    user_id: &str,
    how: &str,
    next: Option<String>,
    go: bool,
) -> Result<(), ApiError> {
    use services::auth::{current, login};
    let meta = meta();
    current::start(state, session, user_id, &meta).await.map_err(fail)?;
    login::succeeded(state, &meta, user_id, how).await.map_err(fail)?;
    let memberships = login::memberships(state, user_id).await.map_err(fail)?;
    let target = match login::default_tenant(&memberships) {
        Some(tenant) => {
            session.insert(keys::TENANT, tenant).await.map_err(|_| ApiError::new("internal"))?;
            domain::nav::safe_next(next.as_deref()).unwrap_or_else(|| "/".to_owned())
        }
        None => "/select-tenant".to_owned(),
    };
    if go {
        leptos_axum::redirect(&target);
    }
    Ok(())
}

/// The user acting on their own second factor: signed in, or owing an enrolment before entering.
pub async fn enrolling_user() -> Result<(AppState, Session, services::control::UserRecord, bool), ApiError> {
    use services::auth::current::{PendingStep, pending};
    let state = state()?;
    let session = session().await?;
    let (user_id, at_login) = match pending(&state, &session).await.map_err(fail)? {
        Some(p) if p.step == PendingStep::Enrol => (p.user_id, true),
        _ => (signed_in_user().await?.2, false),
    };
    let user = services::control::user(&state, &user_id).await.map_err(fail)?;
    Ok((state, session, user, at_login))
}

/// The signed-in user's record.
pub async fn account() -> Result<(AppState, Session, services::control::UserRecord), ApiError> {
    let (state, session, user_id) = signed_in_user().await?;
    let user = services::control::user(&state, &user_id).await.map_err(fail)?;
    Ok((state, session, user))
}

/// The signed-in user's id, whether or not a company is chosen yet (the company picker).
pub async fn signed_in_user() -> Result<(AppState, Session, String), ApiError> {
    use services::auth::current::{SessionStatus, current};
    let state = state()?;
    let session = session().await?;
    let user_id = match current(&state, &session).await {
        Ok(SessionStatus::NeedsTenant { user_id }) => user_id,
        Ok(SessionStatus::InTenant(scope)) => scope.user.id.clone(),
        // A suspended current company must not keep its user from choosing another one.
        Err(AppError::TenantSuspended { .. }) => {
            session.get::<String>(keys::USER_ID).await.ok().flatten().ok_or_else(|| fail(AppError::Unauthenticated))?
        }
        Ok(SessionStatus::Anonymous) => return Err(fail(AppError::Unauthenticated)),
        Err(error) => return Err(fail(error)),
    };
    Ok((state, session, user_id))
}

/// Ends a form's server function: maps the result and, for a plain form post, leaves the
/// outcome in the session for the page the browser is sent back to.
pub async fn finish<T>(
    form: &str,
    result: Result<T, AppError>,
    ok_key: &str,
    values: &[(&str, &str)],
) -> Result<T, ApiError> {
    let result = result.map_err(fail);
    if is_plain_form_post() {
        let flash = Flash {
            form: form.to_owned(),
            ok: result.is_ok().then(|| ok_key.to_owned()),
            error: result.as_ref().err().cloned(),
            values: values.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        };
        session().await?.insert(keys::FLASH, flash).await.map_err(|_| ApiError::new("internal"))?;
        if result.is_err()
            && let Some(back) = referer_path()
        {
            leptos_axum::redirect(&back);
        }
    }
    result
}

/// The company's currency.
pub fn currency(scope: &TenantScope) -> domain::Currency {
    domain::Currency::parse(&scope.tenant.currency).unwrap_or(domain::Currency::Eur)
}

/// A site with its dates shifted to the tenant's time zone, for display.
pub fn localise_site(scope: &TenantScope, site: domain::site::Site) -> domain::site::Site {
    domain::site::Site {
        created_at_ms: scope.local_ms(site.created_at_ms),
        updated_at_ms: scope.local_ms(site.updated_at_ms),
        ..site
    }
}

/// The page a plain form was posted from, as a local path without the error parameters the
/// server-function layer would otherwise append (the error travels in the session instead).
fn referer_path() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    let uri: http::Uri = referer.parse().ok()?;
    let query: Vec<&str> =
        uri.query().unwrap_or_default().split('&').filter(|p| !p.is_empty() && !p.starts_with("__")).collect();
    let path = if query.is_empty() { uri.path().to_owned() } else { format!("{}?{}", uri.path(), query.join("&")) };
    domain::nav::safe_next(Some(&path))
}
