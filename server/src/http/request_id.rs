//! A request id on every request, echoed in `x-request-id` and carried by every log line.

use axum::http::{HeaderName, Request};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

pub fn set() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::new(HEADER, MakeRequestUuid)
}

pub fn propagate() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::new(HEADER)
}

/// A span per request named by its id; everything logged while serving it is inside.
pub fn trace() -> TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    impl Fn(&Request<axum::body::Body>) -> tracing::Span + Clone,
> {
    TraceLayer::new_for_http()
        .make_span_with(|request: &Request<axum::body::Body>| {
            let id = request
                .extensions()
                .get::<RequestId>()
                .and_then(|id| id.header_value().to_str().ok())
                .unwrap_or("-")
                .to_owned();
            tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
        })
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
}
