//! The home page.

use domain::home::HomeOverview;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission};

#[server(endpoint = "home_view")]
pub async fn home_view() -> Result<HomeOverview, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    Ok(services::home::overview(&state, &scope).await?)
}
