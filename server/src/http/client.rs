//! Who is calling: the client address, browser and request id of every request, for the audit
//! log and the session list; and the per-address budget of sign-in attempts.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use services::audit::RequestMeta;

use super::request_id;

/// Sign-in attempts allowed per client address and minute, refilled steadily.
#[derive(Clone)]
pub struct SignInLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl SignInLimiter {
    pub fn per_minute(attempts: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(attempts).unwrap_or(NonZeroU32::MIN));
        let limiter = Arc::new(RateLimiter::keyed(quota));
        // Forget addresses whose budget is full again, so the table stays small.
        let weak = Arc::downgrade(&limiter);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                let Some(limiter) = weak.upgrade() else { break };
                limiter.retain_recent();
            }
        });
        Self(limiter)
    }
}

/// Whether a request spends the address's sign-in budget: a server function that checks a
/// password or a code (A24), or either leg of a single sign-on (A29: anonymous requests that
/// write an audit row).
fn spends_budget(request: &Request) -> bool {
    let path = request.uri().path();
    let checks_secret = request.method() == Method::POST && app::api::access::CHECKS_SECRETS.contains(&path);
    checks_secret || path.starts_with(super::sso::PREFIX)
}

pub async fn describe(State(limiter): State<SignInLimiter>, mut request: Request, next: Next) -> Response {
    let ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let meta = {
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        RequestMeta::new(ip.map(|ip| ip.to_string()), header(header::USER_AGENT), header(request_id::HEADER))
    };
    let mut meta = meta;
    if spends_budget(&request)
        && let Some(ip) = ip
        && limiter.0.check_key(&ip).is_err()
    {
        tracing::warn!(%ip, "sign-in attempts over the per-address budget");
        metrics::counter!("atelier_sign_in_throttled_total").increment(1);
        meta.throttled = true;
    }
    request.extensions_mut().insert(meta);
    next.run(request).await
}
