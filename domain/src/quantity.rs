//! Stock quantities: exact decimals with up to three places (kilograms, metres, litres…),
//! kept as whole thousandths so that no float ever touches a stock level.

use serde::{Deserialize, Serialize};

use crate::bounds::{MAX_ENTRY_MILLI, MAX_LEVEL_MILLI};

/// A quantity in thousandths of its unit (`1.5` kg is 1,500 thousandths). May be negative in a
/// movement (an outflow); levels never are. Always within ± a level's bound (A30), so that two
/// quantities add without overflow; the only ways in are the constructors below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Quantity(i64);

impl Quantity {
    pub const ZERO: Self = Self(0);

    pub fn milli(self) -> i64 {
        self.0
    }

    /// Whole units, for quantities written in code (a `u32` never leaves the bounds).
    pub const fn units(n: u32) -> Self {
        Self(n as i64 * 1000)
    }

    /// A quantity in thousandths, as stored or computed; None beyond a level's bound.
    pub fn from_milli(milli: i64) -> Option<Self> {
        (-MAX_LEVEL_MILLI..=MAX_LEVEL_MILLI).contains(&milli).then_some(Self(milli))
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        Self::from_milli(self.0 + other.0)
    }

    pub fn checked_sub(self, other: Self) -> Option<Self> {
        Self::from_milli(self.0 - other.0)
    }

    /// What a person types: `12`, `1.5`, `1,5`, ` 1 250,75 ` (spaces and non-breaking spaces as
    /// thousands separators), at most three decimals. Positive only: the movement kind gives the
    /// sign.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::parse_in(raw, None)
    }

    /// Like `parse`, when the text's decimal mark is known (`crate::decimal::parse_scaled_in`).
    pub fn parse_in(raw: &str, point: Option<char>) -> Result<Self, &'static str> {
        let milli = crate::decimal::parse_scaled_in(raw, 3, point).map_err(|code| match code {
            "invalid-number" => "invalid-quantity",
            "number-too-large" => "quantity-too-large",
            other => other,
        })?;
        if milli == 0 {
            Err("quantity-not-positive")
        } else if milli > MAX_ENTRY_MILLI {
            Err("quantity-too-large")
        } else {
            Ok(Self(milli))
        }
    }

    /// A counted quantity: like `parse`, but zero is a valid count.
    pub fn parse_count(raw: &str) -> Result<Self, &'static str> {
        Self::parse_count_in(raw, None)
    }

    pub fn parse_count_in(raw: &str, point: Option<char>) -> Result<Self, &'static str> {
        match raw.trim() {
            "0" | "0,0" | "0.0" | "0,000" | "0.000" => Ok(Self::ZERO),
            other => Self::parse_in(other, point),
        }
    }
}

impl std::ops::Neg for Quantity {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl TryFrom<i64> for Quantity {
    type Error = &'static str;
    fn try_from(milli: i64) -> Result<Self, Self::Error> {
        Self::from_milli(milli).ok_or("quantity-too-large")
    }
}

impl From<Quantity> for i64 {
    fn from(q: Quantity) -> i64 {
        q.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_decimals_are_read_exactly() {
        assert_eq!(Quantity::parse("12"), Ok(Quantity(12_000)));
        assert_eq!(Quantity::parse("1,5"), Ok(Quantity(1_500)));
        assert_eq!(Quantity::parse("1.5"), Ok(Quantity(1_500)));
        assert_eq!(Quantity::parse(" 1 250,75 "), Ok(Quantity(1_250_750)));
        assert_eq!(Quantity::parse("1\u{202f}250,001"), Ok(Quantity(1_250_001)));
        assert_eq!(Quantity::parse("0,001"), Ok(Quantity(1)));
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(Quantity::parse(""), Err("required"));
        assert_eq!(Quantity::parse("-3"), Err("invalid-quantity"));
        assert_eq!(Quantity::parse("0"), Err("quantity-not-positive"));
        assert_eq!(Quantity::parse("1,2345"), Err("too-many-decimals"));
        assert_eq!(Quantity::parse("1,2,3"), Err("invalid-quantity"));
        assert_eq!(Quantity::parse("1e3"), Err("invalid-quantity"));
        assert_eq!(Quantity::parse("12,"), Err("invalid-quantity"));
        assert_eq!(Quantity::parse("99999999999999999999"), Err("quantity-too-large"));
        assert_eq!(Quantity::parse("1000000001"), Err("quantity-too-large"));
    }

    #[test]
    fn a30_quantities_stay_within_a_levels_bound() {
        assert_eq!(Quantity::from_milli(MAX_LEVEL_MILLI).map(Quantity::milli), Some(MAX_LEVEL_MILLI));
        assert_eq!(Quantity::from_milli(MAX_LEVEL_MILLI + 1), None);
        assert_eq!(Quantity::from_milli(i64::MIN), None);
        let max = Quantity::from_milli(MAX_LEVEL_MILLI).unwrap();
        assert_eq!(max.checked_add(Quantity(1)), None);
        assert_eq!((-max).checked_sub(Quantity(1)), None);
        assert_eq!(max.checked_sub(max), Some(Quantity::ZERO));
        assert!(serde_json::from_str::<Quantity>(&i64::MAX.to_string()).is_err(), "nor through serde");
        assert_eq!(Quantity::units(u32::MAX).milli(), 4_294_967_295_000);
    }

    #[test]
    fn parsing_never_panics_and_round_trips_generated_values() {
        // Fuzz-style: every short string over a hostile alphabet either parses to a positive
        // quantity or is refused; and every generated quantity written back reads the same.
        let alphabet = ['0', '1', '9', ',', '.', ' ', '-', 'e', '\u{a0}'];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            if let Ok(q) = Quantity::parse(&s) {
                assert!(q.0 > 0, "{s:?}");
            }
            let milli = (seed % 1_000_000_000) as i64 + 1;
            let written = format!("{},{:03}", milli / 1000, milli % 1000);
            assert_eq!(Quantity::parse(&written), Ok(Quantity(milli)), "{written}");
        }
    }
}
