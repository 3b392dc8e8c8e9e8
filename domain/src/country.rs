//! The countries Atelier serves, and what follows from each.

use crate::Currency;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Country {
    France,
    Algeria,
}

impl Country {
    pub const ALL: [Self; 2] = [Self::France, Self::Algeria];

    pub fn label_key(self) -> &'static str {
        match self {
            Self::France => "country-fr",
            Self::Algeria => "country-dz",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "FR" => Ok(Self::France),
            "DZ" => Ok(Self::Algeria),
            _ => Err("invalid-country"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::France => "FR",
            Self::Algeria => "DZ",
        }
    }

    pub fn currency(self) -> Currency {
        match self {
            Self::France => Currency::Eur,
            Self::Algeria => Currency::Dzd,
        }
    }

    pub fn default_timezone(self) -> &'static str {
        match self {
            Self::France => "Europe/Paris",
            Self::Algeria => "Africa/Algiers",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_sets_currency_and_time_zone() {
        assert_eq!(Country::parse(" fr "), Ok(Country::France));
        assert_eq!(Country::parse("DZ").map(Country::currency), Ok(Currency::Dzd));
        assert_eq!(Country::France.default_timezone(), "Europe/Paris");
        assert_eq!(Country::parse("BE"), Err("invalid-country"));
    }
}
