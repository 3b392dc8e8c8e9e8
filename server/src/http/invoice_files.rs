//! Invoice files over plain HTTP: an issued invoice's PDF, exactly as stored, and the upload of
//! `/verify`, which hashes the file and hands the hash to the verification page (the file itself
//! is neither kept nor logged).

use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use domain::invoicing::listing::InvoiceQuery;
use serde::Deserialize;
use services::invoicing::{invoices, verification};
use services::tenancy::TenantScope;
use services::{AppError, AppState};

use super::answer::Refusal;

#[derive(Deserialize)]
pub struct PdfQuery {
    download: Option<String>,
}

/// `GET /invoices/issued/{id}/pdf`: inline, or as an attachment with `?download=1`.
pub async fn pdf(
    Extension(scope): Extension<TenantScope>,
    Path(id): Path<String>,
    Query(query): Query<PdfQuery>,
) -> Result<Response, Refusal> {
    let id = domain::input::parse_id(&id).map_err(|_| AppError::NotFound)?;
    let (name, bytes) = invoices::pdf(&scope, &id).await?;
    let disposition = if query.download.is_some() { "attachment" } else { "inline" };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, max-age=31536000, immutable".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SelectionQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `GET /invoices/print.pdf?status=…&customer=…&from=…&to=…`: the invoices the list's filters
/// select, oldest first, in one PDF to print.
pub async fn print_selection(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    Query(q): Query<SelectionQuery>,
) -> Result<Response, Refusal> {
    let query = InvoiceQuery::parse(&q.status, &q.customer, &q.from, &q.to, "").map_err(AppError::from)?;
    let bytes = invoices::print(&scope, &query, state.clock.now_ms()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"invoices.pdf\""),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /verify` (multipart: `file`, optional `id`): to `/verify?hash=…`, or back with the
/// reason the file was refused.
pub async fn verify_upload(mut form: Multipart) -> Response {
    let mut file = None;
    let mut expected = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("file") => match field.bytes().await {
                    Ok(bytes) => file = Some(bytes),
                    Err(_) => return refused("file-too-large"),
                },
                Some("id") => expected = field.text().await.ok(),
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return refused("file-too-large"),
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else { return refused("required") };
    let hash = match verification::file_hash(&bytes) {
        Ok(hash) => hash,
        Err(error) => return refused(error.fields().first().map_or("not-a-pdf", |f| f.code.as_str())),
    };
    let id = expected
        .and_then(|id| domain::invoicing::issue::VerificationId::parse(&id).ok())
        .map(|id| format!("&id={}", id.as_str()))
        .unwrap_or_default();
    Redirect::to(&format!("/verify?hash={hash}{id}")).into_response()
}

fn refused(code: &str) -> Response {
    Redirect::to(&format!("/verify?refused={code}")).into_response()
}
