//! Personal data (GDPR): everything a company holds about a person, exported as one JSON file,
//! and the erasure of a departed member or of a customer contact. Erasure replaces personal
//! fields and keeps every link and everything the law keeps: the audit log, issued invoices
//! (they carry the customer's legal identity), stock movements and time entries under their
//! opaque user ids.

use serde::{Deserialize, Serialize};

use crate::customer::{Customer, CustomerKind};
use crate::error::ValidationErrors;
use crate::input::{MAX_FILTER, optional_text, parse_id};
use crate::role::Role;

/// Where an admin downloads a member's export (`{id}`: the member's user id).
pub const MEMBER_EXPORT_PATH: &str = "/governance/personal-data/members/{id}/export.json";

/// The address of one member's export.
pub fn member_export_url(user_id: &str) -> String {
    MEMBER_EXPORT_PATH.replace("{id}", user_id)
}

/// The export's format, written in the file so that whoever reads it knows what it holds.
pub const EXPORT_FORMAT: &str = "atelier-personal-data/1";

/// What replaces an erased street: the postcode and city stay (they place the work, not the
/// person).
pub const ERASED_STREET: &str = "-";

/// What replaces an erased name: language-neutral, like every stored value, and naming the
/// record, so that two erased people stay two.
pub fn anonymised_name(id: &str) -> String {
    format!("anonymised-{}", short_id(id))
}

/// The first eight letters and digits of a record's id, in lower case: enough to tell records
/// apart in a name, never enough to find one by guessing.
pub fn short_id(id: &str) -> String {
    id.chars().filter(char::is_ascii_alphanumeric).take(8).collect::<String>().to_lowercase()
}

/// What replaces an erased member's e-mail: unique, and in `.invalid` (RFC 2606), which no
/// mail server delivers. The control database checks the same form.
pub fn anonymised_email(user_id: &str) -> String {
    format!("anonymised-{}@invalid", user_id.to_lowercase())
}

/// A member, as the company's erasure rule sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    /// The admin asking is this member.
    pub is_self: bool,
    pub anonymised: bool,
    /// Other companies the account belongs to.
    pub other_companies: i64,
}

/// Why an erasure is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErasureRefusal {
    AlreadyAnonymised,
    /// An admin's own account (another admin, or the operator, erases it).
    OwnAccount,
    /// An account another company shares: the platform operator's to erase.
    SharedAccount,
    /// A customer with invoice drafts: issuing one would print the erased identity.
    CustomerDrafts,
    /// A customer with missions neither invoiced nor cancelled: the work needs its address.
    CustomerMissions,
}

impl ErasureRefusal {
    pub const ALL: [Self; 5] =
        [Self::AlreadyAnonymised, Self::OwnAccount, Self::SharedAccount, Self::CustomerDrafts, Self::CustomerMissions];

    /// The error code of the refusal.
    pub fn code(self) -> &'static str {
        match self {
            Self::AlreadyAnonymised => "personal-data-already-anonymised",
            Self::OwnAccount => "personal-data-self",
            Self::SharedAccount => "member-shared-account",
            Self::CustomerDrafts => "personal-data-customer-drafts",
            Self::CustomerMissions => "personal-data-customer-missions",
        }
    }

    /// The Fluent key of what the page says beside a member it offers no erasure of.
    pub fn why_key(self) -> &'static str {
        match self {
            Self::OwnAccount => "personal-data-why-self",
            Self::SharedAccount => "personal-data-why-shared",
            _ => "personal-data-anonymised",
        }
    }
}

/// Whether a company's admin may erase this member; else why not. An account shared with
/// another company is the platform operator's to erase (`atelier personal-data anonymise`),
/// so that one company never erases what another still needs.
pub fn member_erasable(facts: MemberFacts) -> Result<(), ErasureRefusal> {
    if facts.anonymised {
        Err(ErasureRefusal::AlreadyAnonymised)
    } else if facts.is_self {
        Err(ErasureRefusal::OwnAccount)
    } else if facts.other_companies > 0 {
        Err(ErasureRefusal::SharedAccount)
    } else {
        Ok(())
    }
}

/// A customer, as its erasure rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CustomerFacts {
    pub anonymised: bool,
    /// Invoice drafts for it: issuing one would print the erased identity.
    pub drafts: i64,
    /// Missions neither invoiced nor cancelled: the work still needs its address and caller.
    pub open_missions: i64,
}

pub fn customer_erasable(facts: CustomerFacts) -> Result<(), ErasureRefusal> {
    if facts.anonymised {
        Err(ErasureRefusal::AlreadyAnonymised)
    } else if facts.drafts > 0 {
        Err(ErasureRefusal::CustomerDrafts)
    } else if facts.open_missions > 0 {
        Err(ErasureRefusal::CustomerMissions)
    } else {
        Ok(())
    }
}

/// The customer once erased. An individual is a person: name, street, delivery address and
/// e-mail go. A business keeps its legal identity (a company's, not a person's) and loses its
/// contact e-mail.
pub fn erased_customer(customer: &Customer, id: &str) -> Customer {
    let mut erased = customer.clone();
    erased.email = None;
    if customer.kind == CustomerKind::Individual {
        erased.legal_name = anonymised_name(id);
        erased.address.street = ERASED_STREET.to_owned();
        erased.address.street2 = None;
        erased.delivery_address = None;
    }
    erased
}

/// A mission's caller once erased: a name, when there was one, becomes the mission's marker
/// (an emergency must name its caller); the phone goes.
pub fn erased_caller(name: Option<&str>, mission_id: &str) -> Option<String> {
    name.map(|_| anonymised_name(mission_id))
}

/// An erasure asked for: whom (a member's or a customer's id), and the admin's confirmation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureForm {
    #[serde(default)]
    pub id: String,
    /// `on` when the box saying it cannot be undone is ticked.
    #[serde(default)]
    pub confirm: String,
}

impl ErasureForm {
    /// The id to erase, confirmed.
    pub fn parse(&self) -> Result<String, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let id = errors.check("id", parse_id(&self.id));
        if self.confirm.trim() != "on" {
            errors.add("confirm", "personal-data-confirm-required");
        }
        errors.into_result()?;
        Ok(id.unwrap_or_default())
    }
}

/// The customers' search of the page: part of a name, a city or an e-mail.
pub fn parse_search(raw: Option<&str>) -> Result<Option<String>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let search = errors.check("q", optional_text(raw.unwrap_or_default(), MAX_FILTER)).flatten();
    errors.into_result().map(|()| search)
}

/// A member as the page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub anonymised: bool,
    /// Why the company's admin may not erase them, if so.
    pub not_erasable: Option<ErasureRefusal>,
}

/// A customer as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerLine {
    pub id: String,
    pub name: String,
    pub kind: CustomerKind,
    pub city: String,
    pub email: Option<String>,
    pub anonymised: bool,
}

/// The personal data page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDataPage {
    pub members: Vec<MemberLine>,
    /// The customers matching the search (none listed before a search).
    pub customers: Vec<CustomerLine>,
    pub search: Option<String>,
    /// More customers match than are listed.
    pub more_customers: bool,
    /// The viewer may export and erase (auditors read the page only).
    pub can_manage: bool,
}

/// Customers a search lists at most.
pub const CUSTOMERS_LISTED: i64 = 50;

#[cfg(test)]
mod tests;
