//! Registering a company: its row in the registry and its own database, created and migrated.

use domain::{Country, TenantCode, TenantStatus, ValidationErrors};

use crate::control::repo::{self, TenantRecord};
use crate::db::is_unique_violation;
use crate::{AppError, AppResult, AppState};

/// What is needed to register a company.
#[derive(Clone, Debug)]
pub struct NewTenant {
    pub code: TenantCode,
    pub name: String,
    pub country: Country,
    pub timezone: String,
}

impl NewTenant {
    pub fn parse(code: &str, name: &str, country: &str, timezone: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let code = errors.check("code", TenantCode::parse(code));
        let name = errors.check("name", domain::error::bounded_text(name, 200));
        let country = errors.check("country", Country::parse(country));
        let timezone = match (timezone, country) {
            (Some(tz), _) => errors
                .check("timezone", tz.parse::<chrono_tz::Tz>().map(|_| tz.to_owned()).map_err(|_| "invalid-timezone")),
            (None, Some(c)) => Some(c.default_timezone().to_owned()),
            (None, None) => None,
        };
        match (code, name, country, timezone) {
            (Some(code), Some(name), Some(country), Some(timezone)) => Ok(Self { code, name, country, timezone }),
            _ => Err(errors),
        }
    }
}

/// Registers a tenant and creates its database (a SQLite file, or a PostgreSQL database on the
/// control database's server), migrated and ready.
#[tracing::instrument(skip_all, fields(tenant = %new.code))]
pub async fn create_tenant(state: &AppState, new: &NewTenant) -> AppResult<TenantRecord> {
    if repo::get_tenant(state.control.pool(), &new.code).await?.is_some() {
        return Err(AppError::Conflict("tenant-code-taken"));
    }
    let location = super::provision(state, &new.code).await?;
    let record = TenantRecord {
        code: new.code.as_str().to_owned(),
        name: new.name.clone(),
        country: new.country.code().to_owned(),
        currency: new.country.currency().code().to_owned(),
        timezone: new.timezone.clone(),
        status: TenantStatus::Active.as_str().to_owned(),
        suspended_reason: None,
        db_backend: location.backend.as_str().to_owned(),
        db_location: location.location,
        created_at_ms: state.clock.now_ms(),
        mode: None,
        mode_reason: None,
        platform_mode: None,
        platform_mode_reason: None,
    };
    repo::insert_tenant(state.control.pool(), &record)
        .await
        .map_err(|e| if is_unique_violation(&e) { AppError::Conflict("tenant-code-taken") } else { e.into() })?;
    // Read back with the platform's mode, which a new company obeys at once.
    repo::get_tenant(state.control.pool(), &new.code)
        .await?
        .ok_or_else(|| AppError::Internal("tenant not saved".into()))
}
