//! The business event log (`domain::events`): each event is written by the change that causes
//! it, in that change's transaction, so that it exists exactly when the change does. A reader
//! sees the events of the records they may read.

mod repo;

use domain::events::{EventKind, EventLine, EventListing, EventQuery, NewEvent, PAGE_SIZE};
use domain::format::iso_day;
use domain::{NaiveDate, Severity};
use sqlx::AnyConnection;

use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Appends `event`, caused by `user` (None: the server's own work), inside the caller's
/// transaction, with the deliveries of the webhooks that are sent its kind.
pub async fn record(db: &mut AnyConnection, user: Option<&str>, event: &NewEvent, now_ms: i64) -> AppResult<()> {
    let row = repo::NewRow {
        at_ms: now_ms,
        kind: event.kind.as_str(),
        severity: event.kind.severity().as_str(),
        entity_id: &event.entity_id,
        subject: &event.subject,
        user_id: user,
    };
    let id = repo::insert(&mut *db, &row).await?;
    crate::webhooks::queue(db, id, event.kind, now_ms).await
}

/// A page of events, newest first, of the kinds the reader may see.
pub async fn list(state: &AppState, scope: &TenantScope, query: &EventQuery) -> AppResult<EventListing> {
    let readable = EventKind::readable(|p| scope.allows(p));
    if readable.is_empty() {
        return Err(AppError::Forbidden);
    }
    let kinds: Vec<&str> =
        readable.iter().filter(|k| query.kind.is_none_or(|wanted| wanted == **k)).map(|k| k.as_str()).collect();
    if kinds.is_empty() {
        return Ok(EventListing { lines: Vec::new(), next: None, kinds: readable });
    }
    let day_start = |field: &'static str, day: NaiveDate| {
        crate::clock::day_start_utc_ms(scope.zone, &iso_day(day)).ok_or_else(|| AppError::field(field, "invalid-date"))
    };
    let from = query.from.map(|d| day_start("from", d)).transpose()?;
    let to = query.to.and_then(|d| d.succ_opt()).map(|d| day_start("to", d)).transpose()?;
    let filter = repo::Filter {
        kinds: &kinds,
        severity: query.severity.map(Severity::as_str),
        from,
        to,
        before: query.before,
        limit: PAGE_SIZE + 1,
    };
    let mut rows = repo::page(scope.db.pool(), &filter).await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    });
    let names = crate::members::names(state, scope).await?;
    let lines = rows
        .into_iter()
        .map(|r| {
            let kind = EventKind::parse(&r.kind).map_err(|_| AppError::corrupt("app_events.kind", &r.kind))?;
            let severity =
                Severity::parse(&r.severity).ok_or_else(|| AppError::corrupt("app_events.severity", &r.severity))?;
            Ok(EventLine {
                id: r.id,
                at_local_ms: scope.local_ms(r.at_ms),
                kind,
                severity,
                href: kind.entity().href(&r.entity_id),
                subject: r.subject,
                who: r.user_id.and_then(|u| names.get(&u).cloned()).unwrap_or_default(),
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(EventListing { lines, next: next.flatten(), kinds: readable })
}
