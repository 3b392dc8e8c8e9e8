//! Failed attempts at proving who one is: counted towards the account lockout (A4, A16), and
//! the password re-checked before a sensitive change, which counts exactly like a sign-in (A24).

use domain::{AuditKind, lockout};

use super::password::Password;
use crate::audit::{self, Event, RequestMeta};
use crate::control::{UserRecord, repo};
use crate::{AppError, AppResult, AppState};

/// Counts a failed sign-in step and locks the account once the threshold of the user's
/// strictest company is reached within the window.
pub(super) async fn record_failure(state: &AppState, meta: &RequestMeta, user: &UserRecord, now: i64) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    let (threshold, lock_minutes) = repo::lockout_rule_of(&mut *tx, &user.id).await?;
    let threshold = threshold.unwrap_or(lockout::DEFAULT_THRESHOLD);
    let lock_ms = lock_minutes.map_or(lockout::DEFAULT_LOCK_MS, |m| m * 60_000);
    repo::record_login_failure(&mut *tx, &user.id, now).await?;
    let failures = repo::count_login_failures_since(&mut *tx, &user.id, now - lockout::WINDOW_MS).await?;
    let lock = lockout::lock_until(failures, now, threshold, lock_ms);
    if let Some(until) = lock {
        tracing::warn!(user_id = user.id, failures, "account locked after repeated failed sign-ins");
        repo::set_locked_until(&mut *tx, &user.id, Some(until)).await?;
    }
    tx.commit().await?;
    if lock.is_some() && !lockout::is_locked(user.locked_until_ms, now) {
        let event =
            Event::new(AuditKind::AccountLocked).user(&user.id).subject(&user.email).detail(format!("{failures}"));
        audit::record(state, meta, event).await?;
    }
    Ok(())
}

/// Checks a signed-in user's password again before a sensitive change (A12). A wrong one counts
/// exactly like a failed sign-in (A24): it spends the client address's budget, counts towards
/// the lockout and is audited; a locked account is refused whatever the password. A wrong
/// password is reported on `field`, the form's password field.
pub async fn reauthenticate(
    state: &AppState,
    meta: &RequestMeta,
    user: &UserRecord,
    password: &str,
    field: &str,
) -> AppResult<()> {
    if meta.throttled {
        return Err(AppError::TooManyAttempts);
    }
    let now = state.clock.now_ms();
    let current = repo::get_user(state.control.pool(), &user.id).await?.ok_or(AppError::Unauthenticated)?;
    if lockout::is_locked(current.locked_until_ms, now) {
        return Err(AppError::AccountLocked);
    }
    if state.hashing.verify(Password::attempt(password), current.password_hash.clone()).await? {
        return Ok(());
    }
    let failed = Event::new(AuditKind::LoginFailed).user(&user.id).subject(&user.email).detail("reauthentication");
    audit::record(state, meta, failed).await?;
    record_failure(state, meta, &current, now).await?;
    Err(AppError::field(field, "wrong-password"))
}

/// A wrong second-factor code given by a signed-in user (turning two-step verification off):
/// counted and audited like one given at sign-in (A16, A24).
pub async fn wrong_code(state: &AppState, meta: &RequestMeta, user: &UserRecord) -> AppResult<()> {
    audit::record(state, meta, Event::new(AuditKind::SecondFactorFailed).user(&user.id)).await?;
    record_failure(state, meta, user, state.clock.now_ms()).await
}
