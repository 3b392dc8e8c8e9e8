//! The ledger's files over plain HTTP, for accountants and auditors: a period's archive (a tar
//! of its entries, PDFs and manifest, streamed from a temporary file), the FEC of a fiscal year
//! and its sales journal as CSV.

use axum::Extension;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::invoicing::ledger::closure::Period;
use serde::Deserialize;
use services::invoicing::{accounting, archive};
use services::tenancy::TenantScope;
use services::{AppError, AppState};

use super::answer::Refusal;

#[derive(Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    period: String,
}

/// `GET /invoices/ledger/archive.tar?period=2026`.
pub async fn archive_tar(
    Extension(scope): Extension<TenantScope>,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, Refusal> {
    let period = Period::parse(&q.period).map_err(|code| AppError::field("period", code))?;
    let (name, file) = archive::tarball(&scope, period).await?;
    let length = file.metadata().map_err(|e| AppError::Internal(e.to_string()))?.len();
    let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file));
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-tar".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CONTENT_LENGTH, length.to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: String,
}

fn year(q: &YearQuery) -> Result<i32, AppError> {
    q.year.trim().parse().map_err(|_| AppError::field("year", "invalid-year"))
}

/// `GET /invoices/ledger/fec?year=2026`: `SIRENFECAAAAMMJJ.txt`.
pub async fn fec(Extension(scope): Extension<TenantScope>, Query(q): Query<YearQuery>) -> Result<Response, Refusal> {
    let export = accounting::fec(&scope, year(&q)?).await?;
    Ok(download(export, "text/plain; charset=iso-8859-15"))
}

/// `GET /invoices/ledger/journal.csv?year=2026`.
pub async fn journal(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    Query(q): Query<YearQuery>,
) -> Result<Response, Refusal> {
    let export = accounting::sales_journal(&scope, year(&q)?, state.clock.now_ms()).await?;
    Ok(download(export, "text/csv; charset=utf-8"))
}

fn download(export: accounting::Export, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", export.file_name)),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        export.bytes,
    )
        .into_response()
}
