//! What a company and a customer have in common on an invoice: a name, a postal address and
//! the legal identifiers of their country, read by the same parsers for both.

use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::error::{ValidationErrors, bounded_text};
use crate::identifiers::algeria::{Nif, Nis, TaxArticle, TradeRegister};
use crate::identifiers::france::{FrVatNumber, Siren, Siret};
use crate::input::{optional, optional_text};

pub const MAX_NAME: usize = 120;
pub const MAX_LEGAL_FORM: usize = 60;
pub const MAX_STREET: usize = 120;
pub const MAX_CITY: usize = 80;

/// A postal address in France or Algeria, both of which use five-digit postcodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress {
    pub street: String,
    pub street2: Option<String>,
    pub postcode: String,
    pub city: String,
}

/// The text of an address as a form sends it.
pub struct AddressFields<'a> {
    pub street: &'a str,
    pub street2: &'a str,
    pub postcode: &'a str,
    pub city: &'a str,
}

impl AddressFields<'_> {
    fn is_blank(&self) -> bool {
        [self.street, self.street2, self.postcode, self.city].iter().all(|f| f.trim().is_empty())
    }

    /// Reads the address, naming its fields `{prefix}street`, `{prefix}postcode`…
    pub fn parse(&self, errors: &mut ValidationErrors, prefix: &str) -> Option<PostalAddress> {
        let street = errors.check(&format!("{prefix}street"), bounded_text(self.street, MAX_STREET));
        let street2 = errors.check(&format!("{prefix}street2"), optional_text(self.street2, MAX_STREET));
        let postcode = errors.check(&format!("{prefix}postcode"), parse_postcode(self.postcode));
        let city = errors.check(&format!("{prefix}city"), bounded_text(self.city, MAX_CITY));
        Some(PostalAddress { street: street?, street2: street2?, postcode: postcode?, city: city? })
    }

    /// An address that may be left entirely blank (a delivery address like the main one).
    pub fn parse_optional(&self, errors: &mut ValidationErrors, prefix: &str) -> Option<Option<PostalAddress>> {
        if self.is_blank() { Some(None) } else { self.parse(errors, prefix).map(Some) }
    }
}

pub fn parse_postcode(raw: &str) -> Result<String, &'static str> {
    let code = raw.trim();
    if code.is_empty() {
        Err("required")
    } else if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err("invalid-postcode")
    }
}

impl PostalAddress {
    /// The lines printed on a document.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.street.clone()];
        lines.extend(self.street2.clone());
        lines.push(format!("{} {}", self.postcode, self.city));
        lines
    }
}

/// The legal identifiers of a party, for its country. Each may be missing while the profile or
/// the customer is being filled in; the legal mentions say which an invoice needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "country", rename_all = "kebab-case")]
pub enum LegalIds {
    France { siren: Option<Siren>, siret: Option<Siret>, vat_number: Option<FrVatNumber> },
    Algeria { nif: Option<Nif>, nis: Option<Nis>, rc: Option<TradeRegister>, ai: Option<TaxArticle> },
}

/// The identifier fields of a form, the same names for a company and a customer.
#[derive(Clone, Copy)]
pub struct IdFields<'a> {
    pub siren: &'a str,
    pub siret: &'a str,
    pub vat_number: &'a str,
    pub nif: &'a str,
    pub nis: &'a str,
    pub rc: &'a str,
    pub ai: &'a str,
}

impl IdFields<'_> {
    /// The text of one field, by name.
    pub fn get(&self, name: &str) -> &str {
        match name {
            "siren" => self.siren,
            "siret" => self.siret,
            "vat_number" => self.vat_number,
            "nif" => self.nif,
            "nis" => self.nis,
            "rc" => self.rc,
            "ai" => self.ai,
            _ => "",
        }
    }

    /// Reads the identifiers of `country` (the others must be blank), and checks that a SIRET
    /// and a VAT number belong to the SIREN.
    pub fn parse(&self, errors: &mut ValidationErrors, country: Country) -> Option<LegalIds> {
        let foreign = match country {
            Country::France => [("nif", self.nif), ("nis", self.nis), ("rc", self.rc), ("ai", self.ai)],
            Country::Algeria => {
                [("siren", self.siren), ("siret", self.siret), ("vat_number", self.vat_number), ("", "")]
            }
        };
        for (field, value) in foreign {
            if !value.trim().is_empty() {
                errors.add(field, "not-for-this-country");
            }
        }
        match country {
            Country::France => self.parse_france(errors),
            Country::Algeria => {
                let nif = errors.check("nif", optional(self.nif, Nif::parse));
                let nis = errors.check("nis", optional(self.nis, Nis::parse));
                let rc = errors.check("rc", optional(self.rc, TradeRegister::parse));
                let ai = errors.check("ai", optional(self.ai, TaxArticle::parse));
                Some(LegalIds::Algeria { nif: nif?, nis: nis?, rc: rc?, ai: ai? })
            }
        }
    }

    fn parse_france(&self, errors: &mut ValidationErrors) -> Option<LegalIds> {
        let siren = errors.check("siren", optional(self.siren, Siren::parse));
        let siret = errors.check("siret", optional(self.siret, Siret::parse));
        let vat_number = errors.check("vat_number", optional(self.vat_number, FrVatNumber::parse));
        let (siren, siret, vat_number) = (siren?, siret?, vat_number?);
        let mut consistent = true;
        if siren.is_none() && (siret.is_some() || vat_number.is_some()) {
            errors.add("siren", "required");
            consistent = false;
        }
        if siret.as_ref().is_some_and(|s| Some(s.siren()) != siren) && siren.is_some() {
            errors.add("siret", "siret-not-this-siren");
            consistent = false;
        }
        if vat_number.as_ref().is_some_and(|v| Some(v.siren()) != siren) && siren.is_some() {
            errors.add("vat_number", "vat-not-this-siren");
            consistent = false;
        }
        consistent.then_some(LegalIds::France { siren, siret, vat_number })
    }
}

impl LegalIds {
    pub fn country(&self) -> Country {
        match self {
            Self::France { .. } => Country::France,
            Self::Algeria { .. } => Country::Algeria,
        }
    }

    /// Each identifier held, by its field name (`siren`, `nif`…), as stored.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let pairs: [(&'static str, Option<&str>); 4] = match self {
            Self::France { siren, siret, vat_number } => [
                ("siren", siren.as_ref().map(|v| v.as_str())),
                ("siret", siret.as_ref().map(|v| v.as_str())),
                ("vat_number", vat_number.as_ref().map(|v| v.as_str())),
                ("", None),
            ],
            Self::Algeria { nif, nis, rc, ai } => [
                ("nif", nif.as_ref().map(|v| v.as_str())),
                ("nis", nis.as_ref().map(|v| v.as_str())),
                ("rc", rc.as_ref().map(|v| v.as_str())),
                ("ai", ai.as_ref().map(|v| v.as_str())),
            ],
        };
        pairs.into_iter().filter_map(|(name, value)| value.map(|v| (name, v))).collect()
    }

    /// Each identifier held, by its field name, as printed (a SIREN and a SIRET in groups).
    pub fn printed(&self) -> Vec<(&'static str, String)> {
        let grouped = |name: &str, value: &str| match name {
            "siren" => Siren::parse(value).map(|s| s.display()).unwrap_or_else(|_| value.to_owned()),
            "siret" => Siret::parse(value).map(|s| s.display()).unwrap_or_else(|_| value.to_owned()),
            _ => value.to_owned(),
        };
        self.named().into_iter().map(|(name, value)| (name, grouped(name, value))).collect()
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.named().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn values(&self) -> Vec<&str> {
        self.named().into_iter().map(|(_, v)| v).collect()
    }

    pub fn empty(country: Country) -> Self {
        match country {
            Country::France => Self::France { siren: None, siret: None, vat_number: None },
            Country::Algeria => Self::Algeria { nif: None, nis: None, rc: None, ai: None },
        }
    }
}

/// Legal forms under which a person trades in their own name: no share capital, and in
/// France no trade register (RCS) line.
const INDIVIDUAL_FORMS: &[&str] =
    &["ei", "eirl", "entrepreneur individuel", "entreprise individuelle", "micro-entreprise", "auto-entrepreneur"];

pub fn is_individual_entrepreneur(legal_form: Option<&str>) -> bool {
    legal_form.is_some_and(|form| {
        let form = form.trim().to_lowercase();
        INDIVIDUAL_FORMS.iter().any(|f| form == *f || form.starts_with(&format!("{f} ")))
    })
}

pub fn parse_legal_name(raw: &str) -> Result<String, &'static str> {
    bounded_text(raw, MAX_NAME)
}

pub fn parse_legal_form(raw: &str) -> Result<Option<String>, &'static str> {
    optional_text(raw, MAX_LEGAL_FORM)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: IdFields = IdFields { siren: "", siret: "", vat_number: "", nif: "", nis: "", rc: "", ai: "" };

    fn ids(fields: IdFields, country: Country) -> Result<LegalIds, Vec<(String, String)>> {
        let mut errors = ValidationErrors::new();
        let parsed = fields.parse(&mut errors, country);
        match parsed {
            Some(ids) if errors.is_empty() => Ok(ids),
            _ => Err(errors.0.into_iter().map(|e| (e.field, e.code)).collect()),
        }
    }

    fn err(field: &str, code: &str) -> Vec<(String, String)> {
        vec![(field.to_owned(), code.to_owned())]
    }

    #[test]
    fn french_ids_must_agree_with_the_siren() {
        let good = IdFields { siren: "732 829 320", siret: "73282932000074", vat_number: "FR44732829320", ..FR };
        assert!(matches!(ids(good, Country::France), Ok(LegalIds::France { siret: Some(_), .. })));
        let other_siret = IdFields { siret: "552 100 554 00013", ..good };
        assert_eq!(ids(other_siret, Country::France), Err(err("siret", "siret-not-this-siren")));
        let other = Siren::parse("552100554").unwrap().vat_number();
        let other_vat = IdFields { vat_number: other.as_str(), ..good };
        assert_eq!(ids(other_vat, Country::France), Err(err("vat_number", "vat-not-this-siren")));
        let no_siren = IdFields { siren: "", ..good };
        assert_eq!(ids(no_siren, Country::France), Err(err("siren", "required")));
        assert_eq!(ids(FR, Country::France), Ok(LegalIds::empty(Country::France)));
    }

    #[test]
    fn identifiers_of_the_other_country_are_refused() {
        let mixed = IdFields { nif: "000216001234567", ..FR };
        assert_eq!(ids(mixed, Country::France), Err(err("nif", "not-for-this-country")));
        let algerian = IdFields { nif: "000216001234567", ai: "16012345678", ..FR };
        assert!(matches!(ids(algerian, Country::Algeria), Ok(LegalIds::Algeria { nis: None, .. })));
        let bad = IdFields { nif: "1234", siren: "732829320", ..FR };
        assert_eq!(
            ids(bad, Country::Algeria),
            Err(vec![("siren".into(), "not-for-this-country".into()), ("nif".into(), "invalid-nif".into())])
        );
    }

    #[test]
    fn addresses_have_five_digit_postcodes() {
        let fields =
            AddressFields { street: " 12 rue de la République ", street2: "", postcode: "69002", city: "Lyon" };
        let mut errors = ValidationErrors::new();
        let address = fields.parse(&mut errors, "").unwrap();
        assert_eq!(address.lines(), ["12 rue de la République", "69002 Lyon"]);
        let bad = AddressFields { postcode: "6900", city: "", ..fields };
        assert_eq!(bad.parse(&mut errors, "delivery_"), None);
        assert_eq!(
            errors.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["delivery_postcode", "delivery_city"]
        );
        let blank = AddressFields { street: "", street2: " ", postcode: "", city: "" };
        assert_eq!(blank.parse_optional(&mut ValidationErrors::new(), "delivery_"), Some(None));
    }

    #[test]
    fn individual_entrepreneurs_are_recognised_by_their_form() {
        assert!(is_individual_entrepreneur(Some("EI")));
        assert!(is_individual_entrepreneur(Some("Micro-entreprise")));
        assert!(is_individual_entrepreneur(Some("EI (entrepreneur individuel)")));
        assert!(!is_individual_entrepreneur(Some("EURL")));
        assert!(!is_individual_entrepreneur(Some("SAS")));
        assert!(!is_individual_entrepreneur(None));
    }
}
