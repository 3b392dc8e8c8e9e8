//! What every form and address brings that is not one area's: record ids, optional text, dates,
//! paging cursors. Each refuses bad input with a field error code; nothing is cut.

use crate::error::{ValidationErrors, bounded_text};

/// Text typed into a list's filters or search.
pub const MAX_FILTER: usize = 100;

/// Record ids in forms and addresses (UUIDs, with room to spare).
const MAX_ID: usize = 64;

/// The id of a record named by a form or an address.
pub fn parse_id(raw: &str) -> Result<String, &'static str> {
    let id = raw.trim();
    if id.is_empty() {
        Err("required")
    } else if id.chars().count() > MAX_ID || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Err("invalid-id")
    } else {
        Ok(id.to_owned())
    }
}

/// Optional free text: empty means none; otherwise trimmed, at most `max` characters.
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, &'static str> {
    if raw.trim().is_empty() { Ok(None) } else { bounded_text(raw, max).map(Some) }
}

/// An optional field: empty means none; otherwise it must parse.
pub fn optional<T>(raw: &str, parse: impl Fn(&str) -> Result<T, &'static str>) -> Result<Option<T>, &'static str> {
    if raw.trim().is_empty() { Ok(None) } else { parse(raw.trim()).map(Some) }
}

/// A keyset paging cursor (the id after which an older page starts).
pub fn parse_cursor(field: &str, raw: Option<&str>) -> Result<Option<i64>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let cursor = match raw.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => errors.check(field, c.parse::<i64>().ok().filter(|c| *c > 0).ok_or("invalid-number")),
    };
    errors.into_result().map(|()| cursor)
}

/// A date as `YYYY-MM-DD` or, as French spreadsheets write it, `DD/MM/YYYY`; returned as
/// `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> { parts.iter().map(|p| p.parse().ok()).collect() };
    let (y, m, d) = if raw.len() == 10 && raw.as_bytes()[4] == b'-' {
        match numbers(raw.split('-').collect()).as_deref() {
            Some([y, m, d]) => (*y, *m, *d),
            _ => return Err("invalid-date"),
        }
    } else if raw.len() == 10 && raw.as_bytes()[2] == b'/' {
        match numbers(raw.split('/').collect()).as_deref() {
            Some([d, m, y]) => (*y, *m, *d),
            _ => return Err("invalid-date"),
        }
    } else {
        return Err("invalid-date");
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("invalid-date"),
    };
    if !(1900..=2999).contains(&y) || d == 0 || d > days {
        return Err("invalid-date");
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// A calendar day as typed (`YYYY-MM-DD` or `DD/MM/YYYY`).
pub fn parse_day(raw: &str) -> Result<chrono::NaiveDate, &'static str> {
    let iso = parse_date(raw)?;
    let part = |range: std::ops::Range<usize>| iso[range].parse::<u32>().map_err(|_| "invalid-date");
    let year = i32::try_from(part(0..4)?).map_err(|_| "invalid-date")?;
    chrono::NaiveDate::from_ymd_opt(year, part(5..7)?, part(8..10)?).ok_or("invalid-date")
}
