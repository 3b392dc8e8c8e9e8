//! The stock pages' views, built from rows that stay in this crate: the list, an article's page
//! and edit form, the hub.

use std::collections::HashSet;

use domain::stock::queries::StockQuery;
use domain::stock::views::{
    ArticleDetails, ArticleFieldsView, LevelView, LotView, MovementView, StockHubView, StockLine, StockListing,
};
use domain::{Flag, Permission, Quantity};

use super::{repo, reports, stored_kind, stored_quantity};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, governance, members, sites};

/// Lines per page of the stock list.
pub const PAGE_SIZE: i64 = 50;

/// The level of an article at a site: quantity and value at weighted average cost.
pub async fn level(scope: &TenantScope, article: &str, site: &str) -> AppResult<(Quantity, i64)> {
    scope.require(Permission::StockRead)?;
    let (qty, value) = repo::level(scope.db.pool(), article, site).await?;
    Ok((stored_quantity("stock_levels.qty_milli", qty)?, value))
}

/// One page of the stock list.
pub async fn list(scope: &TenantScope, query: &StockQuery) -> AppResult<Vec<StockLine>> {
    scope.require(Permission::StockRead)?;
    let rows = repo::stock_lines(scope.db.pool(), query, PAGE_SIZE).await?;
    Ok(rows
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
        .collect())
}

/// The categories in use, for the stock list's filter.
pub async fn categories(scope: &TenantScope) -> AppResult<Vec<String>> {
    scope.require(Permission::StockRead)?;
    Ok(repo::categories(scope.db.pool()).await?)
}

/// The stock list page: a page of lines, the next page's cursor, and the filters' choices.
pub async fn listing(scope: &TenantScope, query: &StockQuery) -> AppResult<StockListing> {
    let lines = list(scope, query).await?;
    let next = (lines.len() as i64 == PAGE_SIZE).then(|| lines.last().map(|l| l.code.clone())).flatten();
    let sites = sites::list(scope).await?.into_iter().map(|s| (s.id, s.code, s.name)).collect();
    Ok(StockListing { lines, next, sites, categories: categories(scope).await?, currency: scope.currency()? })
}

/// An article with its levels per site, its open lots and its latest movements (who recorded
/// each, and which can still be reversed).
pub async fn article(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<ArticleDetails> {
    scope.require(Permission::StockRead)?;
    let pool = scope.db.pool();
    let a = repo::article(pool, id).await?.ok_or(AppError::NotFound)?;
    let levels = repo::levels_by_site(pool, id).await?;
    let lots = repo::open_lots_of_article(pool, id).await?;
    let rows = repo::movements_of_article(pool, id, 50).await?;
    let names = members::names(state, scope).await?;
    let site_code = |site_id: &str| levels.iter().find(|l| l.site_id == site_id).map(|l| l.site_code.clone());
    // An operation is offered for reversal once, on its newest leg, unless it is a reversal or
    // has been reversed.
    let reversed: HashSet<i64> = rows.iter().filter_map(|m| m.reverses_seq).collect();
    let reversed_ops: HashSet<&str> =
        rows.iter().filter(|m| reversed.contains(&m.seq)).map(|m| m.operation_id.as_str()).collect();
    let mut offered = HashSet::new();
    let mut movements = Vec::with_capacity(rows.len());
    for m in &rows {
        let kind = stored_kind(&m.kind)?;
        movements.push(MovementView {
            seq: m.seq,
            operation: m.operation_id.clone(),
            reversible: kind != domain::stock::movement::MovementKind::Reversal
                && !reversed_ops.contains(m.operation_id.as_str())
                && offered.insert(m.operation_id.clone()),
            at_local_ms: scope.local_ms(m.at_ms),
            kind,
            site_code: site_code(&m.site_id).ok_or_else(|| AppError::corrupt("stock_movements.site_id", &m.site_id))?,
            qty_milli: m.qty_milli,
            reason: m.reason.clone(),
            reference: m.reference.clone(),
            who: names.get(&m.user_id).cloned().unwrap_or_default(),
        });
    }
    Ok(ArticleDetails {
        id: a.id,
        code: a.code,
        designation: a.designation,
        category: a.category,
        unit: a.unit,
        min_milli: a.min_stock_milli,
        max_milli: a.max_stock_milli,
        levels: levels
            .into_iter()
            .map(|l| LevelView {
                site_id: l.site_id,
                site_code: l.site_code,
                site_name: l.site_name,
                qty_milli: l.qty_milli,
                value_minor: l.value_minor,
            })
            .collect(),
        lots: lots
            .into_iter()
            .map(|l| LotView {
                id: l.id,
                site_code: l.site_code,
                lot_number: l.lot_number,
                expiry: l.expiry_date,
                remaining_milli: l.remaining_milli,
            })
            .collect(),
        movements,
        active: a.active == 1,
        currency: scope.currency()?,
        can_receive: scope.allows(Permission::StockMove),
        can_withdraw: scope.allows(Permission::StockIssue),
    })
}

/// An article's fields as stored, for its edit form.
pub async fn article_fields(scope: &TenantScope, id: &str) -> AppResult<ArticleFieldsView> {
    scope.require(Permission::StockMove)?;
    let a = repo::article(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    Ok(ArticleFieldsView {
        id: a.id,
        code: a.code,
        designation: a.designation,
        category: a.category,
        family: a.family,
        unit: a.unit,
        purchase_price_minor: a.purchase_price_minor,
        sale_price_minor: a.sale_price_minor,
        vat_rate_bp: a.vat_rate_bp,
        min_milli: a.min_stock_milli,
        max_milli: a.max_stock_milli,
        active: a.active == 1,
    })
}

/// What the stock hub offers this user in this company.
pub async fn hub(scope: &TenantScope) -> AppResult<StockHubView> {
    scope.require(Permission::StockRead)?;
    Ok(StockHubView {
        can_create: scope.allows(Permission::StockMove),
        can_import: scope.allows(Permission::StockImport),
        import_on: governance::flags::open_to(scope, Flag::BulkStockImport).await?,
        reorder_on: governance::flags::open_to(scope, Flag::AutoReorderSuggestions).await?,
        alerts: reports::alert_count(scope).await?,
    })
}
