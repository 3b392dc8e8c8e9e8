//! The dashboards' figures. Each reads counters kept by triggers or indexed ranges, never
//! every movement, level or invoice: the finance sums come from `invoicing::figures`, added up
//! again only after a balance moved (or the day changed).

mod history;
pub mod kpis;
mod repo;

use domain::Severity;
use domain::dashboard::Board;
use domain::dashboard::periods::{self, AgeBucket, Span};
use domain::dashboard::views::{
    BoardPage, Figures, Finance, Invoiced, Operations, Platform, Receivable, SiteStock, TechnicianHours,
};
use domain::format::iso_day;
use domain::mission::state::MissionState;
use domain::timesheet::monday_of;

use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, governance, invoicing, members};

const DAY_MS: i64 = 86_400_000;

/// A dashboard as its reader may see it, with the other boards they may open.
pub async fn board(state: &AppState, scope: &TenantScope, board: Board) -> AppResult<BoardPage> {
    scope.require(board.permission())?;
    let now_ms = state.clock.now_ms();
    let figures = match board {
        Board::Operations => Figures::Operations(operations(state, scope, now_ms).await?),
        Board::Finance => Figures::Finance(finance(scope, now_ms).await?),
        Board::Platform => Figures::Platform(platform(state, scope, now_ms).await?),
    };
    Ok(BoardPage {
        board,
        boards: Board::readable(|p| scope.allows(p)),
        as_of_local_ms: scope.local_ms(now_ms),
        figures,
    })
}

async fn operations(state: &AppState, scope: &TenantScope, now_ms: i64) -> AppResult<Operations> {
    let db = scope.db.pool();
    let sites = repo::sites(db)
        .await?
        .into_iter()
        .map(|s| SiteStock {
            id: s.id,
            code: s.code,
            name: s.name,
            value_minor: s.value_minor,
            critical: s.critical,
            low: s.low,
        })
        .collect();
    let counted = repo::mission_states(db).await?;
    let missions = MissionState::ALL
        .into_iter()
        .map(|state| (state, counted.iter().find(|(s, _)| s == state.as_str()).map_or(0, |(_, n)| *n)))
        .collect();
    let (emergencies_waiting, oldest) = repo::emergencies_waiting(db).await?;
    let week_monday = monday_of(scope.today(now_ms)?);
    let sunday = week_monday + chrono::Days::new(6);
    let recorded = repo::hours(db, &iso_day(week_monday), &iso_day(sunday)).await?;
    let roster = members::roster(state, scope).await?;
    let hours = roster
        .technicians
        .into_iter()
        .map(|t| {
            let (minutes, approved_minutes) =
                recorded.iter().find(|(id, ..)| *id == t.id).map_or((0, 0), |(_, m, a)| (*m, *a));
            TechnicianHours { name: t.name, minutes, approved_minutes }
        })
        .collect();
    Ok(Operations {
        currency: scope.currency()?,
        sites,
        missions,
        emergencies_waiting,
        longest_wait_minutes: oldest.map(|created| (now_ms - created).max(0) / 60_000),
        week_monday,
        hours,
    })
}

async fn finance(scope: &TenantScope, now_ms: i64) -> AppResult<Finance> {
    let today = scope.today(now_ms)?;
    let (this_month, last_month) = (periods::month_to_date(today), periods::previous_month(today));
    let boundaries = AgeBucket::boundaries(today).map(iso_day);
    let db = scope.db.pool();
    // Kept as one list: invoices and net of this month, of last month, overdue invoices and
    // amount, payments and amount collected, then invoices and amount due of each age bucket.
    let sums = invoicing::figures::sums(scope, "dashboard-finance".into(), today, async {
        let span = |s: Span| (iso_day(s.first), iso_day(s.last));
        let ((this_first, this_last), (last_first, last_last)) = (span(this_month), span(last_month));
        let (a, b) = repo::invoiced(db, &this_first, &this_last).await?;
        let (c, d) = repo::invoiced(db, &last_first, &last_last).await?;
        let buckets = repo::receivables(db, [&boundaries[0], &boundaries[1], &boundaries[2]]).await?;
        let (e, f) = repo::overdue(db, &iso_day(today)).await?;
        let (g, h) = repo::collected(db, &this_first, &this_last).await?;
        let mut sums = vec![a, b, c, d, e, f, g, h];
        sums.extend(buckets.into_iter().flat_map(|(n, due)| [n, due]));
        Ok(sums)
    })
    .await?;
    let [a, b, c, d, e, f, g, h, buckets @ ..] = sums.as_slice() else {
        return Err(AppError::Internal("the finance dashboard's sums are incomplete".into()));
    };
    let receivables = AgeBucket::ALL
        .into_iter()
        .zip(buckets.chunks_exact(2))
        .map(|(bucket, pair)| Receivable { bucket, invoices: pair[0], due_minor: pair[1] })
        .collect();
    Ok(Finance {
        currency: scope.currency()?,
        today,
        this_month: Invoiced { span: this_month, invoices: *a, net_minor: *b },
        last_month: Invoiced { span: last_month, invoices: *c, net_minor: *d },
        receivables,
        overdue_invoices: *e,
        overdue_minor: *f,
        payments: *g,
        collected_minor: *h,
    })
}

/// Counts by severity, most severe first, every severity listed.
fn by_severity(rows: &[(String, i64)], column: &str) -> AppResult<Vec<(Severity, i64)>> {
    for (name, _) in rows {
        Severity::parse(name).ok_or_else(|| AppError::corrupt(column, name))?;
    }
    Ok(Severity::ALL
        .into_iter()
        .rev()
        .map(|s| (s, rows.iter().find(|(name, _)| name == s.as_str()).map_or(0, |(_, n)| *n)))
        .collect())
}

async fn platform(state: &AppState, scope: &TenantScope, now_ms: i64) -> AppResult<Platform> {
    let since = now_ms - DAY_MS;
    let db = scope.db.pool();
    let tenant = scope.tenant.code.as_str();
    Ok(Platform {
        alerts_open: by_severity(&repo::open_alerts(db).await?, "alerts.severity")?,
        security_events: by_severity(&repo::security_events(db, since).await?, "security_events.severity")?,
        sign_in_failures: repo::sign_in_failures(state.control.pool(), tenant, since, i64::MAX).await?,
        locked_accounts: repo::locked_accounts(state.control.pool(), tenant, now_ms).await?,
        flags: governance::flags::all(&scope.db).await?.into_iter().map(|s| (s.flag, s.fully_on())).collect(),
    })
}
