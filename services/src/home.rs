//! The home page: the company's identity and figures, read from its own database.

use domain::Permission;
use domain::home::HomeOverview;

use crate::control::repo;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState, company, sites};

pub async fn overview(state: &AppState, scope: &TenantScope) -> AppResult<HomeOverview> {
    scope.require(Permission::TenantRead)?;
    let company = company::repo::get(scope.db.pool()).await?.unwrap_or_default();
    let identifiers = [
        ("company-siren", company.siren),
        ("company-siret", company.siret),
        ("company-vat", company.vat_number),
        ("company-rcs", company.rcs),
        ("company-nif", company.nif),
        ("company-nis", company.nis),
        ("company-rc", company.rc),
        ("company-ai", company.ai),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.map(|v| (key.to_owned(), v)))
    .collect();
    Ok(HomeOverview {
        legal_name: Some(company.legal_name).filter(|n| !n.is_empty()),
        legal_form: company.legal_form,
        address: company.address,
        identifiers,
        sites: sites::count(scope).await?,
        members: repo::count_members(state.control.pool(), scope.tenant.code.as_str()).await?,
        previous_login_local_ms: scope.user.previous_login_ms.map(|ms| scope.local_ms(ms)),
        today_local_ms: scope.local_ms(state.clock.now_ms()),
    })
}
