//! The home page: the company's identity and figures, read from its own database.

use domain::Permission;
use domain::company::CompanyProfile;
use domain::home::HomeOverview;

use crate::control::repo;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState, company, missions, sites};

pub async fn overview(state: &AppState, scope: &TenantScope) -> AppResult<HomeOverview> {
    scope.require(Permission::TenantRead)?;
    let company = company::profile(scope).await?;
    Ok(HomeOverview {
        address: company.address.as_ref().map(|a| a.lines().join(", ")),
        identifiers: identifiers(&company),
        legal_name: Some(company.legal_name),
        legal_form: company.legal_form,
        sites: sites::count(scope).await?,
        members: repo::count_members(state.control.pool(), scope.tenant.code.as_str()).await?,
        previous_login_local_ms: scope.user.previous_login_ms.map(|ms| scope.local_ms(ms)),
        today_local_ms: scope.local_ms(state.clock.now_ms()),
        emergencies: if scope.allows(Permission::MissionsManage) {
            missions::emergencies(scope, state.clock.now_ms()).await?
        } else {
            Vec::new()
        },
        dashboards: domain::dashboard::Board::readable(|p| scope.allows(p)),
    })
}

/// Registration numbers as (Fluent key of the label, value), as they are printed.
fn identifiers(company: &CompanyProfile) -> Vec<(String, String)> {
    let mut printed: Vec<(String, String)> = company
        .ids
        .printed()
        .into_iter()
        .map(|(name, value)| {
            let key = match name {
                "siren" => "company-siren",
                "siret" => "company-siret",
                "vat_number" => "company-vat",
                "nif" => "company-nif",
                "nis" => "company-nis",
                "rc" => "company-rc",
                _ => "company-ai",
            };
            (key.to_owned(), value)
        })
        .collect();
    if let Some(city) = &company.rcs_city {
        printed.push(("company-rcs".to_owned(), city.clone()));
    }
    printed
}
