//! The home page: the company's identity and figures, read from its own database.

use domain::Permission;
use domain::company::CompanyProfile;
use domain::home::HomeOverview;
use domain::identifiers::france::{Siren, Siret};
use domain::party::LegalIds;

use crate::control::repo;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState, company, sites};

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
    })
}

/// Registration numbers as (Fluent key of the label, value), as they are printed.
fn identifiers(company: &CompanyProfile) -> Vec<(String, String)> {
    let pairs: Vec<(&str, Option<String>)> = match &company.ids {
        LegalIds::France { siren, siret, vat_number } => vec![
            ("company-siren", siren.as_ref().map(Siren::display)),
            ("company-siret", siret.as_ref().map(Siret::display)),
            ("company-vat", vat_number.as_ref().map(|v| v.as_str().to_owned())),
            ("company-rcs", company.rcs_city.clone()),
        ],
        LegalIds::Algeria { nif, nis, rc, ai } => vec![
            ("company-nif", nif.as_ref().map(|v| v.as_str().to_owned())),
            ("company-nis", nis.as_ref().map(|v| v.as_str().to_owned())),
            ("company-rc", rc.as_ref().map(|v| v.as_str().to_owned())),
            ("company-ai", ai.as_ref().map(|v| v.as_str().to_owned())),
        ],
    };
    pairs.into_iter().filter_map(|(key, value)| value.map(|v| (key.to_owned(), v))).collect()
}
