//! Pages need a signed-in user in a tenant. Anonymous visitors are sent to the login page, users
//! who have not chosen a tenant to the picker. Server functions check the same on their own.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use services::auth::current::{PendingStep, SessionStatus, current, pending};
use services::auth::session as stored;
use services::{AppError, AppState};
use tower_sessions::Session;

/// Where a member goes whose session an emergency mode ended (LOCKDOWN, MAINTENANCE): signing
/// in again gives the reason.
pub const SESSION_ENDED_BY_MODE: &str = "/login?ended=mode";

/// Paths served to anyone.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path == "/verify"
        || path.starts_with("/verify/")
        || path == "/health"
        || path == "/status"
        || path == "/status.json"
        || path == "/metrics"
        || path == "/favicon.ico"
        || path.starts_with("/api/")
        || path.starts_with("/auth/")
        || path.starts_with("/pkg/")
        || path.starts_with("/assets/")
}

fn to_login(request: &Request) -> Response {
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let next = if target == "/" { String::new() } else { format!("?next={}", encode(target)) };
    Redirect::to(&format!("/login{next}")).into_response()
}

/// Everything but unreserved characters and `/` is percent-encoded in the `next` path.
const NEXT_PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

fn encode(value: &str) -> String {
    utf8_percent_encode(value, NEXT_PATH).to_string()
}

pub async fn guard(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() != Method::GET || is_public(path) {
        return next.run(request).await;
    }
    if path == "/login/second-factor" || path == "/login/enrol" {
        return second_step(&state, &session, request, next).await;
    }
    match current(&state, &session).await {
        Ok(SessionStatus::Anonymous) | Err(AppError::Unauthenticated) => to_login(&request),
        Ok(SessionStatus::NeedsTenant { .. }) if path == "/select-tenant" => next.run(request).await,
        Ok(SessionStatus::NeedsTenant { .. }) => Redirect::to("/select-tenant").into_response(),
        Ok(SessionStatus::InTenant(scope)) => {
            // The page's server functions, rendered within this request, reuse it.
            request.extensions_mut().insert(*scope);
            next.run(request).await
        }
        Err(AppError::ModeClosed { .. }) => Redirect::to(SESSION_ENDED_BY_MODE).into_response(),
        Err(AppError::TenantSuspended { .. }) => {
            let _ = stored::forget_tenant(&session).await;
            Redirect::to("/select-tenant").into_response()
        }
        Err(error) => refused(&request, &error),
    }
}

/// A page the guard could not open: "unavailable" when the database does not answer (the same
/// request will pass once it does), else an internal error.
fn refused(request: &Request, error: &AppError) -> Response {
    if matches!(error, AppError::Unavailable(_)) {
        tracing::warn!(%error, "page guard: database unavailable");
        return super::unavailable::page(request.headers(), request.extensions().get());
    }
    tracing::error!(%error, "page guard");
    axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The pages between password and entry: only for a session that owes that step (or, for the
/// set-up page, one that has just passed it and must see its recovery codes).
async fn second_step(state: &AppState, session: &Session, request: Request, next: Next) -> Response {
    let owed = match pending(state, session).await {
        Ok(Some(p)) => Some(p.step),
        Ok(None) => None,
        Err(error) => return refused(&request, &error),
    };
    let signed_in =
        matches!(current(state, session).await, Ok(SessionStatus::NeedsTenant { .. } | SessionStatus::InTenant(_)));
    let allowed = match request.uri().path() {
        "/login/second-factor" => owed == Some(PendingStep::Code),
        _ => owed == Some(PendingStep::Enrol) || signed_in,
    };
    if allowed { next.run(request).await } else { Redirect::to("/login").into_response() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(super::encode("/stock/sites?q=a b&x=é"), "/stock/sites%3Fq%3Da%20b%26x%3D%C3%A9");
    }
}
