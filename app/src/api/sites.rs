use domain::site::Site;
use leptos::prelude::*;

use super::ApiError;

/// Sites with dates already shifted to the tenant's time zone.
#[server(endpoint = "list_sites")]
pub async fn list_sites() -> Result<Vec<Site>, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::TenantRead).await?;
    let sites = services::sites::list(&scope).await.map_err(super::ssr::fail)?;
    Ok(sites.into_iter().map(|s| super::ssr::localise_site(&scope, s)).collect())
}

#[server(endpoint = "get_site")]
pub async fn get_site(id: String) -> Result<Site, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::TenantRead).await?;
    let site = services::sites::get(&scope, &id).await.map_err(super::ssr::fail)?;
    Ok(super::ssr::localise_site(&scope, site))
}

#[server(endpoint = "create_site")]
pub async fn create_site(code: String, name: String, city: String) -> Result<Site, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::SitesManage).await?;
    let outcome = match domain::site::NewSite::parse(&code, &name, &city) {
        Ok(new) => services::sites::create(&scope, new, state.clock.now_ms())
            .await
            .map(|s| super::ssr::localise_site(&scope, s)),
        Err(errors) => Err(errors.into()),
    };
    let values = [("code", code.as_str()), ("name", name.as_str()), ("city", city.as_str())];
    super::ssr::finish("create-site", outcome, "site-created", &values).await
}

#[server(endpoint = "rename_site")]
pub async fn rename_site(id: String, name: String) -> Result<Site, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::SitesManage).await?;
    let outcome = match domain::SiteName::parse(&name) {
        Ok(name) => services::sites::rename(&scope, &id, name, state.clock.now_ms())
            .await
            .map(|s| super::ssr::localise_site(&scope, s)),
        Err(code) => Err(services::AppError::field("name", code)),
    };
    super::ssr::finish(&format!("rename-{id}"), outcome, "site-renamed", &[("name", name.as_str())]).await
}
