//! When a condition has lasted long enough to alert, and what a check changes: the alerts to
//! open for conditions that have none, the ones to close for conditions that ended.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

/// A condition holds when it began at or before this instant: an emergency created at 10:00
/// with a threshold of 5 minutes alerts from 10:05:00.000 on (not a millisecond earlier).
pub fn since_cutoff_ms(now_ms: i64, minutes: u32) -> i64 {
    now_ms - i64::from(minutes) * 60_000
}

/// The same for a threshold in days counted as elapsed time (time entries recorded a week ago).
pub fn days_elapsed_cutoff_ms(now_ms: i64, days: u32) -> i64 {
    now_ms - i64::from(days) * 86_400_000
}

/// The latest due date that is overdue by `days` on `today` (the company's calendar day): an
/// invoice due on 1 December is 7 days overdue on 8 December.
pub fn overdue_cutoff(today: NaiveDate, days: u32) -> NaiveDate {
    today - chrono::Duration::days(i64::from(days))
}

/// Whole days an invoice due on `due` is late on `today` (0 when not late).
pub fn days_late(today: NaiveDate, due: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

/// A condition found by a check: what it is about (its record's id) and how people name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub subject_id: String,
    pub subject: String,
}

/// What one rule's check changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub open: Vec<Condition>,
    /// Ids of the open alerts whose condition ended.
    pub close: Vec<i64>,
}

/// Compares the conditions found now with the alerts open (alert id by subject): one alert per
/// condition, so a condition already alerted opens nothing, and an alert whose condition is gone
/// closes. A disabled rule finds nothing and so closes all.
pub fn changes(found: Vec<Condition>, open: &BTreeMap<String, i64>) -> Changes {
    let mut seen = BTreeSet::new();
    let mut changes = Changes::default();
    for condition in found {
        if seen.insert(condition.subject_id.clone()) && !open.contains_key(&condition.subject_id) {
            changes.open.push(condition);
        }
    }
    changes.close = open.iter().filter(|(subject, _)| !seen.contains(*subject)).map(|(_, id)| *id).collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn condition(id: &str) -> Condition {
        Condition { subject_id: id.into(), subject: format!("about {id}") }
    }

    #[test]
    fn exactly_the_threshold_alerts_a_millisecond_less_does_not() {
        let created = 1_000_000_000;
        let cutoff = |now| since_cutoff_ms(now, 5);
        assert!(created <= cutoff(created + 5 * 60_000), "exactly 5 minutes");
        assert!(created > cutoff(created + 5 * 60_000 - 1), "a millisecond short");
        assert!(created <= days_elapsed_cutoff_ms(created + 7 * 86_400_000, 7));
        assert!(created > days_elapsed_cutoff_ms(created + 7 * 86_400_000 - 1, 7));
    }

    #[test]
    fn an_invoice_is_seven_days_overdue_on_the_seventh_day_after_its_due_date() {
        let due = day("2026-12-01");
        assert_eq!(overdue_cutoff(day("2026-12-08"), 7), due);
        assert!(due > overdue_cutoff(day("2026-12-07"), 7), "six days late is not seven");
        assert_eq!(days_late(day("2026-12-31"), due), 30);
        assert_eq!(days_late(day("2026-11-20"), due), 0);
        // across a year and a leap day
        assert_eq!(overdue_cutoff(day("2028-03-01"), 30), day("2028-01-31"));
    }

    #[test]
    fn the_company_day_decides_not_utc() {
        // 23:30 UTC on 7 December is already 8 December in Paris (UTC+1): the invoice due on
        // 1 December is then 7 days late there, still 6 in UTC.
        use chrono::TimeZone;
        let instant = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 23, 30, 0).unwrap();
        let paris = instant.with_timezone(&chrono_tz::Europe::Paris).date_naive();
        assert_eq!(days_late(paris, day("2026-12-01")), 7);
        assert_eq!(days_late(instant.date_naive(), day("2026-12-01")), 6);
    }

    #[test]
    fn a_check_opens_once_per_condition_and_closes_what_ended() {
        let none = BTreeMap::new();
        let first = changes(vec![condition("a"), condition("b"), condition("a")], &none);
        assert_eq!(first.open, vec![condition("a"), condition("b")]);
        assert!(first.close.is_empty());

        let open = BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]);
        assert_eq!(changes(vec![condition("a"), condition("b")], &open), Changes::default(), "idempotent");
        let later = changes(vec![condition("b"), condition("c")], &open);
        assert_eq!(later.open, vec![condition("c")]);
        assert_eq!(later.close, vec![1]);
        assert_eq!(changes(Vec::new(), &open).close, vec![1, 2]);
    }
}
