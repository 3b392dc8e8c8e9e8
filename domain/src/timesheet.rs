//! Time recorded by technicians against their missions: the entry as typed on a phone, what it
//! parses into, and the statuses that lock it (approved, then invoiced).

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::input::{optional, optional_text, parse_day, parse_id};

pub mod span;
pub mod views;

use span::{ClockTime, MAX_BREAK_MINUTES, MAX_MINUTES, instant, minutes_between, parse_duration};

/// A note on an entry, or the reason it is sent back.
pub const MAX_NOTE: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    /// Waiting for a manager.
    Recorded,
    /// Sent back by a manager with a reason: the technician corrects it.
    Returned,
    /// Locked: counted on the mission's invoice.
    Approved,
    /// Locked for good: on an issued invoice.
    Invoiced,
}

impl EntryStatus {
    pub const ALL: [Self; 4] = [Self::Recorded, Self::Returned, Self::Approved, Self::Invoiced];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recorded => "recorded",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Invoiced => "invoiced",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim()).ok_or("invalid-entry-status")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Recorded => "time-status-recorded",
            Self::Returned => "time-status-returned",
            Self::Approved => "time-status-approved",
            Self::Invoiced => "time-status-invoiced",
        }
    }

    /// Nobody changes it any more.
    pub fn is_locked(self) -> bool {
        matches!(self, Self::Approved | Self::Invoiced)
    }
}

/// A time entry as the phone form sends it: a date and either a start and an end (the end on
/// the next day for a night shift) or a duration; a break; a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeEntryForm {
    /// Set when correcting an entry.
    pub id: String,
    pub mission: String,
    pub date: String,
    pub start: String,
    pub end: String,
    /// `on` when the end falls on the next day.
    pub next_day: String,
    pub duration: String,
    pub break_minutes: String,
    pub note: String,
}

/// A parsed entry: its worked minutes net of the break, and its instants when times were given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    pub mission: String,
    pub date: NaiveDate,
    /// Start and end (UTC epoch ms).
    pub span: Option<(i64, i64)>,
    pub break_minutes: u32,
    pub minutes: u32,
    pub note: Option<String>,
}

impl TimeEntryForm {
    /// Reads the entry in the company's time zone; `today` is the company's day: an entry
    /// cannot be dated after it.
    pub fn parse(&self, zone: Tz, today: NaiveDate) -> Result<TimeEntry, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mission = errors.check("mission", parse_id(&self.mission));
        let date = errors.check("date", parse_day(&self.date));
        let date = match date {
            Some(d) if d > today => {
                errors.add("date", "date-in-future");
                None
            }
            other => other,
        };
        let break_minutes = errors.check(
            "break_minutes",
            optional(&self.break_minutes, |b| {
                b.parse::<u32>().ok().filter(|b| *b <= MAX_BREAK_MINUTES).ok_or("invalid-break")
            }),
        );
        let note = errors.check("note", optional_text(&self.note, MAX_NOTE));
        let (span, gross) = self.worked(&mut errors, zone, date);
        let minutes = match (gross, break_minutes) {
            (Some(gross), Some(b)) if gross <= b.unwrap_or(0) => {
                errors.add("break_minutes", "break-too-long");
                None
            }
            (Some(gross), Some(b)) => Some(gross - b.unwrap_or(0)),
            _ => None,
        };
        match (mission, date, span, minutes, break_minutes, note) {
            (Some(mission), Some(date), Some(span), Some(minutes), Some(b), Some(note)) if errors.is_empty() => {
                Ok(TimeEntry { mission, date, span, break_minutes: b.unwrap_or(0), minutes, note })
            }
            _ => Err(errors),
        }
    }

    /// The span and its gross minutes, from the times or from the duration (not both).
    #[allow(clippy::type_complexity)]
    fn worked(
        &self,
        errors: &mut ValidationErrors,
        zone: Tz,
        date: Option<NaiveDate>,
    ) -> (Option<Option<(i64, i64)>>, Option<u32>) {
        let blank = |s: &str| s.trim().is_empty();
        match (blank(&self.start), blank(&self.end), blank(&self.duration)) {
            (true, true, true) => {
                errors.add("duration", "time-or-duration-required");
                (None, None)
            }
            (true, true, false) => match errors.check("duration", parse_duration(&self.duration)) {
                Some(m) => (Some(None), Some(m)),
                None => (None, None),
            },
            (false, false, true) => {
                let start = errors.check("start", ClockTime::parse(&self.start));
                let end = errors.check("end", ClockTime::parse(&self.end));
                let (Some(date), Some(start), Some(end)) = (date, start, end) else { return (None, None) };
                let last =
                    if self.next_day.trim().is_empty() { Some(date) } else { date.checked_add_days(Days::new(1)) };
                let from = errors.check("start", instant(zone, date, start));
                let to = errors.check("end", last.ok_or("invalid-date").and_then(|d| instant(zone, d, end)));
                let (Some(from), Some(to)) = (from, to) else { return (None, None) };
                match minutes_between(from, to) {
                    m if m <= 0 => {
                        errors.add("end", "end-before-start");
                        (None, None)
                    }
                    m if m > i64::from(MAX_MINUTES) => {
                        errors.add("end", "duration-too-long");
                        (None, None)
                    }
                    m => (Some(Some((from, to))), u32::try_from(m).ok()),
                }
            }
            (false, false, false) => {
                errors.add("duration", "times-or-duration");
                (None, None)
            }
            (start_blank, _, _) => {
                errors.add(if start_blank { "start" } else { "end" }, "required");
                (None, None)
            }
        }
    }

    /// What a refused form shows again.
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("mission", &self.mission),
            ("date", &self.date),
            ("start", &self.start),
            ("end", &self.end),
            ("next_day", &self.next_day),
            ("duration", &self.duration),
            ("break_minutes", &self.break_minutes),
            ("note", &self.note),
        ]
    }
}

/// Two spans of one technician overlap when each starts before the other ends.
pub fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The Monday before, the Sunday ending and the Monday after the week starting on `monday`.
pub fn weeks_around(monday: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let shift = |days: i64| monday.checked_add_signed(chrono::TimeDelta::days(days)).unwrap_or(monday);
    (shift(-7), shift(6), shift(7))
}

/// A week named by any of its days (`YYYY-MM-DD`), or the week of `today` when none is given.
pub fn parse_week(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let day = match raw.map(str::trim).filter(|w| !w.is_empty()) {
        None => Some(today),
        Some(w) => errors.check("week", parse_day(w)),
    };
    errors.into_result().map(|()| monday_of(day.unwrap_or(today)))
}

/// Sending an entry back: a reason is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnForm {
    pub entry: String,
    pub reason: String,
}

impl ReturnForm {
    pub fn parse(&self) -> Result<(String, String), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let entry = errors.check("entry", parse_id(&self.entry));
        let reason = errors.check("reason", crate::error::bounded_text(&self.reason, MAX_NOTE));
        match (entry, reason) {
            (Some(e), Some(r)) => Ok((e, r)),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("reason", &self.reason)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARIS: Tz = chrono_tz::Europe::Paris;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn form(date: &str, start: &str, end: &str, duration: &str) -> TimeEntryForm {
        TimeEntryForm {
            mission: "m1".into(),
            date: date.into(),
            start: start.into(),
            end: end.into(),
            duration: duration.into(),
            ..TimeEntryForm::default()
        }
    }

    fn codes(f: &TimeEntryForm) -> Vec<(String, String)> {
        f.parse(PARIS, today()).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn times_give_the_span_and_the_minutes_net_of_the_break() {
        let f = TimeEntryForm { break_minutes: "30".into(), ..form("2026-12-01", "08:00", "12:30", "") };
        let entry = f.parse(PARIS, today()).unwrap();
        assert_eq!(entry.minutes, 240);
        assert_eq!(entry.break_minutes, 30);
        let (start, end) = entry.span.unwrap();
        assert_eq!(end - start, 270 * 60_000);
    }

    #[test]
    fn a_night_shift_ends_the_next_day() {
        let f = TimeEntryForm { next_day: "on".into(), ..form("2026-12-01", "22:00", "02:00", "") };
        assert_eq!(f.parse(PARIS, today()).unwrap().minutes, 240);
        assert_eq!(codes(&form("2026-12-01", "22:00", "02:00", "")), [("end".into(), "end-before-start".into())]);
    }

    #[test]
    fn a_duration_alone_has_no_span() {
        let entry = form("01/12/2026", "", "", "7,5").parse(PARIS, today()).unwrap();
        assert_eq!((entry.minutes, entry.span), (450, None));
    }

    #[test]
    fn bad_entries_are_refused_with_every_reason() {
        assert_eq!(codes(&form("2026-12-03", "", "", "1")), [("date".into(), "date-in-future".into())]);
        assert_eq!(codes(&form("2026-12-01", "", "", "-2")), [("duration".into(), "invalid-duration".into())]);
        assert_eq!(codes(&form("2026-12-01", "", "", "25")), [("duration".into(), "duration-too-long".into())]);
        assert_eq!(codes(&form("2026-12-01", "", "", "")), [("duration".into(), "time-or-duration-required".into())]);
        assert_eq!(codes(&form("2026-12-01", "8:00", "9:00", "1")), [("duration".into(), "times-or-duration".into())]);
        assert_eq!(codes(&form("2026-12-01", "8:00", "", "")), [("end".into(), "required".into())]);
        assert_eq!(codes(&form("2026-12-01", "9:00", "8:00", "")), [("end".into(), "end-before-start".into())]);
        let long_break = TimeEntryForm { break_minutes: "60".into(), ..form("2026-12-01", "8:00", "9:00", "") };
        assert_eq!(codes(&long_break), [("break_minutes".into(), "break-too-long".into())]);
        let bad = TimeEntryForm { mission: "x' --".into(), note: "n".repeat(MAX_NOTE + 1), ..form("bad", "", "", "1") };
        assert_eq!(codes(&bad).len(), 3);
    }

    #[test]
    fn the_lost_hour_of_spring_is_not_a_time() {
        let f = form("2026-03-29", "02:30", "04:00", "");
        assert_eq!(f.parse(PARIS, today()).unwrap_err().0[0].code, "time-does-not-exist");
        // 01:30 → 03:30 across the change is one hour of work.
        assert_eq!(form("2026-03-29", "01:30", "03:30", "").parse(PARIS, today()).unwrap().minutes, 60);
    }

    #[test]
    fn spans_overlap_only_when_they_share_time() {
        assert!(overlaps((0, 10), (5, 15)));
        assert!(!overlaps((0, 10), (10, 20)));
        assert!(overlaps((0, 30), (10, 20)));
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(parse_week(None, today()).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(parse_week(Some("2026-12-06"), today()).unwrap(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert!(parse_week(Some("next week"), today()).is_err());
    }
}
