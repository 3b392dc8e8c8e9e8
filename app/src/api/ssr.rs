//! Server-side plumbing shared by the server functions.

use domain::Permission;
use leptos::prelude::*;
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

/// The user and tenant of this request's session, with `permission` checked.
pub async fn scope(permission: Permission) -> Result<(AppState, TenantScope), ApiError> {
    use services::auth::current::{SessionStatus, current};
    let state = state()?;
    // While rendering a page, the page guard has already resolved this request's session.
    let resolved = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<TenantScope>().cloned());
    if let Some(scope) = resolved {
        scope.require(permission).map_err(fail)?;
        return Ok((state, scope));
    }
    let session = session().await?;
    match current(&state, &session).await.map_err(fail)? {
        SessionStatus::InTenant(scope) => {
            scope.require(permission).map_err(fail)?;
            Ok((state, *scope))
        }
        SessionStatus::Anonymous | SessionStatus::NeedsTenant { .. } => Err(fail(AppError::Unauthenticated)),
    }
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
