//! Customers: businesses or individuals of the company's country, with the identifiers their
//! invoices need, and the form that creates or edits one.

use serde::{Deserialize, Serialize};

use crate::company::PaymentTerms;
use crate::country::Country;
use crate::email::Email;
use crate::error::ValidationErrors;
use crate::input::optional;
use crate::party::{AddressFields, IdFields, LegalIds, PostalAddress, parse_legal_form, parse_legal_name};

pub mod import;
pub mod views;

/// A business is invoiced with its identifiers and the business-to-business mentions; an
/// individual with a name and an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustomerKind {
    Business,
    Individual,
}

impl CustomerKind {
    pub const ALL: [Self; 2] = [Self::Business, Self::Individual];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::Individual => "individual",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim()).ok_or("invalid-customer-kind")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Business => "customer-kind-business",
            Self::Individual => "customer-kind-individual",
        }
    }
}

/// A customer as stored, and as the create and edit commands carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub kind: CustomerKind,
    pub legal_name: String,
    pub legal_form: Option<String>,
    pub address: PostalAddress,
    pub delivery_address: Option<PostalAddress>,
    pub email: Option<Email>,
    /// None: the company's default terms.
    pub terms: Option<PaymentTerms>,
    pub ids: LegalIds,
}

impl Customer {
    /// The order of the list: the name in lower case (every script, not only ASCII).
    pub fn sort_key(&self) -> String {
        self.legal_name.to_lowercase()
    }

    /// What the list's search looks in: the name, the city, the e-mail and the identifiers,
    /// in lower case and without spaces in the identifiers.
    pub fn search_text(&self) -> String {
        let mut parts = vec![self.legal_name.to_lowercase(), self.address.city.to_lowercase()];
        parts.extend(self.email.as_ref().map(|e| e.as_str().to_owned()));
        parts.extend(self.ids.values().into_iter().map(str::to_lowercase));
        parts.join(" ")
    }

    /// The form filled with this customer, as the edit page shows it.
    pub fn form(&self, id: &str) -> CustomerForm {
        let ids = &self.ids;
        let delivery = self.delivery_address.clone();
        CustomerForm {
            id: id.to_owned(),
            kind: self.kind.as_str().to_owned(),
            legal_name: self.legal_name.clone(),
            legal_form: self.legal_form.clone().unwrap_or_default(),
            street: self.address.street.clone(),
            street2: self.address.street2.clone().unwrap_or_default(),
            postcode: self.address.postcode.clone(),
            city: self.address.city.clone(),
            delivery_street: delivery.as_ref().map(|a| a.street.clone()).unwrap_or_default(),
            delivery_street2: delivery.as_ref().and_then(|a| a.street2.clone()).unwrap_or_default(),
            delivery_postcode: delivery.as_ref().map(|a| a.postcode.clone()).unwrap_or_default(),
            delivery_city: delivery.map(|a| a.city).unwrap_or_default(),
            email: self.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default(),
            payment_terms: self.terms.map(|t| t.days().to_string()).unwrap_or_default(),
            siren: ids.get("siren").unwrap_or_default().to_owned(),
            siret: ids.get("siret").unwrap_or_default().to_owned(),
            vat_number: ids.get("vat_number").unwrap_or_default().to_owned(),
            nif: ids.get("nif").unwrap_or_default().to_owned(),
            nis: ids.get("nis").unwrap_or_default().to_owned(),
            rc: ids.get("rc").unwrap_or_default().to_owned(),
            ai: ids.get("ai").unwrap_or_default().to_owned(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerForm {
    /// Set when editing.
    pub id: String,
    pub kind: String,
    pub legal_name: String,
    pub legal_form: String,
    pub street: String,
    pub street2: String,
    pub postcode: String,
    pub city: String,
    pub delivery_street: String,
    pub delivery_street2: String,
    pub delivery_postcode: String,
    pub delivery_city: String,
    pub email: String,
    pub payment_terms: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub nif: String,
    pub nis: String,
    pub rc: String,
    pub ai: String,
}

impl CustomerForm {
    /// Reads a customer of a company in `country`. An individual carries no company
    /// identifiers.
    pub fn parse(&self, country: Country) -> Result<Customer, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = errors.check("kind", CustomerKind::parse(&self.kind));
        let legal_name = errors.check("legal_name", parse_legal_name(&self.legal_name));
        let legal_form = errors.check("legal_form", parse_legal_form(&self.legal_form));
        let address =
            AddressFields { street: &self.street, street2: &self.street2, postcode: &self.postcode, city: &self.city }
                .parse(&mut errors, "");
        let delivery_address = AddressFields {
            street: &self.delivery_street,
            street2: &self.delivery_street2,
            postcode: &self.delivery_postcode,
            city: &self.delivery_city,
        }
        .parse_optional(&mut errors, "delivery_");
        let email = errors.check("email", optional(&self.email, Email::parse));
        let terms = errors.check("payment_terms", optional(&self.payment_terms, |t| PaymentTerms::parse(t, country)));
        let ids = self.id_fields().parse(&mut errors, country);
        if kind == Some(CustomerKind::Individual) && ids.as_ref().is_some_and(|ids| *ids != LegalIds::empty(country)) {
            errors.add("kind", "individual-with-company-ids");
        }
        let customer = (|| {
            Some(Customer {
                kind: kind?,
                legal_name: legal_name?,
                legal_form: legal_form?,
                address: address?,
                delivery_address: delivery_address?,
                email: email?,
                terms: terms?,
                ids: ids?,
            })
        })();
        match customer {
            Some(customer) if errors.is_empty() => Ok(customer),
            _ => Err(errors),
        }
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

    /// What a refused form shows again.
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("kind", &self.kind),
            ("legal_name", &self.legal_name),
            ("legal_form", &self.legal_form),
            ("street", &self.street),
            ("street2", &self.street2),
            ("postcode", &self.postcode),
            ("city", &self.city),
            ("delivery_street", &self.delivery_street),
            ("delivery_street2", &self.delivery_street2),
            ("delivery_postcode", &self.delivery_postcode),
            ("delivery_city", &self.delivery_city),
            ("email", &self.email),
            ("payment_terms", &self.payment_terms),
            ("siren", &self.siren),
            ("siret", &self.siret),
            ("vat_number", &self.vat_number),
            ("nif", &self.nif),
            ("nis", &self.nis),
            ("rc", &self.rc),
            ("ai", &self.ai),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn business() -> CustomerForm {
        CustomerForm {
            kind: "business".into(),
            legal_name: "Boulangerie Martin SAS".into(),
            legal_form: "SAS".into(),
            street: "4 place Bellecour".into(),
            postcode: "69002".into(),
            city: "Lyon".into(),
            siren: "552 100 554".into(),
            ..CustomerForm::default()
        }
    }

    fn codes(form: &CustomerForm, country: Country) -> Vec<(String, String)> {
        form.parse(country).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_business_customer_parses_with_company_terms_by_default() {
        let customer = business().parse(Country::France).unwrap();
        assert_eq!(customer.kind, CustomerKind::Business);
        assert_eq!(customer.terms, None);
        assert_eq!(customer.delivery_address, None);
        assert!(matches!(customer.ids, LegalIds::France { siren: Some(_), siret: None, .. }));
    }

    #[test]
    fn an_individual_has_no_company_identifiers() {
        let form = CustomerForm { kind: "individual".into(), legal_form: String::new(), ..business() };
        assert_eq!(codes(&form, Country::France), [("kind".to_owned(), "individual-with-company-ids".to_owned())]);
        let form = CustomerForm { siren: String::new(), ..form };
        assert_eq!(form.parse(Country::France).map(|c| c.kind), Ok(CustomerKind::Individual));
    }

    #[test]
    fn bad_fields_are_all_reported() {
        let form = CustomerForm {
            kind: "friend".into(),
            delivery_city: "Villeurbanne".into(),
            email: "not an address".into(),
            payment_terms: "75".into(),
            siren: "552 100 555".into(),
            ..business()
        };
        let fields: Vec<String> = codes(&form, Country::France).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["kind", "delivery_street", "delivery_postcode", "email", "payment_terms", "siren"].map(str::to_owned)
        );
        assert_eq!(CustomerKind::ALL.map(|k| CustomerKind::parse(k.as_str())), CustomerKind::ALL.map(Ok));
    }
}
