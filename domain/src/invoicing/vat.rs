//! The VAT rates an invoice line may carry, per country, in basis points (20 % = 2000).

use serde::{Deserialize, Serialize};

use crate::Country;
use crate::decimal::parse_scaled;

/// France: the standard, intermediate, reduced and super-reduced rates of mainland France,
/// Corsica and the overseas departments (CGI art. 278 to 298 quater); 0 for exempt sales.
const FRANCE: &[u16] = &[2000, 1300, 1000, 850, 550, 210, 175, 105, 90, 0];
/// Algeria: the normal and reduced rates (CID art. 21 and 23); 0 for exempt sales.
const ALGERIA: &[u16] = &[1900, 900, 0];

/// A VAT rate allowed in the seller's country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u16", try_from = "u16")]
pub struct VatRate(u16);

impl VatRate {
    pub const ZERO: Self = Self(0);

    /// The country's normal rate (20 % in France, 19 % in Algeria).
    pub fn standard(country: Country) -> Self {
        Self::allowed(country).next().unwrap_or(Self::ZERO)
    }

    pub fn allowed(country: Country) -> impl Iterator<Item = Self> {
        let rates = match country {
            Country::France => FRANCE,
            Country::Algeria => ALGERIA,
        };
        rates.iter().map(|bp| Self(*bp))
    }

    /// A rate as stored, checked against the country's list.
    pub fn of(basis_points: i64, country: Country) -> Result<Self, &'static str> {
        Self::allowed(country).find(|r| i64::from(r.0) == basis_points).ok_or("vat-rate-not-allowed")
    }

    /// A rate as typed: `20`, `5,5`, `5.5 %`.
    pub fn parse(raw: &str, country: Country) -> Result<Self, &'static str> {
        let number = raw.trim().trim_end_matches('%').trim();
        Self::of(parse_scaled(number, 2)?, country)
    }

    pub fn basis_points(self) -> i64 {
        i64::from(self.0)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl From<VatRate> for u16 {
    fn from(rate: VatRate) -> u16 {
        rate.0
    }
}

/// Deserialising checks only that it is a rate some country allows: the country is checked
/// where the invoice's seller is known.
impl TryFrom<u16> for VatRate {
    type Error = &'static str;
    fn try_from(bp: u16) -> Result<Self, Self::Error> {
        if FRANCE.contains(&bp) || ALGERIA.contains(&bp) { Ok(Self(bp)) } else { Err("vat-rate-not-allowed") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_country_has_its_rates() {
        assert_eq!(VatRate::parse("20", Country::France).map(VatRate::basis_points), Ok(2000));
        assert_eq!(VatRate::parse("5,5 %", Country::France).map(VatRate::basis_points), Ok(550));
        assert_eq!(VatRate::parse("2.1%", Country::France).map(VatRate::basis_points), Ok(210));
        assert_eq!(VatRate::parse("19", Country::Algeria).map(VatRate::basis_points), Ok(1900));
        assert_eq!(VatRate::parse("0", Country::Algeria), Ok(VatRate::ZERO));
        assert_eq!(VatRate::parse("19", Country::France), Err("vat-rate-not-allowed"));
        assert_eq!(VatRate::parse("20", Country::Algeria), Err("vat-rate-not-allowed"));
        assert_eq!(VatRate::parse("-20", Country::France), Err("invalid-number"));
        assert_eq!(VatRate::parse("abc", Country::France), Err("invalid-number"));
        assert_eq!(VatRate::of(2000, Country::France).map(|r| r.is_zero()), Ok(false));
    }

    #[test]
    fn serde_refuses_unknown_rates() {
        assert!(serde_json::from_str::<VatRate>("1234").is_err());
        assert_eq!(serde_json::from_str::<VatRate>("900").unwrap().basis_points(), 900);
    }
}
