//! Stock operations: receipts, withdrawals (first-expiring first, or a chosen lot), transfers,
//! counts and reversals (each behind its feature flag: `stock_movements`, and
//! `manual_stock_override` for counts and reversals). Each is one write transaction of one or more movement legs; levels and
//! lots follow from the legs inside the database, which refuses a negative level or lot even if
//! this code were wrong (and under concurrency).

mod operation;

use domain::stock::commands::{Count, Receipt, Reversal, Transfer, Withdrawal};
use domain::stock::movement::MovementKind;
use domain::stock::valuation;
use domain::{Flag, Permission, Quantity};
use uuid::Uuid;

use self::operation::{Operation, Outflow, post};
use super::{repo, stored_quantity};
use crate::governance::flags;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// A receipt: a new lot at the unit cost, its value checked against the bounds (A30).
pub async fn receive(scope: &TenantScope, receipt: &Receipt, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    flags::require(scope, Flag::StockMovements).await?;
    if receipt.unit_cost_minor > domain::bounds::MAX_UNIT_PRICE_MINOR {
        return Err(AppError::field("unit_cost", "amount-too-large"));
    }
    let value = valuation::receipt_value(receipt.quantity, receipt.unit_cost_minor)
        .ok_or_else(|| AppError::field("unit_cost", "stock-value-too-large"))?;
    let mut op = Operation::begin(scope, now_ms).await?;
    let result = receive_in(&mut op, receipt, value).await;
    op.conclude(result, None).await.map(|(id, ())| id)
}

async fn receive_in(op: &mut Operation<'_>, receipt: &Receipt, value: i64) -> AppResult<()> {
    op.check_article_and_site(&receipt.article, &receipt.site).await?;
    let lot = Uuid::new_v4().to_string();
    op.new_lot(repo::NewLot {
        id: &lot,
        article: &receipt.article,
        site: &receipt.site,
        lot_number: receipt.lot_number.as_deref(),
        expiry: receipt.expiry.as_deref(),
        unit_cost_minor: receipt.unit_cost_minor,
        origin: None,
        at_ms: op.stamp.now_ms,
    })
    .await?;
    let leg = repo::MovementRow {
        lot: Some(&lot),
        qty_milli: receipt.quantity.milli(),
        value_minor: value,
        reference: receipt.reference.as_deref(),
        ..op.stamp.leg(MovementKind::Receipt, &receipt.article, &receipt.site)
    };
    post(&mut op.tx, &leg, "quantity").await
}

/// A withdrawal (consumption on a job, a sale). Refused, with what is available, when the
/// stock (or the chosen lot) does not hold the quantity.
pub async fn withdraw(scope: &TenantScope, w: &Withdrawal, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockIssue)?;
    flags::require(scope, Flag::StockMovements).await?;
    let mut op = Operation::begin(scope, now_ms).await?;
    let result = async {
        op.check_article_and_site(&w.article, &w.site).await?;
        let out = Outflow {
            kind: MovementKind::Issue,
            article: &w.article,
            site: &w.site,
            quantity: w.quantity,
            lot: w.lot.as_deref(),
            reason: w.reason.as_deref(),
            reference: w.reference.as_deref(),
            mission: w.mission.as_deref(),
        };
        op.take_out(&out).await.map(|_| ())
    }
    .await;
    op.conclude(result, Some((&w.article, &w.site, w.quantity))).await.map(|(id, ())| id)
}

/// Moves stock between two sites in one transaction: each lot taken out arrives as a lot of the
/// same number, expiry and cost at the destination (traceable to its origin), with its value.
pub async fn transfer(scope: &TenantScope, t: &Transfer, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    flags::require(scope, Flag::StockMovements).await?;
    if t.from == t.to {
        return Err(AppError::field("to", "same-site"));
    }
    let mut op = Operation::begin(scope, now_ms).await?;
    let result = transfer_in(&mut op, t).await;
    op.conclude(result, Some((&t.article, &t.from, t.quantity))).await.map(|(id, ())| id)
}

async fn transfer_in(op: &mut Operation<'_>, t: &Transfer) -> AppResult<()> {
    op.check_article_and_site(&t.article, &t.from).await?;
    op.check_article_and_site(&t.article, &t.to).await?;
    let out = Outflow {
        kind: MovementKind::TransferOut,
        article: &t.article,
        site: &t.from,
        quantity: t.quantity,
        lot: None,
        reason: None,
        reference: t.reference.as_deref(),
        mission: None,
    };
    for (origin, qty, value) in op.take_out(&out).await? {
        let lot = Uuid::new_v4().to_string();
        op.new_lot(repo::NewLot {
            id: &lot,
            article: &t.article,
            site: &t.to,
            lot_number: origin.lot_number.as_deref(),
            expiry: origin.expiry_date.as_deref(),
            unit_cost_minor: origin.unit_cost_minor,
            origin: Some(&origin.id),
            at_ms: origin.received_at_ms,
        })
        .await?;
        let leg = repo::MovementRow {
            lot: Some(&lot),
            qty_milli: qty.milli(),
            value_minor: value,
            reference: t.reference.as_deref(),
            ..op.stamp.leg(MovementKind::TransferIn, &t.article, &t.to)
        };
        post(&mut op.tx, &leg, "quantity").await?;
    }
    Ok(())
}

/// A physical count: posts the difference with the level (a reason is required). A surplus
/// comes in as a lot at the current average cost; a shortfall goes out first-expiring first.
/// None when the count matched the level (nothing posted).
pub async fn adjust(scope: &TenantScope, count: &Count, now_ms: i64) -> AppResult<Option<String>> {
    scope.require(Permission::StockMove)?;
    flags::require(scope, Flag::ManualStockOverride).await?;
    let mut op = Operation::begin(scope, now_ms).await?;
    let result = adjust_in(&mut op, count).await;
    let (id, posted) = op.conclude(result, None).await?;
    Ok(posted.then_some(id))
}

async fn adjust_in(op: &mut Operation<'_>, count: &Count) -> AppResult<bool> {
    let found = op.check_article_and_site(&count.article, &count.site).await?;
    let (level_qty, level_value) = repo::level(&mut *op.tx, &count.article, &count.site).await?;
    let level = stored_quantity("stock_levels.qty_milli", level_qty)?;
    // Both within the bounds, so the difference is too.
    let difference =
        count.counted.checked_sub(level).ok_or_else(|| AppError::field("counted", "quantity-too-large"))?;
    if difference == Quantity::ZERO {
        return Ok(false);
    }
    if difference < Quantity::ZERO {
        let out = Outflow {
            kind: MovementKind::Adjustment,
            article: &count.article,
            site: &count.site,
            quantity: -difference,
            lot: None,
            reason: Some(&count.reason),
            reference: None,
            mission: None,
        };
        op.take_out(&out).await?;
        return Ok(true);
    }
    // A surplus comes in at the current average cost, or the purchase price of an empty level
    // (free when the article has none).
    let unit_cost = valuation::average_unit_cost(level, level_value).or(found.purchase_price_minor).unwrap_or(0);
    let value = valuation::receipt_value(difference, unit_cost)
        .ok_or_else(|| AppError::field("counted", "stock-value-too-large"))?;
    let lot = Uuid::new_v4().to_string();
    op.new_lot(repo::NewLot {
        id: &lot,
        article: &count.article,
        site: &count.site,
        lot_number: None,
        expiry: None,
        unit_cost_minor: unit_cost,
        origin: None,
        at_ms: op.stamp.now_ms,
    })
    .await?;
    let leg = repo::MovementRow {
        lot: Some(&lot),
        qty_milli: difference.milli(),
        value_minor: value,
        reason: Some(&count.reason),
        ..op.stamp.leg(MovementKind::Adjustment, &count.article, &count.site)
    };
    post(&mut op.tx, &leg, "counted").await?;
    Ok(true)
}

/// Corrects a mistake: every leg of the operation is posted again with the opposite sign,
/// naming the leg it reverses. Refused when already reversed, or when the stock it brought in
/// has been used since (the database would go negative).
pub async fn reverse(scope: &TenantScope, reversal: &Reversal, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    flags::require(scope, Flag::ManualStockOverride).await?;
    let mut op = Operation::begin(scope, now_ms).await?;
    let legs = repo::operation(&mut *op.tx, &reversal.operation).await?;
    let kinds = legs.iter().map(|l| super::stored_kind(&l.kind)).collect::<AppResult<Vec<_>>>()?;
    if legs.is_empty() || kinds.contains(&MovementKind::Reversal) {
        return Err(AppError::NotFound);
    }
    if repo::is_reversed(&mut *op.tx, &reversal.operation).await? {
        return Err(AppError::Conflict("already-reversed"));
    }
    for leg in &legs {
        let row = repo::MovementRow {
            lot: leg.lot_id.as_deref(),
            qty_milli: -leg.qty_milli,
            value_minor: -leg.value_minor,
            reason: Some(&reversal.reason),
            reference: leg.reference.as_deref(),
            reverses: Some(leg.seq),
            ..op.stamp.leg(MovementKind::Reversal, &leg.article_id, &leg.site_id)
        };
        match post(&mut op.tx, &row, "operation").await {
            Err(AppError::Database(e)) if crate::db::is_check_violation(&e) => {
                return Err(AppError::Conflict("stock-already-used"));
            }
            other => other?,
        }
    }
    op.conclude(Ok(()), None).await.map(|(id, ())| id)
}
