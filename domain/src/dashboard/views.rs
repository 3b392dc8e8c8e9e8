//! What the dashboards show. Every figure carries the list behind it where there is one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Board;
use super::periods::{AgeBucket, Span};
use crate::mission::state::MissionState;
use crate::{Currency, Flag, Severity};

/// A dashboard page: the board asked for, the others the reader may open, and its figures as
/// of a moment of the company's day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardPage {
    pub board: Board,
    pub boards: Vec<Board>,
    pub as_of_local_ms: i64,
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Figures {
    Operations(Operations),
    Finance(Finance),
    Platform(Platform),
}

/// A site's stock: its value at weighted average cost, and its levels under their minimum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteStock {
    pub id: String,
    pub code: String,
    pub name: String,
    pub value_minor: i64,
    pub critical: i64,
    pub low: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicianHours {
    pub name: String,
    pub minutes: i64,
    /// Of which approved (or already invoiced).
    pub approved_minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operations {
    pub currency: Currency,
    pub sites: Vec<SiteStock>,
    pub missions: Vec<(MissionState, i64)>,
    pub emergencies_waiting: i64,
    /// How long the oldest waiting emergency has waited, in minutes.
    pub longest_wait_minutes: Option<i64>,
    pub week_monday: NaiveDate,
    /// Every technician, those with no time this week too.
    pub hours: Vec<TechnicianHours>,
}

impl Operations {
    pub fn stock_value_minor(&self) -> i64 {
        self.sites.iter().fold(0_i64, |sum, s| sum.saturating_add(s.value_minor))
    }

    pub fn critical(&self) -> i64 {
        self.sites.iter().map(|s| s.critical).sum()
    }

    pub fn low(&self) -> i64 {
        self.sites.iter().map(|s| s.low).sum()
    }

    pub fn week_minutes(&self) -> i64 {
        self.hours.iter().map(|h| h.minutes).sum()
    }

    /// Missions still to be done (not finished, invoiced or cancelled).
    pub fn missions_open(&self) -> i64 {
        self.missions.iter().filter(|(state, _)| state.editable()).map(|(_, n)| n).sum()
    }
}

/// Invoices issued in a period, net of the credit notes issued in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoiced {
    pub span: Span,
    pub invoices: i64,
    pub net_minor: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receivable {
    pub bucket: AgeBucket,
    pub invoices: i64,
    pub due_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finance {
    pub currency: Currency,
    pub today: NaiveDate,
    pub this_month: Invoiced,
    pub last_month: Invoiced,
    /// The four age buckets, youngest first.
    pub receivables: Vec<Receivable>,
    pub overdue_invoices: i64,
    pub overdue_minor: i64,
    pub payments: i64,
    pub collected_minor: i64,
}

impl Finance {
    pub fn receivable_minor(&self) -> i64 {
        self.receivables.iter().fold(0_i64, |sum, r| sum.saturating_add(r.due_minor))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    /// Open alerts by severity, most severe first (every severity, zero included).
    pub alerts_open: Vec<(Severity, i64)>,
    /// Unusual stock activity in the last 24 hours, by severity.
    pub security_events: Vec<(Severity, i64)>,
    /// Failed sign-ins and second-factor codes of the company's members in the last 24 hours.
    pub sign_in_failures: i64,
    /// Members whose account is locked now.
    pub locked_accounts: i64,
    pub flags: Vec<(Flag, bool)>,
}
