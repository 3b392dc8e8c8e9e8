//! KPI exports: a board's figures month by month, as a CSV file in the reader's language (the
//! one CSV writer: byte-order mark, `;` and `,` decimals in French, `,` and `.` in English).
//! Each month is read from the records' own dates, so a past month says what was true then.

use chrono::{Days, NaiveDate};
use domain::Lang;
use domain::csv_file::CsvFile;
use domain::dashboard::Board;
use domain::dashboard::kpis::{self, ExportForm};
use domain::dashboard::periods::Span;
use domain::format::{iso_day, plain_decimal};

use super::{history, repo};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The file of `board`'s figures for the months of `form`: its name and its bytes.
pub async fn csv(
    state: &AppState,
    scope: &TenantScope,
    board: Board,
    form: &ExportForm,
    lang: Lang,
) -> AppResult<(String, Vec<u8>)> {
    scope.require(board.permission())?;
    let today = scope.today(state.clock.now_ms())?;
    let range = form.parse(today)?;
    let action = domain::governance::thresholds::Limited::KpisExport;
    crate::governance::thresholds::admit(scope, action, state.clock.now_ms()).await?;
    let csv_error = |e: domain::csv_file::CsvError| AppError::Internal(e.to_string());
    let mut out = CsvFile::new(lang);
    let number = Number { point: out.point(), money_digits: scope.currency()?.minor_digits() };
    out.row(std::iter::once("month").chain(kpis::columns(board).iter().copied())).map_err(csv_error)?;
    for month in range.months(today) {
        let bounds = Bounds::of(scope, month)?;
        let cells = match board {
            Board::Operations => operations(scope, &bounds, number).await?,
            Board::Finance => finance(scope, &bounds, number).await?,
            Board::Platform => platform(state, scope, &bounds).await?,
        };
        out.row(std::iter::once(kpis::month_text(month.first)).chain(cells)).map_err(csv_error)?;
    }
    Ok((range.file_name(board), out.finish().map_err(csv_error)?))
}

/// How the file writes numbers.
#[derive(Clone, Copy)]
struct Number {
    point: char,
    money_digits: u32,
}

impl Number {
    fn money(self, minor: i64) -> String {
        plain_decimal(minor, self.money_digits, self.point, false)
    }

    /// Minutes as hours with two decimals.
    fn hours(self, minutes: i64) -> String {
        plain_decimal(minutes * 100 / 60, 2, self.point, false)
    }
}

/// A month as days (`YYYY-MM-DD`) and as instants of the company's time zone.
struct Bounds {
    first: String,
    last: String,
    start_ms: i64,
    end_ms: i64,
}

impl Bounds {
    fn of(scope: &TenantScope, month: Span) -> AppResult<Self> {
        let midnight = |day: NaiveDate| {
            crate::clock::day_start_utc_ms(scope.zone, &iso_day(day))
                .ok_or_else(|| AppError::Internal(format!("no midnight on {day} in {}", scope.zone)))
        };
        let next = month.last.checked_add_days(Days::new(1)).unwrap_or(month.last);
        Ok(Self {
            first: iso_day(month.first),
            last: iso_day(month.last),
            start_ms: midnight(month.first)?,
            end_ms: midnight(next)?,
        })
    }
}

async fn operations(scope: &TenantScope, b: &Bounds, n: Number) -> AppResult<Vec<String>> {
    let db = scope.db.pool();
    let (emergencies, accept_ms) = history::emergencies(db, b.start_ms, b.end_ms).await?;
    let (minutes, approved) = history::hours(db, &b.first, &b.last).await?;
    Ok(vec![
        n.money(history::stock_value_before(db, b.end_ms).await?),
        history::missions_created(db, b.start_ms, b.end_ms).await?.to_string(),
        history::missions_done(db, b.start_ms, b.end_ms).await?.to_string(),
        emergencies.to_string(),
        accept_ms.map(|ms| (ms / 60_000).to_string()).unwrap_or_default(),
        n.hours(minutes),
        n.hours(approved),
    ])
}

async fn finance(scope: &TenantScope, b: &Bounds, n: Number) -> AppResult<Vec<String>> {
    let db = scope.db.pool();
    let (invoices, net) = repo::invoiced(db, &b.first, &b.last).await?;
    let (_, collected) = repo::collected(db, &b.first, &b.last).await?;
    Ok(vec![
        invoices.to_string(),
        n.money(net),
        history::credit_notes(db, &b.first, &b.last).await?.to_string(),
        n.money(collected),
        n.money(history::owed_at(db, &b.last, false).await?),
        n.money(history::owed_at(db, &b.last, true).await?),
    ])
}

async fn platform(state: &AppState, scope: &TenantScope, b: &Bounds) -> AppResult<Vec<String>> {
    let db = scope.db.pool();
    let (opened, critical) = history::alerts_opened(db, b.start_ms, b.end_ms).await?;
    let failures = repo::sign_in_failures(state.control.pool(), &scope.tenant.code, b.start_ms, b.end_ms).await?;
    Ok(vec![
        opened.to_string(),
        critical.to_string(),
        history::security_events(db, b.start_ms, b.end_ms).await?.to_string(),
        failures.to_string(),
    ])
}
