//! The governance console: the company's emergency mode, its feature flags, its security status
//! and thresholds, its retention and purges, its REST API's tokens, personal data (read by admins
//! and auditors, changed by admins), and the integrity check (run by admins and auditors).

use domain::governance::api_tokens::{RevokeForm, TokenForm, TokensPage};
use domain::governance::flags::{FlagForm, FlagsPage, KillForm};
use domain::governance::integrity::{IntegrityPage, RunView};
use domain::governance::personal_data::{ErasureForm, PersonalDataPage};
use domain::governance::retention::{PurgeForm, PurgeView, RetentionPage};
use domain::governance::thresholds::{SecurityStatus, ThresholdsForm};
use domain::governance::{ModeForm, ModePage};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::governance::thresholds::Threshold,
    services::AppError,
    services::governance::{api_tokens, flags, integrity, mode, personal_data, retention, security, thresholds},
};

#[server(endpoint = "emergency_mode")]
pub async fn emergency_mode() -> Result<ModePage, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(mode::page(&state, &scope).await?)
}

/// Sets the company's mode; a refused form comes back with what was typed.
#[server(endpoint = "set_emergency_mode")]
pub async fn set_emergency_mode(#[server(flatten)] form: ModeForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceModeSet).await?;
    let outcome = mode::set_company(&state, &ssr::meta(), &scope, &form).await;
    let typed = [("mode", form.mode.as_str()), ("reason", form.reason.as_str())];
    ssr::finish("mode", outcome, "mode-saved", &typed).await?;
    leptos_axum::redirect("/governance/mode");
    Ok(())
}

#[server(endpoint = "feature_flags")]
pub async fn feature_flags() -> Result<FlagsPage, ApiError> {
    let (_, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(flags::page(&scope).await?)
}

/// Saves one flag: on or off, its rollout and its roles.
#[server(endpoint = "update_feature_flag")]
pub async fn update_feature_flag(#[server(flatten)] form: FlagForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceFlags).await?;
    let outcome = match form.parse() {
        Ok(change) => flags::update(&state, &ssr::meta(), &scope, &change).await,
        Err(errors) => Err(AppError::from(errors)),
    };
    ssr::finish(&format!("flag-{}", form.flag.trim()), outcome, "flag-saved", &form.values()).await?;
    leptos_axum::redirect("/governance/flags");
    Ok(())
}

/// Throws a flag's kill switch with a reason, or releases it.
#[server(endpoint = "kill_feature")]
pub async fn kill_feature(#[server(flatten)] form: KillForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceFlags).await?;
    let outcome = match form.parse() {
        Ok(change) => flags::kill(&state, &ssr::meta(), &scope, &change).await,
        Err(errors) => Err(AppError::from(errors)),
    };
    let ok = if form.kill.trim() == "on" { "flag-killed" } else { "flag-released" };
    let typed = [("reason", form.reason.as_str())];
    ssr::finish(&format!("kill-{}", form.flag.trim()), outcome, ok, &typed).await?;
    leptos_axum::redirect("/governance/flags");
    Ok(())
}

#[server(endpoint = "governance_security")]
pub async fn governance_security() -> Result<SecurityStatus, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(security::status(&state, &scope).await?)
}

/// Saves every threshold at once; a refused form comes back with what was typed.
#[server(endpoint = "save_security_thresholds")]
pub async fn save_security_thresholds(#[server(flatten)] form: ThresholdsForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceSecurity).await?;
    let outcome = thresholds::save(&state, &ssr::meta(), &scope, &form).await;
    let typed: Vec<(&str, &str)> = Threshold::ALL.iter().map(|t| (t.key(), form.get(*t))).collect();
    ssr::finish("thresholds", outcome, "thresholds-saved", &typed).await?;
    leptos_axum::redirect("/governance/security");
    Ok(())
}

/// The retention table, with the dry run of one kind when asked for (`dry_run`: its key).
#[server(endpoint = "governance_retention")]
pub async fn governance_retention(dry_run: Option<String>) -> Result<RetentionPage, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(retention::page(&state, &scope, dry_run.as_deref()).await?)
}

/// Starts a confirmed purge and goes to its progress; a refused one goes back to its dry run.
#[server(endpoint = "start_retention_purge")]
pub async fn start_retention_purge(#[server(flatten)] form: PurgeForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRetention).await?;
    let outcome = retention::start(&state, &ssr::meta(), &scope, &form).await;
    let typed = [("data_type", form.data_type.as_str()), ("confirm", form.confirm.as_str())];
    let id = ssr::finish("purge", outcome, "purge-started", &typed).await?;
    leptos_axum::redirect(&format!("/governance/retention/purges/{id}"));
    Ok(())
}

#[server(endpoint = "retention_purge")]
pub async fn retention_purge(id: String) -> Result<PurgeView, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(retention::progress(&state, &scope, &id).await?)
}

#[server(endpoint = "governance_integrity")]
pub async fn governance_integrity() -> Result<IntegrityPage, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(integrity::page(&state, &scope).await?)
}

/// Starts an integrity check and goes to its progress; refused while another runs.
#[server(endpoint = "start_integrity_check")]
pub async fn start_integrity_check() -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    let outcome = integrity::start(&state, &ssr::meta(), &scope).await;
    let id = ssr::finish("integrity", outcome, "integrity-started", &[]).await?;
    leptos_axum::redirect(&integrity_run_url(&id));
    Ok(())
}

#[server(endpoint = "integrity_run")]
pub async fn integrity_run(id: String) -> Result<RunView, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(integrity::progress(&state, &scope, &id).await?)
}

/// A run's page.
pub fn integrity_run_url(id: &str) -> String {
    format!("/governance/integrity/runs/{id}")
}

/// The name under which a new token comes back to the page, shown there this once.
pub const TOKEN: &str = "token";

#[server(endpoint = "api_tokens")]
pub async fn api_tokens_page() -> Result<TokensPage, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(api_tokens::page(&state, &scope).await?)
}

/// Creates a token; the page shows it this once (a client calling with JSON gets it back).
#[server(endpoint = "create_api_token")]
pub async fn create_api_token(#[server(flatten)] form: TokenForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceTokens).await?;
    let outcome = match form.parse() {
        Ok(new) => api_tokens::create(&state, &ssr::meta(), &scope, &new).await,
        Err(errors) => Err(AppError::from(errors)),
    };
    let shown = outcome.as_deref().unwrap_or_default().to_owned();
    let mut typed = form.values().to_vec();
    typed.push((TOKEN, &shown));
    let token = ssr::finish("token-new", outcome, "token-created", &typed).await?;
    leptos_axum::redirect("/governance/tokens");
    Ok(token)
}

/// Revokes a token at once (allowed in every mode: it closes a door).
#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(#[server(flatten)] form: RevokeForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceTokens).await?;
    let id = ssr::record_id(&form.id)?;
    let outcome = api_tokens::revoke(&state, &ssr::meta(), &scope, &id).await;
    ssr::finish("token-revoke", outcome, "token-revoked", &[]).await?;
    leptos_axum::redirect("/governance/tokens");
    Ok(())
}

/// The personal data page; `q` searches the customers.
#[server(endpoint = "personal_data")]
pub async fn personal_data_overview(q: Option<String>) -> Result<PersonalDataPage, ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernanceRead).await?;
    Ok(personal_data::page(&state, &scope, q.as_deref()).await?)
}

/// Erases a departed member, confirmed; the page says how it went.
#[server(endpoint = "anonymise_member")]
pub async fn anonymise_member(#[server(flatten)] form: ErasureForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernancePersonalData).await?;
    let outcome = personal_data::anonymise_member(&state, &ssr::meta(), &scope, &form).await;
    ssr::finish(ERASE_FORM, outcome, "member-anonymised", &[]).await?;
    leptos_axum::redirect(PERSONAL_DATA_PATH);
    Ok(())
}

/// Erases a customer contact, confirmed; the page comes back to the same search.
#[server(endpoint = "anonymise_customer")]
pub async fn anonymise_customer(q: Option<String>, #[server(flatten)] form: ErasureForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::GovernancePersonalData).await?;
    let outcome = personal_data::anonymise_customer(&state, &ssr::meta(), &scope, &form).await;
    ssr::finish(ERASE_FORM, outcome, "customer-anonymised", &[]).await?;
    leptos_axum::redirect(&personal_data_url(q.as_deref()));
    Ok(())
}

/// The name of the personal data page's erasure forms, for their outcome.
pub const ERASE_FORM: &str = "erase";

/// The personal data page's address.
pub const PERSONAL_DATA_PATH: &str = "/governance/personal-data";

/// The page's address with its customers' search.
pub fn personal_data_url(search: Option<&str>) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    match search.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => format!("{PERSONAL_DATA_PATH}?q={}", utf8_percent_encode(q, NON_ALPHANUMERIC)),
        None => PERSONAL_DATA_PATH.to_owned(),
    }
}
