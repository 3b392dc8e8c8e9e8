//! The company's logo over plain HTTP: the upload (a multipart form, re-encoded at once) and the
//! stored PNG, for the settings page and the documents.

use app::api::Flash;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use services::audit::RequestMeta;
use services::tenancy::TenantScope;
use services::{AppError, AppState, company};
use tower_sessions::Session;

use super::answer::Refusal;

/// `GET /settings/company/logo.png`.
pub async fn logo(Extension(scope): Extension<TenantScope>) -> Result<Response, Refusal> {
    let png = company::logo_png(&scope).await?;
    // The page's address for it carries its version: a changed logo is a new address.
    Ok(([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "private, max-age=86400")], png).into_response())
}

async fn read_logo(mut form: Multipart) -> Result<Vec<u8>, AppError> {
    let too_large = |_| AppError::field("logo", "logo-too-large");
    while let Some(field) = form.next_field().await.map_err(too_large)? {
        if field.name() == Some("logo") {
            return Ok(field.bytes().await.map_err(too_large)?.to_vec());
        }
    }
    Err(AppError::field("logo", "required"))
}

/// `POST /settings/company/logo` (multipart: `logo`): back to the profile page with the outcome.
pub async fn upload(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    Extension(meta): Extension<RequestMeta>,
    session: Session,
    form: Multipart,
) -> Result<Response, Refusal> {
    let stored = match read_logo(form).await {
        Ok(bytes) => company::set_logo(&state, &meta, &scope, &bytes, state.clock.now_ms()).await,
        Err(error) => Err(error),
    };
    let flash = match stored {
        Ok(()) => Flash::done("logo", "company-logo-saved", &[]),
        Err(error) => {
            if error.is_internal() {
                tracing::error!(%error, "logo upload");
            }
            Flash::refused("logo", &error)
        }
    };
    services::auth::session::put_flash(&session, &flash).await?;
    Ok(Redirect::to("/settings/company").into_response())
}
