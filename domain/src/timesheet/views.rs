//! What the time pages show: a technician's own week on a phone, and everyone's week for the
//! manager who approves it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::EntryStatus;

/// One time entry as a list shows it (times already in the company's local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLine {
    pub id: String,
    pub mission_id: String,
    pub mission_reference: String,
    pub mission_title: String,
    pub technician_id: String,
    pub technician: String,
    pub date: NaiveDate,
    pub start_local_ms: Option<i64>,
    pub end_local_ms: Option<i64>,
    pub break_minutes: u32,
    pub minutes: u32,
    pub note: Option<String>,
    pub status: EntryStatus,
    pub return_reason: Option<String>,
}

/// A mission a technician may record time against (the form's choices).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionChoice {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    pub entries: Vec<EntryLine>,
    pub minutes: u32,
}

/// A technician's own week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWeek {
    pub monday: NaiveDate,
    pub today: NaiveDate,
    pub days: Vec<Day>,
    pub minutes: u32,
    pub missions: Vec<MissionChoice>,
}

/// One technician's line of the team's week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicianWeek {
    pub id: String,
    pub name: String,
    pub entries: Vec<EntryLine>,
    pub minutes: u32,
    /// Entries waiting for approval.
    pub waiting: usize,
}

/// Everyone's week, for the manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamWeek {
    pub monday: NaiveDate,
    pub today: NaiveDate,
    pub technicians: Vec<TechnicianWeek>,
    pub can_approve: bool,
}

impl EntryLine {
    /// A manager may approve it or send it back.
    pub fn waits(&self) -> bool {
        self.status == EntryStatus::Recorded
    }

    /// Its technician may still correct or delete it.
    pub fn editable(&self) -> bool {
        !self.status.is_locked()
    }
}
