//! What every stock operation goes through besides its own rules: the per-user rate limit
//! before it writes, and the anomaly check on the levels it changed before it commits.

use std::collections::BTreeMap;

use domain::Quantity;
use domain::events::{EventKind, NewEvent};
use domain::stock::alert;

use super::repo;
use crate::governance::{self, repo::NewStockEvent};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

use crate::db::WriteTx as Tx;

/// Starts an operation's write transaction, refusing the user who has already recorded the
/// company's limit of operations in the last minute.
pub async fn begin(scope: &TenantScope, now_ms: i64) -> AppResult<Tx> {
    let mut tx = scope.db.begin_write().await?;
    let rules = governance::stock_rules(&mut *tx).await?;
    let limit = rules.movements_per_minute;
    let recent = repo::operations_by_user_since(&mut *tx, &scope.user.id, now_ms - 60_000, limit).await?;
    if recent >= limit {
        return Err(AppError::TooManyMovements { limit });
    }
    Ok(tx)
}

/// Records a WARNING security event for each level the operation changed by more than the
/// company's threshold, or changed during its unusual hours, and a business event for each
/// level it made critical. The operation goes through.
pub async fn flag_levels(tx: &mut Tx, scope: &TenantScope, operation: &str, now_ms: i64) -> AppResult<()> {
    let rules = governance::stock_rules(&mut **tx).await?;
    let minute = scope.local_ms(now_ms).rem_euclid(86_400_000) / 60_000;
    let mut changes: BTreeMap<(String, String), i64> = BTreeMap::new();
    for leg in repo::operation(&mut **tx, operation).await? {
        *changes.entry((leg.article_id, leg.site_id)).or_default() += leg.qty_milli;
    }
    for ((article, site), change) in changes {
        let (after, _) = repo::level(&mut **tx, &article, &site).await?;
        let before = after - change;
        let (before_q, after_q) =
            (super::stored_quantity("level before", before)?, super::stored_quantity("stock_levels.qty_milli", after)?);
        for anomaly in rules.anomalies(before_q, after_q, minute) {
            tracing::warn!(kind = anomaly.as_str(), %article, %site, before, after, "stock anomaly");
            let event = NewStockEvent {
                at_ms: now_ms,
                kind: anomaly.as_str(),
                user_id: &scope.user.id,
                operation_id: operation,
                article_id: &article,
                site_id: &site,
                before_milli: before,
                after_milli: after,
            };
            governance::repo::insert_warning(&mut **tx, &event).await?;
        }
        critical_event(tx, scope, (&article, &site), (before_q, after_q), now_ms).await?;
    }
    Ok(())
}

/// The event of a level that has just become critical (empty, or under half its minimum).
async fn critical_event(
    tx: &mut Tx,
    scope: &TenantScope,
    (article, site): (&str, &str),
    (before, after): (Quantity, Quantity),
    now_ms: i64,
) -> AppResult<()> {
    let Some(row) = repo::article(&mut **tx, article).await? else { return Ok(()) };
    let minimum = super::stored_quantity("articles.min_stock_milli", row.min_stock_milli)?;
    if !alert::became_critical(before, after, minimum) {
        return Ok(());
    }
    let site_code = repo::site_code(&mut **tx, site).await?.unwrap_or_default();
    let event = NewEvent::new(EventKind::StockCritical, article, &format!("{} · {site_code}", row.code));
    crate::events::record(tx, Some(&scope.user.id), &event, now_ms).await
}
