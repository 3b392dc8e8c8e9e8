//! Alerts: the reader's notifications and bell, acknowledging one, and the rules admins edit.

use domain::alerts::rules::RuleForm;
use domain::alerts::views::{AlertFilter, AlertListing, Bell, RuleView};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    services::{AppError, alerts},
};

#[server(endpoint = "alerts_bell")]
pub async fn alerts_bell() -> Result<Bell, ApiError> {
    let (_, scope) = ssr::scope(Permission::TenantRead).await?;
    Ok(alerts::bell(&scope).await?)
}

#[server(endpoint = "alerts_list")]
pub async fn alerts_list(#[server(flatten)] filter: AlertFilter) -> Result<AlertListing, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let query = filter.parse().map_err(AppError::from)?;
    Ok(alerts::notifications(&state, &scope, &query).await?)
}

/// Acknowledges an alert for everyone it is addressed to, and goes back to the notifications.
#[server(endpoint = "acknowledge_alert")]
pub async fn acknowledge_alert(alert: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let id = alert.trim().parse::<i64>().map_err(|_| AppError::field("alert", "invalid-id"))?;
    let outcome = alerts::acknowledge(&scope, id, state.clock.now_ms()).await;
    ssr::finish("alerts", outcome, "alert-acknowledged", &[]).await?;
    leptos_axum::redirect("/alerts");
    Ok(())
}

#[server(endpoint = "alert_rules")]
pub async fn alert_rules() -> Result<Vec<RuleView>, ApiError> {
    let (state, scope) = ssr::scope(Permission::AlertsManage).await?;
    Ok(alerts::rules(&state, &scope).await?)
}

/// Saves one rule; a refused form comes back with what was typed.
#[server(endpoint = "update_alert_rule")]
pub async fn update_alert_rule(#[server(flatten)] form: RuleForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::AlertsManage).await?;
    let outcome = match form.parse() {
        Ok(rule) => alerts::update_rule(&state, &ssr::meta(), &scope, &rule, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let key =
        domain::alerts::RuleKind::parse(&form.kind).map_or("rules".to_owned(), |k| format!("rule-{}", k.as_str()));
    ssr::finish(&key, outcome, "alert-rule-saved", &form.values()).await?;
    leptos_axum::redirect("/alerts/rules");
    Ok(())
}
