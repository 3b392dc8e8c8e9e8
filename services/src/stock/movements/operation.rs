//! What every stock operation shares: one write transaction (after the rate limit), legs stamped
//! with the operation's id, who and when, levels checked against the bounds before a leg brings
//! stock in, lots taken first-expiring first, and the end (anomalies and critical levels flagged, then commit).

use domain::Quantity;
use domain::stock::movement::MovementKind;
use domain::stock::{fifo, valuation};
use uuid::Uuid;

use super::super::{guard, repo, stored_quantity};
use crate::db::WriteTx as Tx;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// An operation being written, in its write transaction.
pub(super) struct Operation<'a> {
    pub(super) tx: Tx,
    pub(super) scope: &'a TenantScope,
    pub(super) stamp: Stamp,
}

/// What every leg of an operation carries: the operation's id, who records it, and when.
pub(super) struct Stamp {
    pub(super) id: String,
    pub(super) user_id: String,
    pub(super) now_ms: i64,
}

impl Stamp {
    pub(super) fn leg<'b>(&'b self, kind: MovementKind, article: &'b str, site: &'b str) -> repo::MovementRow<'b> {
        repo::MovementRow {
            operation: &self.id,
            kind,
            article,
            site,
            lot: None,
            qty_milli: 0,
            value_minor: 0,
            reason: None,
            reference: None,
            reverses: None,
            mission: None,
            user_id: &self.user_id,
            at_ms: self.now_ms,
        }
    }
}

/// Writes one leg. A leg that brings stock in is first checked against the business bounds of
/// its level (A30), so that the form says which field is too large; the database refuses the
/// same bounds as the last line.
pub(super) async fn post(tx: &mut Tx, leg: &repo::MovementRow<'_>, field: &str) -> AppResult<()> {
    if leg.qty_milli > 0 || leg.value_minor > 0 {
        let (qty, value) = repo::level(&mut **tx, leg.article, leg.site).await?;
        domain::bounds::check_level(qty, value, leg.qty_milli, leg.value_minor)
            .map_err(|code| AppError::field(field, code))?;
    }
    repo::insert_movement(&mut **tx, leg).await?;
    Ok(())
}

/// Goods leaving a level, lot by lot.
pub(super) struct Outflow<'a> {
    pub(super) kind: MovementKind,
    pub(super) article: &'a str,
    pub(super) site: &'a str,
    pub(super) quantity: Quantity,
    pub(super) lot: Option<&'a str>,
    pub(super) reason: Option<&'a str>,
    pub(super) reference: Option<&'a str>,
    pub(super) mission: Option<&'a str>,
}

impl<'a> Operation<'a> {
    /// Starts an operation, refusing a user over the company's rate of operations.
    pub(super) async fn begin(scope: &'a TenantScope, now_ms: i64) -> AppResult<Self> {
        let tx = guard::begin(scope, now_ms).await?;
        let stamp = Stamp { id: Uuid::new_v4().to_string(), user_id: scope.user.id.clone(), now_ms };
        Ok(Self { tx, scope, stamp })
    }

    pub(super) async fn check_article_and_site(&mut self, article: &str, site: &str) -> AppResult<repo::ArticleRow> {
        let found = repo::article(&mut *self.tx, article)
            .await?
            .ok_or_else(|| AppError::field("article", "unknown-article"))?;
        if !repo::site_exists(&mut *self.tx, site).await? {
            return Err(AppError::field("site", "unknown-site"));
        }
        Ok(found)
    }

    /// A new, empty lot; the leg that fills it follows.
    pub(super) async fn new_lot(&mut self, lot: repo::NewLot<'_>) -> AppResult<()> {
        repo::insert_lot(&mut *self.tx, &lot).await?;
        Ok(())
    }

    /// Takes a quantity out of a level, lot by lot; returns the (lot, quantity, value) legs.
    pub(super) async fn take_out(&mut self, out: &Outflow<'_>) -> AppResult<Vec<(repo::LotRow, Quantity, i64)>> {
        let lots = repo::open_lots(&mut *self.tx, out.article, out.site).await?;
        let stock = lots
            .iter()
            .filter(|l| out.lot.is_none_or(|chosen| chosen == l.id))
            .map(|l| {
                Ok(fifo::LotStock {
                    id: l.id.clone(),
                    expiry: l.expiry_date.clone(),
                    received_at_ms: l.received_at_ms,
                    remaining: stored_quantity("lots.remaining_milli", l.remaining_milli)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let legs = fifo::pick(&stock, out.quantity).map_err(|shortage| AppError::InsufficientStock {
            available: shortage.available,
            requested: shortage.requested,
        })?;
        let mut written = Vec::new();
        for (lot_id, qty) in legs {
            let (level_qty, level_value) = repo::level(&mut *self.tx, out.article, out.site).await?;
            let level = stored_quantity("stock_levels.qty_milli", level_qty)?;
            let value = valuation::outflow_value(level, level_value, qty);
            let leg = repo::MovementRow {
                lot: Some(&lot_id),
                qty_milli: -qty.milli(),
                value_minor: -value,
                reason: out.reason,
                reference: out.reference,
                mission: out.mission,
                ..self.stamp.leg(out.kind, out.article, out.site)
            };
            post(&mut self.tx, &leg, "quantity").await?;
            let lot = lots.iter().find(|l| l.id == lot_id).cloned().ok_or(AppError::NotFound)?;
            written.push((lot, qty, value));
        }
        Ok(written)
    }

    /// Ends the operation: on success, flags its anomalies and critical levels and commits. A level or lot pushed
    /// below zero by a concurrent operation is refused by the database; that refusal becomes the
    /// same shortage as the one checked beforehand, with the quantities as they are now.
    pub(super) async fn conclude<T>(
        mut self,
        result: AppResult<T>,
        shortage_of: Option<(&str, &str, Quantity)>,
    ) -> AppResult<(String, T)> {
        match result {
            Ok(value) => {
                guard::flag_levels(&mut self.tx, self.scope, &self.stamp.id, self.stamp.now_ms).await?;
                self.tx.commit().await?;
                Ok((self.stamp.id, value))
            }
            Err(AppError::Database(e)) if crate::db::is_check_violation(&e) => {
                drop(self.tx);
                let Some((article, site, requested)) = shortage_of else { return Err(AppError::Database(e)) };
                let (available, _) = repo::level(self.scope.db.pool(), article, site).await?;
                let available = stored_quantity("stock_levels.qty_milli", available)?;
                Err(AppError::InsufficientStock { available, requested })
            }
            Err(other) => Err(other),
        }
    }
}
