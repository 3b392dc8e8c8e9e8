//! A company's security thresholds: when failed sign-ins lock an account, how many admin
//! actions, stock movements and bulk operations (CSV imports and exports) a minute or an hour
//! allows, which hours are unusual, which change of a stock level is large, and from how many
//! security events or failed sign-ins the security status warns. Each has its range; the
//! console edits them all at once.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::ValidationErrors;

/// How a threshold is typed and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Count,
    Minutes,
    Percent,
    /// A minute of the local day, typed `HH:MM`.
    TimeOfDay,
}

macro_rules! thresholds {
    ($($variant:ident / $field:ident => $key:literal, $range:expr, $default:expr, $unit:ident, $stored:expr;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Threshold {
            $($variant,)*
        }

        impl Threshold {
            pub const ALL: &'static [Threshold] = &[$(Self::$variant,)*];

            /// The stable name: the form's field, the REST body's key (in camel case) and the
            /// audit detail's.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)* }
            }

            pub fn range(self) -> RangeInclusive<i64> {
                match self { $(Self::$variant => $range,)* }
            }

            pub fn default_value(self) -> i64 {
                match self { $(Self::$variant => $default,)* }
            }

            pub fn unit(self) -> Unit {
                match self { $(Self::$variant => Unit::$unit,)* }
            }

            /// Its name in the company's `thresholds` table; None for the two sign-in ones,
            /// which the control database keeps (signing in reads no company's database).
            pub fn stored_as(self) -> Option<&'static str> {
                match self { $(Self::$variant => $stored,)* }
            }
        }

        /// Every threshold's value.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub struct SecurityThresholds {
            values: Vec<(Threshold, i64)>,
        }

        /// What an admin typed, one text per threshold.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct ThresholdsForm {
            $(#[serde(default)] pub $field: String,)*
        }

        impl ThresholdsForm {
            /// The text typed for `threshold`.
            pub fn get(&self, threshold: Threshold) -> &str {
                match threshold { $(Threshold::$variant => &self.$field,)* }
            }

            pub fn set(&mut self, threshold: Threshold, text: String) {
                match threshold { $(Threshold::$variant => self.$field = text,)* }
            }
        }
    };
}

// Ranges: a lockout under 3 attempts locks people out by typos alone and one over a day is an
// outage (as the sign-in rules always said); the rest keep a limit possible to reach and a
// warning possible to raise.
thresholds! {
    MaxSignInAttempts / max_sign_in_attempts_per_hour => "max_sign_in_attempts_per_hour", 3..=100, 10, Count, None;
    LockoutMinutes / lockout_minutes => "lockout_minutes", 1..=1440, 30, Minutes, None;
    MaxAdminActions / max_admin_actions_per_minute => "max_admin_actions_per_minute", 1..=1000, 30, Count, Some("admin_actions_per_minute");
    MaxStockMovements / max_stock_movements_per_minute => "max_stock_movements_per_minute", 1..=100_000, 50, Count, Some("stock_movements_per_minute");
    MaxBulkOperations / max_bulk_operations_per_hour => "max_bulk_operations_per_hour", 1..=1000, 20, Count, Some("bulk_operations_per_hour");
    UnusualHoursStart / unusual_hours_start => "unusual_hours_start", 0..=1439, 22 * 60, TimeOfDay, Some("stock_quiet_from_minute");
    UnusualHoursEnd / unusual_hours_end => "unusual_hours_end", 0..=1439, 5 * 60, TimeOfDay, Some("stock_quiet_until_minute");
    ValueChangePercent / value_change_percent => "value_change_percent", 1..=100_000, 50, Percent, Some("stock_change_pct");
    SecurityEventsAlert / security_events_alert => "security_events_alert", 1..=10_000, 10, Count, Some("security_events_alert");
    FailedSignInsAlert / failed_sign_ins_alert => "failed_sign_ins_alert", 1..=10_000, 5, Count, Some("failed_sign_ins_alert");
}

impl Default for SecurityThresholds {
    fn default() -> Self {
        Self { values: Threshold::ALL.iter().map(|t| (*t, t.default_value())).collect() }
    }
}

impl SecurityThresholds {
    pub fn get(&self, threshold: Threshold) -> i64 {
        self.values.iter().find(|(t, _)| *t == threshold).map_or(threshold.default_value(), |(_, v)| *v)
    }

    pub fn set(&mut self, threshold: Threshold, value: i64) {
        match self.values.iter_mut().find(|(t, _)| *t == threshold) {
            Some(slot) => slot.1 = value,
            None => self.values.push((threshold, value)),
        }
    }

    /// The form showing these values.
    pub fn form(&self) -> ThresholdsForm {
        let mut form = ThresholdsForm::default();
        for t in Threshold::ALL {
            form.set(*t, show(*t, self.get(*t)));
        }
        form
    }

    /// The thresholds whose value differs from `other`'s, with both values.
    pub fn changes_from(&self, other: &Self) -> Vec<(Threshold, i64, i64)> {
        Threshold::ALL
            .iter()
            .filter(|t| self.get(**t) != other.get(**t))
            .map(|t| (*t, other.get(*t), self.get(*t)))
            .collect()
    }
}

impl ThresholdsForm {
    /// Every threshold checked against its range, every problem reported at once.
    pub fn parse(&self) -> Result<SecurityThresholds, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut thresholds = SecurityThresholds::default();
        for t in Threshold::ALL {
            if let Some(value) = errors.check(t.key(), parse_value(*t, self.get(*t))) {
                thresholds.set(*t, value);
            }
        }
        errors.into_result().map(|()| thresholds)
    }
}

impl Threshold {
    /// Its name in the REST API's bodies: the key in camel case (`maxSignInAttemptsPerHour`).
    pub fn api_key(self) -> String {
        let mut words = self.key().split('_');
        let first = words.next().unwrap_or_default().to_owned();
        words.fold(first, |mut name, word| {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                name.push(c.to_ascii_uppercase());
                name.push_str(chars.as_str());
            }
            name
        })
    }

    pub fn of_api_key(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.api_key() == name)
    }
}

/// The form that changes `current` by the values a REST body gives (by API key, each a whole
/// number in its unit: a time of day in minutes after midnight). Every unknown name and every
/// value out of its range is reported, under the name given; a body changing nothing is refused.
pub fn changed_by(current: &SecurityThresholds, values: &[(String, i64)]) -> Result<ThresholdsForm, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if values.is_empty() {
        errors.add("thresholds", "required");
    }
    let mut changed = current.clone();
    for (name, value) in values {
        match Threshold::of_api_key(name) {
            None => errors.add(name, "unknown-threshold"),
            Some(t) if !t.range().contains(value) => errors.add(name, "out-of-range"),
            Some(t) => changed.set(t, *value),
        }
    }
    errors.into_result().map(|()| changed.form())
}

/// A value as the form shows it: `HH:MM` for a time of day, digits otherwise.
pub fn show(threshold: Threshold, value: i64) -> String {
    match threshold.unit() {
        Unit::TimeOfDay => format!("{:02}:{:02}", value / 60, value % 60),
        _ => value.to_string(),
    }
}

fn parse_value(threshold: Threshold, raw: &str) -> Result<i64, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("required");
    }
    let value = match threshold.unit() {
        Unit::TimeOfDay => {
            let (h, m) = raw.split_once(':').ok_or("invalid-time")?;
            let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            if !digits(h) || m.len() != 2 || !digits(m) {
                return Err("invalid-time");
            }
            let (h, m): (i64, i64) = (h.parse().map_err(|_| "invalid-time")?, m.parse().map_err(|_| "invalid-time")?);
            if h > 23 || m > 59 {
                return Err("invalid-time");
            }
            h * 60 + m
        }
        _ => {
            if raw.len() > 9 || !raw.bytes().all(|b| b.is_ascii_digit()) {
                return Err("not-a-whole-number");
            }
            raw.parse().map_err(|_| "not-a-whole-number")?
        }
    };
    if threshold.range().contains(&value) { Ok(value) } else { Err("out-of-range") }
}

/// What the per-user limits count: an admin action (a minute back) or a bulk operation (an
/// hour back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Limited {
    AdminAction,
    StockImport,
    CustomersImport,
    StockExport,
    ReorderExport,
    CustomersExport,
    SalesJournal,
    KpisExport,
    RetentionPurge,
    PersonalDataExport,
}

impl Limited {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AdminAction => "admin-action",
            Self::StockImport => "stock-import",
            Self::CustomersImport => "customers-import",
            Self::StockExport => "stock-export",
            Self::ReorderExport => "reorder-export",
            Self::CustomersExport => "customers-export",
            Self::SalesJournal => "sales-journal",
            Self::KpisExport => "kpis-export",
            Self::RetentionPurge => "retention-purge",
            Self::PersonalDataExport => "personal-data-export",
        }
    }

    pub fn is_bulk(self) -> bool {
        self != Self::AdminAction
    }

    /// The threshold that caps it.
    pub fn threshold(self) -> Threshold {
        if self.is_bulk() { Threshold::MaxBulkOperations } else { Threshold::MaxAdminActions }
    }

    /// How far back the longest limit counts.
    pub const LONGEST_WINDOW_MS: i64 = 3_600_000;

    /// How far back the limit counts.
    pub fn window_ms(self) -> i64 {
        if self.is_bulk() { 3_600_000 } else { 60_000 }
    }

    /// The error code of a refusal.
    pub fn refusal_code(self) -> &'static str {
        if self.is_bulk() { "too-many-bulk-operations" } else { "too-many-admin-actions" }
    }
}

/// The security status page: what happened lately against the thresholds, and the thresholds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityStatus {
    pub modes: crate::governance::Modes,
    /// Members whose account is locked now.
    pub locked_accounts: i64,
    /// Failed sign-ins of the members (or typed with their e-mail) in the last hour.
    pub failed_sign_ins: i64,
    /// In the last 24 hours: stock anomalies, refused actions and accounts locked.
    pub anomalies: i64,
    pub refusals: i64,
    pub lockouts: i64,
    pub thresholds: SecurityThresholds,
    /// The viewer may change the thresholds.
    pub can_edit: bool,
}

impl SecurityStatus {
    /// How far back failed sign-ins count: the last hour.
    pub const SIGN_INS_WINDOW_MS: i64 = 3_600_000;
    /// How far back security events count: the last 24 hours.
    pub const EVENTS_WINDOW_MS: i64 = 86_400_000;

    pub fn security_events(&self) -> i64 {
        self.anomalies + self.refusals + self.lockouts
    }

    /// Whether the failed sign-ins of the last hour reach the company's warning threshold.
    pub fn failed_sign_ins_alert(&self) -> bool {
        self.failed_sign_ins >= self.thresholds.get(Threshold::FailedSignInsAlert)
    }

    pub fn security_events_alert(&self) -> bool {
        self.security_events() >= self.thresholds.get(Threshold::SecurityEventsAlert)
    }
}

#[cfg(test)]
mod tests;
