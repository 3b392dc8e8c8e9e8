//! The one source of "now" for every rule that depends on time, so tests can move it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

pub trait Clock: Send + Sync + std::fmt::Debug {
    /// UTC epoch milliseconds.
    fn now_ms(&self) -> i64;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that only moves when told to.
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn at(ms: i64) -> Arc<Self> {
        Arc::new(Self(AtomicI64::new(ms)))
    }

    pub fn advance_ms(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

pub type SharedClock = Arc<dyn Clock>;

pub fn system() -> SharedClock {
    Arc::new(SystemClock)
}

/// A company's time zone as stored (named as in the tz database); a name that is not one is
/// reported, never replaced by UTC.
pub fn stored_zone(name: &str) -> crate::AppResult<chrono_tz::Tz> {
    name.parse().map_err(|_| crate::AppError::corrupt("tenants.timezone", name))
}

/// Shifts UTC epoch milliseconds into a time zone.
pub fn to_local_ms(tz: chrono_tz::Tz, utc_ms: i64) -> i64 {
    use chrono::{Offset, TimeZone};
    match tz.timestamp_millis_opt(utc_ms) {
        chrono::LocalResult::Single(t) => utc_ms + i64::from(t.offset().fix().local_minus_utc()) * 1000,
        _ => utc_ms,
    }
}

/// The calendar day in a time zone at UTC epoch milliseconds.
pub fn local_day(tz: chrono_tz::Tz, utc_ms: i64) -> crate::AppResult<chrono::NaiveDate> {
    // 1970-01-01 counted from 0001-01-01 (day 1), as chrono counts.
    const EPOCH_DAYS_FROM_CE: i32 = 719_163;
    let days = to_local_ms(tz, utc_ms).div_euclid(86_400_000);
    chrono::NaiveDate::from_num_days_from_ce_opt(EPOCH_DAYS_FROM_CE.saturating_add(days.try_into().unwrap_or(i32::MAX)))
        .ok_or_else(|| crate::AppError::Internal("clock out of range".into()))
}

/// The UTC instant a local calendar day (`YYYY-MM-DD`) starts in a time zone; None when the
/// text is not a date.
pub fn day_start_utc_ms(tz: chrono_tz::Tz, date: &str) -> Option<i64> {
    use chrono::TimeZone;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let midnight = day.and_hms_opt(0, 0, 0)?;
    tz.from_local_datetime(&midnight).earliest().map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_days_start_at_local_midnight() {
        // Paris is UTC+1 in November.
        assert_eq!(super::day_start_utc_ms(chrono_tz::Europe::Paris, "2026-11-22"), Some(1_795_302_000_000));
        assert_eq!(super::day_start_utc_ms(chrono_tz::Europe::Paris, "22/11/2026"), None);
    }

    #[test]
    fn local_time_follows_daylight_saving() {
        // 2026-01-15T12:00Z is 13:00 in Paris (UTC+1); 2026-07-15T12:00Z is 14:00 (UTC+2).
        assert_eq!(super::to_local_ms(chrono_tz::Europe::Paris, 1_768_478_400_000) - 1_768_478_400_000, 3_600_000);
        assert_eq!(super::to_local_ms(chrono_tz::Europe::Paris, 1_784_116_800_000) - 1_784_116_800_000, 7_200_000);
        assert_eq!(super::to_local_ms(chrono_tz::Africa::Algiers, 1_784_116_800_000) - 1_784_116_800_000, 3_600_000);
        assert!(super::stored_zone("Nowhere/Land").is_err(), "an unknown zone is reported, not taken as UTC");
    }
}
