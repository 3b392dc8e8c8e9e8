//! France: SIREN (the company), SIRET (one of its establishments) and the intra-community VAT
//! number derived from the SIREN.

use serde::{Deserialize, Serialize};

use super::{all_digits, compact, grouped, identifier};

/// La Poste's SIREN: its establishments' SIRETs are checked by the sum of their digits, not
/// by Luhn (INSEE's documented exception).
const LA_POSTE: &str = "356000000";

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A SIREN: nine digits whose Luhn sum is a multiple of ten.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siren(String);
identifier!(Siren);

impl Siren {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if !all_digits(&digits, &[9]) {
            Err("invalid-siren")
        } else if !luhn(&digits) {
            Err("siren-check-failed")
        } else {
            Ok(Self(digits))
        }
    }

    /// `732 829 320`
    pub fn display(&self) -> String {
        grouped(&self.0, &[3, 3])
    }

    /// The French VAT number of this company: `FR` + key + SIREN, the key being
    /// (12 + 3 × (SIREN mod 97)) mod 97.
    pub fn vat_number(&self) -> FrVatNumber {
        FrVatNumber(format!("FR{:02}{}", vat_key(&self.0), self.0))
    }
}

fn vat_key(siren: &str) -> u64 {
    let n: u64 = siren.parse().unwrap_or(0);
    (12 + 3 * (n % 97)) % 97
}

/// A SIRET: the SIREN followed by a five-digit establishment number, Luhn-checked as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);
identifier!(Siret);

impl Siret {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if !all_digits(&digits, &[14]) {
            return Err("invalid-siret");
        }
        let checked = if digits.starts_with(LA_POSTE) {
            digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>().is_multiple_of(5)
        } else {
            luhn(&digits) && luhn(&digits[..9])
        };
        if checked { Ok(Self(digits)) } else { Err("siret-check-failed") }
    }

    pub fn siren(&self) -> Siren {
        Siren(self.0[..9].to_owned())
    }

    /// `732 829 320 00074`
    pub fn display(&self) -> String {
        grouped(&self.0, &[3, 3, 3])
    }
}

/// A French intra-community VAT number: `FR`, a two-digit key, the SIREN.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FrVatNumber(String);
identifier!(FrVatNumber);

impl FrVatNumber {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let id = compact(raw);
        let Some(rest) = id.strip_prefix("FR").filter(|rest| all_digits(rest, &[11])) else {
            return Err("invalid-vat-number");
        };
        let siren = Siren::parse(&rest[2..]).map_err(|_| "invalid-vat-number")?;
        if rest[..2].parse::<u64>().ok() != Some(vat_key(&siren.0)) {
            return Err("vat-check-failed");
        }
        Ok(Self(id))
    }

    pub fn siren(&self) -> Siren {
        Siren(self.0[4..].to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_is_luhn_checked() {
        assert_eq!(Siren::parse("732 829 320").map(|s| s.display()), Ok("732 829 320".to_owned()));
        assert_eq!(Siren::parse("732829321"), Err("siren-check-failed"));
        assert_eq!(Siren::parse("73282932"), Err("invalid-siren"));
        assert_eq!(Siren::parse("73282932A"), Err("invalid-siren"));
        assert_eq!(Siren::parse(""), Err("invalid-siren"));
    }

    #[test]
    fn siret_is_luhn_checked_except_la_poste() {
        let siret = Siret::parse("552 100 554 00013").unwrap();
        assert_eq!(siret.siren().as_str(), "552100554");
        assert_eq!(siret.display(), "552 100 554 00013");
        assert_eq!(Siret::parse("55210055400014"), Err("siret-check-failed"));
        assert_eq!(Siret::parse("5521005540001"), Err("invalid-siret"));
        // La Poste: not Luhn-valid, but its digits sum to a multiple of five.
        assert!(Siret::parse("356 000 000 09075").is_ok());
        assert_eq!(Siret::parse("35600000009076"), Err("siret-check-failed"));
    }

    #[test]
    fn vat_number_key_follows_the_siren() {
        let siren = Siren::parse("732829320").unwrap();
        assert_eq!(siren.vat_number().as_str(), "FR44732829320");
        assert_eq!(FrVatNumber::parse("fr 44 732 829 320").map(|v| v.siren()), Ok(siren));
        assert_eq!(FrVatNumber::parse("FR45732829320"), Err("vat-check-failed"));
        assert_eq!(FrVatNumber::parse("FR44732829321"), Err("invalid-vat-number"));
        assert_eq!(FrVatNumber::parse("DE44732829320"), Err("invalid-vat-number"));
        assert_eq!(FrVatNumber::parse("FRXX732829320"), Err("invalid-vat-number"));
        // A key below ten keeps its leading zero.
        let small = (100_000_000..)
            .map(|n: u64| n.to_string())
            .find_map(|s| Siren::parse(&s).ok().filter(|siren| vat_key(&siren.0) < 10));
        let vat = small.unwrap().vat_number();
        assert_eq!(FrVatNumber::parse(vat.as_str()), Ok(vat.clone()));
        assert_eq!(vat.as_str().len(), 13);
    }

    #[test]
    fn serde_refuses_what_parse_refuses() {
        assert!(serde_json::from_str::<Siren>("\"732829321\"").is_err());
        assert_eq!(serde_json::from_str::<Siren>("\"732829320\"").unwrap().as_str(), "732829320");
    }
}
