//! Moving a mission: the domain's table says who may take which step from which state; the
//! database records the step and moves the mission in the same statement, and refuses a step
//! from a state the mission has already left (two technicians accepting at once: one wins).

use domain::Permission;
use domain::events::NewEvent;
use domain::mission::state::{self, Action, MissionState, Refusal, Standing};

use super::{repo, require_writable, stored_state};
use crate::members::roster;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// What the database may refuse a step with.
const REFUSALS: [&str; 3] = ["mission-transition-invalid", "mission-state-changed", "mission-closed"];

/// Takes `action` on a mission, with the reason or report it asks for.
pub async fn apply(scope: &TenantScope, id: &str, action: Action, note: Option<&str>, now_ms: i64) -> AppResult<()> {
    if action == Action::Invoice {
        // Taken by issuing the mission's invoice, in that transaction.
        return Err(AppError::Conflict("mission-invoiced-by-issuing"));
    }
    require_writable(scope).await?;
    let (row, technicians) = match super::visible(scope, id).await {
        // Accepted by another technician a moment ago: no longer theirs to see, but say why.
        Err(AppError::NotFound)
            if action == Action::Accept
                && repo::get(scope.db.pool(), id)
                    .await?
                    .is_some_and(|m| m.state != MissionState::Published.as_str()) =>
        {
            return Err(AppError::Conflict("mission-state-changed"));
        }
        other => other?,
    };
    let from = stored_state(&row.state)?;
    let standing = Standing {
        permissions: &scope.permissions,
        assignee: technicians.contains(&scope.user.id),
        open: technicians.is_empty(),
    };
    let step = state::check(action, from, &standing, note).map_err(|refusal| match refusal {
        Refusal::Forbidden => AppError::Forbidden,
        Refusal::NoteMissing(_) => AppError::field("note", refusal.code()),
        Refusal::NotFromHere | Refusal::NotTheirs => AppError::Conflict(refusal.code()),
    })?;
    let mut tx = scope.db.begin_write().await?;
    if action == Action::Accept {
        repo::add_technician(&mut *tx, id, &scope.user.id, now_ms).await?;
    }
    repo::record(&mut *tx, id, Some(from.as_str()), step.to.as_str(), note, &scope.user.id, now_ms)
        .await
        .map_err(|e| AppError::raised(e, &REFUSALS))?;
    if let Some(kind) = action.event() {
        let event = NewEvent::mission(kind, id, row.number, &row.title);
        crate::events::record(&mut tx, Some(&scope.user.id), &event, now_ms).await?;
    }
    tx.commit().await
}

/// Adds a technician to a mission not yet finished.
pub async fn assign(state: &AppState, scope: &TenantScope, id: &str, technician: &str, now_ms: i64) -> AppResult<()> {
    let row = held_open(state, scope, id, technician).await?;
    let mut tx = scope.db.begin_write().await?;
    if !repo::add_technician(&mut *tx, &row.id, technician, now_ms).await? {
        return Err(AppError::field("technician", "already-on-mission"));
    }
    tx.commit().await
}

/// Takes a technician off a mission that has not started.
pub async fn unassign(state: &AppState, scope: &TenantScope, id: &str, technician: &str) -> AppResult<()> {
    let row = held_open(state, scope, id, technician).await?;
    if !matches!(stored_state(&row.state)?, MissionState::New | MissionState::Published) {
        return Err(AppError::Conflict("mission-already-accepted"));
    }
    let mut tx = scope.db.begin_write().await?;
    if !repo::remove_technician(&mut *tx, &row.id, technician).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await
}

/// The mission, for a change of its technicians by a manager: still open, and a technician.
async fn held_open(state: &AppState, scope: &TenantScope, id: &str, technician: &str) -> AppResult<repo::MissionRow> {
    scope.require(Permission::MissionsManage)?;
    require_writable(scope).await?;
    let row = repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    if !stored_state(&row.state)?.editable() {
        return Err(AppError::Conflict("mission-closed"));
    }
    if !roster(state, scope).await?.is_technician(technician) {
        return Err(AppError::field("technician", "not-a-technician"));
    }
    Ok(row)
}
