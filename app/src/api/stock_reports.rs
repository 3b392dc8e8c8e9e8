//! Stock reports: the hub, alerts, reorder suggestions, valuation, lot trace, expiring lots,
//! anomalies.

use domain::stock::reports::{Alerts, Anomalies, LotLineView, LotTraceView, Reorders, ValuationView};
use domain::stock::views::StockHubView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, domain::stock::queries, services::stock::reports};

#[server(endpoint = "stock_hub")]
pub async fn stock_hub() -> Result<StockHubView, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockRead).await?;
    Ok(services::stock::hub(&scope).await?)
}

#[server(endpoint = "stock_alerts")]
pub async fn stock_alerts() -> Result<Alerts, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockRead).await?;
    Ok(reports::alerts(&scope).await?)
}

#[server(endpoint = "reorder_suggestions")]
pub async fn reorder_suggestions() -> Result<Reorders, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockRead).await?;
    Ok(reports::reorder(&scope, reports::REPORT_LIMIT).await?)
}

#[server(endpoint = "stock_valuation")]
pub async fn stock_valuation() -> Result<ValuationView, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockRead).await?;
    Ok(reports::valuation(&scope).await?)
}

#[server(endpoint = "lot_trace")]
pub async fn lot_trace(number: Option<String>) -> Result<LotTraceView, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    let number = queries::parse_lot_number(number.as_deref())?;
    Ok(reports::lot_trace(&state, &scope, number.as_deref()).await?)
}

#[server(endpoint = "expiring_lots")]
pub async fn expiring_lots(days: Option<String>) -> Result<Vec<LotLineView>, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    let days = queries::parse_days(days.as_deref())?;
    Ok(reports::expiring(&scope, days, state.clock.now_ms()).await?)
}

#[server(endpoint = "stock_anomalies")]
pub async fn stock_anomalies(before: Option<String>) -> Result<Anomalies, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    let before = domain::input::parse_cursor("before", before.as_deref())?;
    Ok(services::governance::stock_anomalies(&state, &scope, before).await?)
}
