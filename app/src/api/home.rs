use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub legal_name: Option<String>,
    pub legal_form: Option<String>,
    pub address: Option<String>,
    /// Registration numbers as (Fluent key of the label, value): SIREN, SIRET, VAT and RCS in
    /// France; NIF, NIS, RC and AI in Algeria.
    pub identifiers: Vec<(String, String)>,
    pub sites: i64,
    pub members: i64,
    pub previous_login_local_ms: Option<i64>,
    pub today_local_ms: i64,
}

#[server(endpoint = "home_view")]
pub async fn home_view() -> Result<HomeOverview, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::TenantRead).await?;
    let f = services::home::figures(&state, &scope).await.map_err(super::ssr::fail)?;
    let company = f.company.unwrap_or_default();
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
        sites: f.sites,
        members: f.members,
        previous_login_local_ms: f.previous_login_local_ms,
        today_local_ms: f.today_local_ms,
    })
}
