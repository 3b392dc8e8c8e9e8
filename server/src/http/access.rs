//! Every server function declares what it needs (`app::api::access`); this layer refuses a call
//! to an undeclared one, and checks the declared need before the function runs. A refused
//! permission is recorded in the audit log.

use app::api::access::{self, Access};
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use services::audit::RequestMeta;
use services::auth::current::{PendingStep, SessionStatus, current, pending};
use services::{AppError, AppState};
use tower_sessions::Session;

fn refuse(request: &Request, error: &AppError) -> Response {
    let plain_form =
        request.headers().get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if plain_form && matches!(error, AppError::Unauthenticated) {
        return Redirect::to("/login").into_response();
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
    (status, Json(serde_json::json!({ "code": error.code(), "fields": [] }))).into_response()
}

pub async fn guard(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    let Some(need) = access::of_path(path) else {
        return refuse(&request, &AppError::NotFound);
    };
    let signed_in = || async {
        match current(&state, &session).await {
            Ok(SessionStatus::NeedsTenant { .. } | SessionStatus::InTenant(_))
            | Err(AppError::TenantSuspended { .. }) => Ok(()),
            Ok(SessionStatus::Anonymous) => Err(AppError::Unauthenticated),
            Err(error) => Err(error),
        }
    };
    let outcome = match need {
        Access::Public => Ok(()),
        Access::Pending => match pending(&state, &session).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(AppError::Unauthenticated),
            Err(error) => Err(error),
        },
        Access::Enrolment => match pending(&state, &session).await {
            Ok(Some(p)) if p.step == PendingStep::Enrol => Ok(()),
            Ok(_) => signed_in().await,
            Err(error) => Err(error),
        },
        Access::Account => signed_in().await,
        Access::Tenant(permission) => tenant_member(&state, &session, &mut request, permission).await,
    };
    match outcome {
        Ok(()) => next.run(request).await,
        Err(error) => {
            if error.is_internal() {
                tracing::error!(%error, "access check");
            }
            refuse(&request, &error)
        }
    }
}

/// A member of the session's company whose role holds `permission`: the resolved scope goes
/// into the request for the handler; a refusal is recorded in the audit log.
async fn tenant_member(
    state: &AppState,
    session: &Session,
    request: &mut Request,
    permission: domain::Permission,
) -> Result<(), AppError> {
    match current(state, session).await? {
        SessionStatus::InTenant(scope) if scope.allows(permission) => {
            request.extensions_mut().insert(*scope);
            Ok(())
        }
        SessionStatus::InTenant(scope) => {
            let meta = request.extensions().get::<RequestMeta>().cloned().unwrap_or_default();
            services::audit::record_refusal(state, &meta, &scope, permission).await?;
            Err(AppError::Forbidden)
        }
        _ => Err(AppError::Unauthenticated),
    }
}

/// The same check for a plain route (`rest_routes`), with the need its table declares.
pub async fn route_guard(
    State((state, need)): State<(AppState, Access)>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let outcome = match need {
        Access::Tenant(permission) => tenant_member(&state, &session, &mut request, permission).await,
        Access::Public => Ok(()),
        // Plain routes are for anyone or for a company's members; nothing else is declared.
        Access::Pending | Access::Enrolment | Access::Account => Err(AppError::NotFound),
    };
    match outcome {
        Ok(()) => next.run(request).await,
        Err(AppError::Unauthenticated) if request.method() == axum::http::Method::GET => {
            Redirect::to("/login").into_response()
        }
        Err(error) => {
            if error.is_internal() {
                tracing::error!(%error, "access check");
            }
            refuse(&request, &error)
        }
    }
}
