//! Alert rules and the alerts they raise: a condition that lasts (an emergency nobody took for
//! five minutes, an invoice unpaid a week past its due date, a level gone critical) opens one
//! alert, addressed to the roles of its rule, which stays open until the condition ends.

pub mod due;
pub mod rules;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::Permission;

/// The conditions Atelier watches, one rule each per company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// An emergency still waiting for a technician (new or published).
    EmergencyPending,
    /// An invoice with something left to pay, past its due date.
    InvoiceOverdue,
    /// The same, much later: the rule that escalates.
    InvoiceLongOverdue,
    /// A level empty or under half its article's minimum.
    StockCritical,
    /// A mission blocked on site.
    MissionBlocked,
    /// Time entries recorded and neither approved nor returned.
    TimesheetsUnapproved,
}

/// How a rule's threshold is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Minutes,
    Days,
}

/// How often a rule's condition is looked at: a waiting emergency cannot wait an hour to be
/// noticed; an invoice a week overdue can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    EveryMinute,
    Hourly,
}

impl RuleKind {
    pub const ALL: [Self; 6] = [
        Self::EmergencyPending,
        Self::InvoiceOverdue,
        Self::InvoiceLongOverdue,
        Self::StockCritical,
        Self::MissionBlocked,
        Self::TimesheetsUnapproved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::EmergencyPending => "emergency-pending",
            Self::InvoiceOverdue => "invoice-overdue",
            Self::InvoiceLongOverdue => "invoice-long-overdue",
            Self::StockCritical => "stock-critical",
            Self::MissionBlocked => "mission-blocked",
            Self::TimesheetsUnapproved => "timesheets-unapproved",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim()).ok_or("invalid-alert-rule")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::EmergencyPending => "alert-rule-emergency-pending",
            Self::InvoiceOverdue => "alert-rule-invoice-overdue",
            Self::InvoiceLongOverdue => "alert-rule-invoice-long-overdue",
            Self::StockCritical => "alert-rule-stock-critical",
            Self::MissionBlocked => "alert-rule-mission-blocked",
            Self::TimesheetsUnapproved => "alert-rule-timesheets-unapproved",
        }
    }

    /// The unit of its threshold; None for a rule whose condition carries its own (a level is
    /// critical against its article's minimum).
    pub fn unit(self) -> Option<Unit> {
        match self {
            Self::EmergencyPending | Self::MissionBlocked => Some(Unit::Minutes),
            Self::InvoiceOverdue | Self::InvoiceLongOverdue | Self::TimesheetsUnapproved => Some(Unit::Days),
            Self::StockCritical => None,
        }
    }

    pub fn cadence(self) -> Cadence {
        match self.unit() {
            Some(Unit::Days) => Cadence::Hourly,
            Some(Unit::Minutes) | None => Cadence::EveryMinute,
        }
    }

    /// Who may read what an alert of this rule is about: an alert is shown to the roles of its
    /// rule only when they may also read its record.
    pub fn read_permission(self) -> Permission {
        match self {
            Self::EmergencyPending | Self::MissionBlocked => Permission::MissionsRead,
            Self::InvoiceOverdue | Self::InvoiceLongOverdue => Permission::InvoiceRead,
            Self::StockCritical => Permission::StockRead,
            Self::TimesheetsUnapproved => Permission::TimeRead,
        }
    }

    /// The page of the record an alert is about (`subject_id`: a mission's, an invoice's or an
    /// article's id; a technician's for timesheets, whose page is the team's time).
    pub fn href(self, subject_id: &str) -> String {
        match self {
            Self::EmergencyPending | Self::MissionBlocked => format!("/missions/{subject_id}"),
            Self::InvoiceOverdue | Self::InvoiceLongOverdue => format!("/invoices/issued/{subject_id}"),
            Self::StockCritical => match subject_id.split_once('@') {
                Some((article, _site)) => format!("/stock/articles/{article}"),
                None => format!("/stock/articles/{subject_id}"),
            },
            Self::TimesheetsUnapproved => "/missions/time/team".to_owned(),
        }
    }
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Days => "days",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        [Self::Minutes, Self::Days].into_iter().find(|u| u.as_str() == raw.trim()).ok_or("invalid-unit")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Minutes => "alert-unit-minutes",
            Self::Days => "alert-unit-days",
        }
    }

    /// The largest threshold a rule may have: a week of minutes, a year of days.
    pub fn max(self) -> u32 {
        match self {
            Self::Minutes => 7 * 24 * 60,
            Self::Days => 366,
        }
    }
}
