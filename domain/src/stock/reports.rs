//! What the stock report pages show: alerts, reorder suggestions, valuation, lot trace,
//! expiring lots, anomalies, and imports. Built by `services::stock`.

use serde::{Deserialize, Serialize};

use super::anomaly::Anomaly;
use super::import::{ImportKind, ImportOutcome, ImportPhase, Report};
use super::movement::MovementKind;
use crate::{Currency, Severity};

/// A level needing attention, or to reorder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelAlert {
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub site_code: String,
    pub qty_milli: i64,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    /// What to order (reorder suggestions only).
    pub order_milli: i64,
    /// At the article's purchase price, when it has one and the figure is within the bounds.
    pub cost_minor: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alerts {
    pub critical: Vec<LevelAlert>,
    pub low: Vec<LevelAlert>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reorders {
    pub lines: Vec<LevelAlert>,
    /// The estimated cost of the lines that have one.
    pub total_minor: i64,
    pub currency: Currency,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueLine {
    pub key: String,
    pub label: String,
    pub lines: i64,
    pub value_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValuationView {
    pub by_site: Vec<ValueLine>,
    pub by_category: Vec<ValueLine>,
    pub total_minor: i64,
    pub currency: Currency,
}

/// A lot with its article and site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotLineView {
    pub id: String,
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry: Option<String>,
    pub remaining_milli: i64,
    /// Received from another site.
    pub transferred: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotMovementView {
    pub at_local_ms: i64,
    pub kind: MovementKind,
    pub site_code: String,
    pub article_code: String,
    pub qty_milli: i64,
    pub unit: String,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub who: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotTraceView {
    pub lots: Vec<LotLineView>,
    pub movements: Vec<LotMovementView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnomalyView {
    pub id: i64,
    pub at_local_ms: i64,
    pub severity: Severity,
    pub kind: Anomaly,
    pub who: String,
    pub article_id: Option<String>,
    pub article_code: Option<String>,
    pub site_code: Option<String>,
    pub before_milli: Option<i64>,
    pub after_milli: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anomalies {
    pub events: Vec<AnomalyView>,
    /// The `before` of the next (older) page.
    pub next: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastImport {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: Option<String>,
    pub row_count: i64,
    pub outcome: ImportOutcome,
    pub error_count: i64,
    pub who: String,
    pub at_local_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOverviewView {
    pub can_import: bool,
    /// Why the import feature is closed to this user, if it is (off, killed with its reason…).
    pub closed: Option<crate::governance::flags::Closed>,
    pub history: Vec<PastImport>,
}

/// An import's progress and, once done, its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgressView {
    pub kind: ImportKind,
    pub file_name: String,
    pub phase: ImportPhase,
    pub total: usize,
    pub done: usize,
    /// Once done.
    pub outcome: Option<ImportOutcome>,
    pub imported: usize,
    pub report: Report,
}
