//! The tenant a request acts in, resolved from the session on every request.

use std::collections::BTreeSet;

use domain::{Permission, Role, TenantCode, TenantStatus};

use crate::control::{TenantRecord, UserRecord, repo};
use crate::db::Db;
use crate::{AppError, AppResult, AppState};

/// An authenticated user acting in one tenant with one role. Services take it instead of a
/// tenant id, so no business code can be pointed at another tenant's database.
#[derive(Clone, Debug)]
pub struct TenantScope {
    pub user: UserRecord,
    pub tenant: TenantRecord,
    pub role: Role,
    /// What the role may do, from the policy file.
    pub permissions: BTreeSet<Permission>,
    /// The company's time zone, for what pages show in local time.
    pub zone: chrono_tz::Tz,
    /// The platform's and the company's emergency modes, as this request found them.
    pub modes: domain::governance::Modes,
    pub db: Db,
    /// How many companies the user belongs to (the header's switcher).
    pub tenant_count: i64,
}

impl TenantScope {
    /// Re-checks the user, the membership and the tenant against the control database, so a
    /// disabled user, a removed membership, a suspended tenant or a mode that keeps the role out
    /// takes effect at once.
    pub async fn resolve(state: &AppState, user_id: &str, tenant_code: &str) -> AppResult<Self> {
        let code = TenantCode::parse(tenant_code).map_err(|_| AppError::Unauthenticated)?;
        let row =
            repo::scope_row(state.control.pool(), user_id, code.as_str()).await?.ok_or(AppError::Unauthenticated)?;
        let repo::ScopeRow { user, role, tenant, tenant_count } = row;
        if user.disabled_at_ms.is_some() || (user.is_demo && !state.settings.demo) {
            return Err(AppError::Unauthenticated);
        }
        if tenant.status != TenantStatus::Active.as_str() {
            return Err(AppError::TenantSuspended { reason: tenant.suspended_reason.clone() });
        }
        let role = Role::parse(&role).map_err(|_| AppError::corrupt("memberships.role", &role))?;
        let modes = crate::governance::mode::of_tenant(&tenant)?;
        if let Some(closed) = modes.closed_to(role) {
            return Err(crate::governance::mode::closed(closed));
        }
        let zone = crate::clock::stored_zone(&tenant.timezone)?;
        let db = state.tenants.get(&tenant).await?;
        let permissions = state.settings.policy.permissions_of(role);
        Ok(Self { user, tenant, role, permissions, zone, modes, db, tenant_count })
    }

    pub fn allows(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    pub fn require(&self, permission: Permission) -> AppResult<()> {
        if self.allows(permission) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// The company's currency (a stored value that is not one is reported, never replaced).
    pub fn currency(&self) -> AppResult<domain::Currency> {
        domain::Currency::parse(&self.tenant.currency)
            .map_err(|_| AppError::corrupt("tenants.currency", &self.tenant.currency))
    }

    /// The company's country, fixed at its creation.
    pub fn country(&self) -> AppResult<domain::Country> {
        domain::Country::parse(&self.tenant.country)
            .map_err(|_| AppError::corrupt("tenants.country", &self.tenant.country))
    }

    /// Epoch milliseconds shifted to the tenant's time zone, for display.
    pub fn local_ms(&self, utc_ms: i64) -> i64 {
        crate::clock::to_local_ms(self.zone, utc_ms)
    }

    /// The company's calendar day at `utc_ms` (an invoice's date, whether it is overdue).
    pub fn today(&self, utc_ms: i64) -> AppResult<chrono::NaiveDate> {
        crate::clock::local_day(self.zone, utc_ms)
    }
}
