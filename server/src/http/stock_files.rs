//! Stock files over plain HTTP: CSV exports (the stock list, reorder suggestions) and the CSV
//! import upload, a multipart form that starts a background import and sends the browser to its
//! progress page. Errors go back to the import page through the session flash, like every form.

use app::api::{ApiError, Flash};
use axum::Extension;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::stock::import::ImportKind;
use serde::Deserialize;
use services::auth::keys;
use services::stock::{ListFilter, import, reports};
use services::tenancy::TenantScope;
use services::{AppError, AppState};
use tower_sessions::Session;

/// The reader's language, as the pages negotiate it (cookie, then `Accept-Language`).
fn lang(headers: &HeaderMap) -> Lang {
    let header = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok());
    Lang::of_request(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

fn error_status(error: &AppError) -> Response {
    if error.is_internal() {
        tracing::error!(%error, "stock file");
    }
    (StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), error.code()).into_response()
}

fn csv_download(name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    site: Option<String>,
    category: Option<String>,
    below_min: Option<String>,
}

/// `GET /stock/articles.csv`: the stock list with the page's filters, every line.
pub async fn stock_csv(
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    let present =
        |v: Option<String>| v.map(|v| v.trim().chars().take(100).collect::<String>()).filter(|v| !v.is_empty());
    let filter = ListFilter {
        text: present(query.q),
        site: present(query.site),
        category: present(query.category),
        below_min: query.below_min.is_some(),
        after: None,
    };
    match reports::stock_csv(&scope, &filter, lang(&headers)).await {
        Ok(body) => csv_download("stock.csv", body),
        Err(error) => error_status(&error),
    }
}

/// `GET /stock/reorder.csv`: the reorder suggestions.
pub async fn reorder_csv(Extension(scope): Extension<TenantScope>, headers: HeaderMap) -> Response {
    match reports::reorder_csv(&scope, lang(&headers)).await {
        Ok(body) => csv_download("reorder.csv", body),
        Err(error) => error_status(&error),
    }
}

/// Back to the import page with the reason, shown once.
async fn back_to_import(session: &Session, error: &AppError) -> Response {
    if error.is_internal() {
        tracing::error!(%error, "import upload");
    }
    let mut api = ApiError::new(error.code());
    if let AppError::Validation(errors) = error {
        api.fields = errors.0.clone();
    }
    let flash = Flash { form: "import".into(), ok: None, error: Some(api), values: Vec::new() };
    let _ = session.insert(keys::FLASH, flash).await;
    Redirect::to("/stock/import").into_response()
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

/// `POST /stock/import/upload` (multipart: `kind`, `file`).
pub async fn upload(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    session: Session,
    form: Multipart,
) -> Response {
    let started = match read_upload(form).await {
        Ok((kind, name, bytes)) => import::start(&state, &scope, kind, &name, bytes).await,
        Err(error) => Err(error),
    };
    match started {
        Ok(id) => Redirect::to(&format!("/stock/import/{id}")).into_response(),
        Err(error) => back_to_import(&session, &error).await,
    }
}
