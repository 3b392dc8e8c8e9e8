//! Decimal numbers as people type them in France, Algeria and elsewhere: `1 250,75` or
//! `1250.75`, read exactly into whole units of the last place (no float).

/// Reads a non-negative decimal with at most `places` decimals into units of 10^-places.
/// Spaces (also non-breaking) group thousands; so do `,` or `.` when the number shows which of
/// the two is its decimal mark (`1,234.5`, `1.234,5`) or repeats one (`1,234,567`). A single mark
/// followed by exactly three digits (`1,000`, `2.125`) means a thousand in English and a decimal
/// in French: it is refused as ambiguous rather than read one way (a page in English shows one
/// thousand as `1,000`). Zeros past `places` are accepted (`2,1250`).
pub fn parse_scaled(raw: &str, places: u32) -> Result<i64, &'static str> {
    parse_scaled_in(raw, places, None)
}

/// Like [`parse_scaled`], when the text says which mark it uses for decimals (`point`: a CSV
/// file's separator does, `;` files writing the comma): one mark before three digits is then a
/// decimal mark if it is that one, and groups thousands if it is the other.
pub fn parse_scaled_in(raw: &str, places: u32, point: Option<char>) -> Result<i64, &'static str> {
    let clean: String = raw.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if clean.is_empty() {
        return Err("required");
    }
    if !clean.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        return Err("invalid-number");
    }
    let (whole, fraction) = split(&clean, point.map(|p| p as u8))?;
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > places as usize {
        return Err("too-many-decimals");
    }
    let scale = 10_i64.pow(places);
    let whole: i64 = whole.parse().map_err(|_| "number-too-large")?;
    let fraction: i64 =
        if fraction.is_empty() { 0 } else { format!("{fraction:0<w$}", w = places as usize).parse().unwrap_or(0) };
    whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or("number-too-large")
}

/// The whole part's digits (grouping taken out) and the decimals' digits of a number made of
/// digits, `,` and `.` only; `point` is the decimal mark when known.
fn split(clean: &str, point: Option<u8>) -> Result<(String, &str), &'static str> {
    let marks: Vec<(usize, u8)> = clean.bytes().enumerate().filter(|(_, b)| !b.is_ascii_digit()).collect();
    let Some((&(at, last), others)) = marks.split_last() else {
        return Ok((clean.to_owned(), ""));
    };
    let (grouped, fraction) = if others.is_empty() {
        let (whole, fraction) = (&clean[..at], &clean[at + 1..]);
        let ambiguous =
            fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0') && digits(fraction);
        match point {
            _ if !ambiguous => (whole, fraction),
            Some(point) if point == last => (whole, fraction),
            Some(_) => (clean, ""),
            None => return Err("ambiguous-number"),
        }
    } else if others.iter().all(|(_, m)| *m != last) {
        (&clean[..at], &clean[at + 1..])
    } else if others.iter().all(|(_, m)| *m == last) {
        (clean, "")
    } else {
        return Err("invalid-number");
    };
    let has_decimals = grouped.len() < clean.len();
    if has_decimals && !digits(fraction) {
        return Err("invalid-number");
    }
    Ok((ungroup(grouped)?, fraction))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits grouped by threes with `,` or `.` (or not grouped), without the grouping.
fn ungroup(grouped: &str) -> Result<String, &'static str> {
    let groups: Vec<&str> = grouped.split([',', '.']).collect();
    let well_grouped = match groups.split_first() {
        Some((first, [])) => digits(first),
        Some((first, rest)) => digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g)),
        None => false,
    };
    if well_grouped { Ok(groups.concat()) } else { Err("invalid-number") }
}

#[cfg(test)]
mod tests {
    use super::parse_scaled;

    #[test]
    fn both_decimal_marks_and_spaced_thousands() {
        assert_eq!(parse_scaled("12,34", 2), Ok(1234));
        assert_eq!(parse_scaled("12.3", 2), Ok(1230));
        assert_eq!(parse_scaled("1 234 567,8", 2), Ok(123_456_780));
        assert_eq!(parse_scaled("5,5", 2), Ok(550));
        assert_eq!(parse_scaled("0", 2), Ok(0));
        assert_eq!(parse_scaled("2,1250", 3), Ok(2125), "zeros past the places");
    }

    #[test]
    fn thousands_grouped_as_a_page_shows_them() {
        assert_eq!(parse_scaled("1,234.56", 2), Ok(123_456));
        assert_eq!(parse_scaled("1.234,56", 2), Ok(123_456));
        assert_eq!(parse_scaled("12,345,678", 2), Ok(1_234_567_800));
        assert_eq!(parse_scaled("1.000.000", 3), Ok(1_000_000_000));
        assert_eq!(parse_scaled("0,125", 3), Ok(125), "a leading zero is a decimal");
        assert_eq!(parse_scaled("1234,567", 3), Ok(1_234_567), "four digits are no thousands group");
    }

    #[test]
    fn a_known_decimal_mark_is_never_ambiguous() {
        use super::parse_scaled_in;
        assert_eq!(parse_scaled_in("1,250", 3, Some(',')), Ok(1_250));
        assert_eq!(parse_scaled_in("1.250", 3, Some(',')), Ok(1_250_000), "the other mark groups");
        assert_eq!(parse_scaled_in("1.250,5", 3, Some(',')), Ok(1_250_500));
        assert_eq!(parse_scaled_in("1 250,5", 3, Some(',')), Ok(1_250_500));
        assert_eq!(parse_scaled_in("1.250", 3, Some('.')), Ok(1_250));
        assert_eq!(parse_scaled_in("1,250", 3, Some('.')), Ok(1_250_000));
        assert_eq!(parse_scaled_in("1,250.5", 3, Some('.')), Ok(1_250_500));
        assert_eq!(parse_scaled_in("1,234.5", 3, Some(',')), Ok(1_234_500), "unambiguous whatever the file");
        assert_eq!(parse_scaled_in("1.25", 3, Some(',')), Ok(1_250), "two decimals are decimals");
        assert_eq!(parse_scaled_in("1,2,3", 3, Some(',')), Err("invalid-number"));
        assert_eq!(parse_scaled_in("12", 3, Some(',')), Ok(12_000));
    }

    #[test]
    fn one_mark_before_three_digits_is_ambiguous() {
        // One thousand in English, one in French: never read one way or the other.
        for raw in ["1,000", "2.125", "100,000", "1,234"] {
            assert_eq!(parse_scaled(raw, 3), Err("ambiguous-number"), "{raw}");
            assert_eq!(parse_scaled(raw, 2), Err("ambiguous-number"), "{raw}");
        }
    }

    #[test]
    fn malformed_numbers_are_refused() {
        assert_eq!(parse_scaled("", 2), Err("required"));
        assert_eq!(parse_scaled("-1", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,", 2), Err("invalid-number"));
        assert_eq!(parse_scaled(",5", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,2,3", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,23,456", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,234.5,6", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,234.", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1e3", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,2345", 2), Err("too-many-decimals"));
        assert_eq!(parse_scaled("0,125", 2), Err("too-many-decimals"));
        assert_eq!(parse_scaled("99999999999999999999", 2), Err("number-too-large"));
    }
}
