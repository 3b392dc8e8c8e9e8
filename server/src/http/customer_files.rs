//! Customer files over plain HTTP: the CSV export, and the CSV import upload (a multipart form,
//! imported at once, all or nothing). The outcome goes back through the session flash, like
//! every form: to the list with the count, or to the import page with every problem.

use app::api::Flash;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use services::invoicing::customers;
use services::tenancy::TenantScope;
use services::{AppError, AppState};
use tower_sessions::Session;

use super::answer::Refusal;
use super::stock_files::{csv_download, lang};

/// `GET /invoices/customers.csv`: every customer, in the columns the import reads.
pub async fn export(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    Ok(csv_download("customers.csv", customers::export_csv(&scope, lang(&headers), state.clock.now_ms()).await?))
}

async fn read_file(mut form: Multipart) -> Result<Vec<u8>, AppError> {
    let too_large = |_| AppError::field("file", "file-too-large");
    while let Some(field) = form.next_field().await.map_err(too_large)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(too_large)?;
            if !bytes.is_empty() {
                return Ok(bytes.to_vec());
            }
        }
    }
    Err(AppError::field("file", "required"))
}

/// `POST /invoices/customers/import` (multipart: `file`).
pub async fn import(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    session: Session,
    form: Multipart,
) -> Result<Response, Refusal> {
    let imported = match read_file(form).await {
        Ok(bytes) => customers::import(&scope, &bytes, state.clock.now_ms()).await,
        Err(error) => Err(error),
    };
    let (flash, back) = match imported {
        Ok(count) => {
            (Flash::done("imported", "customers-imported", &[("count", count.to_string())]), "/invoices/customers")
        }
        Err(error) => {
            if error.is_internal() {
                tracing::error!(%error, "customer import");
            }
            (Flash::refused("customer-import", &error), "/invoices/customers/import")
        }
    };
    services::auth::session::put_flash(&session, &flash).await?;
    Ok(Redirect::to(back).into_response())
}
