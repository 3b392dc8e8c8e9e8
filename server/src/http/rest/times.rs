//! Times in the API's bodies: RFC 3339 with the company's offset, from the local times the
//! views carry or from stored UTC times.

use chrono::{SecondsFormat, TimeZone};

/// A view's local time as RFC 3339 in `zone`: the earlier of two at a change of clock, and a
/// time the change skipped as UTC.
pub fn rfc3339(zone: chrono_tz::Tz, local_ms: i64) -> String {
    let naive = chrono::DateTime::from_timestamp_millis(local_ms).map(|t| t.naive_utc()).unwrap_or_default();
    match zone.from_local_datetime(&naive).earliest() {
        Some(at) => at.to_rfc3339_opts(SecondsFormat::Secs, true),
        None => naive.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

/// A stored time (UTC) as RFC 3339 in `zone`.
pub fn utc(zone: chrono_tz::Tz, utc_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(utc_ms)
        .map(|t| t.with_timezone(&zone).to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_carry_the_company_offset() {
        // 2026-07-01 10:00 in Paris (summer) and 2026-01-15 10:00 in Algiers.
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let winter = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let ms = |t: chrono::NaiveDateTime| t.and_utc().timestamp_millis();
        assert_eq!(rfc3339(chrono_tz::Europe::Paris, ms(summer)), "2026-07-01T10:00:00+02:00");
        assert_eq!(rfc3339(chrono_tz::Africa::Algiers, ms(winter)), "2026-01-15T10:00:00+01:00");
        assert_eq!(utc(chrono_tz::Europe::Paris, ms(summer)), "2026-07-01T12:00:00+02:00");
    }
}
