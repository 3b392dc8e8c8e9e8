//! The company's audit log as a file, for its admins and auditors: `GET /settings/audit/export.csv`
//! and `GET /settings/audit/export.jsonl`, the whole chain with its hashes.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use domain::audit::export::Format;
use services::AppState;
use services::audit::export;
use services::tenancy::TenantScope;

use super::answer::Refusal;
use super::stock_files::{csv_download, lang};

pub async fn csv(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (name, body) = export::for_company(&state, &scope, Format::Csv, lang(&headers)).await?;
    Ok(csv_download(&name, body))
}

pub async fn json_lines(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (name, body) = export::for_company(&state, &scope, Format::JsonLines, lang(&headers)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/jsonl; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
