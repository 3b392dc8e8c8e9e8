//! Parts: goods a mission's technician withdraws from the mission's site, through the stock's
//! own withdrawal (levels, lots first-expiring first, the rate limit), carrying the mission.

use domain::mission::state::MissionState;
use domain::mission::views::{PartLine, reference};
use domain::stock::commands::Withdrawal;
use domain::{Permission, Quantity};

use super::{repo, stored_state};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, stock};

/// Withdraws `quantity` of the article coded `code` for a mission its reader works on.
pub async fn withdraw(
    scope: &TenantScope,
    mission: &str,
    code: &str,
    quantity: Quantity,
    now_ms: i64,
) -> AppResult<String> {
    scope.require(Permission::StockIssue)?;
    super::require_writable(scope).await?;
    let (row, technicians) = super::visible(scope, mission).await?;
    if !may_withdraw(scope, stored_state(&row.state)?, technicians.contains(&scope.user.id)) {
        return Err(AppError::Conflict("mission-not-open-for-parts"));
    }
    let article =
        repo::article_by_code(scope.db.pool(), code).await?.ok_or(AppError::field("article", "unknown-article"))?;
    let withdrawal = Withdrawal {
        article,
        site: row.site_id,
        quantity,
        reference: Some(reference(row.number)),
        mission: Some(row.id),
        ..Withdrawal::default()
    };
    stock::movements::withdraw(scope, &withdrawal, now_ms).await
}

/// Parts go out for a mission at work, taken by one of its technicians or by who runs missions.
pub(super) fn may_withdraw(scope: &TenantScope, state: MissionState, assignee: bool) -> bool {
    scope.allows(Permission::StockIssue) && state.takes_work() && (assignee || scope.allows(Permission::MissionsManage))
}

/// The parts used on a mission, and what they cost.
pub(super) async fn used(scope: &TenantScope, mission: &str) -> AppResult<(Vec<PartLine>, i64)> {
    let parts: Vec<PartLine> = repo::parts(scope.db.pool(), mission)
        .await?
        .into_iter()
        .map(|p| PartLine {
            article_id: p.article_id,
            code: p.code,
            designation: p.designation,
            unit: p.unit,
            quantity_milli: p.qty_milli,
            cost_minor: p.value_minor,
            sale_price_minor: p.sale_price_minor,
        })
        .collect();
    let cost = parts.iter().map(|p| p.cost_minor).sum();
    Ok((parts, cost))
}
