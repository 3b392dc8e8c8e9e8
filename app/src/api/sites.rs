//! Sites: the list, one site, creating and renaming.

use domain::site::{RenameSiteForm, Site, SiteForm};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::sites};

/// Sites with dates already shifted to the company's time zone.
#[server(endpoint = "list_sites")]
pub async fn list_sites() -> Result<Vec<Site>, ApiError> {
    let (_, scope) = ssr::scope(Permission::TenantRead).await?;
    Ok(sites::shown(&scope).await?)
}

#[server(endpoint = "get_site")]
pub async fn get_site(id: String) -> Result<Site, ApiError> {
    let (_, scope) = ssr::scope(Permission::TenantRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(sites::localised(&scope, sites::get(&scope, &id).await?))
}

#[server(endpoint = "create_site")]
pub async fn create_site(#[server(flatten)] form: SiteForm) -> Result<Site, ApiError> {
    let (state, scope) = ssr::scope(Permission::SitesManage).await?;
    let outcome = match form.parse() {
        Ok(new) => sites::create(&scope, new, state.clock.now_ms()).await.map(|s| sites::localised(&scope, s)),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("create-site", outcome, "site-created", &form.values()).await
}

#[server(endpoint = "rename_site")]
pub async fn rename_site(#[server(flatten)] form: RenameSiteForm) -> Result<Site, ApiError> {
    let (state, scope) = ssr::scope(Permission::SitesManage).await?;
    let outcome = match form.parse() {
        Ok((id, name)) => {
            sites::rename(&scope, &id, name, state.clock.now_ms()).await.map(|s| sites::localised(&scope, s))
        }
        Err(errors) => Err(errors.into()),
    };
    ssr::finish(&format!("rename-{}", form.id), outcome, "site-renamed", &[("name", &form.name)]).await
}
