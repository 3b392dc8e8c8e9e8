//! The size limit of request bodies: a body declared larger gets 413 before a byte of it is
//! read, and one that turns out larger while being read (chunked) is cut at the limit, which the
//! server function layer also answers with 413.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use services::AppError;

pub async fn limit(State(max): State<usize>, request: Request, next: Next) -> Response {
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max as u64) {
        return super::answer::Refusal(AppError::TooLarge).into_response();
    }
    next.run(request.map(|body| Body::new(http_body_util::Limited::new(body, max)))).await
}
