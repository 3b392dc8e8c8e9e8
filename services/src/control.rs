//! The control database: tenants, users and memberships. Used by the login flow, the admin CLI
//! and the demo seed.

pub mod repo;

use domain::{Email, Role, TenantCode, TenantStatus, ValidationErrors};
use uuid::Uuid;

use crate::auth::password;
use crate::db::is_unique_violation;
use crate::{AppError, AppResult, AppState};
pub use repo::{MembershipRecord, TenantRecord, UserRecord};

pub async fn list_tenants(state: &AppState) -> AppResult<Vec<TenantRecord>> {
    Ok(repo::list_tenants(state.control.pool()).await?)
}

/// Suspends a tenant: its users can no longer log in to it, and open sessions are refused at
/// their next request (the tenant is re-checked on each one).
pub async fn set_tenant_status(
    state: &AppState,
    code: &TenantCode,
    status: TenantStatus,
    reason: Option<&str>,
) -> AppResult<()> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let changed = repo::set_tenant_status(state.control.pool(), code, status.as_str(), reason).await?;
    if changed == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// What is needed to create a user and give them a role in a tenant.
#[derive(Debug)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub password: password::Password,
    pub is_demo: bool,
}

impl NewUser {
    pub fn parse(email: &str, display_name: &str, password: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let email = errors.check("email", Email::parse(email));
        let display_name = errors.check("display_name", domain::error::bounded_text(display_name, 100));
        let password = errors.check("password", password::Password::parse(password));
        match (email, display_name, password) {
            (Some(email), Some(display_name), Some(password)) => {
                Ok(Self { email, display_name, password, is_demo: false })
            }
            _ => Err(errors),
        }
    }
}

#[tracing::instrument(skip_all)]
pub async fn create_user(state: &AppState, new: NewUser) -> AppResult<UserRecord> {
    let hash = state.hashing.hash(new.password).await?;
    insert_new_user(state, new.email.as_str(), new.display_name, Some(hash), new.is_demo).await
}

/// An account created by single sign-on: it has no password and signs in only through its
/// company's identity provider.
pub async fn create_sso_user(state: &AppState, email: &Email, display_name: &str) -> AppResult<UserRecord> {
    insert_new_user(state, email.as_str(), display_name.chars().take(100).collect(), None, false).await
}

async fn insert_new_user(
    state: &AppState,
    email: &str,
    display_name: String,
    password_hash: Option<String>,
    is_demo: bool,
) -> AppResult<UserRecord> {
    let record = UserRecord {
        id: Uuid::new_v4().to_string(),
        email: email.to_owned(),
        display_name,
        password_hash,
        is_demo,
        disabled_at_ms: None,
        last_login_ms: None,
        previous_login_ms: None,
        locked_until_ms: None,
        created_at_ms: state.clock.now_ms(),
    };
    repo::insert_user(state.control.pool(), &record)
        .await
        .map_err(|e| if is_unique_violation(&e) { AppError::Conflict("email-taken") } else { e.into() })?;
    Ok(record)
}

pub async fn add_membership(state: &AppState, user_id: &str, tenant: &TenantCode, role: Role) -> AppResult<()> {
    if repo::get_tenant(state.control.pool(), tenant).await?.is_none() {
        return Err(AppError::NotFound);
    }
    repo::upsert_membership(state.control.pool(), user_id, tenant, role.as_str(), state.clock.now_ms()).await?;
    Ok(())
}

pub async fn find_user_by_email(state: &AppState, email: &Email) -> AppResult<Option<UserRecord>> {
    Ok(repo::find_user_by_email(state.control.pool(), email.as_str()).await?)
}

/// A user by id; a vanished or disabled one is no longer signed in.
pub async fn user(state: &AppState, user_id: &str) -> AppResult<UserRecord> {
    repo::get_user(state.control.pool(), user_id)
        .await?
        .filter(|u| u.disabled_at_ms.is_none())
        .ok_or(AppError::Unauthenticated)
}

/// A tenant by code, if the code is valid and the tenant exists.
pub async fn tenant(state: &AppState, code: &str) -> AppResult<Option<TenantRecord>> {
    let Ok(code) = TenantCode::parse(code) else { return Ok(None) };
    Ok(repo::get_tenant(state.control.pool(), &code).await?)
}
