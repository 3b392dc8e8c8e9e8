//! Prometheus metrics: requests by route and status, a latency histogram, and pool usage.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use services::AppState;
use services::status::SloRoute;

const LATENCY: &str = "http_request_duration_seconds";

/// Installs the process-wide recorder (once; later calls reuse it, as tests start many apps).
pub fn recorder() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(LATENCY.into()),
                    &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0],
                )
                .expect("valid buckets")
                .install_recorder()
                .expect("metrics recorder")
        })
        .clone()
}

/// The route label: the router's pattern, so `/stock/sites/{id}` is one series whatever the id.
/// Server functions share one axum route, so their (registered, finite) path is used instead.
fn route_label(request: &Request) -> String {
    let path = request.uri().path();
    if path.starts_with("/api/") && path.len() <= 64 {
        return path.to_owned();
    }
    request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned())
}

/// Counts every request by route and status with its latency, and the requests the SLO measures
/// (`/health`, the sign-in page and sign-in) as good or not (`domain::status`).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let mut route = route_label(&request);
    let response = next.run(request).await;
    let status = response.status();
    let slo_route = match route.as_str() {
        "/health" => Some(SloRoute::Health),
        "/login" | "/api/login" => Some(SloRoute::Login),
        _ => None,
    };
    if let Some(slo_route) = slo_route {
        let good = !status.is_server_error() && started.elapsed().as_millis() <= domain::status::APDEX_THRESHOLD_MS;
        state.slo.record(slo_route, good);
    }
    if status == axum::http::StatusCode::BAD_REQUEST && route.starts_with("/api/") {
        route = "/api/{unknown}".into(); // unknown server functions must not create new series
    }
    let labels = [("method", method), ("route", route), ("status", status.as_u16().to_string())];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!(LATENCY, &labels[..2]).record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`.
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let control = state.control.pool();
    metrics::gauge!("db_pool_connections", "pool" => "control", "state" => "open").set(f64::from(control.size()));
    metrics::gauge!("db_pool_connections", "pool" => "control", "state" => "idle").set(control.num_idle() as f64);
    let tenants = state.tenants.usage().await;
    metrics::gauge!("tenant_pools_open").set(tenants.len() as f64);
    let (busy, idle) = tenants.iter().fold((0, 0), |(b, i), (_, busy, idle)| (b + busy, i + idle));
    metrics::gauge!("db_pool_connections", "pool" => "tenants", "state" => "busy").set(f64::from(busy));
    metrics::gauge!("db_pool_connections", "pool" => "tenants", "state" => "idle").set(f64::from(idle));
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], recorder().render())
}
