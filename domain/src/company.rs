//! The company's profile: its legal identity as printed on its documents, and how it invoices
//! (bank account, terms, late-penalty rate, number prefixes, document language). Its country
//! and currency are fixed when the company is created.

use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::decimal::parse_scaled;
use crate::email::Email;
use crate::error::ValidationErrors;
use crate::identifiers::bank::{BankAccount, Bic};
use crate::input::{optional, optional_text};
use crate::invoicing::numbering::{Series, SeriesPrefix};
use crate::lang::Lang;
use crate::party::{
    AddressFields, IdFields, LegalIds, MAX_CITY, PostalAddress, is_individual_entrepreneur, parse_legal_form,
    parse_legal_name,
};

pub const MAX_PHONE: usize = 30;
/// Ten trillion euros or dinars, in cents: the value bound of `domain::bounds`.
const MAX_CAPITAL_MINOR: i64 = crate::bounds::MAX_VALUE_MINOR;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub legal_name: String,
    pub legal_form: Option<String>,
    pub share_capital_minor: Option<i64>,
    /// None only for a company created before its profile was filled in.
    pub address: Option<PostalAddress>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub ids: LegalIds,
    /// France: the city of the trade register (RCS) the company is registered with.
    pub rcs_city: Option<String>,
    pub bank_account: Option<BankAccount>,
    pub bic: Option<Bic>,
    pub terms: PaymentTerms,
    /// Late-payment interest, in basis points a year.
    pub late_penalty_bp: Option<u32>,
    /// What an hour of a technician's work is invoiced at, when a mission names no rate.
    pub hourly_rate_minor: Option<i64>,
    pub invoice_prefix: SeriesPrefix,
    pub credit_note_prefix: SeriesPrefix,
    pub document_lang: Lang,
}

impl CompanyProfile {
    /// What a company created without a profile starts with.
    pub fn initial(legal_name: String, country: Country) -> Self {
        Self {
            legal_name,
            legal_form: None,
            share_capital_minor: None,
            address: None,
            email: None,
            phone: None,
            ids: LegalIds::empty(country),
            rcs_city: None,
            bank_account: None,
            bic: None,
            terms: PaymentTerms::DEFAULT,
            late_penalty_bp: None,
            hourly_rate_minor: None,
            invoice_prefix: Series::Invoice.default_prefix(),
            credit_note_prefix: Series::CreditNote.default_prefix(),
            document_lang: Lang::Fr,
        }
    }

    pub fn country(&self) -> Country {
        self.ids.country()
    }

    pub fn is_individual_entrepreneur(&self) -> bool {
        is_individual_entrepreneur(self.legal_form.as_deref())
    }

    pub fn prefix(&self, series: Series) -> &SeriesPrefix {
        match series {
            Series::Invoice => &self.invoice_prefix,
            Series::CreditNote => &self.credit_note_prefix,
        }
    }
}

/// Days a customer has to pay. French law caps them at 60 days from the invoice date
/// (Code de commerce, L441-10); Algeria sets no general cap, a year bounds typing errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentTerms(u16);

impl PaymentTerms {
    pub const DEFAULT: Self = Self(30);

    pub fn parse(raw: &str, country: Country) -> Result<Self, &'static str> {
        let days: u16 =
            raw.trim().parse().map_err(|_| if raw.trim().is_empty() { "required" } else { "invalid-days" })?;
        let max = match country {
            Country::France => 60,
            Country::Algeria => 365,
        };
        if days > max { Err(if max == 60 { "terms-over-60-days" } else { "invalid-days" }) } else { Ok(Self(days)) }
    }

    pub fn days(self) -> u16 {
        self.0
    }
}

/// A yearly rate as typed in percent (`10`, `12,15`), in basis points; more than zero and at
/// most 100 %.
pub fn parse_rate_percent(raw: &str) -> Result<u32, &'static str> {
    let bp = parse_scaled(raw, 2).map_err(|e| if e == "number-too-large" { "rate-over-100" } else { e })?;
    match bp {
        0 => Err("amount-not-positive"),
        1..=10_000 => Ok(bp as u32),
        _ => Err("rate-over-100"),
    }
}

fn parse_capital(raw: &str) -> Result<i64, &'static str> {
    match parse_scaled(raw, 2) {
        Ok(minor) if minor <= MAX_CAPITAL_MINOR => Ok(minor),
        Ok(_) | Err("number-too-large") => Err("amount-too-large"),
        Err(e) => Err(e),
    }
}

/// The profile form: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyProfileForm {
    pub legal_name: String,
    pub legal_form: String,
    pub share_capital: String,
    pub street: String,
    pub street2: String,
    pub postcode: String,
    pub city: String,
    pub email: String,
    pub phone: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub rcs_city: String,
    pub nif: String,
    pub nis: String,
    pub rc: String,
    pub ai: String,
    pub bank_account: String,
    pub bic: String,
    pub payment_terms: String,
    pub late_penalty_rate: String,
    pub hourly_rate: String,
    pub invoice_prefix: String,
    pub credit_note_prefix: String,
    pub document_lang: String,
}

impl CompanyProfileForm {
    pub fn parse(&self, country: Country) -> Result<CompanyProfile, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let legal_name = errors.check("legal_name", parse_legal_name(&self.legal_name));
        let legal_form = errors.check("legal_form", parse_legal_form(&self.legal_form));
        let share_capital_minor = errors.check("share_capital", optional(&self.share_capital, parse_capital));
        let address =
            AddressFields { street: &self.street, street2: &self.street2, postcode: &self.postcode, city: &self.city }
                .parse(&mut errors, "");
        let email = errors.check("email", optional(&self.email, Email::parse));
        let phone = errors.check("phone", optional(&self.phone, parse_phone));
        let ids = self.id_fields().parse(&mut errors, country);
        let rcs_city = match country {
            Country::France => errors.check("rcs_city", optional_text(&self.rcs_city, MAX_CITY)),
            Country::Algeria if !self.rcs_city.trim().is_empty() => {
                errors.add("rcs_city", "not-for-this-country");
                None
            }
            Country::Algeria => Some(None),
        };
        let bank_account =
            errors.check("bank_account", optional(&self.bank_account, |raw| BankAccount::parse(raw, country)));
        let bic = errors.check("bic", optional(&self.bic, Bic::parse));
        let terms = errors.check("payment_terms", PaymentTerms::parse(&self.payment_terms, country));
        let late_penalty_bp = errors.check("late_penalty_rate", optional(&self.late_penalty_rate, parse_rate_percent));
        let hourly_rate_minor =
            errors.check("hourly_rate", optional(&self.hourly_rate, crate::bounds::parse_unit_price));
        let invoice_prefix = errors.check("invoice_prefix", SeriesPrefix::parse(&self.invoice_prefix));
        let credit_note_prefix = errors.check("credit_note_prefix", SeriesPrefix::parse(&self.credit_note_prefix));
        if invoice_prefix.is_some() && invoice_prefix == credit_note_prefix {
            errors.add("credit_note_prefix", "same-prefix-twice");
        }
        let document_lang =
            errors.check("document_lang", Lang::from_tag(&self.document_lang).ok_or("invalid-language"));
        let profile = (|| {
            Some(CompanyProfile {
                legal_name: legal_name?,
                legal_form: legal_form?,
                share_capital_minor: share_capital_minor?,
                address: Some(address?),
                email: email?,
                phone: phone?,
                ids: ids?,
                rcs_city: rcs_city?,
                bank_account: bank_account?,
                bic: bic?,
                terms: terms?,
                late_penalty_bp: late_penalty_bp?,
                hourly_rate_minor: hourly_rate_minor?,
                invoice_prefix: invoice_prefix?,
                credit_note_prefix: credit_note_prefix?,
                document_lang: document_lang?,
            })
        })();
        match profile {
            Some(profile) if errors.is_empty() => Ok(profile),
            _ => Err(errors),
        }
    }

    /// Every field with its value: what a refused form shows again.
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("legal_name", &self.legal_name),
            ("legal_form", &self.legal_form),
            ("share_capital", &self.share_capital),
            ("street", &self.street),
            ("street2", &self.street2),
            ("postcode", &self.postcode),
            ("city", &self.city),
            ("email", &self.email),
            ("phone", &self.phone),
            ("siren", &self.siren),
            ("siret", &self.siret),
            ("vat_number", &self.vat_number),
            ("rcs_city", &self.rcs_city),
            ("nif", &self.nif),
            ("nis", &self.nis),
            ("rc", &self.rc),
            ("ai", &self.ai),
            ("bank_account", &self.bank_account),
            ("bic", &self.bic),
            ("payment_terms", &self.payment_terms),
            ("late_penalty_rate", &self.late_penalty_rate),
            ("hourly_rate", &self.hourly_rate),
            ("invoice_prefix", &self.invoice_prefix),
            ("credit_note_prefix", &self.credit_note_prefix),
            ("document_lang", &self.document_lang),
        ]
    }

    fn id_fields(&self) -> IdFields<'_> {
        IdFields {
            siren: &self.siren,
            siret: &self.siret,
            vat_number: &self.vat_number,
            nif: &self.nif,
            nis: &self.nis,
            rc: &self.rc,
            ai: &self.ai,
        }
    }

    /// The form filled with a stored profile, as the settings page shows it, decimals written
    /// with `point`.
    pub fn of(profile: &CompanyProfile, point: char) -> Self {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let address = profile.address.clone();
        let ids = |name| profile.ids.get(name).unwrap_or_default().to_owned();
        Self {
            legal_name: profile.legal_name.clone(),
            legal_form: text(&profile.legal_form),
            share_capital: profile
                .share_capital_minor
                .map(|c| crate::format::plain_decimal(c, 2, point, true))
                .unwrap_or_default(),
            street: address.as_ref().map(|a| a.street.clone()).unwrap_or_default(),
            street2: address.as_ref().and_then(|a| a.street2.clone()).unwrap_or_default(),
            postcode: address.as_ref().map(|a| a.postcode.clone()).unwrap_or_default(),
            city: address.map(|a| a.city).unwrap_or_default(),
            email: profile.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default(),
            phone: text(&profile.phone),
            rcs_city: text(&profile.rcs_city),
            bank_account: profile.bank_account.as_ref().map(BankAccount::display).unwrap_or_default(),
            bic: profile.bic.as_ref().map(|b| b.as_str().to_owned()).unwrap_or_default(),
            payment_terms: profile.terms.days().to_string(),
            late_penalty_rate: profile
                .late_penalty_bp
                .map(|bp| crate::format::plain_decimal(i64::from(bp), 2, point, true))
                .unwrap_or_default(),
            hourly_rate: profile
                .hourly_rate_minor
                .map(|r| crate::format::plain_decimal(r, 2, point, true))
                .unwrap_or_default(),
            invoice_prefix: profile.invoice_prefix.as_str().to_owned(),
            credit_note_prefix: profile.credit_note_prefix.as_str().to_owned(),
            document_lang: profile.document_lang.tag().to_owned(),
            siren: ids("siren"),
            siret: ids("siret"),
            vat_number: ids("vat_number"),
            nif: ids("nif"),
            nis: ids("nis"),
            rc: ids("rc"),
            ai: ids("ai"),
        }
    }
}

/// A telephone number as people write it: digits, spaces, dots, dashes, parentheses and a
/// leading `+`, with 6 to 15 digits.
pub fn parse_phone(raw: &str) -> Result<String, &'static str> {
    let phone = raw.trim();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.chars().count() > MAX_PHONE {
        Err("too-long")
    } else if allowed && (6..=15).contains(&digits) {
        Ok(phone.to_owned())
    } else {
        Err("invalid-phone")
    }
}

pub mod logo;
#[cfg(test)]
mod tests;
pub mod views;
