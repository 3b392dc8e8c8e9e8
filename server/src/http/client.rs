//! Who is calling: the client address, browser and request id of every request, for the audit
//! log and the session list; and the per-address budget of sign-in attempts.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use services::AppState;
use services::audit::RequestMeta;
use services::auth::address_budget;

use super::request_id;

/// Sign-in attempts allowed per client address and minute, counted in the control database so
/// that every app server spends the same budget.
#[derive(Clone)]
pub struct SignInBudget {
    pub state: AppState,
    pub per_minute: u32,
}

/// Whether a request spends the address's sign-in budget: a server function that checks a
/// password or a code (A24), or either leg of a single sign-on (A29: anonymous requests that
/// write an audit row).
fn spends_budget(request: &Request) -> bool {
    let path = request.uri().path();
    let checks_secret = request.method() == Method::POST && app::api::access::CHECKS_SECRETS.contains(&path);
    checks_secret || path.starts_with(super::sso::PREFIX)
}

pub async fn describe(State(budget): State<SignInBudget>, mut request: Request, next: Next) -> Response {
    let ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let meta = {
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        RequestMeta::new(ip.map(|ip| ip.to_string()), header(header::USER_AGENT), header(request_id::HEADER))
    };
    let mut meta = meta;
    if spends_budget(&request)
        && let Some(ip) = ip
    {
        match address_budget::spend(&budget.state, &ip.to_string(), budget.per_minute).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::warn!(%ip, "sign-in attempts over the per-address budget");
                metrics::counter!("atelier_sign_in_throttled_total").increment(1);
                meta.throttled = true;
            }
            // The sign-in itself then meets the same database and reports it.
            Err(error) => tracing::error!(%error, %ip, "counting a sign-in attempt"),
        }
    }
    request.extensions_mut().insert(meta);
    next.run(request).await
}
