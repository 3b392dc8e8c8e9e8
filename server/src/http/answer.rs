//! The one place a service's error becomes an HTTP answer outside a server function: the
//! access layer, the body limit and the plain routes (files, single sign-on) answer with the
//! error's status and the body a server function's error has (`{code, fields, detail}`).
//! Server functions convert through `From<AppError> for ApiError` (`app::api::ssr`).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use services::AppError;

pub struct Refusal(pub AppError);

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        if self.0.is_internal() {
            tracing::error!(error = %self.0, "request refused");
        }
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(app::api::ApiError::of(&self.0))).into_response()
    }
}
