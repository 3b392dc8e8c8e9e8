//! The months a KPI export covers, as its form gives them (`YYYY-MM`, what a month field sends),
//! and the columns each board's export writes.

use chrono::{Datelike, Months as ChronoMonths, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Board;
use super::periods::Span;
use crate::ValidationErrors;

/// The most months one export covers (three years).
pub const MAX_MONTHS: u32 = 36;
/// The months an export covers when its form says nothing: the last twelve, this one included.
pub const DEFAULT_MONTHS: u32 = 12;

/// The export form as the address carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportForm {
    pub from: String,
    pub to: String,
}

/// Whole months from `first` (the first day of a month), `count` of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub first: NaiveDate,
    pub count: u32,
}

fn parse_month(raw: &str) -> Result<NaiveDate, &'static str> {
    let (year, month) = raw.trim().split_once('-').ok_or("invalid-month")?;
    let (year, month) = (year.parse::<i32>(), month.parse::<u32>());
    match (year, month) {
        (Ok(year), Ok(month)) if (2000..=2999).contains(&year) => {
            NaiveDate::from_ymd_opt(year, month, 1).ok_or("invalid-month")
        }
        _ => Err("invalid-month"),
    }
}

/// A month as a month field writes it: `2026-01`.
pub fn month_text(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

fn month_index(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

impl ExportForm {
    /// The months asked for, checked against `today`: none after this month, the first not
    /// after the last, at most three years. Every problem reported at once.
    pub fn parse(&self, today: NaiveDate) -> Result<MonthRange, ValidationErrors> {
        let this_month = today.with_day(1).unwrap_or(today);
        let mut errors = ValidationErrors::new();
        let from = match self.from.trim() {
            "" => this_month.checked_sub_months(ChronoMonths::new(DEFAULT_MONTHS - 1)),
            raw => errors.check("from", parse_month(raw)),
        };
        let to = match self.to.trim() {
            "" => Some(this_month),
            raw => errors.check("to", parse_month(raw)),
        };
        let (Some(from), Some(to)) = (from, to) else { return Err(errors) };
        if to > this_month {
            errors.add("to", "month-in-future");
        }
        let count = month_index(to) - month_index(from) + 1;
        if count < 1 {
            errors.add("to", "period-reversed");
        } else if count > i64::from(MAX_MONTHS) {
            errors.add("from", "period-too-long");
        }
        errors.into_result()?;
        Ok(MonthRange { first: from, count: u32::try_from(count).unwrap_or(MAX_MONTHS) })
    }
}

impl MonthRange {
    /// Each month as its days, the last one ending on `today` when it is this month.
    pub fn months(&self, today: NaiveDate) -> Vec<Span> {
        (0..self.count)
            .filter_map(|i| {
                let first = self.first.checked_add_months(ChronoMonths::new(i))?;
                let last = first.checked_add_months(ChronoMonths::new(1))?.pred_opt()?;
                Some(Span { first, last: last.min(today) })
            })
            .collect()
    }

    fn last(&self) -> NaiveDate {
        self.first.checked_add_months(ChronoMonths::new(self.count.saturating_sub(1))).unwrap_or(self.first)
    }

    /// The form that asks for these months.
    pub fn form(&self) -> ExportForm {
        ExportForm { from: month_text(self.first), to: month_text(self.last()) }
    }

    /// `atelier-finance-2026-01-2026-12.csv`.
    pub fn file_name(&self, board: Board) -> String {
        format!("atelier-{}-{}-{}.csv", board.slug(), month_text(self.first), month_text(self.last()))
    }
}

/// The columns of a board's export, after the month: stable names, for spreadsheets and scripts.
pub fn columns(board: Board) -> &'static [&'static str] {
    match board {
        Board::Operations => &[
            "stock_value_at_end",
            "missions_created",
            "missions_done",
            "emergencies",
            "emergency_minutes_to_accept",
            "hours_recorded",
            "hours_approved",
        ],
        Board::Finance => {
            &["invoices_issued", "invoiced_net", "credit_notes", "collected", "receivable_at_end", "overdue_at_end"]
        }
        Board::Platform => &["alerts_opened", "critical_alerts_opened", "unusual_stock_activity", "sign_in_failures"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn form(from: &str, to: &str) -> ExportForm {
        ExportForm { from: from.into(), to: to.into() }
    }

    fn codes(result: Result<MonthRange, ValidationErrors>) -> Vec<(String, String)> {
        result.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn an_empty_form_asks_for_the_last_twelve_months() {
        let today = day(2026, 12, 3);
        let range = form("", "").parse(today).unwrap();
        assert_eq!(range, MonthRange { first: day(2026, 1, 1), count: 12 });
        let months = range.months(today);
        assert_eq!(months.len(), 12);
        assert_eq!(months[1], Span { first: day(2026, 2, 1), last: day(2026, 2, 28) });
        assert_eq!(months[11], Span { first: day(2026, 12, 1), last: today }, "this month up to today");
        assert_eq!(range.file_name(Board::Finance), "atelier-finance-2026-01-2026-12.csv");
        assert_eq!(range.form(), form("2026-01", "2026-12"));
    }

    #[test]
    fn months_across_a_year_and_at_the_limits() {
        let today = day(2026, 12, 3);
        assert_eq!(form("2025-11", "2026-02").parse(today).unwrap(), MonthRange { first: day(2025, 11, 1), count: 4 });
        assert_eq!(form("2026-12", "2026-12").parse(today).unwrap().count, 1);
        assert_eq!(form("2023-12", "2026-11").parse(today).unwrap().count, 36);
        assert_eq!(codes(form("2023-11", "2026-11").parse(today)), [("from".into(), "period-too-long".into())]);
        assert_eq!(codes(form("2026-05", "2026-04").parse(today)), [("to".into(), "period-reversed".into())]);
        assert_eq!(codes(form("2026-01", "2027-01").parse(today)), [("to".into(), "month-in-future".into())]);
    }

    #[test]
    fn malformed_months_are_refused_each_with_its_field() {
        let today = day(2026, 12, 3);
        for bad in ["2026-13", "2026-00", "26-01", "2026", "janvier", "2026-1x", "1999-12", "2026-01-01"] {
            assert_eq!(codes(form(bad, "2026-02").parse(today)), [("from".into(), "invalid-month".into())], "{bad}");
        }
        assert_eq!(
            codes(form("x", "y").parse(today)),
            [("from".into(), "invalid-month".into()), ("to".into(), "invalid-month".into())]
        );
    }
}
