//! The company's profile, edited in Settings by its admins.

use domain::company::CompanyProfileForm;
use domain::company::views::ProfileSettings;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::company};

#[server(endpoint = "company_settings")]
pub async fn company_settings() -> Result<ProfileSettings, ApiError> {
    let (_, scope) = ssr::scope(Permission::CompanyManage).await?;
    Ok(company::settings(&scope).await?)
}

#[server(endpoint = "save_company_profile")]
pub async fn save_company_profile(#[server(flatten)] form: CompanyProfileForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::CompanyManage).await?;
    let outcome = match form.parse(scope.country()?) {
        Ok(profile) => company::save(&state, &ssr::meta(), &scope, &profile, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("profile", outcome, "company-profile-saved", &form.values()).await
}

#[server(endpoint = "remove_company_logo")]
pub async fn remove_company_logo() -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::CompanyManage).await?;
    let outcome = company::remove_logo(&state, &ssr::meta(), &scope).await;
    ssr::finish("logo", outcome, "company-logo-removed", &[]).await
}
