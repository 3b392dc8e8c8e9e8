//! The password check of the login form.

use domain::Email;

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
    let user = match user {
        Some(user) if valid => user,
        _ => return Err(AppError::InvalidCredentials),
    };
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
    repo::set_last_login(state.control.pool(), &user.id, state.clock.now_ms()).await?;
    Ok(Authenticated { user, memberships })
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
