//! Business bounds of quantities and money (A30). Every amount Atelier stores stays within
//! these, so adding two stored values can never overflow a 64-bit integer, in Rust or in SQL.
//! The database refuses the same bounds (`migrations/tenant/*/0004_stock_history_guards.sql`),
//! and a services test checks both sides agree.

/// One entry of a form or an import: a billion units, in thousandths.
pub const MAX_ENTRY_MILLI: i64 = 1_000_000_000_000;
/// A stock level (or one movement): a trillion units, in thousandths.
pub const MAX_LEVEL_MILLI: i64 = 1_000_000_000_000_000;
/// A unit price or cost: a billion euros or dinars, in cents.
pub const MAX_UNIT_PRICE_MINOR: i64 = 100_000_000_000;
/// The value of a level or of one movement: ten trillion euros or dinars, in cents.
pub const MAX_VALUE_MINOR: i64 = 1_000_000_000_000_000;

/// A price as typed (`12,40`, `1 250.00`): two decimals at most, within the unit-price bound.
pub fn parse_unit_price(raw: &str) -> Result<i64, &'static str> {
    parse_unit_price_in(raw, None)
}

/// Like `parse_unit_price`, when the text's decimal mark is known.
pub fn parse_unit_price_in(raw: &str, point: Option<char>) -> Result<i64, &'static str> {
    match crate::decimal::parse_scaled_in(raw, 2, point) {
        Ok(minor) if minor > MAX_UNIT_PRICE_MINOR => Err("amount-too-large"),
        Err("number-too-large") => Err("amount-too-large"),
        other => other,
    }
}

/// Refuses a level that would leave the bounds once `added` thousandths worth `added_value`
/// come in: the refusal a form shows instead of a database error.
pub fn check_level(qty_milli: i64, value_minor: i64, added: i64, added_value: i64) -> Result<(), &'static str> {
    let qty = i128::from(qty_milli) + i128::from(added);
    let value = i128::from(value_minor) + i128::from(added_value);
    if qty > i128::from(MAX_LEVEL_MILLI) {
        Err("stock-level-too-large")
    } else if value > i128::from(MAX_VALUE_MINOR) {
        Err("stock-value-too-large")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_bounded_values_always_add_within_i64() {
        assert!(MAX_LEVEL_MILLI.checked_mul(2).is_some());
        assert!(MAX_VALUE_MINOR.checked_mul(2).is_some());
        // A maximal entry at the maximal price is worth more than a level may hold: the
        // product is checked, never assumed to fit.
        assert!(i128::from(MAX_ENTRY_MILLI) * i128::from(MAX_UNIT_PRICE_MINOR) / 1000 > i128::from(MAX_VALUE_MINOR));
    }

    #[test]
    fn prices_within_bounds() {
        assert_eq!(parse_unit_price("12,40"), Ok(1_240));
        assert_eq!(parse_unit_price("1000000000"), Ok(MAX_UNIT_PRICE_MINOR));
        assert_eq!(parse_unit_price("1000000000,01"), Err("amount-too-large"));
        assert_eq!(parse_unit_price("92233720368547758.07"), Err("amount-too-large"));
        assert_eq!(parse_unit_price("99999999999999999999999"), Err("amount-too-large"));
        assert_eq!(parse_unit_price("-1"), Err("invalid-number"));
    }

    #[test]
    fn levels_within_bounds() {
        assert_eq!(check_level(0, 0, MAX_LEVEL_MILLI, MAX_VALUE_MINOR), Ok(()));
        assert_eq!(check_level(MAX_LEVEL_MILLI, 0, 1, 0), Err("stock-level-too-large"));
        assert_eq!(check_level(0, MAX_VALUE_MINOR, 1, 1), Err("stock-value-too-large"));
        assert_eq!(check_level(i64::MAX, i64::MAX, i64::MAX, i64::MAX), Err("stock-level-too-large"));
        assert_eq!(check_level(10, 10, -10, -10), Ok(()));
    }
}
