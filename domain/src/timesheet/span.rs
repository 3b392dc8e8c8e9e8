//! Clock times and durations as technicians type them, and the minutes between two local times
//! of a company's time zone, counted on the real clock: a night shift crosses midnight, and the
//! night the clocks change is an hour shorter or longer.

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;

/// One entry covers at most a day.
pub const MAX_MINUTES: u32 = 24 * 60;
/// A break longer than half a day is a typing mistake.
pub const MAX_BREAK_MINUTES: u32 = 12 * 60;

/// A time of day, `HH:MM` (or `8h30`, `8h`), in minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(u32);

impl ClockTime {
    /// When a day's work starts if no time is said.
    pub const MORNING: Self = Self(8 * 60);

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim().to_lowercase();
        let (h, m) = raw.split_once([':', 'h']).unwrap_or((raw.as_str(), ""));
        let hours: u32 = digits(h, 2).ok_or("invalid-time")?;
        let minutes: u32 =
            if m.is_empty() { 0 } else { digits(m, 2).filter(|_| m.len() == 2).ok_or("invalid-time")? };
        if hours > 23 || minutes > 59 {
            return Err("invalid-time");
        }
        Ok(Self(hours * 60 + minutes))
    }

    pub fn minutes(self) -> u32 {
        self.0
    }
}

fn digits(raw: &str, max_len: usize) -> Option<u32> {
    (!raw.is_empty() && raw.len() <= max_len && raw.bytes().all(|b| b.is_ascii_digit())).then(|| raw.parse().ok())?
}

/// A duration as typed: `2:30`, `2h30`, `2h`, `2,5` or `2.5` hours; within a day, above zero.
pub fn parse_duration(raw: &str) -> Result<u32, &'static str> {
    let raw = raw.trim().to_lowercase();
    let minutes = if let Some((h, m)) = raw.split_once([':', 'h']) {
        let hours = digits(h, 2).ok_or("invalid-duration")?;
        let minutes = match m.len() {
            0 => 0,
            2 => digits(m, 2).filter(|m| *m < 60).ok_or("invalid-duration")?,
            _ => return Err("invalid-duration"),
        };
        hours * 60 + minutes
    } else {
        let hundredths = crate::decimal::parse_scaled(&raw, 2).map_err(|_| "invalid-duration")?;
        if hundredths > i64::from(MAX_MINUTES) * 100 / 60 {
            return Err("duration-too-long");
        }
        if hundredths * 60 % 100 != 0 {
            return Err("invalid-duration");
        }
        u32::try_from(hundredths * 60 / 100).map_err(|_| "duration-too-long")?
    };
    match minutes {
        0 => Err("invalid-duration"),
        m if m > MAX_MINUTES => Err("duration-too-long"),
        m => Ok(m),
    }
}

/// The UTC instant (epoch ms) of a local time on a local day. A time the clocks skip (the hour
/// lost in spring) does not exist; a time they repeat (autumn) is taken at its first passing.
pub fn instant(zone: Tz, day: NaiveDate, time: ClockTime) -> Result<i64, &'static str> {
    let local = day.and_hms_opt(time.0 / 60, time.0 % 60, 0).ok_or("invalid-time")?;
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t.timestamp_millis()),
        chrono::LocalResult::Ambiguous(first, _) => Ok(first.timestamp_millis()),
        chrono::LocalResult::None => Err("time-does-not-exist"),
    }
}

/// Whole minutes from `start` to `end` (UTC epoch ms).
pub fn minutes_between(start: i64, end: i64) -> i64 {
    (end - start).div_euclid(60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn span(zone: Tz, first: NaiveDate, start: &str, last: NaiveDate, end: &str) -> i64 {
        let a = instant(zone, first, ClockTime::parse(start).unwrap()).unwrap();
        let b = instant(zone, last, ClockTime::parse(end).unwrap()).unwrap();
        minutes_between(a, b)
    }

    #[test]
    fn clock_times_are_read_as_people_write_them() {
        assert_eq!(ClockTime::parse("08:30").unwrap().minutes(), 510);
        assert_eq!(ClockTime::parse("8h30").unwrap().minutes(), 510);
        assert_eq!(ClockTime::parse("8h").unwrap().minutes(), 480);
        assert_eq!(ClockTime::parse(" 23:59 ").unwrap().minutes(), 1439);
        for bad in ["24:00", "8:7", "8:60", "-1:00", "", "abc", "8:300", "123"] {
            assert!(ClockTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_within_a_day() {
        assert_eq!(parse_duration("2:30"), Ok(150));
        assert_eq!(parse_duration("2h30"), Ok(150));
        assert_eq!(parse_duration("2H"), Ok(120));
        assert_eq!(parse_duration("2,5"), Ok(150));
        assert_eq!(parse_duration("0.25"), Ok(15));
        assert_eq!(parse_duration("24"), Ok(1440));
        assert_eq!(parse_duration("25"), Err("duration-too-long"));
        assert_eq!(parse_duration("25:00"), Err("duration-too-long"));
        for bad in ["-1", "0", "0:00", "1:75", "1,333", "", "deux"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_night_shift_crosses_midnight() {
        assert_eq!(span(chrono_tz::Europe::Paris, day(12, 1), "22:00", day(12, 2), "02:30"), 270);
        assert_eq!(span(chrono_tz::Africa::Algiers, day(12, 1), "08:00", day(12, 1), "12:15"), 255);
    }

    #[test]
    fn the_nights_the_clocks_change_are_an_hour_shorter_or_longer() {
        let paris = chrono_tz::Europe::Paris;
        // 29 March 2026: 02:00 becomes 03:00.
        assert_eq!(span(paris, day(3, 28), "22:00", day(3, 29), "06:00"), 7 * 60);
        assert_eq!(instant(paris, day(3, 29), ClockTime::parse("02:30").unwrap()), Err("time-does-not-exist"));
        // 25 October 2026: 03:00 becomes 02:00 again.
        assert_eq!(span(paris, day(10, 24), "22:00", day(10, 25), "06:00"), 9 * 60);
        // Algiers keeps one offset all year.
        let algiers = chrono_tz::Africa::Algiers;
        assert_eq!(span(algiers, day(3, 28), "22:00", day(3, 29), "06:00"), 8 * 60);
    }
}
