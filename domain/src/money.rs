use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    Eur,
    Dzd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Self::Eur => "EUR",
            Self::Dzd => "DZD",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "EUR" => Ok(Self::Eur),
            "DZD" => Ok(Self::Dzd),
            _ => Err("invalid-currency"),
        }
    }

    /// Both currencies have cents (centimes) as their minor unit.
    pub fn minor_digits(self) -> u32 {
        2
    }
}

/// An amount in minor units (cents, centimes) of a currency. Never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }
}
