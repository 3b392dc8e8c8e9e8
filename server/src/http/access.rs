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
        Access::Tenant(permission) => match current(&state, &session).await {
            Ok(SessionStatus::InTenant(scope)) if scope.allows(permission) => {
                // The function reuses the resolved scope.
                request.extensions_mut().insert(*scope);
                Ok(())
            }
            Ok(SessionStatus::InTenant(scope)) => {
                let meta = request.extensions().get::<RequestMeta>().cloned().unwrap_or_default();
                match services::audit::record_refusal(&state, &meta, &scope, permission).await {
                    Ok(()) => Err(AppError::Forbidden),
                    Err(error) => Err(error),
                }
            }
            Ok(_) => Err(AppError::Unauthenticated),
            Err(error) => Err(error),
        },
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
