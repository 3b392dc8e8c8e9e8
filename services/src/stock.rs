//! Stock movements: receipts, withdrawals (FIFO by expiry then receipt, or a chosen lot),
//! transfers, adjustments from a count, and reversals. Every operation is one write
//! transaction; levels and lots follow from the movements inside the database, which refuses
//! any negative level or lot even if this code were wrong (and under concurrency).

pub mod articles;
mod guard;
pub mod import;
pub mod repo;
pub mod reports;
pub mod volume;

pub use articles::{create_article, update_article};

use domain::Permission;
use domain::Quantity;
use domain::stock::{fifo, valuation};
use uuid::Uuid;

use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

use crate::db::WriteTx as Tx;

/// Goods coming in: a new lot at `unit_cost_minor` per unit.
#[derive(Clone, Debug, Default)]
pub struct Receipt {
    pub article: String,
    pub site: String,
    pub quantity: Quantity,
    pub unit_cost_minor: i64,
    pub lot_number: Option<String>,
    /// `YYYY-MM-DD`.
    pub expiry: Option<String>,
    pub reference: Option<String>,
}

/// Goods going out, from a chosen lot or FIFO.
#[derive(Clone, Debug, Default)]
pub struct Withdrawal {
    pub article: String,
    pub site: String,
    pub quantity: Quantity,
    pub lot: Option<String>,
    pub reason: Option<String>,
    pub reference: Option<String>,
}

/// The level of an article at a site: quantity and value at weighted average cost.
pub async fn level(scope: &TenantScope, article: &str, site: &str) -> AppResult<(Quantity, i64)> {
    scope.require(Permission::StockRead)?;
    let (qty, value) = repo::level(scope.db.pool(), article, site).await?;
    Ok((stored_quantity("stock_levels.qty_milli", qty)?, value))
}

/// A quantity read from the database, which keeps it within the bounds; anything else is
/// reported, never replaced.
pub(crate) fn stored_quantity(column: &str, milli: i64) -> AppResult<Quantity> {
    Quantity::from_milli(milli).ok_or_else(|| AppError::corrupt(column, milli))
}

/// Writes one leg of an operation. A leg that brings stock in is first checked against the
/// business bounds of its level (A30), so that the form says which field is too large; the
/// database refuses the same bounds as the last line.
async fn post(tx: &mut Tx, leg: &repo::MovementRow<'_>, field: &str) -> AppResult<()> {
    if leg.qty_milli > 0 || leg.value_minor > 0 {
        let (qty, value) = repo::level(&mut **tx, leg.article, leg.site).await?;
        domain::bounds::check_level(qty, value, leg.qty_milli, leg.value_minor)
            .map_err(|code| AppError::field(field, code))?;
    }
    repo::insert_movement(&mut **tx, leg).await?;
    Ok(())
}

async fn check_article_and_site(tx: &mut Tx, article: &str, site: &str) -> AppResult<repo::ArticleRow> {
    let found =
        repo::article(&mut **tx, article).await?.ok_or_else(|| AppError::field("article", "unknown-article"))?;
    if !repo::site_exists(&mut **tx, site).await? {
        return Err(AppError::field("site", "unknown-site"));
    }
    Ok(found)
}

fn valid_expiry(expiry: Option<&str>) -> AppResult<()> {
    match expiry {
        Some(date) if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() => {
            Err(AppError::field("expiry", "invalid-date"))
        }
        _ => Ok(()),
    }
}

/// Ends one stock operation's write transaction: on success, flags its anomalies and commits.
/// A level or lot pushed below zero by a concurrent operation is refused by the database; that
/// refusal becomes the same shortage message as the one checked beforehand, with the quantities
/// as they are now.
async fn conclude<T>(
    scope: &TenantScope,
    mut tx: Tx,
    (operation, now_ms): (&str, i64),
    result: AppResult<T>,
    shortage_of: Option<(&str, &str, Quantity)>,
) -> AppResult<T> {
    match result {
        Ok(value) => {
            guard::flag_anomalies(&mut tx, scope, operation, now_ms).await?;
            tx.commit().await?;
            Ok(value)
        }
        Err(AppError::Database(e)) if crate::db::is_check_violation(&e) => {
            drop(tx);
            let Some((article, site, requested)) = shortage_of else { return Err(AppError::Database(e)) };
            let (available, _) = repo::level(scope.db.pool(), article, site).await?;
            Err(AppError::InsufficientStock { available, requested: requested.milli() })
        }
        Err(other) => Err(other),
    }
}

pub async fn receive(scope: &TenantScope, receipt: &Receipt, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    valid_expiry(receipt.expiry.as_deref())?;
    if receipt.unit_cost_minor < 0 {
        return Err(AppError::field("unit_cost", "invalid-number"));
    }
    if receipt.unit_cost_minor > domain::bounds::MAX_UNIT_PRICE_MINOR {
        return Err(AppError::field("unit_cost", "amount-too-large"));
    }
    let operation = Uuid::new_v4().to_string();
    let mut tx = guard::begin(scope, now_ms).await?;
    let result = receive_in(&mut tx, scope, receipt, &operation, now_ms).await;
    conclude(scope, tx, (&operation, now_ms), result, None).await?;
    Ok(operation)
}

async fn receive_in(
    tx: &mut Tx,
    scope: &TenantScope,
    receipt: &Receipt,
    operation: &str,
    now_ms: i64,
) -> AppResult<()> {
    check_article_and_site(tx, &receipt.article, &receipt.site).await?;
    let value = valuation::receipt_value(receipt.quantity, receipt.unit_cost_minor)
        .ok_or_else(|| AppError::field("unit_cost", "stock-value-too-large"))?;
    let lot = Uuid::new_v4().to_string();
    let new_lot = repo::NewLot {
        id: &lot,
        article: &receipt.article,
        site: &receipt.site,
        lot_number: receipt.lot_number.as_deref(),
        expiry: receipt.expiry.as_deref(),
        unit_cost_minor: receipt.unit_cost_minor,
        origin: None,
        at_ms: now_ms,
    };
    repo::insert_lot(&mut **tx, &new_lot).await?;
    let leg = repo::MovementRow {
        operation,
        kind: "receipt",
        article: &receipt.article,
        site: &receipt.site,
        lot: Some(&lot),
        qty_milli: receipt.quantity.milli(),
        value_minor: value,
        reason: None,
        reference: receipt.reference.as_deref(),
        reverses: None,
        user_id: &scope.user.id,
        at_ms: now_ms,
    };
    post(tx, &leg, "quantity").await
}

/// Takes `quantity` out of a level, lot by lot; returns the (lot, quantity, value) legs written.
#[allow(clippy::too_many_arguments)]
async fn take_out(
    tx: &mut Tx,
    scope: &TenantScope,
    operation: &str,
    kind: &str,
    article: &str,
    site: &str,
    quantity: Quantity,
    chosen_lot: Option<&str>,
    reason: Option<&str>,
    reference: Option<&str>,
    now_ms: i64,
) -> AppResult<Vec<(repo::LotRow, Quantity, i64)>> {
    let lots = repo::open_lots(&mut **tx, article, site).await?;
    let candidates: Vec<&repo::LotRow> = match chosen_lot {
        Some(id) => lots.iter().filter(|l| l.id == id).collect(),
        None => lots.iter().collect(),
    };
    let stock = candidates
        .iter()
        .map(|l| {
            Ok(fifo::LotStock {
                id: l.id.clone(),
                expiry: l.expiry_date.clone(),
                received_at_ms: l.received_at_ms,
                remaining: stored_quantity("lots.remaining_milli", l.remaining_milli)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let legs = fifo::pick(&stock, quantity).map_err(|shortage| AppError::InsufficientStock {
        available: shortage.available.milli(),
        requested: shortage.requested.milli(),
    })?;
    let mut written = Vec::new();
    for (lot_id, qty) in legs {
        let (level_qty, level_value) = repo::level(&mut **tx, article, site).await?;
        let value = valuation::outflow_value(stored_quantity("stock_levels.qty_milli", level_qty)?, level_value, qty);
        let leg = repo::MovementRow {
            operation,
            kind,
            article,
            site,
            lot: Some(&lot_id),
            qty_milli: -qty.milli(),
            value_minor: -value,
            reason,
            reference,
            reverses: None,
            user_id: &scope.user.id,
            at_ms: now_ms,
        };
        repo::insert_movement(&mut **tx, &leg).await?;
        let lot = lots.iter().find(|l| l.id == lot_id).cloned().ok_or(AppError::NotFound)?;
        written.push((lot, qty, value));
    }
    Ok(written)
}

/// A withdrawal (consumption on a job, a sale). Refused, with what is available, when the
/// stock (or the chosen lot) does not hold the quantity.
pub async fn withdraw(scope: &TenantScope, w: &Withdrawal, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockIssue)?;
    let operation = Uuid::new_v4().to_string();
    let mut tx = guard::begin(scope, now_ms).await?;
    let result = withdraw_in(&mut tx, scope, w, &operation, now_ms).await;
    conclude(scope, tx, (&operation, now_ms), result, Some((&w.article, &w.site, w.quantity))).await?;
    Ok(operation)
}

async fn withdraw_in(tx: &mut Tx, scope: &TenantScope, w: &Withdrawal, operation: &str, now_ms: i64) -> AppResult<()> {
    check_article_and_site(tx, &w.article, &w.site).await?;
    take_out(
        tx,
        scope,
        operation,
        "issue",
        &w.article,
        &w.site,
        w.quantity,
        w.lot.as_deref(),
        w.reason.as_deref(),
        w.reference.as_deref(),
        now_ms,
    )
    .await
    .map(|_| ())
}

/// Moves stock between two sites in one transaction: each lot taken out arrives as a lot of the
/// same number, expiry and cost at the destination (traceable to its origin), with its value.
pub async fn transfer(
    scope: &TenantScope,
    article: &str,
    from: &str,
    to: &str,
    quantity: Quantity,
    reference: Option<&str>,
    now_ms: i64,
) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    if from == to {
        return Err(AppError::field("to", "same-site"));
    }
    let operation = Uuid::new_v4().to_string();
    let mut tx = guard::begin(scope, now_ms).await?;
    let result = transfer_in(&mut tx, scope, article, (from, to), quantity, reference, &operation, now_ms).await;
    conclude(scope, tx, (&operation, now_ms), result, Some((article, from, quantity))).await?;
    Ok(operation)
}

#[allow(clippy::too_many_arguments)]
async fn transfer_in(
    tx: &mut Tx,
    scope: &TenantScope,
    article: &str,
    (from, to): (&str, &str),
    quantity: Quantity,
    reference: Option<&str>,
    operation: &str,
    now_ms: i64,
) -> AppResult<()> {
    check_article_and_site(tx, article, from).await?;
    check_article_and_site(tx, article, to).await?;
    let legs =
        take_out(tx, scope, operation, "transfer-out", article, from, quantity, None, None, reference, now_ms).await?;
    for (origin, qty, value) in legs {
        let lot = Uuid::new_v4().to_string();
        let new_lot = repo::NewLot {
            id: &lot,
            article,
            site: to,
            lot_number: origin.lot_number.as_deref(),
            expiry: origin.expiry_date.as_deref(),
            unit_cost_minor: origin.unit_cost_minor,
            origin: Some(&origin.id),
            at_ms: origin.received_at_ms,
        };
        repo::insert_lot(&mut **tx, &new_lot).await?;
        let leg = repo::MovementRow {
            operation,
            kind: "transfer-in",
            article,
            site: to,
            lot: Some(&lot),
            qty_milli: qty.milli(),
            value_minor: value,
            reason: None,
            reference,
            reverses: None,
            user_id: &scope.user.id,
            at_ms: now_ms,
        };
        post(tx, &leg, "quantity").await?;
    }
    Ok(())
}

/// A physical count: posts the difference with the level (a reason is required). A surplus
/// comes in as a lot at the current average cost; a shortfall goes out FIFO.
pub async fn adjust(
    scope: &TenantScope,
    article: &str,
    site: &str,
    counted: Quantity,
    reason: &str,
    now_ms: i64,
) -> AppResult<Option<String>> {
    scope.require(Permission::StockMove)?;
    let reason = domain::error::bounded_text(reason, 200).map_err(|code| AppError::field("reason", code))?;
    let operation = Uuid::new_v4().to_string();
    let mut tx = guard::begin(scope, now_ms).await?;
    let result = adjust_in(&mut tx, scope, article, site, counted, &reason, &operation, now_ms).await;
    let posted = conclude(scope, tx, (&operation, now_ms), result, None).await?;
    Ok(posted.then_some(operation))
}

#[allow(clippy::too_many_arguments)]
async fn adjust_in(
    tx: &mut Tx,
    scope: &TenantScope,
    article: &str,
    site: &str,
    counted: Quantity,
    reason: &str,
    operation: &str,
    now_ms: i64,
) -> AppResult<bool> {
    let found = check_article_and_site(tx, article, site).await?;
    let (level_qty, level_value) = repo::level(&mut **tx, article, site).await?;
    let level = stored_quantity("stock_levels.qty_milli", level_qty)?;
    // Both within the bounds, so the difference is too.
    let difference = counted.checked_sub(level).ok_or_else(|| AppError::field("counted", "quantity-too-large"))?;
    if difference == Quantity::ZERO {
        return Ok(false);
    }
    if difference < Quantity::ZERO {
        take_out(tx, scope, operation, "adjustment", article, site, -difference, None, Some(reason), None, now_ms)
            .await?;
        return Ok(true);
    }
    // A surplus comes in at the current average cost, or the purchase price of an empty level
    // (free when the article has none).
    let unit_cost = valuation::average_unit_cost(level, level_value).or(found.purchase_price_minor).unwrap_or(0);
    let value = valuation::receipt_value(difference, unit_cost)
        .ok_or_else(|| AppError::field("counted", "stock-value-too-large"))?;
    let lot = Uuid::new_v4().to_string();
    let new_lot = repo::NewLot {
        id: &lot,
        article,
        site,
        lot_number: None,
        expiry: None,
        unit_cost_minor: unit_cost,
        origin: None,
        at_ms: now_ms,
    };
    repo::insert_lot(&mut **tx, &new_lot).await?;
    let leg = repo::MovementRow {
        operation,
        kind: "adjustment",
        article,
        site,
        lot: Some(&lot),
        qty_milli: difference.milli(),
        value_minor: value,
        reason: Some(reason),
        reference: None,
        reverses: None,
        user_id: &scope.user.id,
        at_ms: now_ms,
    };
    post(tx, &leg, "counted").await?;
    Ok(true)
}

/// Corrects a mistake: every leg of the operation is posted again with the opposite sign,
/// naming the leg it reverses. Refused when already reversed, or when the stock it brought in
/// has been used since (the database would go negative).
pub async fn reverse(scope: &TenantScope, operation: &str, reason: &str, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    let reason = domain::error::bounded_text(reason, 200).map_err(|code| AppError::field("reason", code))?;
    let reversal = Uuid::new_v4().to_string();
    let mut tx = guard::begin(scope, now_ms).await?;
    let legs = repo::operation(&mut *tx, operation).await?;
    if legs.is_empty() || legs.iter().any(|l| l.kind == "reversal") {
        return Err(AppError::NotFound);
    }
    if repo::is_reversed(&mut *tx, operation).await? {
        return Err(AppError::Conflict("already-reversed"));
    }
    for leg in &legs {
        let row = repo::MovementRow {
            operation: &reversal,
            kind: "reversal",
            article: &leg.article_id,
            site: &leg.site_id,
            lot: leg.lot_id.as_deref(),
            qty_milli: -leg.qty_milli,
            value_minor: -leg.value_minor,
            reason: Some(&reason),
            reference: leg.reference.as_deref(),
            reverses: Some(leg.seq),
            user_id: &scope.user.id,
            at_ms: now_ms,
        };
        match post(&mut tx, &row, "operation").await {
            Err(AppError::Database(e)) if crate::db::is_check_violation(&e) => {
                return Err(AppError::Conflict("stock-already-used"));
            }
            other => other?,
        }
    }
    guard::flag_anomalies(&mut tx, scope, &reversal, now_ms).await?;
    tx.commit().await?;
    Ok(reversal)
}

/// Lines per page of the stock list.
pub const PAGE_SIZE: i64 = 50;

/// Filters of the stock list; every one optional.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub text: Option<String>,
    pub site: Option<String>,
    pub category: Option<String>,
    pub below_min: bool,
    /// Keyset pagination: the last article code of the previous page.
    pub after: Option<String>,
}

pub async fn list(scope: &TenantScope, filter: &ListFilter) -> AppResult<Vec<repo::StockLine>> {
    scope.require(Permission::StockRead)?;
    Ok(repo::stock_lines(scope.db.pool(), filter, PAGE_SIZE).await?)
}

/// The categories in use, for the stock list's filter.
pub async fn categories(scope: &TenantScope) -> AppResult<Vec<String>> {
    scope.require(Permission::StockRead)?;
    Ok(repo::categories(scope.db.pool()).await?)
}

/// An article with its levels per site, its open lots and its latest movements.
pub struct ArticleDetail {
    pub article: repo::ArticleRow,
    pub levels: Vec<repo::SiteLevel>,
    pub lots: Vec<repo::OpenLot>,
    pub movements: Vec<repo::MovementRecord>,
}

pub async fn article(scope: &TenantScope, id: &str) -> AppResult<ArticleDetail> {
    scope.require(Permission::StockRead)?;
    let pool = scope.db.pool();
    let article = repo::article(pool, id).await?.ok_or(AppError::NotFound)?;
    Ok(ArticleDetail {
        levels: repo::levels_by_site(pool, id).await?,
        lots: repo::open_lots_of_article(pool, id).await?,
        movements: repo::movements_of_article(pool, id, 50).await?,
        article,
    })
}
