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
use services::auth::Throttled;

use super::request_id;

/// The server functions that check a password or a code.
const SIGN_IN_PATHS: [&str; 2] = ["/api/login", "/api/second_factor"];

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

pub async fn describe(State(limiter): State<SignInLimiter>, mut request: Request, next: Next) -> Response {
    let ip = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let meta = {
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        RequestMeta::new(ip.map(|ip| ip.to_string()), header(header::USER_AGENT), header(request_id::HEADER))
    };
    let signing_in = request.method() == Method::POST && SIGN_IN_PATHS.contains(&request.uri().path());
    if signing_in
        && let Some(ip) = ip
        && limiter.0.check_key(&ip).is_err()
    {
        tracing::warn!(%ip, "sign-in attempts over the per-address budget");
        metrics::counter!("atelier_sign_in_throttled_total").increment(1);
        request.extensions_mut().insert(Throttled);
    }
    request.extensions_mut().insert(meta);
    next.run(request).await
}
