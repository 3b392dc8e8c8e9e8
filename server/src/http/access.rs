//! Every server function declares what it needs (`app::api::access`); this layer refuses a call
//! to an undeclared one, and checks the declared need before the function runs. A refused
//! permission is recorded in the audit log. The REST API (`rest`) checks its tokens itself.

use app::api::access::{self, Access};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use services::audit::RequestMeta;
use services::auth::current::{PendingStep, SessionStatus, current, pending};
use services::{AppError, AppState};
use tower_sessions::Session;

fn refuse(request: &Request, error: AppError) -> Response {
    let plain_form =
        request.headers().get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if plain_form {
        match error {
            AppError::Unauthenticated => return Redirect::to("/login").into_response(),
            AppError::ModeClosed { .. } => {
                return Redirect::to(super::page_guard::SESSION_ENDED_BY_MODE).into_response();
            }
            // Back to the page, whose banner gives the mode and its reason, told that nothing was saved.
            AppError::ModeStopsWrites { .. } => return Redirect::to(&back_refused(request, "mode")).into_response(),
            AppError::RateLimited { .. } => {
                return Redirect::to(&back_refused(request, "admin-actions")).into_response();
            }
            _ => {}
        }
    }
    super::answer::Refusal(error).into_response()
}

/// The page a plain form was posted from, with `refused=<why>` added (`mode`, `admin-actions`).
fn back_refused(request: &Request, why: &str) -> String {
    let referer = request.headers().get(header::REFERER).and_then(|r| r.to_str().ok());
    let path = referer.and_then(|r| r.parse::<axum::http::Uri>().ok()).and_then(|uri| {
        let kept: Vec<&str> = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("refused="))
            .collect();
        let query = kept.iter().map(|p| format!("{p}&")).collect::<String>();
        domain::nav::safe_next(Some(&format!("{}?{query}refused={why}", uri.path())))
    });
    path.unwrap_or_else(|| format!("/?refused={why}"))
}

pub async fn guard(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    // The REST API authenticates by bearer token, not by session.
    if super::rest::is_rest(path) {
        if super::rest::knows(path) {
            return next.run(request).await;
        }
        let lang = super::rest::problem::lang(request.headers());
        return super::rest::Problem::of(&AppError::NotFound, lang, &[]).into_response();
    }
    let Some(need) = access::of_path(path) else {
        return refuse(&request, AppError::NotFound);
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
        Access::Tenant(permission) => tenant_member(&state, &session, &mut request, permission, false).await,
        Access::TenantWrite(permission) => tenant_member(&state, &session, &mut request, permission, true).await,
        // Only plain routes are the operator's.
        Access::Operator => Err(AppError::NotFound),
    };
    match outcome {
        Ok(()) => next.run(request).await,
        Err(error) => refuse(&request, error),
    }
}

/// A member of the session's company whose role holds `permission` (and, for a change, whom no
/// emergency mode stops): the resolved scope goes into the request for the handler; a refused
/// permission is recorded in the audit log.
async fn tenant_member(
    state: &AppState,
    session: &Session,
    request: &mut Request,
    permission: domain::Permission,
    writes: bool,
) -> Result<(), AppError> {
    match current(state, session).await? {
        SessionStatus::InTenant(scope) if scope.allows(permission) => {
            if writes {
                services::governance::admit_write(&scope, permission, state.clock.now_ms()).await?;
            }
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
        Access::Tenant(permission) => tenant_member(&state, &session, &mut request, permission, false).await,
        Access::TenantWrite(permission) => tenant_member(&state, &session, &mut request, permission, true).await,
        Access::Public => Ok(()),
        Access::Operator if is_operator(&request) => Ok(()),
        Access::Operator => Err(AppError::Forbidden),
        // Plain routes are for anyone, the operator or a company's members; nothing else.
        Access::Pending | Access::Enrolment | Access::Account => Err(AppError::NotFound),
    };
    match outcome {
        Ok(()) => next.run(request).await,
        Err(AppError::Unauthenticated) if request.method() == axum::http::Method::GET => {
            Redirect::to("/login").into_response()
        }
        Err(error) => refuse(&request, error),
    }
}

/// The platform operator's token (`ATELIER_METRICS_TOKEN`), when one is set.
#[derive(Clone, Debug)]
pub struct OperatorToken(pub Option<std::sync::Arc<str>>);

/// With a token set, whoever presents it (`Authorization: Bearer …`), from anywhere: behind a
/// reverse proxy on the same machine every client would look local. Without one, only a client
/// on this machine.
pub fn is_operator(request: &Request) -> bool {
    use subtle::ConstantTimeEq;
    let token = request.extensions().get::<OperatorToken>().and_then(|t| t.0.clone());
    match token {
        Some(token) => request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| bool::from(given.as_bytes().ct_eq(token.as_bytes()))),
        None => request
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .is_some_and(|peer| peer.0.ip().is_loopback()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, token: Option<&str>, bearer: Option<&str>) -> Request {
        let mut builder = Request::builder().uri("/metrics");
        if let Some(bearer) = bearer {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
        }
        let mut request = builder.body(axum::body::Body::empty()).unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(peer.parse::<std::net::SocketAddr>().unwrap()));
        request.extensions_mut().insert(OperatorToken(token.map(Into::into)));
        request
    }

    #[test]
    fn metrics_are_for_this_machine_or_the_token_holder() {
        assert!(is_operator(&request("127.0.0.1:5000", None, None)));
        assert!(is_operator(&request("[::1]:5000", None, None)));
        assert!(!is_operator(&request("203.0.113.9:5000", None, None)));
        assert!(!is_operator(&request("203.0.113.9:5000", None, Some("guess"))));
        // With a token, the address no longer counts: only the token does.
        assert!(is_operator(&request("203.0.113.9:5000", Some("s3cret-token"), Some("s3cret-token"))));
        assert!(!is_operator(&request("127.0.0.1:5000", Some("s3cret-token"), None)));
        assert!(!is_operator(&request("127.0.0.1:5000", Some("s3cret-token"), Some("s3cret-tokeN"))));
    }
}
