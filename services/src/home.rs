//! Figures of the home page, read from the tenant's own database.

use domain::Permission;

use crate::control::repo;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState, company, sites};

#[derive(Clone, Debug)]
pub struct HomeFigures {
    pub sites: i64,
    pub members: i64,
    /// Local (tenant time zone) epoch milliseconds of the user's previous login, if any.
    pub previous_login_local_ms: Option<i64>,
    pub today_local_ms: i64,
    pub company: Option<company::CompanyProfile>,
}

pub async fn figures(state: &AppState, scope: &TenantScope) -> AppResult<HomeFigures> {
    scope.require(Permission::TenantRead)?;
    let sites = sites::count(scope).await?;
    let members = repo::count_members(state.control.pool(), &scope.tenant.code).await?;
    let company = company::repo::get(scope.db.pool()).await?;
    Ok(HomeFigures {
        sites,
        members,
        previous_login_local_ms: scope.user.previous_login_ms.map(|ms| scope.local_ms(ms)),
        today_local_ms: scope.local_ms(state.clock.now_ms()),
        company,
    })
}
