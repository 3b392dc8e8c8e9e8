//! Signing in: the password check, the second step, and the lockout they share (A4, A5, A16).

use domain::{AuditKind, Email, lockout};

use super::password::Password;
use super::second_factor::{self, Passed};
use crate::audit::{self, Event, RequestMeta};
use crate::control::{MembershipRecord, UserRecord, repo};
use crate::{AppError, AppResult, AppState};

#[derive(Clone, Debug)]
pub struct Authenticated {
    pub user: UserRecord,
    pub memberships: Vec<MembershipRecord>,
}

/// What a user whose password was right must do before entering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    Enter,
    /// Give a code of their second factor.
    SecondFactor,
    /// Set up a second factor: one of their companies requires it for their role.
    Enrol,
}

/// Checks an e-mail and password. An unknown e-mail, a malformed one and a wrong password all
/// give `InvalidCredentials` after the same amount of hashing work (A5). Only once the password
/// is proven does the answer say more (locked or disabled account, suspended tenant).
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    password: &str,
) -> AppResult<Authenticated> {
    if meta.throttled {
        return Err(AppError::TooManyAttempts);
    }
    let user = match Email::parse(email) {
        Ok(email) => repo::find_user_by_email(state.control.pool(), email.as_str()).await?,
        Err(_) => None,
    };
    // Demo accounts only exist, as far as login is concerned, in demo mode.
    let user = user.filter(|u| !u.is_demo || state.settings.demo);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let valid = state.hashing.verify(Password::attempt(password), stored).await?;
    let now = state.clock.now_ms();
    let failed = Event::new(AuditKind::LoginFailed).subject(email.trim());
    let user = match user {
        Some(user) if valid => user,
        Some(user) => {
            audit::record(state, meta, failed.user(&user.id).detail("password")).await?;
            record_failure(state, meta, &user, now).await?;
            return Err(AppError::InvalidCredentials);
        }
        None => {
            audit::record(state, meta, failed.detail("unknown-account")).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    // A4: a locked account says so only to whoever knows its password; failures keep counting.
    if lockout::is_locked(user.locked_until_ms, now) {
        audit::record(state, meta, failed.user(&user.id).detail("locked")).await?;
        return Err(AppError::AccountLocked);
    }
    if user.disabled_at_ms.is_some() {
        audit::record(state, meta, failed.user(&user.id).detail("disabled")).await?;
        return Err(AppError::AccountDisabled);
    }
    let memberships = repo::memberships_of(state.control.pool(), &user.id).await?;
    let active: Vec<_> = memberships.iter().filter(|m| m.tenant_status == "active").collect();
    if active.is_empty() {
        audit::record(state, meta, failed.user(&user.id).detail("no-active-company")).await?;
        return Err(match memberships.first() {
            Some(m) => AppError::TenantSuspended { reason: m.suspended_reason.clone() },
            None => AppError::Forbidden,
        });
    }
    Ok(Authenticated { user, memberships })
}

/// After the password: a code if the user has a second factor, enrolment if one of their
/// companies requires one, else nothing.
pub async fn next_step(state: &AppState, user_id: &str) -> AppResult<NextStep> {
    if second_factor::is_enabled(state, user_id).await? {
        Ok(NextStep::SecondFactor)
    } else if second_factor::is_required(state, user_id).await? {
        Ok(NextStep::Enrol)
    } else {
        Ok(NextStep::Enter)
    }
}

/// The second step: a TOTP or recovery code. Wrong codes count towards the lockout (A16).
pub async fn second_step(state: &AppState, meta: &RequestMeta, user_id: &str, code: &str) -> AppResult<Passed> {
    if meta.throttled {
        return Err(AppError::TooManyAttempts);
    }
    let now = state.clock.now_ms();
    let user = repo::get_user(state.control.pool(), user_id).await?.ok_or(AppError::Unauthenticated)?;
    if lockout::is_locked(user.locked_until_ms, now) {
        return Err(AppError::AccountLocked);
    }
    match second_factor::verify(state, user_id, code).await {
        Ok(passed) => {
            if passed == Passed::RecoveryCode {
                audit::record(state, meta, Event::new(AuditKind::RecoveryCodeUsed).user(user_id)).await?;
            } else {
                audit::record(state, meta, Event::new(AuditKind::SecondFactorUsed).user(user_id)).await?;
            }
            Ok(passed)
        }
        Err(AppError::SecondFactorInvalid) => {
            audit::record(state, meta, Event::new(AuditKind::SecondFactorFailed).user(user_id)).await?;
            record_failure(state, meta, &user, now).await?;
            Err(AppError::SecondFactorInvalid)
        }
        Err(other) => Err(other),
    }
}

/// The user is in: failures are forgotten and the login recorded.
pub async fn succeeded(state: &AppState, meta: &RequestMeta, user_id: &str, how: &str) -> AppResult<()> {
    let now = state.clock.now_ms();
    repo::clear_login_failures(state.control.pool(), user_id).await?;
    repo::set_last_login(state.control.pool(), user_id, now).await?;
    audit::record(state, meta, Event::new(AuditKind::LoginSucceeded).user(user_id).detail(how)).await
}

/// Counts a failed sign-in step and locks the account once the threshold of the user's
/// strictest company is reached within the window.
async fn record_failure(state: &AppState, meta: &RequestMeta, user: &UserRecord, now: i64) -> AppResult<()> {
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

/// The memberships of a signed-in user, for the tenant picker.
pub async fn memberships(state: &AppState, user_id: &str) -> AppResult<Vec<MembershipRecord>> {
    Ok(repo::memberships_of(state.control.pool(), user_id).await?)
}

/// The tenant to enter right after login: the only active membership, if there is one.
/// With several, the user picks.
pub fn default_tenant(memberships: &[MembershipRecord]) -> Option<&str> {
    let mut active = memberships.iter().filter(|m| m.tenant_status == "active");
    match (active.next(), active.next()) {
        (Some(only), None) => Some(&only.tenant_code),
        _ => None,
    }
}
