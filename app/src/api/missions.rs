//! Missions: the list, one mission, creating one (planned or an emergency), moving it through
//! its states, and its technicians. Who may take which step is the domain's table, checked by
//! the service: these functions only require a member of the company.

use domain::mission::commands::{AssignForm, EmergencyForm, MissionForm, PartForm, TransitionForm};
use domain::mission::views::{Board, MissionChoices, MissionDetails, MissionFilter, MissionListing};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    services::{AppError, missions},
};

#[server(endpoint = "missions_list")]
pub async fn missions_list(#[server(flatten)] filter: MissionFilter) -> Result<MissionListing, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let query = filter.parse().map_err(AppError::from)?;
    Ok(missions::list(&state, &scope, &query).await?)
}

#[server(endpoint = "mission_view")]
pub async fn mission_view(id: String) -> Result<MissionDetails, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(missions::details(&state, &scope, &id, state.clock.now_ms()).await?)
}

/// The week board (a technician's own agenda), for the week holding `week` (today's if none).
#[server(endpoint = "planning_board")]
pub async fn planning_board(week: Option<String>) -> Result<Board, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let now = state.clock.now_ms();
    let monday = domain::timesheet::parse_week(week.as_deref(), scope.today(now)?).map_err(AppError::from)?;
    Ok(missions::planning::board(&state, &scope, monday, now).await?)
}

#[server(endpoint = "mission_form_choices")]
pub async fn mission_form_choices() -> Result<MissionChoices, ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    Ok(missions::choices(&state, &scope).await?)
}

/// Creates a planned mission and opens its page.
#[server(endpoint = "create_mission")]
pub async fn create_mission(#[server(flatten)] form: MissionForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    let outcome = match form.parse(scope.zone) {
        Ok(new) => missions::create(&state, &scope, &new, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("mission", outcome, "mission-created", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(id)
}

/// Changes a mission (not its customer, site or technicians) and goes back to its page.
#[server(endpoint = "update_mission")]
pub async fn update_mission(id: String, #[server(flatten)] form: MissionForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    let id = ssr::record_id(&id)?;
    let outcome = match form.parse_changes(scope.zone) {
        Ok(changes) => missions::update(&scope, &id, &changes, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("mission", outcome, "mission-updated", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

/// Records an emergency request (published at once) and opens its page.
#[server(endpoint = "record_emergency")]
pub async fn record_emergency(#[server(flatten)] form: EmergencyForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    let outcome = match form.parse() {
        Ok(new) => missions::create(&state, &scope, &new, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("emergency", outcome, "emergency-recorded", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(id)
}

/// Takes one step of a mission's life, with its reason or report, and goes back to its page.
#[server(endpoint = "move_mission")]
pub async fn move_mission(#[server(flatten)] form: TransitionForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let id = ssr::record_id(&form.mission)?;
    let outcome = match form.parse() {
        Ok((_, action, note)) => {
            missions::transitions::apply(&scope, &id, action, note.as_deref(), state.clock.now_ms()).await
        }
        Err(errors) => Err(errors.into()),
    };
    ssr::finish(&format!("move-{}", form.action), outcome, "mission-moved", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

/// Withdraws goods from the mission's site for it, and goes back to its page.
#[server(endpoint = "withdraw_part")]
pub async fn withdraw_part(#[server(flatten)] form: PartForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockIssue).await?;
    let id = ssr::record_id(&form.mission)?;
    let outcome = match form.parse() {
        Ok((_, code, quantity)) => {
            missions::parts::withdraw(&scope, &id, &code, quantity, state.clock.now_ms()).await.map(|_| ())
        }
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("parts", outcome, "part-withdrawn", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

/// Creates the invoice draft of a done mission and opens it.
#[server(endpoint = "invoice_mission")]
pub async fn invoice_mission(mission: String) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsInvoice).await?;
    let id = ssr::record_id(&mission)?;
    let outcome = missions::invoicing::draft(&state, &scope, &id, state.clock.now_ms()).await;
    let draft = ssr::finish("invoice", outcome, "mission-draft-created", &[]).await?;
    leptos_axum::redirect(&format!("/invoices/drafts/{draft}"));
    Ok(draft)
}

#[server(endpoint = "assign_technician")]
pub async fn assign_technician(#[server(flatten)] form: AssignForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    let id = ssr::record_id(&form.mission)?;
    let outcome = match form.parse() {
        Ok((_, technician)) => {
            missions::transitions::assign(&state, &scope, &id, &technician, state.clock.now_ms()).await
        }
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("technicians", outcome, "technician-assigned", &[]).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}

#[server(endpoint = "unassign_technician")]
pub async fn unassign_technician(#[server(flatten)] form: AssignForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::MissionsManage).await?;
    let id = ssr::record_id(&form.mission)?;
    let outcome = match form.parse() {
        Ok((_, technician)) => missions::transitions::unassign(&state, &scope, &id, &technician).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("technicians", outcome, "technician-unassigned", &[]).await?;
    leptos_axum::redirect(&format!("/missions/{id}"));
    Ok(())
}
