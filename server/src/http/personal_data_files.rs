//! `GET /governance/personal-data/members/{id}/export.json`: what the company holds about one
//! of its members, as a JSON file for its admins (the service checks the member is the
//! company's, counts the export against the bulk limit and audits it).

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use services::AppState;
use services::audit::RequestMeta;
use services::governance::personal_data;
use services::tenancy::TenantScope;

use super::answer::Refusal;

pub async fn member_export(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    Extension(meta): Extension<RequestMeta>,
    Path(id): Path<String>,
) -> Result<Response, Refusal> {
    let id = domain::input::parse_id(&id).map_err(|_| services::AppError::NotFound)?;
    let file = personal_data::export_member(&state, &meta, &scope, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", file.file_name)),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.body,
    )
        .into_response())
}
