//! Stock reports: alerts, valuation, lot trace, expiring lots, anomalies, reorder suggestions.

use domain::Currency;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

/// What the stock hub offers this user in this company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockHubView {
    pub can_create: bool,
    pub can_import: bool,
    pub import_on: bool,
    pub reorder_on: bool,
    pub alerts: usize,
}

#[server(endpoint = "stock_hub")]
pub async fn stock_hub() -> Result<StockHubView, ApiError> {
    use domain::{Flag, Permission};
    let (_, scope) = super::ssr::scope(Permission::StockRead).await?;
    let on = |flag| services::governance::enabled(&scope, flag);
    Ok(StockHubView {
        can_create: scope.allows(Permission::StockMove),
        can_import: scope.allows(Permission::StockImport),
        import_on: on(Flag::BulkStockImport).await.map_err(super::ssr::fail)?,
        reorder_on: on(Flag::AutoReorderSuggestions).await.map_err(super::ssr::fail)?,
        alerts: services::stock::reports::alert_count(&scope).await.map_err(super::ssr::fail)?,
    })
}

/// A level needing attention (or to reorder).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelAlert {
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub site_code: String,
    pub qty_milli: i64,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    /// `low` or `critical`.
    pub alert: String,
    pub order_milli: i64,
    pub cost_minor: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alerts {
    pub critical: Vec<LevelAlert>,
    pub low: Vec<LevelAlert>,
}

#[server(endpoint = "stock_alerts")]
pub async fn stock_alerts() -> Result<Alerts, ApiError> {
    use domain::stock::alert::Alert;
    let (_, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let found = services::stock::reports::alerts(&scope).await.map_err(super::ssr::fail)?;
    let (mut critical, mut low) = (Vec::new(), Vec::new());
    for (level, alert) in found {
        let list = if alert == Alert::Critical { &mut critical } else { &mut low };
        list.push(super::ssr::views::level_alert(level, alert.as_str(), 0, None));
    }
    Ok(Alerts { critical, low })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reorders {
    pub lines: Vec<LevelAlert>,
    pub currency: Currency,
}

#[server(endpoint = "reorder_suggestions")]
pub async fn reorder_suggestions() -> Result<Reorders, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let limit = services::stock::reports::REPORT_LIMIT;
    let found = services::stock::reports::reorder(&scope, limit).await.map_err(super::ssr::fail)?;
    Ok(Reorders {
        lines: found
            .into_iter()
            .map(|r| super::ssr::views::level_alert(r.level, "reorder", r.quantity.milli(), r.cost_minor))
            .collect(),
        currency: super::ssr::currency(&scope),
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueLine {
    pub key: String,
    pub label: String,
    pub lines: i64,
    pub value_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValuationView {
    pub by_site: Vec<ValueLine>,
    pub by_category: Vec<ValueLine>,
    pub total_minor: i64,
    pub currency: Currency,
}

#[server(endpoint = "stock_valuation")]
pub async fn stock_valuation() -> Result<ValuationView, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let v = services::stock::reports::valuation(&scope).await.map_err(super::ssr::fail)?;
    let lines = |groups: Vec<services::stock::repo::ValueGroup>| {
        groups
            .into_iter()
            .map(|g| ValueLine { key: g.key, label: g.label, lines: g.lines, value_minor: g.value_minor })
            .collect()
    };
    Ok(ValuationView {
        by_site: lines(v.by_site),
        by_category: lines(v.by_category),
        total_minor: v.total_minor,
        currency: super::ssr::currency(&scope),
    })
}

/// A lot with its article and site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotLineView {
    pub id: String,
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry: Option<String>,
    pub remaining_milli: i64,
    /// Received from another site.
    pub transferred: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotMovementView {
    pub at_local_ms: i64,
    pub kind: String,
    pub site_code: String,
    pub article_code: String,
    pub qty_milli: i64,
    pub unit: String,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub who: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotTraceView {
    pub lots: Vec<LotLineView>,
    pub movements: Vec<LotMovementView>,
}

#[server(endpoint = "lot_trace")]
pub async fn lot_trace(number: Option<String>) -> Result<LotTraceView, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let number: String = number.unwrap_or_default().chars().take(64).collect();
    let (lots, movements) = services::stock::reports::lot_trace(&scope, &number).await.map_err(super::ssr::fail)?;
    let names = services::members::names(&state, &scope).await.map_err(super::ssr::fail)?;
    let lots: Vec<LotLineView> = lots.into_iter().map(super::ssr::views::lot_line).collect();
    let movements = movements
        .into_iter()
        .map(|m| {
            let lot = lots.iter().find(|l| l.id == m.lot_id);
            LotMovementView {
                at_local_ms: scope.local_ms(m.at_ms),
                kind: m.kind,
                site_code: m.site_code,
                article_code: lot.map(|l| l.article_code.clone()).unwrap_or_default(),
                qty_milli: m.qty_milli,
                unit: lot.map(|l| l.unit.clone()).unwrap_or_default(),
                reason: m.reason,
                reference: m.reference,
                who: names.get(&m.user_id).cloned().unwrap_or_default(),
            }
        })
        .collect();
    Ok(LotTraceView { lots, movements })
}

#[server(endpoint = "expiring_lots")]
pub async fn expiring_lots(days: Option<String>) -> Result<Vec<LotLineView>, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let days = days.and_then(|d| d.trim().parse::<i64>().ok()).unwrap_or(30);
    let lots =
        services::stock::reports::expiring(&scope, days, state.clock.now_ms()).await.map_err(super::ssr::fail)?;
    Ok(lots.into_iter().map(super::ssr::views::lot_line).collect())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnomalyView {
    pub id: i64,
    pub at_local_ms: i64,
    pub severity: String,
    pub kind: String,
    pub who: String,
    pub article_id: Option<String>,
    pub article_code: Option<String>,
    pub site_code: Option<String>,
    pub before_milli: Option<i64>,
    pub after_milli: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anomalies {
    pub events: Vec<AnomalyView>,
    /// The `before` of the next (older) page.
    pub next: Option<i64>,
}

#[server(endpoint = "stock_anomalies")]
pub async fn stock_anomalies(before: Option<String>) -> Result<Anomalies, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let before = before.and_then(|b| b.trim().parse::<i64>().ok());
    let events = services::governance::stock_anomalies(&scope, before).await.map_err(super::ssr::fail)?;
    let names = services::members::names(&state, &scope).await.map_err(super::ssr::fail)?;
    let next = (events.len() as i64 == services::governance::PAGE_SIZE).then(|| events.last().map(|e| e.id)).flatten();
    Ok(Anomalies {
        events: events
            .into_iter()
            .map(|e| AnomalyView {
                id: e.id,
                at_local_ms: scope.local_ms(e.at_ms),
                severity: e.severity,
                kind: e.kind,
                who: e.user_id.and_then(|u| names.get(&u).cloned()).unwrap_or_default(),
                article_id: e.article_id,
                article_code: e.article_code,
                site_code: e.site_code,
                before_milli: e.qty_before_milli,
                after_milli: e.qty_after_milli,
            })
            .collect(),
        next,
    })
}
