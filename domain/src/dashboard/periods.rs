//! The periods a dashboard's figures cover: this month and the last, and the ages receivables
//! are grouped by. Days are the company's (the services give "today" in its time zone).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// The invoice list of the invoices issued in it.
    pub fn invoices_href(&self) -> String {
        format!("/invoices?from={}&to={}", crate::format::iso_day(self.first), crate::format::iso_day(self.last))
    }
}

/// The calendar day of an instant already shifted to the company's time zone.
pub fn day_of(local_ms: i64) -> NaiveDate {
    let days = u64::try_from(local_ms.div_euclid(86_400_000)).unwrap_or(0);
    NaiveDate::default().checked_add_days(Days::new(days)).unwrap_or_default()
}

/// This month up to today.
pub fn month_to_date(today: NaiveDate) -> Span {
    Span { first: today.with_day(1).unwrap_or(today), last: today }
}

/// The whole month before today's.
pub fn previous_month(today: NaiveDate) -> Span {
    let first_of_this = today.with_day(1).unwrap_or(today);
    let last = first_of_this.pred_opt().unwrap_or(first_of_this);
    Span { first: last.with_day(1).unwrap_or(last), last }
}

/// How old an unpaid invoice is, counted in days since its issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgeBucket {
    /// 0 to 30 days.
    Recent,
    /// 31 to 60 days.
    Month,
    /// 61 to 90 days.
    TwoMonths,
    /// More than 90 days.
    Older,
}

impl AgeBucket {
    pub const ALL: [Self; 4] = [Self::Recent, Self::Month, Self::TwoMonths, Self::Older];

    /// The oldest age of the bucket in days (None: no limit).
    fn oldest(self) -> Option<u64> {
        match self {
            Self::Recent => Some(30),
            Self::Month => Some(60),
            Self::TwoMonths => Some(90),
            Self::Older => None,
        }
    }

    fn youngest(self) -> u64 {
        match self {
            Self::Recent => 0,
            Self::Month => 31,
            Self::TwoMonths => 61,
            Self::Older => 91,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Recent => "dashboard-age-0-30",
            Self::Month => "dashboard-age-31-60",
            Self::TwoMonths => "dashboard-age-61-90",
            Self::Older => "dashboard-age-over-90",
        }
    }

    /// The bucket of an invoice issued on `issued`, seen on `today` (one issued "later" than
    /// today, which a clock set back could show, counts as recent).
    pub fn of(issued: NaiveDate, today: NaiveDate) -> Self {
        let age = u64::try_from((today - issued).num_days()).unwrap_or(0);
        Self::ALL.into_iter().find(|b| b.oldest().is_none_or(|oldest| age <= oldest)).unwrap_or(Self::Older)
    }

    /// The issue dates of the bucket on `today`: from (None for the oldest bucket) and to.
    pub fn issued_between(self, today: NaiveDate) -> (Option<NaiveDate>, NaiveDate) {
        let from = self.oldest().and_then(|days| today.checked_sub_days(Days::new(days)));
        let to = today.checked_sub_days(Days::new(self.youngest())).unwrap_or(today);
        (from, to)
    }

    /// The first issue date of each of the three younger buckets, newest first: the database
    /// sorts an invoice into the first bucket whose first date it is on or after.
    pub fn boundaries(today: NaiveDate) -> [NaiveDate; 3] {
        [Self::Recent, Self::Month, Self::TwoMonths].map(|b| b.issued_between(today).0.unwrap_or(NaiveDate::MIN))
    }

    /// The invoice list of the invoices issued in the bucket.
    pub fn invoices_href(self, today: NaiveDate) -> String {
        let (from, to) = self.issued_between(today);
        let from = from.map(|d| format!("from={}&", crate::format::iso_day(d))).unwrap_or_default();
        format!("/invoices?{from}to={}", crate::format::iso_day(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_day_of_a_local_instant() {
        assert_eq!(day_of(0), day(1970, 1, 1));
        assert_eq!(day_of(1_796_342_399_999), day(2026, 12, 3), "the last millisecond of the day");
        assert_eq!(day_of(1_796_342_400_000), day(2026, 12, 4));
    }

    #[test]
    fn months_cover_whole_calendar_months() {
        let today = day(2026, 3, 15);
        assert_eq!(month_to_date(today), Span { first: day(2026, 3, 1), last: today });
        assert_eq!(previous_month(today), Span { first: day(2026, 2, 1), last: day(2026, 2, 28) });
        assert_eq!(previous_month(day(2028, 3, 1)).last, day(2028, 2, 29), "leap year");
        assert_eq!(previous_month(day(2027, 1, 31)), Span { first: day(2026, 12, 1), last: day(2026, 12, 31) });
        assert_eq!(previous_month(today).invoices_href(), "/invoices?from=2026-02-01&to=2026-02-28");
    }

    #[test]
    fn buckets_at_their_boundaries() {
        let today = day(2026, 12, 31);
        let issued = |days: u64| today.checked_sub_days(Days::new(days)).unwrap();
        assert_eq!(AgeBucket::of(today, today), AgeBucket::Recent);
        assert_eq!(AgeBucket::of(issued(30), today), AgeBucket::Recent);
        assert_eq!(AgeBucket::of(issued(31), today), AgeBucket::Month);
        assert_eq!(AgeBucket::of(issued(60), today), AgeBucket::Month);
        assert_eq!(AgeBucket::of(issued(61), today), AgeBucket::TwoMonths);
        assert_eq!(AgeBucket::of(issued(90), today), AgeBucket::TwoMonths);
        assert_eq!(AgeBucket::of(issued(91), today), AgeBucket::Older);
        assert_eq!(AgeBucket::of(issued(4000), today), AgeBucket::Older);
        assert_eq!(AgeBucket::of(day(2027, 1, 2), today), AgeBucket::Recent, "issued after today");
    }

    #[test]
    fn boundaries_agree_with_the_buckets() {
        let today = day(2026, 3, 1);
        let [recent, month, two_months] = AgeBucket::boundaries(today);
        for days in 0..200 {
            let issued = today.checked_sub_days(Days::new(days)).unwrap();
            let by_boundaries = if issued >= recent {
                AgeBucket::Recent
            } else if issued >= month {
                AgeBucket::Month
            } else if issued >= two_months {
                AgeBucket::TwoMonths
            } else {
                AgeBucket::Older
            };
            assert_eq!(by_boundaries, AgeBucket::of(issued, today), "{days} days");
            let (from, to) = by_boundaries.issued_between(today);
            assert!(from.is_none_or(|f| f <= issued) && issued <= to, "{days} days in its own link");
        }
        assert_eq!(AgeBucket::Older.invoices_href(today), "/invoices?to=2025-11-30");
        assert_eq!(AgeBucket::Month.invoices_href(today), "/invoices?from=2025-12-31&to=2026-01-29");
    }
}
