//! What the stock lists and reports are asked for, from their addresses: the list's filters, a
//! lot number to trace, how far ahead to look for expiring lots.

use super::commands::MAX_LOT;
use crate::error::ValidationErrors;
use crate::input::optional_text;

pub use crate::input::MAX_FILTER;

/// The filters of the stock list; every one optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StockQuery {
    pub text: Option<String>,
    pub site: Option<String>,
    pub category: Option<String>,
    pub below_min: bool,
    /// Keyset paging: the last article code of the previous page.
    pub after: Option<String>,
}

impl StockQuery {
    /// The list's address parameters (`q`, `site`, `category`, `below_min`, `after`).
    pub fn parse(
        q: Option<&str>,
        site: Option<&str>,
        category: Option<&str>,
        below_min: bool,
        after: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut filter = |field: &str, raw: Option<&str>| {
            errors.check(field, optional_text(raw.unwrap_or_default(), MAX_FILTER)).flatten()
        };
        let query = Self {
            text: filter("q", q),
            site: filter("site", site),
            category: filter("category", category),
            below_min,
            after: filter("after", after),
        };
        errors.into_result().map(|()| query)
    }
}

/// A lot number to trace (empty: nothing to trace yet).
pub fn parse_lot_number(raw: Option<&str>) -> Result<Option<String>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let number = errors.check("number", optional_text(raw.unwrap_or_default(), MAX_LOT)).flatten();
    errors.into_result().map(|()| number)
}

/// How many days ahead the expiring lots page looks: 30 unless said, at most ten years.
pub fn parse_days(raw: Option<&str>) -> Result<i64, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let days = match raw.map(str::trim).filter(|d| !d.is_empty()) {
        None => Some(30),
        Some(d) => errors.check("days", d.parse::<i64>().ok().filter(|d| (0..=3650).contains(d)).ok_or("out-of-range")),
    };
    errors.into_result().map(|()| days.unwrap_or(30))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_filters_are_refused_never_cut() {
        let query = StockQuery::parse(Some(&"x".repeat(MAX_FILTER + 1)), None, None, false, None);
        assert_eq!(query.unwrap_err().0[0].code, "too-long");
        assert_eq!(parse_lot_number(Some(&"9".repeat(MAX_LOT))).unwrap().map(|n| n.len()), Some(MAX_LOT));
        assert!(parse_lot_number(Some(&"9".repeat(MAX_LOT + 1))).is_err());
    }

    #[test]
    fn paging_and_days_are_numbers_in_range() {
        assert_eq!(parse_days(None).unwrap(), 30);
        assert_eq!(parse_days(Some("365")).unwrap(), 365);
        assert!(parse_days(Some("99999")).is_err());
        assert!(parse_days(Some("soon")).is_err());
        assert_eq!(crate::input::parse_cursor("before", Some("42")).unwrap(), Some(42));
        assert_eq!(crate::input::parse_cursor("before", Some("")).unwrap(), None);
        assert!(crate::input::parse_cursor("before", Some("-1")).is_err());
    }
}
