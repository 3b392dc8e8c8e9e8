//! What the mission pages show, and what the list is asked for.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::commands::Caller;
use super::state::{Action, MissionState, Note, Priority};
use crate::Currency;
use crate::error::ValidationErrors;
use crate::input::{MAX_FILTER, optional, optional_text, parse_cursor, parse_day, parse_id};
use crate::party::PostalAddress;
use crate::timesheet::views::EntryLine;

/// Missions a list page shows.
pub const PAGE_SIZE: i64 = 50;

/// How a mission is named to people: `M-00042`.
pub fn reference(number: i64) -> String {
    format!("M-{number:05}")
}

/// A member of the company, as a choice or a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionLine {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub customer: String,
    pub city: String,
    pub state: MissionState,
    pub priority: Priority,
    pub planned_local_ms: Option<i64>,
    pub technicians: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionListing {
    pub lines: Vec<MissionLine>,
    /// The `after` of the next page, when there is one.
    pub next: Option<i64>,
    pub can_create: bool,
    /// The technician filter's choices (empty for a technician, who sees only theirs).
    pub technicians: Vec<Person>,
}

/// One step of a mission's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// None: the mission's creation.
    pub from: Option<MissionState>,
    pub to: MissionState,
    pub note: Option<String>,
    pub actor: String,
    pub at_local_ms: i64,
}

/// A button of the mission's page, with the note its form asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub action: Action,
    pub note: Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionDetails {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub description: Option<String>,
    pub customer_id: String,
    pub customer: String,
    pub address: PostalAddress,
    pub site_id: String,
    pub site: String,
    pub priority: Priority,
    pub planned_local_ms: Option<i64>,
    pub planned_minutes: Option<u32>,
    pub customer_reference: Option<String>,
    pub hourly_rate_minor: Option<i64>,
    pub currency: Currency,
    pub caller: Option<Caller>,
    pub state: MissionState,
    pub state_since_local_ms: i64,
    /// Its invoice (a draft until issued), once there is one.
    pub invoice_id: Option<String>,
    pub technicians: Vec<Person>,
    pub timeline: Vec<Step>,
    pub offers: Vec<Offer>,
    /// May edit it, and add or take off technicians.
    pub can_assign: bool,
    /// The technicians who may be added.
    pub assignable: Vec<Person>,
    /// An emergency not yet accepted: minutes it has waited.
    pub waiting_minutes: Option<i64>,
    pub time: Vec<EntryLine>,
    pub time_minutes: u32,
    pub can_record_time: bool,
    pub parts: Vec<PartLine>,
    /// What the parts cost (their stock value when withdrawn).
    pub parts_cost_minor: i64,
    /// May withdraw parts for it from its site.
    pub can_withdraw: bool,
    /// May create its invoice draft (done, not invoiced yet).
    pub can_invoice: bool,
}

/// An article used on a mission: withdrawn, less what was put back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartLine {
    pub article_id: String,
    pub code: String,
    pub designation: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub cost_minor: i64,
    pub sale_price_minor: Option<i64>,
}

/// A mission on the planning board: when in the day, what, for whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedItem {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub customer: String,
    pub city: String,
    pub at_local_ms: i64,
    pub minutes: Option<u32>,
    pub state: MissionState,
    pub priority: Priority,
}

/// One line of the board: a technician (or nobody yet) and their missions, day by day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    /// None: missions no technician is on yet.
    pub technician: Option<Person>,
    /// Seven days, Monday first.
    pub days: Vec<Vec<PlannedItem>>,
}

/// The week board: technicians × days. A technician sees their own agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub monday: NaiveDate,
    pub today: NaiveDate,
    pub days: Vec<NaiveDate>,
    pub rows: Vec<BoardRow>,
}

/// What the mission forms offer to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionChoices {
    /// The first customers by name (a customer's page preselects its own).
    pub customers: Vec<Person>,
    pub sites: Vec<Person>,
    pub technicians: Vec<Person>,
    pub currency: Currency,
}

/// An emergency request nobody has accepted yet, for the top of the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emergency {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub customer: String,
    pub city: String,
    pub caller: Option<Caller>,
    pub since_local_ms: i64,
    pub waiting_minutes: i64,
}

/// The list's filters and paging cursor (the number of the last mission of the page before).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissionQuery {
    pub text: Option<String>,
    pub state: Option<MissionState>,
    pub technician: Option<String>,
    pub customer: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub after: Option<i64>,
}

/// The list's filters as the address carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MissionFilter {
    pub q: String,
    pub state: String,
    pub technician: String,
    pub customer: String,
    pub from: String,
    pub to: String,
    pub after: String,
}

impl MissionFilter {
    pub fn parse(&self) -> Result<MissionQuery, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text = errors.check("q", optional_text(&self.q, MAX_FILTER)).flatten();
        let state = errors.check("state", optional(&self.state, MissionState::parse)).flatten();
        let technician = errors.check("technician", optional(&self.technician, parse_id)).flatten();
        let customer = errors.check("customer", optional(&self.customer, parse_id)).flatten();
        let from = errors.check("from", optional(&self.from, parse_day)).flatten();
        let to = errors.check("to", optional(&self.to, parse_day)).flatten();
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.add("to", "period-reversed");
        }
        let after = match parse_cursor("after", Some(&self.after)) {
            Ok(after) => after,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        errors.into_result().map(|()| MissionQuery {
            text: text.map(|t| t.to_lowercase()),
            state,
            technician,
            customer,
            from,
            to,
            after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked() {
        let filter =
            MissionFilter { q: " Pompe ".into(), state: "blocked".into(), after: "40".into(), ..Default::default() };
        let query = filter.parse().unwrap();
        assert_eq!(
            (query.text.as_deref(), query.state, query.after),
            (Some("pompe"), Some(MissionState::Blocked), Some(40))
        );
        let bad = MissionFilter {
            state: "lost".into(),
            technician: "x' OR 1=1".into(),
            from: "2026-12-05".into(),
            to: "2026-12-01".into(),
            after: "-1".into(),
            ..Default::default()
        };
        assert_eq!(bad.parse().unwrap_err().0.len(), 4);
        assert_eq!(reference(42), "M-00042");
    }
}
