//! Stock files over plain HTTP: CSV exports (the stock list, reorder suggestions) and the CSV
//! import upload, a multipart form that starts a background import and sends the browser to its
//! progress page. A refused upload goes back to the import page through the session flash, like
//! every form.

use app::api::Flash;
use axum::Extension;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::stock::import::ImportKind;
use domain::stock::queries::StockQuery;
use serde::Deserialize;
use services::stock::{exports, import};
use services::tenancy::TenantScope;
use services::{AppError, AppState};
use tower_sessions::Session;

use super::answer::Refusal;

/// The reader's language, as the pages negotiate it (cookie, then `Accept-Language`).
pub(super) fn lang(headers: &HeaderMap) -> Lang {
    let header = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok());
    Lang::of_request(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

pub(super) fn csv_download(name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response()
}

/// The stock list's filters, as in the page's address.
#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    site: Option<String>,
    category: Option<String>,
    below_min: Option<String>,
}

/// `GET /stock/articles.csv`: the stock list with the page's filters, every line.
pub async fn stock_csv(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, Refusal> {
    let (q, site, category) = (query.q.as_deref(), query.site.as_deref(), query.category.as_deref());
    let query = StockQuery::parse(q, site, category, query.below_min.is_some(), None).map_err(AppError::from)?;
    Ok(csv_download("stock.csv", exports::stock_csv(&scope, &query, lang(&headers), state.clock.now_ms()).await?))
}

/// `GET /stock/reorder.csv`: the reorder suggestions.
pub async fn reorder_csv(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    Ok(csv_download("reorder.csv", exports::reorder_csv(&scope, lang(&headers), state.clock.now_ms()).await?))
}

/// The posted file: its kind, name and bytes.
async fn read_upload(mut form: Multipart) -> Result<(ImportKind, String, Vec<u8>), AppError> {
    let (mut kind, mut file) = (None, None);
    let too_large = |_| AppError::field("file", "file-too-large");
    while let Some(field) = form.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("kind") => kind = ImportKind::parse(&field.text().await.map_err(too_large)?),
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                file = Some((name, field.bytes().await.map_err(too_large)?.to_vec()));
            }
            _ => {}
        }
    }
    let kind = kind.ok_or_else(|| AppError::field("kind", "required"))?;
    match file {
        Some((name, bytes)) if !bytes.is_empty() => Ok((kind, name, bytes)),
        _ => Err(AppError::field("file", "required")),
    }
}

/// `POST /stock/import/upload` (multipart: `kind`, `file`): to the import's progress page, or
/// back to the import page with the reason, shown once.
pub async fn upload(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    session: Session,
    form: Multipart,
) -> Result<Response, Refusal> {
    let started = match read_upload(form).await {
        Ok((kind, name, bytes)) => import::start(&state, &scope, kind, &name, bytes).await,
        Err(error) => Err(error),
    };
    match started {
        Ok(id) => Ok(Redirect::to(&format!("/stock/import/{id}")).into_response()),
        Err(error) => {
            if error.is_internal() {
                tracing::error!(%error, "import upload");
            }
            services::auth::session::put_flash(&session, &Flash::refused("import", &error)).await?;
            Ok(Redirect::to("/stock/import").into_response())
        }
    }
}
