//! Time entries: recorded by a technician against a mission they are on, corrected until a
//! manager approves them, approved one by one or a week at a time, or sent back with a reason.
//! Approved and invoiced entries are locked here and in the database.

mod repo;

use chrono::{Days, NaiveDate};
use domain::Permission;
use domain::format::iso_day;
use domain::mission::state::MissionState;
use domain::mission::views::reference;
use domain::timesheet::views::{Day, EntryLine, MissionChoice, MyWeek, TeamWeek, TechnicianWeek};
use domain::timesheet::{EntryStatus, TimeEntry, overlaps};
use uuid::Uuid;

use crate::members::{Roster, roster};
use crate::missions::require_writable;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// What the database may refuse an entry with.
const REFUSALS: [&str; 2] = ["time-entry-locked", "time-entry-overlaps"];

/// Records a technician's own entry; returns its id.
pub async fn record(scope: &TenantScope, entry: &TimeEntry, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::TimeRecord)?;
    require_writable(scope).await?;
    open_for_time(scope, &entry.mission).await?;
    let id = Uuid::new_v4().to_string();
    let mut tx = scope.db.begin_write().await?;
    refuse_overlap(&mut tx, scope, entry, &id).await?;
    repo::insert(&mut *tx, &id, &scope.user.id, &fields(entry, &iso_day(entry.date)), now_ms)
        .await
        .map_err(|e| AppError::raised(e, &REFUSALS))?;
    tx.commit().await?;
    Ok(id)
}

/// Corrects one's own entry that is not locked; it waits for approval again.
pub async fn correct(scope: &TenantScope, id: &str, entry: &TimeEntry, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::TimeRecord)?;
    require_writable(scope).await?;
    open_for_time(scope, &entry.mission).await?;
    let mut tx = scope.db.begin_write().await?;
    own_unlocked(&mut tx, scope, id).await?;
    refuse_overlap(&mut tx, scope, entry, id).await?;
    if !repo::correct(&mut *tx, id, &fields(entry, &iso_day(entry.date)), now_ms)
        .await
        .map_err(|e| AppError::raised(e, &REFUSALS))?
    {
        return Err(AppError::Conflict("time-entry-locked"));
    }
    tx.commit().await
}

pub async fn delete(scope: &TenantScope, id: &str) -> AppResult<()> {
    scope.require(Permission::TimeRecord)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    own_unlocked(&mut tx, scope, id).await?;
    if !repo::delete(&mut *tx, id).await.map_err(|e| AppError::raised(e, &REFUSALS))? {
        return Err(AppError::Conflict("time-entry-locked"));
    }
    tx.commit().await
}

async fn own_unlocked(tx: &mut crate::db::WriteTx, scope: &TenantScope, id: &str) -> AppResult<()> {
    let row = repo::get(&mut **tx, id).await?.ok_or(AppError::NotFound)?;
    if row.technician_id != scope.user.id {
        return Err(AppError::NotFound);
    }
    if stored_status(&row.status)?.is_locked() {
        return Err(AppError::Conflict("time-entry-locked"));
    }
    Ok(())
}

/// The mission takes time from this technician: they are on it, and it is at work.
async fn open_for_time(scope: &TenantScope, mission: &str) -> AppResult<()> {
    let (row, technicians) =
        crate::missions::visible(scope, mission).await.map_err(|_| AppError::field("mission", "unknown-mission"))?;
    let state = MissionState::parse(&row.state).map_err(|_| AppError::corrupt("missions.state", &row.state))?;
    if !technicians.contains(&scope.user.id) || !state.takes_work() {
        return Err(AppError::field("mission", "mission-not-open-for-time"));
    }
    Ok(())
}

async fn refuse_overlap(
    tx: &mut crate::db::WriteTx,
    scope: &TenantScope,
    entry: &TimeEntry,
    id: &str,
) -> AppResult<()> {
    let Some((start, end)) = entry.span else { return Ok(()) };
    if let Some(other) = repo::overlapping(&mut **tx, &scope.user.id, start, end, id).await?
        && other.started_at.zip(other.ended_at).is_some_and(|span| overlaps(span, (start, end)))
    {
        return Err(AppError::field("start", "time-entry-overlaps"));
    }
    Ok(())
}

fn fields<'a>(entry: &'a TimeEntry, date: &'a str) -> repo::Fields<'a> {
    repo::Fields {
        mission_id: &entry.mission,
        work_date: date,
        started_at: entry.span.map(|s| s.0),
        ended_at: entry.span.map(|s| s.1),
        break_minutes: i64::from(entry.break_minutes),
        minutes: i64::from(entry.minutes),
        note: entry.note.as_deref(),
    }
}

/// A technician's own week, Monday first, with the missions they may record time against.
pub async fn my_week(state: &AppState, scope: &TenantScope, monday: NaiveDate, now_ms: i64) -> AppResult<MyWeek> {
    scope.require(Permission::TimeRecord)?;
    let (from, to) = week_bounds(monday)?;
    let roster = roster(state, scope).await?;
    let rows = repo::between(scope.db.pool(), Some(&scope.user.id), &from, &to).await?;
    let entries = lines(scope, &roster, rows)?;
    let days = (0..7)
        .map(|i| {
            let date = monday + Days::new(i);
            let of_day: Vec<EntryLine> = entries.iter().filter(|e| e.date == date).cloned().collect();
            Day { date, minutes: of_day.iter().map(|e| e.minutes).sum(), entries: of_day }
        })
        .collect::<Vec<_>>();
    let missions = repo::open_missions(scope.db.pool(), &scope.user.id)
        .await?
        .into_iter()
        .map(|(id, number, title)| MissionChoice { id, label: format!("{} · {title}", reference(number)) })
        .collect();
    Ok(MyWeek { monday, today: scope.today(now_ms)?, minutes: days.iter().map(|d| d.minutes).sum(), days, missions })
}

/// Everyone's week, for a manager: each technician's entries and what waits for approval.
pub async fn team_week(state: &AppState, scope: &TenantScope, monday: NaiveDate, now_ms: i64) -> AppResult<TeamWeek> {
    scope.require(Permission::TimeRead)?;
    let (from, to) = week_bounds(monday)?;
    let roster = roster(state, scope).await?;
    let entries = lines(scope, &roster, repo::between(scope.db.pool(), None, &from, &to).await?)?;
    let mut technicians: Vec<TechnicianWeek> = roster
        .technicians
        .iter()
        .map(|t| TechnicianWeek { id: t.id.clone(), name: t.name.clone(), entries: Vec::new(), minutes: 0, waiting: 0 })
        .collect();
    for entry in entries {
        let index = match technicians.iter().position(|t| t.id == entry.technician_id) {
            Some(i) => i,
            None => {
                // Someone who has left the company, or changed role: their time still shows.
                technicians.push(TechnicianWeek {
                    id: entry.technician_id.clone(),
                    name: entry.technician.clone(),
                    entries: Vec::new(),
                    minutes: 0,
                    waiting: 0,
                });
                technicians.len() - 1
            }
        };
        let line = &mut technicians[index];
        line.minutes += entry.minutes;
        line.waiting += usize::from(entry.waits());
        line.entries.push(entry);
    }
    Ok(TeamWeek {
        monday,
        today: scope.today(now_ms)?,
        technicians,
        can_approve: scope.allows(Permission::TimeApprove),
    })
}

/// Approves one entry that waits.
pub async fn approve(scope: &TenantScope, id: &str, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::TimeApprove)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    let row = repo::get(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if stored_status(&row.status)? != EntryStatus::Recorded {
        return Err(AppError::Conflict("time-entry-not-waiting"));
    }
    repo::approve(&mut *tx, &[row.id], &scope.user.id, now_ms).await?;
    tx.commit().await
}

/// Approves every waiting entry of a technician's week; returns how many.
pub async fn approve_week(scope: &TenantScope, technician: &str, monday: NaiveDate, now_ms: i64) -> AppResult<u64> {
    scope.require(Permission::TimeApprove)?;
    require_writable(scope).await?;
    let (from, to) = week_bounds(monday)?;
    let mut tx = scope.db.begin_write().await?;
    let ids: Vec<String> = repo::between(&mut *tx, Some(technician), &from, &to)
        .await?
        .into_iter()
        .filter(|r| r.status == EntryStatus::Recorded.as_str())
        .map(|r| r.id)
        .collect();
    let approved = repo::approve(&mut *tx, &ids, &scope.user.id, now_ms).await?;
    tx.commit().await?;
    Ok(approved)
}

/// Sends a waiting entry back to its technician with a reason.
pub async fn send_back(scope: &TenantScope, id: &str, reason: &str, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::TimeApprove)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    repo::get(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if !repo::send_back(&mut *tx, id, reason, now_ms).await? {
        return Err(AppError::Conflict("time-entry-not-waiting"));
    }
    tx.commit().await
}

/// A mission's entries (a technician sees only theirs) and their total minutes.
pub(crate) async fn of_mission(
    roster: &Roster,
    scope: &TenantScope,
    mission: &str,
) -> AppResult<(Vec<EntryLine>, u32)> {
    let everyone = scope.allows(Permission::TimeRead);
    if !everyone && !scope.allows(Permission::TimeRecord) {
        return Ok((Vec::new(), 0));
    }
    let rows = repo::of_mission(scope.db.pool(), mission).await?;
    let rows = rows.into_iter().filter(|r| everyone || r.technician_id == scope.user.id).collect();
    let entries = lines(scope, roster, rows)?;
    let minutes = entries.iter().map(|e| e.minutes).sum();
    Ok((entries, minutes))
}

/// Refuses, with the list, when some of a mission's time is not approved yet.
pub(crate) async fn require_approved(
    state: &AppState,
    scope: &TenantScope,
    tx: &mut crate::db::WriteTx,
    mission: &str,
) -> AppResult<()> {
    let waiting = repo::waiting_of(&mut **tx, mission).await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let roster = roster(state, scope).await?;
    let list = lines(scope, &roster, waiting)?.into_iter().map(|e| (e.technician, e.date, e.minutes)).collect();
    Err(AppError::TimeUnapproved(list))
}

/// The approved minutes of a mission.
pub(crate) async fn approved_minutes(tx: &mut crate::db::WriteTx, mission: &str) -> AppResult<i64> {
    Ok(repo::approved_minutes(&mut **tx, mission).await?)
}

/// Locks a mission's approved time for good, as invoiced by `invoice`.
pub(crate) async fn invoice(tx: &mut crate::db::WriteTx, mission: &str, invoice: &str, now_ms: i64) -> AppResult<u64> {
    repo::invoice(&mut **tx, mission, invoice, now_ms).await.map_err(|e| AppError::raised(e, &REFUSALS))
}

fn week_bounds(monday: NaiveDate) -> AppResult<(String, String)> {
    let next = monday.checked_add_days(Days::new(7)).ok_or(AppError::field("week", "invalid-date"))?;
    Ok((iso_day(monday), iso_day(next)))
}

fn stored_status(raw: &str) -> AppResult<EntryStatus> {
    EntryStatus::parse(raw).map_err(|_| AppError::corrupt("time_entries.status", raw))
}

fn lines(scope: &TenantScope, roster: &Roster, rows: Vec<repo::EntryRow>) -> AppResult<Vec<EntryLine>> {
    rows.into_iter()
        .map(|r| {
            let date = r.work_date.parse().map_err(|_| AppError::corrupt("time_entries.work_date", &r.work_date))?;
            let count = |v: i64, what: &str| u32::try_from(v).map_err(|_| AppError::corrupt(what, v));
            Ok(EntryLine {
                mission_reference: reference(r.mission_number),
                technician: roster.name(&r.technician_id),
                date,
                start_local_ms: r.started_at.map(|t| scope.local_ms(t)),
                end_local_ms: r.ended_at.map(|t| scope.local_ms(t)),
                break_minutes: count(r.break_minutes, "time_entries.break_minutes")?,
                minutes: count(r.minutes, "time_entries.minutes")?,
                status: stored_status(&r.status)?,
                id: r.id,
                mission_id: r.mission_id,
                mission_title: r.mission_title,
                technician_id: r.technician_id,
                note: r.note,
                return_reason: r.return_reason,
            })
        })
        .collect()
}
