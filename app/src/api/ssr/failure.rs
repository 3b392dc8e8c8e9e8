//! The one place a service's error becomes a server function's: `?` on an `AppError` inside a
//! server function goes through here.

use services::AppError;

use crate::api::ApiError;

impl From<AppError> for ApiError {
    /// Logs what is ours to fix, sets the HTTP status (except for a plain form post, which must
    /// stay a redirect back to its page), and keeps internals out of the answer.
    fn from(error: AppError) -> Self {
        if error.is_internal() {
            tracing::error!(%error, "request failed");
        }
        if !super::is_plain_form_post() {
            crate::http_status::set(error.status());
        }
        ApiError::of(&error)
    }
}

impl From<domain::ValidationErrors> for ApiError {
    /// A command refused while parsing, answered like the service's own refusals.
    fn from(errors: domain::ValidationErrors) -> Self {
        AppError::from(errors).into()
    }
}
