//! A request id on every request, echoed in `x-request-id` and carried by every log line and
//! audit event. A client (or a proxy in front) may bring its own, if it is well formed: 8 to 64
//! letters, digits, `-`, `_` or `.`; anything else is dropped and an id is generated instead.

use axum::http::{HeaderName, Request};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

fn is_well_formed(id: &[u8]) -> bool {
    (8..=64).contains(&id.len()) && id.iter().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
}

/// Drops a client's request id that is not well formed, before `set` gives one.
pub async fn only_well_formed(mut request: axum::extract::Request, next: Next) -> Response {
    if request.headers().get(HEADER).is_some_and(|id| !is_well_formed(id.as_bytes())) {
        request.headers_mut().remove(HEADER);
    }
    next.run(request).await
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_short_and_plain() {
        assert!(super::is_well_formed(b"4f1c2a9e-0b7d-4e6a-9c3f-2d8e5a1b7c60"));
        assert!(super::is_well_formed(b"nginx_0123456789abcdef"));
        for bad in
            [&b"short"[..], b"has space in it", b"<script>alert(1)</script>", &[b'a'; 65], b"caf\xc3\xa9-au-lait"]
        {
            assert!(!super::is_well_formed(bad), "{bad:?}");
        }
    }
}
