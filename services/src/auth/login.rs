//! The password check of the login form.

use domain::{Email, lockout};

use super::password::{self, Password};
use crate::control::{MembershipRecord, UserRecord, repo};
use crate::{AppError, AppResult, AppState};

#[derive(Clone, Debug)]
pub struct Authenticated {
    pub user: UserRecord,
    pub memberships: Vec<MembershipRecord>,
}

/// Checks an e-mail and password. An unknown e-mail, a malformed one and a wrong password all
/// give `InvalidCredentials` after the same amount of hashing work (A5). Only once the password
/// is proven does the answer say more (disabled account, suspended tenant).
#[tracing::instrument(skip_all)]
pub async fn authenticate(state: &AppState, email: &str, password: &str) -> AppResult<Authenticated> {
    let user = match Email::parse(email) {
        Ok(email) => repo::find_user_by_email(state.control.pool(), email.as_str()).await?,
        Err(_) => None,
    };
    // Demo accounts only exist, as far as login is concerned, in demo mode.
    let user = user.filter(|u| !u.is_demo || state.settings.demo);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let valid = password::verify(Password::attempt(password), stored).await?;
    let now = state.clock.now_ms();
    let user = match user {
        Some(user) if valid => user,
        Some(user) => {
            record_failure(state, &user.id, now).await?;
            return Err(AppError::InvalidCredentials);
        }
        None => return Err(AppError::InvalidCredentials),
    };
    // A4: a locked account says so only to whoever knows its password; failures keep counting.
    if lockout::is_locked(user.locked_until_ms, now) {
        return Err(AppError::AccountLocked);
    }
    if user.disabled_at_ms.is_some() {
        return Err(AppError::AccountDisabled);
    }
    let memberships = repo::memberships_of(state.control.pool(), &user.id).await?;
    let active: Vec<_> = memberships.iter().filter(|m| m.tenant_status == "active").collect();
    if active.is_empty() {
        return Err(match memberships.first() {
            Some(m) => AppError::TenantSuspended { reason: m.suspended_reason.clone() },
            None => AppError::Forbidden,
        });
    }
    repo::clear_login_failures(state.control.pool(), &user.id).await?;
    repo::set_last_login(state.control.pool(), &user.id, now).await?;
    Ok(Authenticated { user, memberships })
}

/// Counts a wrong password and locks the account once the threshold is reached within the window.
async fn record_failure(state: &AppState, user_id: &str, now: i64) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    repo::record_login_failure(&mut *tx, user_id, now).await?;
    let failures = repo::count_login_failures_since(&mut *tx, user_id, now - lockout::WINDOW_MS).await?;
    if let Some(until) = lockout::lock_until(failures, now, lockout::DEFAULT_THRESHOLD, lockout::DEFAULT_LOCK_MS) {
        tracing::warn!(user_id, failures, "account locked after repeated failed sign-ins");
        repo::set_locked_until(&mut *tx, user_id, Some(until)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The memberships of a signed-in user, for the tenant picker.
pub async fn memberships(state: &AppState, user_id: &str) -> AppResult<Vec<MembershipRecord>> {
    Ok(repo::memberships_of(state.control.pool(), user_id).await?)
}

impl Authenticated {
    /// The tenant to enter right after login: the only active membership, if there is one.
    /// With several, the user picks.
    pub fn default_tenant(&self) -> Option<&str> {
        let mut active = self.memberships.iter().filter(|m| m.tenant_status == "active");
        match (active.next(), active.next()) {
            (Some(only), None) => Some(&only.tenant_code),
            _ => None,
        }
    }
}
