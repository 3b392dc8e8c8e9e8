//! Decimal numbers as people type them in France, Algeria and elsewhere: `1 250,75` or
//! `1250.75`, read exactly into whole units of the last place (no float).

/// Reads a non-negative decimal with at most `places` decimals into units of 10^-places.
/// Spaces (also non-breaking) are thousands separators; `,` or `.` is the decimal mark.
pub fn parse_scaled(raw: &str, places: u32) -> Result<i64, &'static str> {
    let clean: String = raw.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if clean.is_empty() {
        return Err("required");
    }
    let (whole, fraction) = match clean.find([',', '.']) {
        Some(i) => (&clean[..i], &clean[i + 1..]),
        None => (clean.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (clean.len() > whole.len() && !digits(fraction)) {
        return Err("invalid-number");
    }
    if fraction.len() > places as usize {
        return Err("too-many-decimals");
    }
    let scale = 10_i64.pow(places);
    let whole: i64 = whole.parse().map_err(|_| "number-too-large")?;
    let fraction: i64 =
        if fraction.is_empty() { 0 } else { format!("{fraction:0<w$}", w = places as usize).parse().unwrap_or(0) };
    whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or("number-too-large")
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
    }

    #[test]
    fn malformed_numbers_are_refused() {
        assert_eq!(parse_scaled("", 2), Err("required"));
        assert_eq!(parse_scaled("-1", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,", 2), Err("invalid-number"));
        assert_eq!(parse_scaled(",5", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,2,3", 2), Err("invalid-number"));
        assert_eq!(parse_scaled("1,234", 2), Err("too-many-decimals"));
        assert_eq!(parse_scaled("99999999999999999999", 2), Err("number-too-large"));
    }
}
