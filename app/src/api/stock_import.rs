//! CSV imports: the import page's data and an import's progress. The file itself is posted as
//! multipart form data to `POST /stock/import/upload` (a plain route of the server).

use domain::stock::reports::{ImportOverviewView, ImportProgressView};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::stock::import};

#[server(endpoint = "import_overview")]
pub async fn import_overview() -> Result<ImportOverviewView, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    Ok(import::overview(&state, &scope).await?)
}

#[server(endpoint = "import_progress")]
pub async fn import_progress(id: String) -> Result<ImportProgressView, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(import::view(&state, &scope, &id).await?)
}
