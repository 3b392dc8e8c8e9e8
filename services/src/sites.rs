//! Sites (warehouses) of a tenant.

pub mod repo;

use domain::Permission;
use domain::site::{NewSite, Site, SiteName};
use uuid::Uuid;

use crate::db::is_unique_violation;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

#[tracing::instrument(skip_all, fields(tenant = %scope.tenant.code))]
pub async fn list(scope: &TenantScope) -> AppResult<Vec<Site>> {
    scope.require(Permission::TenantRead)?;
    Ok(repo::list(scope.db.pool()).await?)
}

/// A site by id. An id from another tenant is simply not in this tenant's database: not found.
#[tracing::instrument(skip_all, fields(tenant = %scope.tenant.code))]
pub async fn get(scope: &TenantScope, id: &str) -> AppResult<Site> {
    scope.require(Permission::TenantRead)?;
    repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all, fields(tenant = %scope.tenant.code))]
pub async fn create(scope: &TenantScope, new: NewSite, now_ms: i64) -> AppResult<Site> {
    scope.require(Permission::SitesManage)?;
    let site = Site {
        id: Uuid::new_v4().to_string(),
        code: new.code.as_str().to_owned(),
        name: new.name.as_str().to_owned(),
        city: new.city,
        created_at_ms: now_ms,
        updated_at_ms: now_ms,
    };
    let mut tx = scope.db.begin_write().await?;
    if repo::code_exists(&mut *tx, &site.code).await? {
        return Err(AppError::field("code", "site-code-taken"));
    }
    repo::insert(&mut *tx, &site, &scope.user.id)
        .await
        .map_err(|e| if is_unique_violation(&e) { AppError::field("code", "site-code-taken") } else { e.into() })?;
    tx.commit().await?;
    Ok(site)
}

#[tracing::instrument(skip_all, fields(tenant = %scope.tenant.code))]
pub async fn rename(scope: &TenantScope, id: &str, name: SiteName, now_ms: i64) -> AppResult<Site> {
    scope.require(Permission::SitesManage)?;
    let mut tx = scope.db.begin_write().await?;
    if repo::rename(&mut *tx, id, name.as_str(), now_ms).await? == 0 {
        return Err(AppError::NotFound);
    }
    let site = repo::get(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(site)
}

/// A site with its dates in the company's local time, as the pages show it.
pub fn localised(scope: &TenantScope, site: Site) -> Site {
    Site {
        created_at_ms: scope.local_ms(site.created_at_ms),
        updated_at_ms: scope.local_ms(site.updated_at_ms),
        ..site
    }
}

/// The sites page: every site, in local time.
pub async fn shown(scope: &TenantScope) -> AppResult<Vec<Site>> {
    Ok(list(scope).await?.into_iter().map(|s| localised(scope, s)).collect())
}

pub async fn count(scope: &TenantScope) -> AppResult<i64> {
    Ok(repo::count(scope.db.pool()).await?)
}
