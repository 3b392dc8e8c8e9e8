//! What managers, accountants and auditors read about stock: alerts, valuation, lot trace,
//! expiring lots, reorder suggestions, and the CSV exports.

use domain::csv_file::CsvFile;
use domain::stock::alert::{self, Alert};
use domain::{Flag, Lang, Permission, Quantity, format};

use super::{ListFilter, repo, stored_quantity};
use crate::governance;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// The most lines the alert and reorder pages list (the CSV export has them all).
pub const REPORT_LIMIT: i64 = 1_000;

/// Levels under their article's minimum, each with its alert (critical ones first).
pub async fn alerts(scope: &TenantScope) -> AppResult<Vec<(repo::LowLevel, Alert)>> {
    scope.require(Permission::StockRead)?;
    let mut found: Vec<_> = repo::low_levels(scope.db.pool(), REPORT_LIMIT)
        .await?
        .into_iter()
        .map(|l| {
            let level = alert::alert(
                stored_quantity("stock_levels.qty_milli", l.qty_milli)?,
                stored_quantity("articles.min_stock_milli", l.min_stock_milli)?,
            );
            Ok(level.map(|level| (l, level)))
        })
        .filter_map(Result::transpose)
        .collect::<AppResult<_>>()?;
    found.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.article_code.cmp(&b.article_code)));
    Ok(found)
}

/// How many levels need attention (as many as `alerts` lists), without reading them.
pub async fn alert_count(scope: &TenantScope) -> AppResult<usize> {
    scope.require(Permission::StockRead)?;
    let count = repo::count_low_levels(scope.db.pool(), REPORT_LIMIT).await?;
    Ok(usize::try_from(count).unwrap_or_default())
}

/// A suggested order: a level under its minimum and the quantity that brings it to its maximum.
#[derive(Clone, Debug)]
pub struct Reorder {
    pub level: repo::LowLevel,
    pub quantity: Quantity,
    /// At the article's purchase price, when it has one.
    pub cost_minor: Option<i64>,
}

/// Reorder suggestions per article and site, when the company has turned them on.
pub async fn reorder(scope: &TenantScope, limit: i64) -> AppResult<Vec<Reorder>> {
    scope.require(Permission::StockRead)?;
    if !governance::enabled(scope, Flag::AutoReorderSuggestions).await? {
        return Err(AppError::FeatureOff(Flag::AutoReorderSuggestions.name()));
    }
    let mut found = Vec::new();
    for level in repo::low_levels(scope.db.pool(), limit).await? {
        let max = level.max_stock_milli.map(|m| stored_quantity("articles.max_stock_milli", m)).transpose()?;
        let Some(to_order) = alert::reorder_quantity(
            stored_quantity("stock_levels.qty_milli", level.qty_milli)?,
            stored_quantity("articles.min_stock_milli", level.min_stock_milli)?,
            max,
        ) else {
            continue;
        };
        // An estimate beyond the value bound is left blank rather than capped.
        let cost_minor = level.purchase_price_minor.and_then(|p| domain::stock::valuation::receipt_value(to_order, p));
        found.push(Reorder { level, quantity: to_order, cost_minor });
    }
    Ok(found)
}

pub struct Valuation {
    pub by_site: Vec<repo::ValueGroup>,
    pub by_category: Vec<repo::ValueGroup>,
    pub total_minor: i64,
}

/// Stock value at weighted average cost, by site and by category (kept with every movement, so
/// this reads sums, never movements).
pub async fn valuation(scope: &TenantScope) -> AppResult<Valuation> {
    scope.require(Permission::StockRead)?;
    let by_site = repo::value_by_site(scope.db.pool()).await?;
    let by_category = repo::value_by_category(scope.db.pool()).await?;
    // Each level is bounded, so thousands of them fit; beyond that the sum is refused, and the
    // databases' own SUM refuses to overflow too.
    let total_minor = by_site
        .iter()
        .try_fold(0_i64, |total, g| total.checked_add(g.value_minor))
        .ok_or(AppError::Conflict("stock-value-too-large"))?;
    Ok(Valuation { by_site, by_category, total_minor })
}

/// Every lot with this number and every movement in or out of them, for a recall.
pub async fn lot_trace(scope: &TenantScope, number: &str) -> AppResult<(Vec<repo::LotLine>, Vec<repo::LotMovement>)> {
    scope.require(Permission::StockRead)?;
    let number = number.trim();
    if number.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let lots = repo::lots_numbered(scope.db.pool(), number).await?;
    let movements = repo::lot_movements(scope.db.pool(), number).await?;
    Ok((lots, movements))
}

/// Lots still in stock that expire within `days` of today in the company's time zone (expired
/// ones included), soonest first.
pub async fn expiring(scope: &TenantScope, days: i64, now_ms: i64) -> AppResult<Vec<repo::LotLine>> {
    scope.require(Permission::StockRead)?;
    let local_day = scope.local_ms(now_ms).div_euclid(86_400_000) + days.clamp(0, 3650);
    let until = chrono::DateTime::from_timestamp(local_day * 86_400, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| AppError::Internal("date out of range".into()))?;
    Ok(repo::lots_expiring(scope.db.pool(), &until, REPORT_LIMIT).await?)
}

fn csv_error(e: domain::csv_file::CsvError) -> AppError {
    AppError::Internal(e.to_string())
}

/// The stock list as CSV (every matching article, not one page), UTF-8 with a byte-order mark
/// so that spreadsheet software reads the accents right.
pub async fn stock_csv(scope: &TenantScope, filter: &ListFilter, lang: Lang) -> AppResult<Vec<u8>> {
    scope.require(Permission::StockRead)?;
    let mut out = CsvFile::new(lang);
    let point = out.point();
    out.row(["code", "designation", "category", "unit", "quantity", "value"]).map_err(csv_error)?;
    let mut filter = filter.clone();
    loop {
        let page = repo::stock_lines(scope.db.pool(), &filter, 1_000).await?;
        for line in &page {
            out.row([
                line.code.as_str(),
                &line.designation,
                line.category.as_deref().unwrap_or_default(),
                &line.unit,
                &format::plain_decimal(line.qty_milli, 3, point, true),
                &format::plain_decimal(line.value_minor, 2, point, false),
            ])
            .map_err(csv_error)?;
        }
        match page.last() {
            Some(last) if page.len() == 1_000 => filter.after = Some(last.code.clone()),
            _ => break,
        }
    }
    out.finish().map_err(csv_error)
}

/// The reorder suggestions as CSV.
pub async fn reorder_csv(scope: &TenantScope, lang: Lang) -> AppResult<Vec<u8>> {
    let mut out = CsvFile::new(lang);
    let point = out.point();
    out.row([
        "article_code",
        "designation",
        "site_code",
        "quantity",
        "min_stock",
        "max_stock",
        "order",
        "unit",
        "cost",
    ])
    .map_err(csv_error)?;
    for r in reorder(scope, i64::MAX).await? {
        let l = &r.level;
        let qty = |milli: i64| format::plain_decimal(milli, 3, point, true);
        out.row([
            l.article_code.as_str(),
            &l.designation,
            &l.site_code,
            &qty(l.qty_milli),
            &qty(l.min_stock_milli),
            &l.max_stock_milli.map(qty).unwrap_or_default(),
            &qty(r.quantity.milli()),
            &l.unit,
            &r.cost_minor.map(|c| format::plain_decimal(c, 2, point, false)).unwrap_or_default(),
        ])
        .map_err(csv_error)?;
    }
    out.finish().map_err(csv_error)
}
