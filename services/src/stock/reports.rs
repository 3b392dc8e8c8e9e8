//! What managers, accountants and auditors read about stock: alerts, reorder suggestions,
//! valuation, lot trace and expiring lots, as the pages' views.

use domain::stock::alert::{self, Alert};
use domain::stock::reports::{
    Alerts, LevelAlert, LotLineView, LotMovementView, LotTraceView, Reorders, ValuationView, ValueLine,
};
use domain::stock::valuation;
use domain::{Flag, Permission, Quantity};

use super::{repo, stored_kind, stored_quantity};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, governance, members};

/// The most lines the alert and reorder pages list (the CSV export has them all).
pub const REPORT_LIMIT: i64 = 1_000;

fn level_alert(l: repo::LowLevel, order: Option<Quantity>, cost_minor: Option<i64>) -> LevelAlert {
    LevelAlert {
        article_id: l.article_id,
        article_code: l.article_code,
        designation: l.designation,
        unit: l.unit,
        site_code: l.site_code,
        qty_milli: l.qty_milli,
        min_milli: l.min_stock_milli,
        max_milli: l.max_stock_milli,
        order_milli: order.map_or(0, Quantity::milli),
        cost_minor,
    }
}

/// Levels under their article's minimum: critical ones (empty, or under half the minimum), then
/// low ones, by article code.
pub async fn alerts(scope: &TenantScope) -> AppResult<Alerts> {
    scope.require(Permission::StockRead)?;
    let (mut critical, mut low) = (Vec::new(), Vec::new());
    for l in repo::low_levels(scope.db.pool(), REPORT_LIMIT).await? {
        let level = stored_quantity("stock_levels.qty_milli", l.qty_milli)?;
        let minimum = stored_quantity("articles.min_stock_milli", l.min_stock_milli)?;
        match alert::alert(level, minimum) {
            Some(Alert::Critical) => critical.push(level_alert(l, None, None)),
            Some(Alert::Low) => low.push(level_alert(l, None, None)),
            None => {}
        }
    }
    Ok(Alerts { critical, low })
}

/// How many levels need attention (as many as `alerts` lists), without reading them.
pub async fn alert_count(scope: &TenantScope) -> AppResult<usize> {
    scope.require(Permission::StockRead)?;
    let count = repo::count_low_levels(scope.db.pool(), REPORT_LIMIT).await?;
    usize::try_from(count).map_err(|_| AppError::corrupt("count of stock_low", count))
}

/// A level under its minimum and what brings it back to its maximum (or minimum), with the
/// cost at the purchase price; None for a level not below its minimum.
pub(super) fn reorder_line(level: repo::LowLevel) -> AppResult<Option<LevelAlert>> {
    let max = level.max_stock_milli.map(|m| stored_quantity("articles.max_stock_milli", m)).transpose()?;
    let order = alert::reorder_quantity(
        stored_quantity("stock_levels.qty_milli", level.qty_milli)?,
        stored_quantity("articles.min_stock_milli", level.min_stock_milli)?,
        max,
    );
    Ok(order.map(|order| {
        // An estimate beyond the value bound is left blank rather than capped.
        let cost = level.purchase_price_minor.and_then(|p| valuation::receipt_value(order, p));
        level_alert(level, Some(order), cost)
    }))
}

/// Reorder suggestions per article and site, when the company has turned them on.
pub async fn reorder(scope: &TenantScope, limit: i64) -> AppResult<Reorders> {
    scope.require(Permission::StockRead)?;
    governance::flags::require(scope, Flag::AutoReorderSuggestions).await?;
    let mut lines = Vec::new();
    for level in repo::low_levels(scope.db.pool(), limit).await? {
        lines.extend(reorder_line(level)?);
    }
    let total_minor = checked_total(lines.iter().filter_map(|l| l.cost_minor))?;
    Ok(Reorders { lines, total_minor, currency: scope.currency()? })
}

/// A sum of bounded amounts: thousands of them fit; beyond that the sum is refused, never
/// wrapped (A30).
fn checked_total(amounts: impl IntoIterator<Item = i64>) -> AppResult<i64> {
    amounts
        .into_iter()
        .try_fold(0_i64, |total, amount| total.checked_add(amount))
        .ok_or(AppError::Conflict("stock-value-too-large"))
}

fn value_lines(groups: Vec<repo::ValueGroup>) -> Vec<ValueLine> {
    groups
        .into_iter()
        .map(|g| ValueLine { key: g.key, label: g.label, lines: g.lines, value_minor: g.value_minor })
        .collect()
}

/// Stock value at weighted average cost, by site and by category (kept with every movement, so
/// this reads sums, never movements; the databases' own SUM refuses to overflow).
pub async fn valuation(scope: &TenantScope) -> AppResult<ValuationView> {
    scope.require(Permission::StockRead)?;
    let by_site = repo::value_by_site(scope.db.pool()).await?;
    let by_category = repo::value_by_category(scope.db.pool()).await?;
    let total_minor = checked_total(by_site.iter().map(|g| g.value_minor))?;
    Ok(ValuationView {
        by_site: value_lines(by_site),
        by_category: value_lines(by_category),
        total_minor,
        currency: scope.currency()?,
    })
}

fn lot_line(l: repo::LotLine) -> LotLineView {
    LotLineView {
        id: l.id,
        article_id: l.article_id,
        article_code: l.article_code,
        designation: l.designation,
        unit: l.unit,
        site_code: l.site_code,
        lot_number: l.lot_number,
        expiry: l.expiry_date,
        remaining_milli: l.remaining_milli,
        transferred: l.origin_lot_id.is_some(),
    }
}

/// Every lot with this number and every movement in or out of them, for a recall.
pub async fn lot_trace(state: &AppState, scope: &TenantScope, number: Option<&str>) -> AppResult<LotTraceView> {
    scope.require(Permission::StockRead)?;
    let Some(number) = number else { return Ok(LotTraceView { lots: Vec::new(), movements: Vec::new() }) };
    let lots: Vec<LotLineView> =
        repo::lots_numbered(scope.db.pool(), number).await?.into_iter().map(lot_line).collect();
    let names = members::names(state, scope).await?;
    let mut movements = Vec::new();
    for m in repo::lot_movements(scope.db.pool(), number).await? {
        let lot = lots
            .iter()
            .find(|l| l.id == m.lot_id)
            .ok_or_else(|| AppError::corrupt("stock_movements.lot_id", &m.lot_id))?;
        movements.push(LotMovementView {
            at_local_ms: scope.local_ms(m.at_ms),
            kind: stored_kind(&m.kind)?,
            site_code: m.site_code,
            article_code: lot.article_code.clone(),
            qty_milli: m.qty_milli,
            unit: lot.unit.clone(),
            reason: m.reason,
            reference: m.reference,
            who: names.get(&m.user_id).cloned().unwrap_or_default(),
        });
    }
    Ok(LotTraceView { lots, movements })
}

/// Lots still in stock that expire within `days` of today in the company's time zone (expired
/// ones included), soonest first.
pub async fn expiring(scope: &TenantScope, days: i64, now_ms: i64) -> AppResult<Vec<LotLineView>> {
    scope.require(Permission::StockRead)?;
    let local_day = scope.local_ms(now_ms).div_euclid(86_400_000) + days.clamp(0, 3650);
    let until = chrono::DateTime::from_timestamp(local_day * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| AppError::Internal("date out of range".into()))?;
    Ok(repo::lots_expiring(scope.db.pool(), &until, REPORT_LIMIT).await?.into_iter().map(lot_line).collect())
}
