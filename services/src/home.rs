//! Figures of the home page, read from the tenant's own database.

use domain::Permission;

use crate::control::repo;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState, company, sites};

#[derive(Clone, Debug)]
pub struct HomeFigures {
    pub sites: i64,
    pub members: i64,
    /// Local (tenant time zone) epoch milliseconds of the user's previous login, if any.
    pub previous_login_local_ms: Option<i64>,
    pub today_local_ms: i64,
    pub company: Option<company::CompanyProfile>,
}

pub async fn figures(state: &AppState, scope: &TenantScope) -> AppResult<HomeFigures> {
    scope.require(Permission::TenantRead)?;
    let sites = sites::count(scope).await?;
    let members = repo::count_members(state.control.pool(), &scope.tenant.code).await?;
    let company = company::repo::get(scope.db.pool()).await?;
    Ok(HomeFigures {
        sites,
        members,
        previous_login_local_ms: scope.user.previous_login_ms.map(|ms| scope.local_ms(ms)),
        today_local_ms: scope.local_ms(state.clock.now_ms()),
        company,
    })
}

/// Shifts UTC epoch milliseconds into a time zone (named as in the tz database); unknown zones
/// fall back to UTC.
pub fn to_local_ms(timezone: &str, utc_ms: i64) -> i64 {
    use chrono::{Offset, TimeZone};
    let Ok(tz) = timezone.parse::<chrono_tz::Tz>() else { return utc_ms };
    match tz.timestamp_millis_opt(utc_ms) {
        chrono::LocalResult::Single(t) => utc_ms + i64::from(t.offset().fix().local_minus_utc()) * 1000,
        _ => utc_ms,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_time_follows_daylight_saving() {
        // 2026-01-15T12:00Z is 13:00 in Paris (UTC+1); 2026-07-15T12:00Z is 14:00 (UTC+2).
        assert_eq!(super::to_local_ms("Europe/Paris", 1_768_478_400_000) - 1_768_478_400_000, 3_600_000);
        assert_eq!(super::to_local_ms("Europe/Paris", 1_784_116_800_000) - 1_784_116_800_000, 7_200_000);
        assert_eq!(super::to_local_ms("Africa/Algiers", 1_784_116_800_000) - 1_784_116_800_000, 3_600_000);
        assert_eq!(super::to_local_ms("Nowhere/Land", 5), 5);
    }
}
