//! Time entries: a technician's own week and entries, everyone's week for the managers who
//! approve them or send them back.

use domain::timesheet::views::{MyWeek, TeamWeek};
use domain::timesheet::{ReturnForm, TimeEntryForm};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::timesheet::parse_week,
    services::{AppError, timesheets},
};

#[server(endpoint = "my_time")]
pub async fn my_time(week: Option<String>) -> Result<MyWeek, ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeRecord).await?;
    let now = state.clock.now_ms();
    let monday = parse_week(week.as_deref(), scope.today(now)?).map_err(AppError::from)?;
    Ok(timesheets::my_week(&state, &scope, monday, now).await?)
}

#[server(endpoint = "team_time")]
pub async fn team_time(week: Option<String>) -> Result<TeamWeek, ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeRead).await?;
    let now = state.clock.now_ms();
    let monday = parse_week(week.as_deref(), scope.today(now)?).map_err(AppError::from)?;
    Ok(timesheets::team_week(&state, &scope, monday, now).await?)
}

/// Records a new entry, or corrects one (`id` set), and goes back to the week of its date.
#[server(endpoint = "record_time")]
pub async fn record_time(#[server(flatten)] form: TimeEntryForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeRecord).await?;
    let now = state.clock.now_ms();
    let outcome = match form.parse(scope.zone, scope.today(now)?) {
        Ok(entry) if form.id.trim().is_empty() => timesheets::record(&scope, &entry, now).await.map(|_| entry.date),
        Ok(entry) => {
            let id = ssr::record_id(&form.id)?;
            timesheets::correct(&scope, &id, &entry, now).await.map(|()| entry.date)
        }
        Err(errors) => Err(errors.into()),
    };
    let date = ssr::finish("time", outcome, "time-recorded", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/time?week={}", domain::format::iso_day(date)));
    Ok(())
}

#[server(endpoint = "delete_time")]
pub async fn delete_time(entry: String) -> Result<(), ApiError> {
    let (_, scope) = ssr::scope(Permission::TimeRecord).await?;
    let id = ssr::record_id(&entry)?;
    let outcome = timesheets::delete(&scope, &id).await;
    ssr::finish("time-list", outcome, "time-deleted", &[]).await?;
    leptos_axum::redirect("/missions/time");
    Ok(())
}

/// Approves one entry, and goes back to the week shown.
#[server(endpoint = "approve_time")]
pub async fn approve_time(entry: String, week: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeApprove).await?;
    let id = ssr::record_id(&entry)?;
    let outcome = timesheets::approve(&scope, &id, state.clock.now_ms()).await;
    ssr::finish("team", outcome, "time-approved", &[]).await?;
    leptos_axum::redirect(&format!("/missions/time/team?week={}", week_param(&week)));
    Ok(())
}

/// Approves every waiting entry of a technician's week.
#[server(endpoint = "approve_week")]
pub async fn approve_week(technician: String, week: String) -> Result<u64, ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeApprove).await?;
    let technician = ssr::record_id(&technician)?;
    let now = state.clock.now_ms();
    let outcome = match parse_week(Some(&week), scope.today(now)?) {
        Ok(monday) => timesheets::approve_week(&scope, &technician, monday, now).await,
        Err(errors) => Err(errors.into()),
    };
    let approved = ssr::finish("team", outcome, "week-approved", &[]).await?;
    leptos_axum::redirect(&format!("/missions/time/team?week={}", week_param(&week)));
    Ok(approved)
}

/// Sends an entry back to its technician with a reason.
#[server(endpoint = "return_time")]
pub async fn return_time(#[server(flatten)] form: ReturnForm, week: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::TimeApprove).await?;
    let outcome = match form.parse() {
        Ok((id, reason)) => timesheets::send_back(&scope, &id, &reason, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish(&format!("return-{}", form.entry), outcome, "time-returned", &form.values()).await?;
    leptos_axum::redirect(&format!("/missions/time/team?week={}", week_param(&week)));
    Ok(())
}

/// The week parameter sent back in an address: a date, or nothing.
#[cfg(feature = "ssr")]
fn week_param(raw: &str) -> String {
    domain::input::parse_day(raw).map(domain::format::iso_day).unwrap_or_default()
}
