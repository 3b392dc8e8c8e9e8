//! The business event log: what matters to a company (an invoice issued, a payment received, an
//! emergency called in, a mission blocked, a level gone critical), each with its severity and
//! the record it concerns. Recorded by the change that causes it, never edited.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::input::{optional, parse_cursor, parse_day};
use crate::{Permission, Severity};

/// Events a page shows.
pub const PAGE_SIZE: i64 = 50;

/// The longest subject an event names (a reference and a name).
pub const MAX_SUBJECT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    InvoiceIssued,
    CreditNoteIssued,
    PaymentReceived,
    EmergencyCreated,
    MissionBlocked,
    StockCritical,
    ImportDone,
    FeatureTurnedOff,
}

/// What an event is about, which says where its page is and who may read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entity {
    Invoice,
    Mission,
    Article,
    StockImport,
    /// A feature of the company (its flag).
    Feature,
}

impl EventKind {
    pub const ALL: [Self; 8] = [
        Self::InvoiceIssued,
        Self::CreditNoteIssued,
        Self::PaymentReceived,
        Self::EmergencyCreated,
        Self::MissionBlocked,
        Self::StockCritical,
        Self::ImportDone,
        Self::FeatureTurnedOff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvoiceIssued => "invoice-issued",
            Self::CreditNoteIssued => "credit-note-issued",
            Self::PaymentReceived => "payment-received",
            Self::EmergencyCreated => "emergency-created",
            Self::MissionBlocked => "mission-blocked",
            Self::StockCritical => "stock-critical",
            Self::ImportDone => "import-done",
            Self::FeatureTurnedOff => "feature-turned-off",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim()).ok_or("invalid-event-kind")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::InvoiceIssued => "event-invoice-issued",
            Self::CreditNoteIssued => "event-credit-note-issued",
            Self::PaymentReceived => "event-payment-received",
            Self::EmergencyCreated => "event-emergency-created",
            Self::MissionBlocked => "event-mission-blocked",
            Self::StockCritical => "event-stock-critical",
            Self::ImportDone => "event-import-done",
            Self::FeatureTurnedOff => "event-feature-turned-off",
        }
    }

    /// How serious it is: money in is news, a customer waiting or a shelf empty is not.
    pub fn severity(self) -> Severity {
        match self {
            Self::InvoiceIssued | Self::CreditNoteIssued | Self::PaymentReceived | Self::ImportDone => Severity::Info,
            Self::MissionBlocked | Self::FeatureTurnedOff => Severity::Warning,
            Self::EmergencyCreated | Self::StockCritical => Severity::Critical,
        }
    }

    pub fn entity(self) -> Entity {
        match self {
            Self::InvoiceIssued | Self::CreditNoteIssued | Self::PaymentReceived => Entity::Invoice,
            Self::EmergencyCreated | Self::MissionBlocked => Entity::Mission,
            Self::StockCritical => Entity::Article,
            Self::ImportDone => Entity::StockImport,
            Self::FeatureTurnedOff => Entity::Feature,
        }
    }

    /// The kinds a holder of `allows` may read: those of the records they may read.
    pub fn readable(allows: impl Fn(Permission) -> bool) -> Vec<Self> {
        Self::ALL.into_iter().filter(|k| allows(k.entity().read_permission())).collect()
    }
}

impl Entity {
    pub fn read_permission(self) -> Permission {
        match self {
            Self::Invoice => Permission::InvoiceRead,
            Self::Mission => Permission::MissionsRead,
            Self::Article | Self::StockImport => Permission::StockRead,
            Self::Feature => Permission::GovernanceRead,
        }
    }

    /// The page of the record `id`.
    pub fn href(self, id: &str) -> String {
        match self {
            Self::Invoice => format!("/invoices/issued/{id}"),
            Self::Mission => format!("/missions/{id}"),
            Self::Article => format!("/stock/articles/{id}"),
            // The imports' history, and the console where features are governed.
            Self::StockImport => "/stock/import".to_owned(),
            Self::Feature => "/governance".to_owned(),
        }
    }
}

/// An event to record: its kind, the record it concerns and how people name it (an invoice's
/// number, a mission's reference and title, an article's code and site).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub entity_id: String,
    pub subject: String,
}

impl NewEvent {
    pub fn new(kind: EventKind, entity_id: &str, subject: &str) -> Self {
        Self { kind, entity_id: entity_id.to_owned(), subject: subject.chars().take(MAX_SUBJECT).collect() }
    }

    /// A mission's event names its reference and title.
    pub fn mission(kind: EventKind, id: &str, number: i64, title: &str) -> Self {
        Self::new(kind, id, &format!("{} · {title}", crate::mission::views::reference(number)))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    pub id: i64,
    pub at_local_ms: i64,
    pub kind: EventKind,
    pub severity: Severity,
    pub subject: String,
    pub href: String,
    /// Who caused it (empty for the server's own work).
    pub who: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventListing {
    pub lines: Vec<EventLine>,
    /// The cursor of the next (older) page.
    pub next: Option<i64>,
    /// The kinds this reader may filter on.
    pub kinds: Vec<EventKind>,
}

/// The events page's filters as the address carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    pub severity: String,
    pub kind: String,
    pub from: String,
    pub to: String,
    pub before: String,
}

/// What the events page asks for: newest first, before event `before`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventQuery {
    pub severity: Option<Severity>,
    pub kind: Option<EventKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub before: Option<i64>,
}

impl EventFilter {
    pub fn parse(&self) -> Result<EventQuery, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let severity = errors
            .check(
                "severity",
                optional(&self.severity, |s| {
                    Severity::ALL
                        .into_iter()
                        .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
                        .ok_or("invalid-severity")
                }),
            )
            .flatten();
        let kind = errors.check("kind", optional(&self.kind, EventKind::parse)).flatten();
        let from = errors.check("from", optional(&self.from, parse_day)).flatten();
        let to = errors.check("to", optional(&self.to, parse_day)).flatten();
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.add("to", "period-reversed");
        }
        let before = match parse_cursor("before", Some(&self.before)) {
            Ok(before) => before,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        errors.into_result().map(|()| EventQuery { severity, kind, from, to, before })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_name_their_record() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(EventKind::MissionBlocked.entity().href("m1"), "/missions/m1");
        assert_eq!(EventKind::StockCritical.severity(), Severity::Critical);
    }

    #[test]
    fn a_reader_sees_the_kinds_of_the_records_they_read() {
        let technician = EventKind::readable(|p| p == Permission::StockRead);
        assert_eq!(technician, [EventKind::StockCritical, EventKind::ImportDone]);
        let auditor = EventKind::readable(|p| p == Permission::GovernanceRead);
        assert_eq!(auditor, [EventKind::FeatureTurnedOff]);
        assert_eq!(EventKind::readable(|_| true).len(), EventKind::ALL.len());
    }

    #[test]
    fn filters_are_checked() {
        let filter = EventFilter {
            severity: "critical".into(),
            kind: "mission-blocked".into(),
            before: "9".into(),
            ..EventFilter::default()
        };
        let query = filter.parse().unwrap();
        assert_eq!(
            (query.severity, query.kind, query.before),
            (Some(Severity::Critical), Some(EventKind::MissionBlocked), Some(9))
        );
        let bad = EventFilter {
            severity: "loud".into(),
            kind: "x' OR 1=1".into(),
            from: "2026-12-05".into(),
            to: "2026-12-01".into(),
            before: "-3".into(),
        };
        let fields: Vec<_> = bad.parse().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["severity", "kind", "to", "before"]);
    }

    #[test]
    fn a_long_subject_is_cut_on_a_character() {
        let long = "é".repeat(300);
        assert_eq!(NewEvent::new(EventKind::MissionBlocked, "i1", &long).subject.chars().count(), MAX_SUBJECT);
    }
}
