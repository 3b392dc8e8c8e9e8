//! Closures (the "clôtures" of the French inalterability rules): a day, a month or a fiscal
//! year, once over, is closed by a ledger entry that records what the period holds (invoices,
//! credit notes, payments, VAT per rate) and the perpetual grand totals since the first entry.
//! Each kind of closure follows the one before it without gaps, so that its perpetual totals are
//! the previous ones plus the period's; nothing may be entered in a closed period.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Entry, EntryKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    Day,
    Month,
    Year,
}

impl PeriodKind {
    pub const ALL: [Self; 3] = [Self::Day, Self::Month, Self::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Day => "closure-kind-day",
            Self::Month => "closure-kind-month",
            Self::Year => "closure-kind-year",
        }
    }
}

/// A day, a calendar month, or a fiscal year (the calendar year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// `2026-03-10` (a day), `2026-03` (a month), `2026` (a year).
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
        };
        let start = match parts.as_slice() {
            [y] => number(y, 4).and_then(|y| NaiveDate::from_ymd_opt(y as i32, 1, 1)).map(|d| (PeriodKind::Year, d)),
            [y, m] => number(y, 4)
                .zip(number(m, 2))
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y as i32, m, 1))
                .map(|d| (PeriodKind::Month, d)),
            [y, m, d] => number(y, 4)
                .zip(number(m, 2))
                .zip(number(d, 2))
                .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y as i32, m, d))
                .map(|d| (PeriodKind::Day, d)),
            _ => None,
        };
        let (kind, day) = start.filter(|(_, d)| (2000..=2999).contains(&d.year())).ok_or("invalid-period")?;
        Ok(Self::containing(kind, day))
    }

    /// The period of `kind` that holds `day`.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Self {
        let start = match kind {
            PeriodKind::Day => day,
            PeriodKind::Month => day.with_day(1).expect("the first of a month"),
            PeriodKind::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).expect("the first of January"),
        };
        let after = match kind {
            PeriodKind::Day => start + Days::new(1),
            PeriodKind::Month => start + Months::new(1),
            PeriodKind::Year => start + Months::new(12),
        };
        Self { kind, start, end: after - Days::new(1) }
    }

    /// The period of the same kind right after this one.
    pub fn next(self) -> Self {
        Self::containing(self.kind, self.end + Days::new(1))
    }

    pub fn label(self) -> String {
        match self.kind {
            PeriodKind::Day => self.start.to_string(),
            PeriodKind::Month => format!("{:04}-{:02}", self.start.year(), self.start.month()),
            PeriodKind::Year => format!("{:04}", self.start.year()),
        }
    }

    /// The closure's entity in the ledger: `month:2026-03`.
    pub fn entity(self) -> String {
        format!("{}:{}", self.kind.as_str(), self.label())
    }

    /// Reads an entity back.
    pub fn of_entity(entity: &str) -> Option<Self> {
        let (kind, label) = entity.split_once(':')?;
        let period = Self::parse(label).ok()?;
        (period.kind.as_str() == kind).then_some(period)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Whether the scheduler closes it `today`: once the day after it is over too, so that
    /// yesterday's payments can still be recorded this morning.
    pub fn due(self, today: NaiveDate) -> bool {
        self.end + Days::new(1) < today
    }
}

/// What documents of one kind add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSums {
    pub count: i64,
    pub net: i64,
    pub vat: i64,
    pub total: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSums {
    pub count: i64,
    pub amount: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateSums {
    pub base: i64,
    pub vat: i64,
}

/// What entries add up to: invoices, credit notes (positive amounts, taken back), payments,
/// and per VAT rate (in basis points) the base and VAT invoiced net of credit notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sums {
    pub invoices: DocumentSums,
    pub credit_notes: DocumentSums,
    pub payments: PaymentSums,
    pub by_rate: BTreeMap<String, RateSums>,
}

impl Sums {
    /// Adds one entry (closures add nothing).
    pub fn add(&mut self, entry: &Entry) {
        let number = |key: &str| entry.fields.get(key).and_then(Value::as_i64).unwrap_or(0);
        let sign = match entry.kind {
            EntryKind::Invoice => 1,
            EntryKind::CreditNote => -1,
            EntryKind::Payment => {
                self.payments.count += 1;
                self.payments.amount += number("amount");
                return;
            }
            EntryKind::Closure => return,
        };
        let sums = if sign > 0 { &mut self.invoices } else { &mut self.credit_notes };
        sums.count += 1;
        sums.net += number("net");
        sums.vat += number("vat");
        sums.total += number("total");
        for rate in entry.fields.get("rates").and_then(Value::as_array).into_iter().flatten() {
            let get = |key: &str| rate.get(key).and_then(Value::as_i64).unwrap_or(0);
            let slot = self.by_rate.entry(get("rate_bp").to_string()).or_default();
            slot.base += sign * get("base");
            slot.vat += sign * get("vat");
        }
    }

    pub fn plus(&self, other: &Sums) -> Sums {
        let doc = |a: DocumentSums, b: DocumentSums| DocumentSums {
            count: a.count + b.count,
            net: a.net + b.net,
            vat: a.vat + b.vat,
            total: a.total + b.total,
        };
        let mut by_rate = self.by_rate.clone();
        for (rate, sums) in &other.by_rate {
            let slot = by_rate.entry(rate.clone()).or_default();
            slot.base += sums.base;
            slot.vat += sums.vat;
        }
        Sums {
            invoices: doc(self.invoices, other.invoices),
            credit_notes: doc(self.credit_notes, other.credit_notes),
            payments: PaymentSums {
                count: self.payments.count + other.payments.count,
                amount: self.payments.amount + other.payments.amount,
            },
            by_rate,
        }
    }

    /// Invoiced, net of credit notes, VAT included.
    pub fn turnover(&self) -> i64 {
        self.invoices.total - self.credit_notes.total
    }
}

/// A closure's fields in the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureFields {
    pub period: String,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The period's sums.
    pub sums: Sums,
    /// Every entry's sums since the first, through the end of the period.
    pub perpetual: Sums,
    /// The last entry the closure covers, and its hash.
    pub through_seq: i64,
    pub through_hash: String,
}

impl ClosureFields {
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("closure fields serialise")
    }

    pub fn of(entry: &Entry) -> Option<Self> {
        (entry.kind == EntryKind::Closure).then(|| serde_json::from_value(entry.fields.clone()).ok()).flatten()
    }
}

/// Why a period cannot be closed now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosureRefusal {
    /// It is not over yet.
    NotOver,
    /// Closures of a kind follow each other: this one must come first.
    OutOfOrder { expected: String },
}

impl ClosureRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotOver => "period-not-over",
            Self::OutOfOrder { .. } => "closure-out-of-order",
        }
    }
}

/// Whether `period` may be closed `today`, after the last closure of its kind (if any), in a
/// ledger whose first entry (if any) is dated `first`.
pub fn check(
    period: Period,
    today: NaiveDate,
    last: Option<Period>,
    first: Option<NaiveDate>,
) -> Result<(), ClosureRefusal> {
    if period.end >= today {
        return Err(ClosureRefusal::NotOver);
    }
    let expected = match (last, first) {
        (Some(last), _) => Some(last.next()),
        (None, Some(first)) if first < period.start => Some(Period::containing(period.kind, first)),
        _ => None,
    };
    match expected {
        Some(expected) if expected != period => Err(ClosureRefusal::OutOfOrder { expected: expected.label() }),
        _ => Ok(()),
    }
}

/// The period of `kind` the scheduler closes next, if any is due `today`.
pub fn next_due(kind: PeriodKind, today: NaiveDate, last: Option<Period>, first: Option<NaiveDate>) -> Option<Period> {
    let next = match (last, first) {
        (Some(last), _) => last.next(),
        (None, Some(first)) => Period::containing(kind, first),
        (None, None) => return None,
    };
    next.due(today).then_some(next)
}

#[cfg(test)]
mod tests;
