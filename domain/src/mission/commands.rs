//! What the mission forms send, and what each parses into.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::state::{Action, Priority};
use super::views::MissionDetails;
use crate::bounds::parse_unit_price;
use crate::company::parse_phone;
use crate::error::{ValidationErrors, bounded_text};
use crate::format::{iso_day, plain_decimal, time};
use crate::input::{optional, optional_text, parse_day, parse_id};
use crate::party::{AddressFields, PostalAddress};
use crate::timesheet::span::{ClockTime, instant, parse_duration};

pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_REFERENCE: usize = 64;
/// A blockage's reason, a cancellation's, a completion report.
pub const MAX_NOTE: usize = 2000;
const MAX_CALLER: usize = 120;

/// Who called for an emergency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub name: String,
    pub phone: Option<String>,
}

/// A mission to create (planned, or an emergency request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMission {
    pub customer: String,
    pub title: String,
    pub description: Option<String>,
    /// None: the customer's address (its delivery address when it has one).
    pub address: Option<PostalAddress>,
    pub site: String,
    pub priority: Priority,
    /// UTC epoch ms.
    pub planned_start: Option<i64>,
    pub planned_minutes: Option<u32>,
    pub technician: Option<String>,
    pub customer_reference: Option<String>,
    pub hourly_rate_minor: Option<i64>,
    pub caller: Option<Caller>,
}

/// What a mission's edit changes. `address` None: the customer's; `priority` None: unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionChanges {
    pub title: String,
    pub description: Option<String>,
    pub address: Option<PostalAddress>,
    pub priority: Option<Priority>,
    pub planned_start: Option<i64>,
    pub planned_minutes: Option<u32>,
    pub customer_reference: Option<String>,
    pub hourly_rate_minor: Option<i64>,
}

/// The form of a planned mission, and of a mission's edit (without customer, site, technician).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MissionForm {
    pub customer: String,
    pub title: String,
    pub description: String,
    pub street: String,
    pub street2: String,
    pub postcode: String,
    pub city: String,
    pub site: String,
    pub priority: String,
    pub planned_date: String,
    pub planned_time: String,
    pub planned_duration: String,
    pub technician: String,
    pub customer_reference: String,
    pub hourly_rate: String,
}

impl MissionForm {
    /// Reads a planned mission; its planned day and time are the company's (`zone`).
    pub fn parse(&self, zone: Tz) -> Result<NewMission, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let common = Common::parse(&mut errors, &self.common());
        let priority = errors.check("priority", planned_priority(&self.priority));
        let (planned_start, planned_minutes) = self.schedule(&mut errors, zone);
        let technician = errors.check("technician", optional(&self.technician, parse_id));
        let (customer_reference, hourly_rate_minor) = self.terms(&mut errors);
        let mission = (|| {
            let c = common?;
            Some(NewMission {
                customer: c.customer,
                title: c.title,
                description: c.description,
                address: c.address,
                site: c.site,
                priority: priority?,
                planned_start: planned_start?,
                planned_minutes: planned_minutes?,
                technician: technician?,
                customer_reference: customer_reference?,
                hourly_rate_minor: hourly_rate_minor?,
                caller: None,
            })
        })();
        match mission {
            Some(m) if errors.is_empty() => Ok(m),
            _ => Err(errors),
        }
    }

    /// Reads the edit of a mission: what it is, where, when, on which terms. Its customer,
    /// site and technicians are not on that form. An empty priority keeps the mission's (an
    /// emergency's, which the form does not offer).
    pub fn parse_changes(&self, zone: Tz) -> Result<MissionChanges, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = errors.check("title", bounded_text(&self.title, MAX_TITLE));
        let description = errors.check("description", optional_text(&self.description, MAX_DESCRIPTION));
        let address = self.address().parse_optional(&mut errors, "");
        let priority = errors.check("priority", optional(&self.priority, planned_priority));
        let (planned_start, planned_minutes) = self.schedule(&mut errors, zone);
        let (customer_reference, hourly_rate_minor) = self.terms(&mut errors);
        let changes = (|| {
            Some(MissionChanges {
                title: title?,
                description: description?,
                address: address?,
                priority: priority?,
                planned_start: planned_start?,
                planned_minutes: planned_minutes?,
                customer_reference: customer_reference?,
                hourly_rate_minor: hourly_rate_minor?,
            })
        })();
        match changes {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(errors),
        }
    }

    /// The edit form of a mission as it stands (`point`: the language's decimal separator).
    pub fn of(d: &MissionDetails, point: char) -> Self {
        let day = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).map(|t| iso_day(t.date_naive()));
        Self {
            customer: d.customer_id.clone(),
            title: d.title.clone(),
            description: d.description.clone().unwrap_or_default(),
            street: d.address.street.clone(),
            street2: d.address.street2.clone().unwrap_or_default(),
            postcode: d.address.postcode.clone(),
            city: d.address.city.clone(),
            site: d.site_id.clone(),
            priority: d.priority.as_str().to_owned(),
            planned_date: d.planned_local_ms.and_then(day).unwrap_or_default(),
            planned_time: d.planned_local_ms.map(time).unwrap_or_default(),
            planned_duration: d.planned_minutes.map(|m| format!("{}:{:02}", m / 60, m % 60)).unwrap_or_default(),
            technician: String::new(),
            customer_reference: d.customer_reference.clone().unwrap_or_default(),
            hourly_rate: d.hourly_rate_minor.map(|r| plain_decimal(r, 2, point, false)).unwrap_or_default(),
        }
    }

    /// The planned start (a day, and a time that defaults to the morning) and duration.
    fn schedule(&self, errors: &mut ValidationErrors, zone: Tz) -> (Option<Option<i64>>, Option<Option<u32>>) {
        let day = errors.check("planned_date", optional(&self.planned_date, parse_day));
        let time = errors.check("planned_time", optional(&self.planned_time, ClockTime::parse));
        let start = match (day, time) {
            (Some(Some(day)), Some(time)) => {
                errors.check("planned_time", instant(zone, day, time.unwrap_or(ClockTime::MORNING))).map(Some)
            }
            (Some(None), Some(Some(_))) => {
                errors.add("planned_date", "required");
                None
            }
            (Some(None), Some(None)) => Some(None),
            _ => None,
        };
        let minutes = errors.check("planned_duration", optional(&self.planned_duration, parse_duration));
        (start, minutes)
    }

    /// The customer's reference and the mission's own hourly rate.
    fn terms(&self, errors: &mut ValidationErrors) -> (Option<Option<String>>, Option<Option<i64>>) {
        let reference = errors.check("customer_reference", optional_text(&self.customer_reference, MAX_REFERENCE));
        let rate = errors.check("hourly_rate", optional(&self.hourly_rate, parse_unit_price));
        (reference, rate)
    }

    fn address(&self) -> AddressFields<'_> {
        AddressFields { street: &self.street, street2: &self.street2, postcode: &self.postcode, city: &self.city }
    }

    fn common(&self) -> CommonFields<'_> {
        CommonFields {
            customer: &self.customer,
            title: &self.title,
            description: &self.description,
            address: self.address(),
            site: &self.site,
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        let mut values = self.common().values();
        values.extend([
            ("priority", self.priority.as_str()),
            ("planned_date", &self.planned_date),
            ("planned_time", &self.planned_time),
            ("planned_duration", &self.planned_duration),
            ("technician", &self.technician),
            ("customer_reference", &self.customer_reference),
            ("hourly_rate", &self.hourly_rate),
        ]);
        values
    }
}

/// A priority a form may set: an emergency is recorded as such, with its caller.
fn planned_priority(text: &str) -> Result<Priority, &'static str> {
    Priority::parse(text).and_then(|p| if p == Priority::Emergency { Err("invalid-priority") } else { Ok(p) })
}

/// An urgent request, recorded while the customer is on the phone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmergencyForm {
    pub customer: String,
    pub caller_name: String,
    pub caller_phone: String,
    pub title: String,
    pub description: String,
    pub street: String,
    pub street2: String,
    pub postcode: String,
    pub city: String,
    pub site: String,
    pub technician: String,
}

impl EmergencyForm {
    pub fn parse(&self) -> Result<NewMission, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let common = Common::parse(&mut errors, &self.common());
        let name = errors.check("caller_name", bounded_text(&self.caller_name, MAX_CALLER));
        let phone = errors.check("caller_phone", optional(&self.caller_phone, parse_phone));
        let technician = errors.check("technician", optional(&self.technician, parse_id));
        let mission = (|| {
            let c = common?;
            Some(NewMission {
                customer: c.customer,
                title: c.title,
                description: c.description,
                address: c.address,
                site: c.site,
                priority: Priority::Emergency,
                planned_start: None,
                planned_minutes: None,
                technician: technician?,
                customer_reference: None,
                hourly_rate_minor: None,
                caller: Some(Caller { name: name?, phone: phone? }),
            })
        })();
        match mission {
            Some(m) if errors.is_empty() => Ok(m),
            _ => Err(errors),
        }
    }

    fn common(&self) -> CommonFields<'_> {
        CommonFields {
            customer: &self.customer,
            title: &self.title,
            description: &self.description,
            address: AddressFields {
                street: &self.street,
                street2: &self.street2,
                postcode: &self.postcode,
                city: &self.city,
            },
            site: &self.site,
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        let mut values = self.common().values();
        values.extend([
            ("caller_name", self.caller_name.as_str()),
            ("caller_phone", &self.caller_phone),
            ("technician", &self.technician),
        ]);
        values
    }
}

/// The fields both forms share.
struct CommonFields<'a> {
    customer: &'a str,
    title: &'a str,
    description: &'a str,
    address: AddressFields<'a>,
    site: &'a str,
}

impl<'a> CommonFields<'a> {
    fn values(&self) -> Vec<(&'static str, &'a str)> {
        vec![
            ("customer", self.customer),
            ("title", self.title),
            ("description", self.description),
            ("street", self.address.street),
            ("street2", self.address.street2),
            ("postcode", self.address.postcode),
            ("city", self.address.city),
            ("site", self.site),
        ]
    }
}

struct Common {
    customer: String,
    title: String,
    description: Option<String>,
    address: Option<PostalAddress>,
    site: String,
}

impl Common {
    fn parse(errors: &mut ValidationErrors, f: &CommonFields) -> Option<Self> {
        let customer = errors.check("customer", parse_id(f.customer));
        let title = errors.check("title", bounded_text(f.title, MAX_TITLE));
        let description = errors.check("description", optional_text(f.description, MAX_DESCRIPTION));
        let address = f.address.parse_optional(errors, "");
        let site = errors.check("site", parse_id(f.site));
        Some(Self { customer: customer?, title: title?, description: description?, address: address?, site: site? })
    }
}

/// A change of state asked for from a mission's page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransitionForm {
    pub mission: String,
    pub action: String,
    pub note: String,
}

impl TransitionForm {
    pub fn parse(&self) -> Result<(String, Action, Option<String>), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mission = errors.check("mission", parse_id(&self.mission));
        let action = errors.check("action", Action::parse(&self.action));
        let note = errors.check("note", optional_text(&self.note, MAX_NOTE));
        match (mission, action, note) {
            (Some(m), Some(a), Some(n)) => Ok((m, a, n)),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("note", &self.note)]
    }
}

/// Goods withdrawn from the mission's site for it: an article by its code, a quantity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartForm {
    pub mission: String,
    pub article: String,
    pub quantity: String,
}

impl PartForm {
    pub fn parse(&self) -> Result<(String, String, crate::Quantity), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mission = errors.check("mission", parse_id(&self.mission));
        let article = errors.check("article", bounded_text(&self.article, 32).map(|c| c.to_uppercase()));
        let quantity = errors.check("quantity", crate::Quantity::parse(&self.quantity));
        match (mission, article, quantity) {
            (Some(m), Some(a), Some(q)) => Ok((m, a, q)),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("article", &self.article), ("quantity", &self.quantity)]
    }
}

/// A technician added to a mission, or taken off it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub mission: String,
    pub technician: String,
}

impl AssignForm {
    pub fn parse(&self) -> Result<(String, String), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mission = errors.check("mission", parse_id(&self.mission));
        let technician = errors.check("technician", parse_id(&self.technician));
        match (mission, technician) {
            (Some(m), Some(t)) => Ok((m, t)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARIS: Tz = chrono_tz::Europe::Paris;

    fn planned() -> MissionForm {
        MissionForm {
            customer: "c1".into(),
            title: "Entretien chaudière".into(),
            site: "s1".into(),
            priority: "normal".into(),
            planned_date: "2026-12-03".into(),
            planned_time: "09:30".into(),
            planned_duration: "2h".into(),
            ..MissionForm::default()
        }
    }

    #[test]
    fn a_planned_mission_starts_at_the_company_time() {
        let m = planned().parse(PARIS).unwrap();
        // 09:30 in Paris in December is 08:30 UTC.
        assert_eq!(m.planned_start, Some(1_796_286_600_000));
        assert_eq!((m.planned_minutes, m.address, m.priority), (Some(120), None, Priority::Normal));
    }

    #[test]
    fn a_planned_mission_is_refused_with_every_reason() {
        let bad = MissionForm {
            title: " ".into(),
            priority: "emergency".into(),
            planned_date: String::new(),
            planned_duration: "-3".into(),
            street: "1 rue de la Paix".into(),
            hourly_rate: "abc".into(),
            ..planned()
        };
        let fields: Vec<_> = bad.parse(PARIS).unwrap_err().0.into_iter().map(|e| e.field).collect();
        for field in ["title", "priority", "planned_date", "planned_duration", "postcode", "city", "hourly_rate"] {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
    }

    #[test]
    fn an_edit_keeps_or_changes_the_priority_but_never_makes_an_emergency() {
        let edit = MissionForm { customer: String::new(), site: String::new(), priority: String::new(), ..planned() };
        let changes = edit.parse_changes(PARIS).unwrap();
        assert_eq!((changes.priority, changes.planned_minutes, changes.address), (None, Some(120), None));
        assert_eq!(changes.planned_start, Some(1_796_286_600_000));
        let urgent = MissionForm { priority: "emergency".into(), ..edit.clone() };
        assert_eq!(urgent.parse_changes(PARIS).unwrap_err().0[0].field, "priority");
        let bad = MissionForm { title: String::new(), planned_date: String::new(), city: "Lyon".into(), ..edit };
        let fields: Vec<_> = bad.parse_changes(PARIS).unwrap_err().0.into_iter().map(|e| e.field).collect();
        for field in ["title", "planned_date", "street", "postcode"] {
            assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
        }
    }

    #[test]
    fn an_emergency_names_its_caller() {
        let form = EmergencyForm {
            customer: "c1".into(),
            caller_name: "Mme Durand".into(),
            caller_phone: "+33 6 12 34 56 78".into(),
            title: "Fuite d'eau".into(),
            site: "s1".into(),
            ..EmergencyForm::default()
        };
        let m = form.parse().unwrap();
        assert_eq!(m.priority, Priority::Emergency);
        assert_eq!(m.caller.unwrap().phone.as_deref(), Some("+33 6 12 34 56 78"));
        let bad = EmergencyForm { caller_name: String::new(), caller_phone: "call me".into(), ..form };
        assert_eq!(bad.parse().unwrap_err().0.len(), 2);
    }

    #[test]
    fn a_transition_names_its_action() {
        let form = TransitionForm { mission: "m1".into(), action: "block".into(), note: " Pièce manquante ".into() };
        assert_eq!(form.parse().unwrap(), ("m1".into(), Action::Block, Some("Pièce manquante".into())));
        assert!(TransitionForm { action: "teleport".into(), ..form }.parse().is_err());
    }
}
