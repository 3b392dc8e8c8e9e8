//! Bank details printed for payment: an IBAN (ISO 13616, mod-97 checked) or, in Algeria, which
//! has not adopted the IBAN, the 20-digit RIB; and the bank's BIC (ISO 9362).

use serde::{Deserialize, Serialize};

use super::{all_digits, compact, grouped, identifier};
use crate::Country;

/// IBAN lengths of the countries whose accounts French and Algerian companies commonly hold
/// (SWIFT's IBAN registry). Other countries are checked by the general rules only.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SA", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("TN", 24),
    ("TR", 26),
];

/// An IBAN: country, two check digits, then the national account number; the whole, moved
/// around and read as a number (letters as 10–35), leaves 1 modulo 97.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);
identifier!(Iban);

impl Iban {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let iban = compact(raw);
        let bytes = iban.as_bytes();
        let shaped = (15..=34).contains(&bytes.len())
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
        let known_length = IBAN_LENGTHS.iter().find(|(code, _)| iban.starts_with(code)).map(|(_, len)| *len);
        if !shaped || known_length.is_some_and(|len| len != iban.len()) {
            return Err("invalid-iban");
        }
        if mod97(iban[4..].bytes().chain(iban[..4].bytes())) == 1 { Ok(Self(iban)) } else { Err("iban-check-failed") }
    }

    /// `FR76 3000 6000 0112 3456 7890 189`
    pub fn display(&self) -> String {
        grouped(&self.0, &[4; 8])
    }
}

/// The remainder modulo 97 of the number written by these digits and letters (A = 10 … Z = 35).
fn mod97(chars: impl Iterator<Item = u8>) -> u32 {
    chars.fold(0, |rest, b| {
        if b.is_ascii_digit() {
            (rest * 10 + u32::from(b - b'0')) % 97
        } else {
            (rest * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

/// An Algerian RIB: bank (3), agency (5), account (10) and key (2). Its key algorithm is not
/// published by the Banque d'Algérie, so only its shape is checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AlgerianRib(String);
identifier!(AlgerianRib);

impl AlgerianRib {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits = compact(raw);
        if all_digits(&digits, &[20]) { Ok(Self(digits)) } else { Err("invalid-rib") }
    }

    /// `007 99999 0000123456 78`
    pub fn display(&self) -> String {
        grouped(&self.0, &[3, 5, 10])
    }
}

/// The account customers pay into.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "number", rename_all = "kebab-case")]
pub enum BankAccount {
    Iban(Iban),
    Rib(AlgerianRib),
}

impl BankAccount {
    /// An IBAN anywhere; in Algeria, a RIB too (twenty digits, no country letters).
    pub fn parse(raw: &str, country: Country) -> Result<Self, &'static str> {
        let id = compact(raw);
        if country == Country::Algeria && id.bytes().all(|b| b.is_ascii_digit()) {
            AlgerianRib::parse(&id).map(Self::Rib)
        } else {
            Iban::parse(&id).map(Self::Iban)
        }
    }

    pub fn display(&self) -> String {
        match self {
            Self::Iban(iban) => iban.display(),
            Self::Rib(rib) => rib.display(),
        }
    }

    /// The number without spaces, as stored.
    pub fn number(&self) -> &str {
        match self {
            Self::Iban(iban) => iban.as_str(),
            Self::Rib(rib) => rib.as_str(),
        }
    }
}

/// A BIC: bank (4 letters), country (2 letters), location (2), and an optional branch (3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);
identifier!(Bic);

impl Bic {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let bic = compact(raw);
        let b = bic.as_bytes();
        let alnum = |s: &[u8]| s.iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        let shaped = matches!(b.len(), 8 | 11) && b[..6].iter().all(u8::is_ascii_uppercase) && alnum(&b[6..]);
        if shaped { Ok(Self(bic)) } else { Err("invalid-bic") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_is_mod97_checked() {
        let iban = Iban::parse("fr76 3000 6000 0112 3456 7890 189").unwrap();
        assert_eq!(iban.display(), "FR76 3000 6000 0112 3456 7890 189");
        assert!(Iban::parse("DE89 3704 0044 0532 0130 00").is_ok());
        assert!(Iban::parse("GB82 WEST 1234 5698 7654 32").is_ok());
        assert_eq!(Iban::parse("FR76 3000 6000 0112 3456 7890 188"), Err("iban-check-failed"));
        assert_eq!(Iban::parse("FR76 3000 6000 0112 3456 7890 18"), Err("invalid-iban"), "French IBANs have 27");
        assert_eq!(Iban::parse("7630006000011234567890189"), Err("invalid-iban"));
        assert_eq!(Iban::parse("FR76 3000 6000 0112 3456 7890 18é"), Err("invalid-iban"));
        assert_eq!(Iban::parse(""), Err("invalid-iban"));
    }

    #[test]
    fn every_single_digit_change_is_caught() {
        let good = "FR7630006000011234567890189";
        for i in 4..good.len() {
            for d in b'0'..=b'9' {
                let mut bad = good.as_bytes().to_vec();
                if bad[i] == d {
                    continue;
                }
                bad[i] = d;
                let bad = String::from_utf8(bad).unwrap();
                assert_eq!(Iban::parse(&bad), Err("iban-check-failed"), "{bad}");
            }
        }
    }

    #[test]
    fn algerian_accounts_may_be_ribs() {
        let rib = BankAccount::parse("007 99999 0000123456 78", Country::Algeria).unwrap();
        assert_eq!(rib.display(), "007 99999 0000123456 78");
        assert_eq!(BankAccount::parse("0079999900001234567", Country::Algeria), Err("invalid-rib"));
        assert_eq!(BankAccount::parse("00799999000012345678", Country::France), Err("invalid-iban"));
        assert!(matches!(
            BankAccount::parse("FR7630006000011234567890189", Country::Algeria),
            Ok(BankAccount::Iban(_))
        ));
    }

    #[test]
    fn bic_has_eight_or_eleven_characters() {
        assert!(Bic::parse("BNPAFRPP").is_ok());
        assert_eq!(Bic::parse("bnpa fr pp xxx").map(String::from), Ok("BNPAFRPPXXX".to_owned()));
        assert_eq!(Bic::parse("BNPAFRP"), Err("invalid-bic"));
        assert_eq!(Bic::parse("BNP1FRPP"), Err("invalid-bic"));
        assert_eq!(Bic::parse("BNPAFRPPXX"), Err("invalid-bic"));
    }
}
