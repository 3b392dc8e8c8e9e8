//! Retention: how long the law keeps each kind of data a company holds (France and Algeria),
//! how old what it holds is (active, archive, past its retention), and which kinds a purge may
//! delete. The periods of accounting records run from the close of their year (the fiscal year
//! is the calendar year here); the others from the record's own date.
//!
//! Most of what the law keeps is also history Atelier never deletes, whatever its age: the
//! invoices and payments are links of the ledger's hash chain, stock levels are the sum of the
//! movements (which name their lots), and the audit log is a hash chain. A purge deletes the
//! kinds that are neither: ended sessions and security events.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;

/// Where a retention period starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunsFrom {
    /// The close of the record's year: `10 ans à compter de la clôture de l'exercice`.
    YearEnd,
    /// The record's own date (for a session, its end).
    RecordDate,
}

/// Why Atelier never deletes a kind of data, whatever its age.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeptBecause {
    /// Invoices and payments are links of the ledger's hash chain: archive them with the
    /// ledger export instead.
    LedgerChain,
    /// Stock levels and lots are the sum of the movements.
    StockHistory,
    /// A lot is named by the movements that received and used it (kept 10 years).
    LotMovements,
    /// Each audit entry holds the hash of the one before it.
    AuditChain,
}

impl KeptBecause {
    /// The error code of a refused purge, and the key of its explanation.
    pub fn code(self) -> &'static str {
        match self {
            Self::LedgerChain => "retention-kept-ledger-chain",
            Self::StockHistory => "retention-kept-stock-history",
            Self::LotMovements => "retention-kept-lot-movements",
            Self::AuditChain => "retention-kept-audit-chain",
        }
    }
}

/// What a purge does with a kind of data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Handling {
    /// Deleted, once past its retention.
    Purged,
    /// Never deleted.
    Kept(KeptBecause),
    /// This product holds no such data.
    NotHeld,
}

macro_rules! data_types {
    ($($variant:ident => $key:literal, $years:expr, $runs_from:ident, $handling:expr, $active_months:expr;)*) => {
        /// A kind of data of the retention table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DataType {
            $($variant,)*
        }

        impl DataType {
            pub const ALL: &'static [DataType] = &[$(Self::$variant,)*];

            /// The stable name: the form's value, the REST body's `entityType`, the audit detail's.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)* }
            }

            /// How many years the law keeps it.
            pub fn years(self) -> u32 {
                match self { $(Self::$variant => $years,)* }
            }

            pub fn runs_from(self) -> RunsFrom {
                match self { $(Self::$variant => RunsFrom::$runs_from,)* }
            }

            pub fn handling(self) -> Handling {
                match self { $(Self::$variant => $handling,)* }
            }

            /// How far back a record still counts as active (in current use); 0 for what is
            /// active until its own date (a session until it ends).
            pub fn active_months(self) -> u32 {
                match self { $(Self::$variant => $active_months,)* }
            }
        }
    };
}

use Handling::{Kept, NotHeld, Purged};
use KeptBecause::{AuditChain, LedgerChain, LotMovements, StockHistory};

// The table of the governance seed: its kinds, periods and starting points; the legal basis of
// each, in France and in Algeria, is text (locales/*/retention.ftl).
data_types! {
    Invoices => "invoices", 10, YearEnd, Kept(LedgerChain), 12;
    Payments => "payments", 10, YearEnd, Kept(LedgerChain), 12;
    StockMovements => "stock_movements", 10, YearEnd, Kept(StockHistory), 12;
    Receipts => "receipts", 10, YearEnd, Kept(StockHistory), 12;
    AuditLogs => "audit_logs", 10, YearEnd, Kept(AuditChain), 12;
    SecurityLogs => "security_logs", 5, RecordDate, Purged, 12;
    Deliveries => "deliveries", 5, RecordDate, NotHeld, 12;
    Lots => "lots", 5, RecordDate, Kept(LotMovements), 12;
    SessionTokens => "session_tokens", 1, RecordDate, Purged, 0;
    SyncEvents => "sync_events", 1, RecordDate, NotHeld, 12;
}

impl DataType {
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.key() == key.trim())
    }

    /// Its key in text: `retention-type-session-tokens`, `retention-basis-fr-…`.
    pub fn text_key(self) -> String {
        self.key().replace('_', "-")
    }

    /// Where its age is cut, at `now_ms`.
    pub fn cutoffs(self, now_ms: i64) -> Cutoffs {
        let today = day_of(now_ms);
        let boundary = match self.runs_from() {
            // A record of year Y is kept until the end of year Y + years.
            RunsFrom::YearEnd => NaiveDate::from_ymd_opt(today.year() - self.years() as i32, 1, 1),
            RunsFrom::RecordDate => today.checked_sub_months(Months::new(12 * self.years())),
        };
        // A day's margin: dates are cut at midnight UTC, and a record of the first local hours
        // of a day (France and Algeria are ahead of UTC) must never be purged early.
        let eligible_before = boundary.and_then(|d| d.checked_sub_days(Days::new(1))).unwrap_or(NaiveDate::MIN);
        let active_from_ms = match self.active_months() {
            0 => now_ms,
            months => today.checked_sub_months(Months::new(months)).map_or(i64::MIN, midnight_ms),
        };
        Cutoffs { active_from_ms, eligible_before, eligible_before_ms: midnight_ms(eligible_before) }
    }

    /// How old a record dated `record_ms` is, at `now_ms`.
    pub fn band(self, record_ms: i64, now_ms: i64) -> Band {
        self.cutoffs(now_ms).band(record_ms)
    }
}

/// Where a kind of data's age is cut at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cutoffs {
    /// Records from this moment on are active.
    pub active_from_ms: i64,
    /// Records before this day (UTC) are past their retention.
    pub eligible_before: NaiveDate,
    pub eligible_before_ms: i64,
}

impl Cutoffs {
    pub fn band(&self, record_ms: i64) -> Band {
        if record_ms < self.eligible_before_ms {
            Band::Eligible
        } else if record_ms >= self.active_from_ms {
            Band::Active
        } else {
            Band::Archive
        }
    }

    /// The same cut for records dated by day (`YYYY-MM-DD`): the first active day and the first
    /// day still kept.
    pub fn days(&self) -> (String, String) {
        (day_of(self.active_from_ms).to_string(), self.eligible_before.to_string())
    }
}

/// How old a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Band {
    /// In current use (of the last twelve months, or a session not yet ended).
    Active,
    /// No longer in use, still under its retention.
    Archive,
    /// Past its retention.
    Eligible,
}

fn day_of(ms: i64) -> NaiveDate {
    DateTime::from_timestamp_millis(ms).map_or(NaiveDate::MIN, |t| t.date_naive())
}

fn midnight_ms(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).map_or(i64::MIN, |t| t.and_utc().timestamp_millis())
}

/// What a company holds of one kind, by age.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeCounts {
    pub active: i64,
    pub archive: i64,
    pub eligible: i64,
    /// The oldest and newest record's date, local time.
    pub oldest_local_ms: Option<i64>,
    pub newest_local_ms: Option<i64>,
}

impl AgeCounts {
    /// From the counts of active and eligible records among `total` (the rest is archive).
    pub fn new(
        active: i64,
        eligible: i64,
        total: i64,
        oldest_local_ms: Option<i64>,
        newest_local_ms: Option<i64>,
    ) -> Self {
        Self { active, archive: total - active - eligible, eligible, oldest_local_ms, newest_local_ms }
    }

    pub fn total(&self) -> i64 {
        self.active + self.archive + self.eligible
    }
}

/// One line of the retention table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    pub data_type: DataType,
    /// None when the product holds no such data.
    pub counts: Option<AgeCounts>,
}

/// What a purge of one kind would delete now (a dry run), or why it is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DryRun {
    pub data_type: DataType,
    /// Records before this day are past their retention.
    pub eligible_before: NaiveDate,
    pub rows: i64,
    pub oldest_local_ms: Option<i64>,
    pub newest_local_ms: Option<i64>,
    /// Set when a purge of this kind is refused (kept, or not held): the error code.
    pub refused: Option<String>,
}

/// Where a purge stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PurgeStatus {
    Running,
    Done,
    Failed,
    /// Its server stopped mid-way: what its batches deleted is gone, the rest is still there
    /// and a new purge takes it.
    Interrupted,
}

/// A running purge whose batches stopped this long ago was interrupted.
pub const PURGE_STALE_MS: i64 = 5 * 60_000;

/// Rows a purge deletes per transaction: short enough not to hold the company's writers up.
pub const PURGE_BATCH: i64 = 1000;

impl PurgeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }

    /// What a stored status means at `now_ms`, given when its last batch ended.
    pub fn of(stored: &str, heartbeat_ms: i64, now_ms: i64) -> Option<Self> {
        match stored {
            "running" if now_ms - heartbeat_ms > PURGE_STALE_MS => Some(Self::Interrupted),
            "running" => Some(Self::Running),
            "done" => Some(Self::Done),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// A purge as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeView {
    pub id: String,
    pub data_type: DataType,
    pub status: PurgeStatus,
    pub eligible_before: NaiveDate,
    /// Rows past retention when it started, and rows deleted so far.
    pub total: i64,
    pub done: i64,
    pub by: String,
    pub started_local_ms: i64,
    pub finished_local_ms: Option<i64>,
    /// The error code of a failed purge.
    pub error: Option<String>,
}

/// The retention page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPage {
    pub policies: Vec<PolicyView>,
    /// When the ages were counted (local time): at most a minute ago.
    pub counted_local_ms: i64,
    /// The dry run asked for, if any.
    pub dry_run: Option<DryRun>,
    /// The latest purges, newest first.
    pub purges: Vec<PurgeView>,
    /// The viewer may purge.
    pub can_purge: bool,
}

/// A purge asked for: the kind, and the admin's confirmation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeForm {
    #[serde(default)]
    pub data_type: String,
    /// `on` when the box saying the rows will be deleted for good is ticked.
    #[serde(default)]
    pub confirm: String,
}

impl PurgeForm {
    /// The kind to purge: one a purge deletes, confirmed.
    pub fn parse(&self) -> Result<DataType, ValidationErrors> {
        let data_type = purgeable(&self.data_type);
        let confirmed = self.confirm.trim() == "on";
        if let (Ok(data_type), true) = (data_type, confirmed) {
            return Ok(data_type);
        }
        let mut errors = ValidationErrors::new();
        if let Err(code) = data_type {
            errors.add("data_type", code);
        }
        if !confirmed {
            errors.add("confirm", "retention-confirm-required");
        }
        Err(errors)
    }
}

/// The kind named `key`, if a purge deletes it; else why not.
pub fn purgeable(key: &str) -> Result<DataType, &'static str> {
    let data_type = DataType::parse(key).ok_or("retention-unknown-type")?;
    match data_type.handling() {
        Purged => Ok(data_type),
        Kept(because) => Err(because.code()),
        NotHeld => Err("retention-not-held"),
    }
}

#[cfg(test)]
mod tests;
