//! The week board: each technician's missions day by day, and those nobody is on yet. A
//! technician sees only their own line: their agenda.

use chrono::{Days, NaiveDate};
use domain::format::iso_day;
use domain::mission::views::{Board, BoardRow, Person, PlannedItem, reference};

use super::{repo, stored_priority, stored_state, viewer};
use crate::members::roster;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

pub async fn board(state: &AppState, scope: &TenantScope, monday: NaiveDate, now_ms: i64) -> AppResult<Board> {
    let own = viewer(scope)?;
    let days: Vec<NaiveDate> = (0..7).filter_map(|i| monday.checked_add_days(Days::new(i))).collect();
    let start = |day: NaiveDate| {
        crate::clock::day_start_utc_ms(scope.zone, &iso_day(day)).ok_or_else(|| AppError::field("week", "invalid-date"))
    };
    let (from, to) = (start(monday)?, start(monday.checked_add_days(Days::new(7)).unwrap_or(monday))?);
    let rows = repo::scheduled(scope.db.pool(), from, to, own).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let on: Vec<(String, String)> = repo::technicians_of(scope.db.pool(), &ids).await?;
    let roster = roster(state, scope).await?;
    let people: Vec<Option<Person>> = match own {
        Some(me) => vec![Some(Person { id: me.to_owned(), name: roster.name(me) })],
        None => roster.technicians.iter().cloned().map(Some).chain([None]).collect(),
    };
    let mut board: Vec<BoardRow> =
        people.into_iter().map(|technician| BoardRow { technician, days: vec![Vec::new(); 7] }).collect();
    let first_day = scope.local_ms(from).div_euclid(86_400_000);
    for row in rows {
        let local = scope.local_ms(row.scheduled_at);
        let day = local.div_euclid(86_400_000) - first_day;
        let Some(day) = usize::try_from(day).ok().filter(|d| *d < 7) else { continue };
        let item = PlannedItem {
            reference: reference(row.number),
            at_local_ms: local,
            minutes: row.planned_minutes.and_then(|m| u32::try_from(m).ok()),
            state: stored_state(&row.state)?,
            priority: stored_priority(&row.priority)?,
            id: row.id.clone(),
            title: row.title,
            customer: row.customer_name,
            city: row.city,
        };
        let technicians: Vec<&str> = on.iter().filter(|(m, _)| *m == row.id).map(|(_, u)| u.as_str()).collect();
        for line in board.iter_mut() {
            let here = match &line.technician {
                Some(t) => technicians.contains(&t.id.as_str()),
                None => technicians.is_empty(),
            };
            if here {
                line.days[day].push(item.clone());
            }
        }
    }
    Ok(Board { monday, today: scope.today(now_ms)?, days, rows: board })
}
