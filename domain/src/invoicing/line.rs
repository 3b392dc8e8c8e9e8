//! The numbers of one invoice line and what they come to. One rounding rule, to the cent, half
//! up: the gross amount (quantity × unit price) is rounded, then the discount on it; the line's
//! net is their difference, so every printed amount is exact arithmetic on printed amounts.

use serde::{Deserialize, Serialize};

use super::vat::VatRate;
use crate::Quantity;
use crate::bounds::MAX_VALUE_MINOR;
use crate::decimal::parse_scaled;

/// A discount in hundredths of a percent (12.5 % = 1,250), from 0 to 100 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u16", try_from = "u16")]
pub struct Discount(u16);

impl Discount {
    pub const NONE: Self = Self(0);
    const FULL: u16 = 10_000;

    /// A discount as typed: `10`, `12,5`, `7.25 %`; empty means none.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let number = raw.trim().trim_end_matches('%').trim();
        if number.is_empty() {
            return Ok(Self::NONE);
        }
        match parse_scaled(number, 2) {
            Ok(bp) => u16::try_from(bp).map_err(|_| "discount-over-100").and_then(Self::try_from),
            Err("number-too-large") => Err("discount-over-100"),
            Err(code) => Err(code),
        }
    }

    pub fn basis_points(self) -> i64 {
        i64::from(self.0)
    }
}

impl From<Discount> for u16 {
    fn from(d: Discount) -> u16 {
        d.0
    }
}

impl TryFrom<u16> for Discount {
    type Error = &'static str;
    fn try_from(bp: u16) -> Result<Self, Self::Error> {
        if bp <= Self::FULL { Ok(Self(bp)) } else { Err("discount-over-100") }
    }
}

/// What a line is priced at: quantity (exact, as in stock), unit price in minor units,
/// discount and VAT rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePrice {
    pub quantity: Quantity,
    pub unit_price_minor: i64,
    pub discount: Discount,
    pub vat: VatRate,
}

/// What a line comes to, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineAmounts {
    /// Quantity × unit price, rounded.
    pub gross_minor: i64,
    /// The discount on the gross amount, rounded.
    pub discount_minor: i64,
    /// Gross − discount: the line's amount excluding tax (EN 16931 BT-131).
    pub net_minor: i64,
}

/// `n / d` rounded to the nearest integer, halves up; for `n ≥ 0`, `d > 0`.
pub(crate) fn round_half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

impl LinePrice {
    pub fn amounts(&self) -> Result<LineAmounts, &'static str> {
        let gross = round_half_up(i128::from(self.quantity.milli()) * i128::from(self.unit_price_minor), 1000);
        let discount = round_half_up(gross * i128::from(self.discount.basis_points()), i128::from(Discount::FULL));
        let fits = |v: i128| i64::try_from(v).ok().filter(|v| (0..=MAX_VALUE_MINOR).contains(v));
        match (fits(gross), fits(discount)) {
            (Some(gross_minor), Some(discount_minor)) if self.quantity.milli() > 0 && self.unit_price_minor >= 0 => {
                Ok(LineAmounts { gross_minor, discount_minor, net_minor: gross_minor - discount_minor })
            }
            (Some(_), Some(_)) => Err("line-not-positive"),
            _ => Err("line-amount-too-large"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(qty: &str, price: i64, discount: &str) -> LinePrice {
        LinePrice {
            quantity: Quantity::parse(qty).unwrap(),
            unit_price_minor: price,
            discount: Discount::parse(discount).unwrap(),
            vat: VatRate::of(2000, crate::Country::France).unwrap(),
        }
    }

    #[test]
    fn discounts_are_read_as_percentages() {
        assert_eq!(Discount::parse(""), Ok(Discount::NONE));
        assert_eq!(Discount::parse("12,5 %").map(Discount::basis_points), Ok(1250));
        assert_eq!(Discount::parse("100").map(Discount::basis_points), Ok(10_000));
        assert_eq!(Discount::parse("100,01"), Err("discount-over-100"));
        assert_eq!(Discount::parse("99999999999999999999"), Err("discount-over-100"));
        assert_eq!(Discount::parse("-5"), Err("invalid-number"));
        assert_eq!(Discount::parse("5,5555"), Err("too-many-decimals"));
        assert_eq!(Discount::parse("5,555"), Err("ambiguous-number"));
    }

    #[test]
    fn amounts_are_rounded_half_up_to_the_cent() {
        let a = line("3", 12, "").amounts().unwrap();
        assert_eq!((a.gross_minor, a.discount_minor, a.net_minor), (36, 0, 36));
        // 0.125 × 3.00 = 0.375 → 0.38; 10 % of it = 0.038 → 0.04; net 0.34.
        let a = line("0,125", 300, "10").amounts().unwrap();
        assert_eq!((a.gross_minor, a.discount_minor, a.net_minor), (38, 4, 34));
        let a = line("2,5", 1999, "100").amounts().unwrap();
        assert_eq!((a.gross_minor, a.discount_minor, a.net_minor), (4998, 4998, 0));
        // 0.001 × 0.01: a twentieth of a cent rounds to nothing.
        assert_eq!(line("0,001", 1, "").amounts().unwrap().gross_minor, 0);
    }

    #[test]
    fn amounts_stay_within_bounds() {
        let huge = line("1000000000", crate::bounds::MAX_UNIT_PRICE_MINOR, "");
        assert_eq!(huge.amounts(), Err("line-amount-too-large"));
        let negative = LinePrice { unit_price_minor: -1, ..line("1", 1, "") };
        assert_eq!(negative.amounts(), Err("line-not-positive"));
    }
}
