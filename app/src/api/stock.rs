//! Stock: the list, an article's page, receipts and withdrawals.

use domain::Currency;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLine {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub unit: String,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub below_min: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockListing {
    pub lines: Vec<StockLine>,
    /// The `after` of the next page, when there is one.
    pub next: Option<String>,
    /// (id, code, name) of the sites, for the filter.
    pub sites: Vec<(String, String, String)>,
    pub categories: Vec<String>,
    pub currency: Currency,
}

#[server(endpoint = "stock_articles")]
pub async fn stock_articles(
    q: Option<String>,
    site: Option<String>,
    category: Option<String>,
    below_min: Option<String>,
    after: Option<String>,
) -> Result<StockListing, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let present =
        |v: Option<String>| v.map(|v| v.trim().chars().take(100).collect::<String>()).filter(|v| !v.is_empty());
    let filter = services::stock::ListFilter {
        text: present(q),
        site: present(site),
        category: present(category),
        below_min: below_min.is_some(),
        after: present(after),
    };
    let lines = services::stock::list(&scope, &filter).await.map_err(super::ssr::fail)?;
    let next =
        (lines.len() as i64 == services::stock::PAGE_SIZE).then(|| lines.last().map(|l| l.code.clone())).flatten();
    let sites = services::sites::list(&scope).await.map_err(super::ssr::fail)?;
    let categories = services::stock::categories(&scope).await.map_err(super::ssr::fail)?;
    Ok(StockListing {
        categories,
        lines: lines
            .into_iter()
            .map(|l| StockLine {
                below_min: l.qty_milli < l.min_stock_milli,
                id: l.id,
                code: l.code,
                designation: l.designation,
                category: l.category,
                unit: l.unit,
                qty_milli: l.qty_milli,
                value_minor: l.value_minor,
            })
            .collect(),
        next,
        sites: sites.into_iter().map(|s| (s.id, s.code, s.name)).collect(),
        currency: Currency::parse(&scope.tenant.currency).unwrap_or(Currency::Eur),
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelView {
    pub site_id: String,
    pub site_code: String,
    pub site_name: String,
    pub qty_milli: i64,
    pub value_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotView {
    pub id: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry: Option<String>,
    pub remaining_milli: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementView {
    pub seq: i64,
    pub operation: String,
    /// Shown on the first leg of an operation that is neither a reversal nor reversed yet.
    pub reversible: bool,
    pub at_local_ms: i64,
    pub kind: String,
    pub site_code: String,
    pub qty_milli: i64,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub who: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDetails {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub unit: String,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    pub levels: Vec<LevelView>,
    pub lots: Vec<LotView>,
    pub movements: Vec<MovementView>,
    pub active: bool,
    pub currency: Currency,
    pub can_receive: bool,
    pub can_withdraw: bool,
}

#[server(endpoint = "article_view")]
pub async fn article_view(id: String) -> Result<ArticleDetails, ApiError> {
    use domain::Permission;
    let (state, scope) = super::ssr::scope(Permission::StockRead).await?;
    let detail = services::stock::article(&scope, &id).await.map_err(super::ssr::fail)?;
    let names = services::members::names(&state, &scope).await.map_err(super::ssr::fail)?;
    let site_code = |site_id: &str| {
        detail.levels.iter().find(|l| l.site_id == site_id).map(|l| l.site_code.clone()).unwrap_or_default()
    };
    let a = &detail.article;
    let reversed: std::collections::HashSet<i64> = detail.movements.iter().filter_map(|m| m.reverses_seq).collect();
    let reversed_ops: std::collections::HashSet<&str> =
        detail.movements.iter().filter(|m| reversed.contains(&m.seq)).map(|m| m.operation_id.as_str()).collect();
    let mut offered = std::collections::HashSet::new();
    Ok(ArticleDetails {
        id: a.id.clone(),
        code: a.code.clone(),
        designation: a.designation.clone(),
        category: a.category.clone(),
        unit: a.unit.clone(),
        min_milli: a.min_stock_milli,
        max_milli: a.max_stock_milli,
        movements: detail
            .movements
            .iter()
            .map(|m| MovementView {
                seq: m.seq,
                operation: m.operation_id.clone(),
                reversible: m.kind != "reversal"
                    && !reversed_ops.contains(m.operation_id.as_str())
                    && offered.insert(m.operation_id.clone()),
                at_local_ms: scope.local_ms(m.at_ms),
                kind: m.kind.clone(),
                site_code: site_code(&m.site_id),
                qty_milli: m.qty_milli,
                reason: m.reason.clone(),
                reference: m.reference.clone(),
                who: names.get(&m.user_id).cloned().unwrap_or_default(),
            })
            .collect(),
        lots: detail
            .lots
            .iter()
            .map(|l| LotView {
                id: l.id.clone(),
                site_code: l.site_code.clone(),
                lot_number: l.lot_number.clone(),
                expiry: l.expiry_date.clone(),
                remaining_milli: l.remaining_milli,
            })
            .collect(),
        levels: detail
            .levels
            .into_iter()
            .map(|l| LevelView {
                site_id: l.site_id,
                site_code: l.site_code,
                site_name: l.site_name,
                qty_milli: l.qty_milli,
                value_minor: l.value_minor,
            })
            .collect(),
        active: a.active == 1,
        currency: Currency::parse(&scope.tenant.currency).unwrap_or(Currency::Eur),
        can_receive: scope.allows(Permission::StockMove),
        can_withdraw: scope.allows(Permission::StockIssue),
    })
}

/// A receipt: quantity and unit cost as typed (`1,5`, `12.40`), optional lot number and expiry.
#[server(endpoint = "receive_stock")]
#[allow(clippy::too_many_arguments)]
pub async fn receive_stock(
    article: String,
    site: String,
    quantity: String,
    unit_cost: String,
    lot_number: Option<String>,
    expiry: Option<String>,
    reference: Option<String>,
) -> Result<(), ApiError> {
    use services::AppError;
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let mut errors = domain::ValidationErrors::new();
    let qty = domain::Quantity::parse(&quantity).map_err(|e| errors.add("quantity", e)).ok();
    let cost = domain::decimal::parse_scaled(&unit_cost, 2).map_err(|e| errors.add("unit_cost", e)).ok();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let outcome = match (qty, cost) {
        (Some(quantity), Some(unit_cost_minor)) if errors.is_empty() => {
            let receipt = services::stock::Receipt {
                article: article.clone(),
                site: site.clone(),
                quantity,
                unit_cost_minor,
                lot_number: text(&lot_number).map(|l| l.chars().take(64).collect()),
                expiry: text(&expiry),
                reference: text(&reference).map(|r| r.chars().take(64).collect()),
            };
            services::stock::receive(&scope, &receipt, state.clock.now_ms()).await.map(|_| ())
        }
        _ => Err(AppError::Validation(errors)),
    };
    let values = [("quantity", quantity.as_str()), ("unit_cost", unit_cost.as_str()), ("site", site.as_str())];
    super::ssr::finish("receive", outcome, "stock-received", &values).await
}

#[server(endpoint = "withdraw_stock")]
pub async fn withdraw_stock(
    article: String,
    site: String,
    quantity: String,
    lot: Option<String>,
    reason: Option<String>,
    reference: Option<String>,
) -> Result<(), ApiError> {
    use services::AppError;
    let (state, scope) = super::ssr::scope(domain::Permission::StockIssue).await?;
    let text = |v: &Option<String>| {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(|v| v.chars().take(64).collect())
    };
    let outcome = match domain::Quantity::parse(&quantity) {
        Ok(qty) => {
            let withdrawal = services::stock::Withdrawal {
                article: article.clone(),
                site: site.clone(),
                quantity: qty,
                lot: lot.filter(|l| !l.is_empty()),
                reason: text(&reason),
                reference: text(&reference),
            };
            services::stock::withdraw(&scope, &withdrawal, state.clock.now_ms()).await.map(|_| ())
        }
        Err(code) => Err(AppError::field("quantity", code)),
    };
    let values = [("quantity", quantity.as_str()), ("site", site.as_str())];
    super::ssr::finish("withdraw", outcome, "stock-withdrawn", &values).await
}

/// Moves stock from one site to another (both legs in one transaction).
#[server(endpoint = "transfer_stock")]
pub async fn transfer_stock(
    article: String,
    from: String,
    to: String,
    quantity: String,
    reference: Option<String>,
) -> Result<(), ApiError> {
    use services::AppError;
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let reference =
        reference.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(|r| r.chars().take(64).collect::<String>());
    let outcome = match domain::Quantity::parse(&quantity) {
        Ok(qty) => {
            services::stock::transfer(&scope, &article, &from, &to, qty, reference.as_deref(), state.clock.now_ms())
                .await
                .map(|_| ())
        }
        Err(code) => Err(AppError::field("quantity", code)),
    };
    let values = [("quantity", quantity.as_str()), ("from", from.as_str()), ("to", to.as_str())];
    super::ssr::finish("transfer", outcome, "stock-transferred", &values).await
}

/// A physical count: the difference with the recorded level is posted (a reason is required).
#[server(endpoint = "adjust_stock")]
pub async fn adjust_stock(article: String, site: String, counted: String, reason: String) -> Result<(), ApiError> {
    use services::AppError;
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let outcome = match domain::Quantity::parse_count(&counted) {
        Ok(qty) => {
            services::stock::adjust(&scope, &article, &site, qty, &reason, state.clock.now_ms()).await.map(|_| ())
        }
        Err(code) => Err(AppError::field("counted", code)),
    };
    let values = [("counted", counted.as_str()), ("site", site.as_str()), ("reason", reason.as_str())];
    super::ssr::finish("adjust", outcome, "stock-adjusted", &values).await
}

/// Reverses every leg of an operation, naming it; a reason is required.
#[server(endpoint = "reverse_operation")]
pub async fn reverse_operation(operation: String, reason: String) -> Result<(), ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let outcome = services::stock::reverse(&scope, &operation, &reason, state.clock.now_ms()).await.map(|_| ());
    super::ssr::finish("reverse", outcome, "stock-reversed", &[]).await
}
