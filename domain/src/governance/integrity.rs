//! The integrity check: what must hold in a company's records, recomputed from what they follow
//! from, and each place where it does not. The databases refuse almost all of these (triggers
//! and constraints on both backends); the check finds what got past them anyway: a trigger
//! dropped, SQLite's `ignore_check_constraints`, a database file edited by hand, a restore from a
//! damaged copy.

pub mod missions;
pub mod numbering;
pub mod time_entries;

use serde::{Deserialize, Serialize};

use super::retention::PurgeStatus;
use crate::money::Currency;

/// One thing the check recomputes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Each level (quantity and value) is the sum of its movements; none is below zero.
    StockLevels,
    /// Each lot's remaining quantity is the sum of its movements; none is below zero.
    StockLots,
    /// Each series of each fiscal year is numbered 1, 2, 3… up to its counter, once each.
    InvoiceNumbers,
    /// Each issued document's PDF is stored, and its SHA-256 is the one issued and chained.
    InvoicePdfs,
    /// The ledger's hash chain is unbroken up to its head.
    Ledger,
    /// The company's audit log chain is unbroken up to its head.
    AuditLog,
    /// Each mission's state is where its history leads, by allowed steps only.
    Missions,
    /// Each approved time entry is still what was approved.
    TimeEntries,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Self::StockLevels,
        Self::StockLots,
        Self::InvoiceNumbers,
        Self::InvoicePdfs,
        Self::Ledger,
        Self::AuditLog,
        Self::Missions,
        Self::TimeEntries,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::StockLevels => "stock-levels",
            Self::StockLots => "stock-lots",
            Self::InvoiceNumbers => "invoice-numbers",
            Self::InvoicePdfs => "invoice-pdfs",
            Self::Ledger => "ledger",
            Self::AuditLog => "audit-log",
            Self::Missions => "missions",
            Self::TimeEntries => "time-entries",
        }
    }

    /// The Fluent key of its name.
    pub fn label_key(self) -> String {
        format!("integrity-rule-{}", self.key())
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// A value a finding compares, formatted in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Figure {
    /// Thousandths of an article's unit.
    Quantity(i64),
    /// Minor units of the company's currency.
    Amount(i64),
    Count(i64),
    /// A code or a hash: the same in every language.
    Text(String),
    /// A mission's state, by its stored name (shown by its label).
    MissionState(String),
    /// The names of a record's fields (shown by their labels, `integrity-field-<name>`).
    Fields(Vec<String>),
    /// A time entry: its day (`YYYY-MM-DD`) and its mission's number.
    TimeEntry {
        day: String,
        mission: Option<i64>,
    },
    /// Nothing where something should be.
    Missing,
}

impl std::fmt::Display for Figure {
    /// The plain form, for the command line and logs (pages format by language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Quantity(milli) => f.write_str(&crate::format::plain_decimal(*milli, 3, '.', true)),
            Self::Amount(minor) => f.write_str(&crate::format::plain_decimal(*minor, 2, '.', false)),
            Self::Count(n) => write!(f, "{n}"),
            Self::Text(text) | Self::MissionState(text) => f.write_str(text),
            Self::Fields(names) => f.write_str(&names.join(", ")),
            Self::TimeEntry { day, mission: Some(number) } => write!(f, "{day} (mission {number})"),
            Self::TimeEntry { day, mission: None } => f.write_str(day),
            Self::Missing => f.write_str("(none)"),
        }
    }
}

impl From<String> for Figure {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&String> for Figure {
    fn from(text: &String) -> Self {
        Self::Text(text.clone())
    }
}

impl From<&str> for Figure {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

/// One place where a rule does not hold. `finding` names what is wrong (its explanation is
/// `integrity-finding-<finding>`); `subject` says where: codes and numbers that read the same in
/// every language (`VIS-M6 @ DEPOT`, `F-2026-00042`, `12`), or a state or a day shown in the
/// reader's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub finding: String,
    pub subject: Figure,
    pub expected: Figure,
    pub found: Figure,
}

impl Violation {
    pub fn new(finding: &str, subject: impl Into<Figure>, expected: Figure, found: Figure) -> Self {
        Self { finding: finding.to_owned(), subject: subject.into(), expected, found }
    }

    /// The Fluent key of its explanation.
    pub fn message_key(&self) -> String {
        format!("integrity-finding-{}", self.finding)
    }
}

/// At most this many violations of one rule are kept in a report (all are counted): a
/// thousand broken levels say the same as fifty, and a report stays small enough to store.
pub const SHOWN_PER_RULE: usize = 50;

/// What one rule found: how many records it went through, how many did not hold, the first ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutcome {
    pub rule: Rule,
    pub checked: i64,
    pub violations: i64,
    pub shown: Vec<Violation>,
}

impl RuleOutcome {
    pub fn new(rule: Rule) -> Self {
        Self { rule, checked: 0, violations: 0, shown: Vec::new() }
    }

    pub fn add(&mut self, violation: Violation) {
        self.violations += 1;
        if self.shown.len() < SHOWN_PER_RULE {
            self.shown.push(violation);
        }
    }

    pub fn holds(&self) -> bool {
        self.violations == 0
    }
}

/// A whole check of one company: every rule, in the order of `Rule::ALL`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub currency: Currency,
    pub rules: Vec<RuleOutcome>,
}

impl Report {
    pub fn violations(&self) -> i64 {
        self.rules.iter().map(|r| r.violations).sum()
    }

    pub fn holds(&self) -> bool {
        self.rules.iter().all(RuleOutcome::holds)
    }
}

/// A run of the check, as its page shows it. Runs share the purges' lifecycle: running (with a
/// heartbeat after each rule), done, failed, or interrupted when its server stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub id: String,
    pub status: PurgeStatus,
    /// Who asked: a member's name, or empty for the platform operator's command line.
    pub by: String,
    pub started_local_ms: i64,
    pub finished_local_ms: Option<i64>,
    pub rules_done: i64,
    /// The rule being checked while it runs.
    pub current: Option<Rule>,
    pub violations: i64,
    /// The whole report (the run's own page; lists leave it out).
    pub report: Option<Report>,
    /// The error code of a failed run.
    pub error: Option<String>,
}

impl RunView {
    pub fn rules_total(&self) -> i64 {
        Rule::ALL.len() as i64
    }
}

/// The integrity page: the latest runs, newest first. Whoever reads it may run a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrityPage {
    pub runs: Vec<RunView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_have_stable_keys_that_parse_back() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.key()), Some(rule));
            assert!(rule.label_key().starts_with("integrity-rule-"));
        }
        assert_eq!(Rule::parse("stock"), None);
        assert_eq!(serde_json::to_string(&Rule::InvoicePdfs).unwrap(), "\"invoice-pdfs\"");
    }

    #[test]
    fn an_outcome_counts_every_violation_and_keeps_the_first_ones() {
        let mut outcome = RuleOutcome::new(Rule::StockLevels);
        assert!(outcome.holds());
        for i in 0..(SHOWN_PER_RULE as i64 + 7) {
            outcome.add(Violation::new(
                "level-quantity",
                format!("A{i} @ S"),
                Figure::Quantity(i),
                Figure::Quantity(0),
            ));
        }
        assert_eq!(outcome.violations, SHOWN_PER_RULE as i64 + 7);
        assert_eq!(outcome.shown.len(), SHOWN_PER_RULE);
        assert_eq!(outcome.shown[0].subject.to_string(), "A0 @ S");
        let report = Report { currency: Currency::Eur, rules: vec![outcome, RuleOutcome::new(Rule::Ledger)] };
        assert_eq!(report.violations(), SHOWN_PER_RULE as i64 + 7);
        assert!(!report.holds());
    }

    #[test]
    fn figures_read_plainly_for_the_command_line() {
        assert_eq!(Figure::Quantity(12_500).to_string(), "12.5");
        assert_eq!(Figure::Amount(-1_205).to_string(), "-12.05");
        assert_eq!(Figure::Amount(5).to_string(), "0.05");
        assert_eq!(Figure::Amount(-5).to_string(), "-0.05");
        assert_eq!(Figure::Missing.to_string(), "(none)");
        let v = Violation::new("pdf-hash", "F-2026-00001", Figure::Text("ab".into()), Figure::Text("cd".into()));
        assert_eq!(v.message_key(), "integrity-finding-pdf-hash");
        let back: Violation = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(back, v);
    }
}
