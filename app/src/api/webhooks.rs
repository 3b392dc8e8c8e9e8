//! Webhooks: the company's list, one webhook with its deliveries, registering and changing one,
//! replacing its secret, sending a delivery again.

use domain::webhooks::commands::WebhookForm;
use domain::webhooks::views::{WebhookDetails, WebhookListing};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::webhooks::commands::DeliveryFilter,
    services::{AppError, webhooks},
};

/// The name under which a new secret comes back to the page, shown there this once.
pub const SECRET: &str = "secret";

#[server(endpoint = "webhooks_list")]
pub async fn webhooks_list() -> Result<WebhookListing, ApiError> {
    let (_, scope) = ssr::scope(Permission::WebhooksRead).await?;
    Ok(webhooks::list(&scope).await?)
}

#[server(endpoint = "webhook_overview")]
pub async fn webhook_overview(
    id: String,
    state: Option<String>,
    before: Option<String>,
) -> Result<WebhookDetails, ApiError> {
    let (app, scope) = ssr::scope(Permission::WebhooksRead).await?;
    let id = ssr::record_id(&id)?;
    let filter = DeliveryFilter { state: state.unwrap_or_default(), before: before.unwrap_or_default() };
    let query = filter.parse().map_err(AppError::from)?;
    Ok(webhooks::page(&app, &scope, &id, &query).await?)
}

/// Registers a webhook and opens its page, which shows its secret this once.
#[server(endpoint = "create_webhook")]
pub async fn create_webhook(#[server(flatten)] form: WebhookForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::WebhooksManage).await?;
    let outcome = match form.parse(state.settings.webhook_reach) {
        Ok(settings) => webhooks::create(&state, &ssr::meta(), &scope, &settings, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let outcome = outcome.map(|(id, secret)| (id, secret.text()));
    let secret = outcome.as_ref().map(|(_, s)| s.clone()).unwrap_or_default();
    let mut values = form.values();
    values.push((SECRET, &secret));
    let (id, _) = ssr::finish("webhook-new", outcome, "webhook-created", &values).await?;
    leptos_axum::redirect(&format!("/alerts/webhooks/{id}"));
    Ok(id)
}

/// Saves a webhook's settings and goes back to its page.
#[server(endpoint = "update_webhook")]
pub async fn update_webhook(#[server(flatten)] form: WebhookForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::WebhooksManage).await?;
    let id = ssr::record_id(&form.id)?;
    let outcome = match form.parse(state.settings.webhook_reach) {
        Ok(settings) => webhooks::update(&state, &ssr::meta(), &scope, &id, &settings, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("webhook", outcome, "webhook-saved", &form.values()).await?;
    leptos_axum::redirect(&format!("/alerts/webhooks/{id}"));
    Ok(())
}

/// Replaces a webhook's secret; its page shows the new one this once.
#[server(endpoint = "rotate_webhook_secret")]
pub async fn rotate_webhook_secret(id: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::WebhooksManage).await?;
    let id = ssr::record_id(&id)?;
    let outcome = webhooks::rotate_secret(&state, &ssr::meta(), &scope, &id, state.clock.now_ms()).await;
    let secret = outcome.as_ref().map(|s| s.text()).unwrap_or_default();
    ssr::finish("webhook-secret", outcome.map(|_| ()), "webhook-secret-rotated", &[(SECRET, &secret)]).await?;
    leptos_axum::redirect(&format!("/alerts/webhooks/{id}"));
    Ok(())
}

/// Sends a delivery again now, and goes back to its webhook's page.
#[server(endpoint = "replay_webhook_delivery")]
pub async fn replay_webhook_delivery(delivery: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::WebhooksManage).await?;
    let id = delivery.trim().parse::<i64>().map_err(|_| AppError::field("delivery", "invalid-id"))?;
    let outcome = webhooks::replay(&state, &ssr::meta(), &scope, id, state.clock.now_ms()).await;
    let webhook = ssr::finish("deliveries", outcome, "webhook-delivery-replayed", &[]).await?;
    leptos_axum::redirect(&format!("/alerts/webhooks/{webhook}"));
    Ok(())
}
