//! Algeria: the four numbers an invoice carries — NIF (tax), NIS (statistics), AI (article
//! d'imposition) and RC (trade register). None has a published check key: their shapes are
//! checked, and the RC, whose printed forms vary, is read leniently.

use serde::{Deserialize, Serialize};

use super::{all_digits, compact, identifier};

/// Wilayas are numbered 01 to 69 since the 2025 territorial reform.
const WILAYAS: std::ops::RangeInclusive<u32> = 1..=69;
const RC_MAX: usize = 30;

/// A NIF: 15 digits, or 20 for a branch, unit or secondary establishment registered on its own
/// (CNRC).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nif(String);
identifier!(Nif);

impl Nif {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if all_digits(&digits, &[15, 20]) { Ok(Self(digits)) } else { Err("invalid-nif") }
    }
}

/// A NIS (Office national des statistiques): 15 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nis(String);
identifier!(Nis);

impl Nis {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if all_digits(&digits, &[15]) { Ok(Self(digits)) } else { Err("invalid-nis") }
    }
}

/// An article d'imposition: 11 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaxArticle(String);
identifier!(TaxArticle);

impl TaxArticle {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if all_digits(&digits, &[11]) { Ok(Self(digits)) } else { Err("invalid-ai") }
    }
}

/// A trade register number as printed on the extract, e.g. `16/00-0123456 B 19`: the wilaya
/// (01–69) first, then digits, letters, `/`, `-` and single spaces. Kept as written, uppercase.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TradeRegister(String);
identifier!(TradeRegister);

impl TradeRegister {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
        let wilaya = text.get(..2).and_then(|w| w.parse::<u32>().ok());
        let allowed = text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '/' | '-'));
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if allowed && wilaya.is_some_and(|w| WILAYAS.contains(&w)) && digits >= 6 && text.len() <= RC_MAX {
            Ok(Self(text))
        } else {
            Err("invalid-rc")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nif_has_fifteen_or_twenty_digits() {
        assert_eq!(Nif::parse("000 016 001 234 567").map(String::from), Ok("000016001234567".to_owned()));
        assert!(Nif::parse("00001600123456700001").is_ok());
        assert_eq!(Nif::parse("0000160012345678"), Err("invalid-nif"));
        assert_eq!(Nif::parse("00001600123456A"), Err("invalid-nif"));
    }

    #[test]
    fn nis_and_ai_have_fixed_lengths() {
        assert!(Nis::parse("0016 1600 1234 567").is_ok());
        assert_eq!(Nis::parse("00161600123456"), Err("invalid-nis"));
        assert!(TaxArticle::parse("16012345678").is_ok());
        assert_eq!(TaxArticle::parse("1601234567"), Err("invalid-ai"));
    }

    #[test]
    fn trade_register_is_read_leniently() {
        assert_eq!(
            TradeRegister::parse(" 16/00-0123456  b 19 ").map(String::from),
            Ok("16/00-0123456 B 19".to_owned())
        );
        assert!(TradeRegister::parse("31/00 - 0987654 B 05").is_ok());
        assert!(TradeRegister::parse("69/00-1234567B25").is_ok());
        assert_eq!(TradeRegister::parse("70/00-0123456 B 19"), Err("invalid-rc"), "no wilaya 70");
        assert_eq!(TradeRegister::parse("00/00-0123456 B 19"), Err("invalid-rc"));
        assert_eq!(TradeRegister::parse("16/00"), Err("invalid-rc"), "too few digits");
        assert_eq!(TradeRegister::parse("16/00-0123456 B 19; DROP"), Err("invalid-rc"));
        assert_eq!(TradeRegister::parse(&format!("16/{}", "0".repeat(40))), Err("invalid-rc"));
    }
}
