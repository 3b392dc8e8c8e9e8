//! How an `AppError` refused before a server function runs (by a layer or a plain route)
//! answers a client: the same JSON body as a server function's error, `{code, fields}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use services::AppError;

pub fn json_error(error: &AppError) -> Response {
    if error.is_internal() {
        tracing::error!(%error, "request refused");
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(serde_json::json!({ "code": error.code(), "fields": [] }))).into_response()
}
