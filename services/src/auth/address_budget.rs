//! The sign-in budget of each client address (A24): so many attempts a minute, counted in the
//! control database so that every app server spends the same budget (issue 17). An attempt is
//! let through, and counted, when fewer were let through in the last minute; on SQLite the
//! check and the count are one write, on PostgreSQL one statement (two servers racing at the
//! last unit of a budget may both pass: the lockout per account still stops guessing).

use crate::control::repo;
use crate::{AppResult, AppState};

/// The window the budget is counted over.
pub const WINDOW_MS: i64 = 60_000;

/// Spends one of `address`'s attempts; false when its budget for the last minute is spent.
pub async fn spend(state: &AppState, address: &str, per_minute: u32) -> AppResult<bool> {
    let now = state.clock.now_ms();
    let mut tx = state.control.begin_write().await?;
    let spent = repo::spend_sign_in_attempt(&mut *tx, address, now, now - WINDOW_MS, i64::from(per_minute)).await?;
    tx.commit().await?;
    Ok(spent)
}

/// Forgets the attempts that no budget counts any more; returns how many.
pub async fn forget_past(state: &AppState) -> AppResult<u64> {
    let mut tx = state.control.begin_write().await?;
    let forgotten = repo::forget_sign_in_attempts(&mut *tx, state.clock.now_ms() - WINDOW_MS).await?;
    tx.commit().await?;
    Ok(forgotten)
}
