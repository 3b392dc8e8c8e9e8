//! A customer's statement: every invoice, credit note and payment in date order with the
//! running balance, the last ones shown and the earlier ones carried as an opening balance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::payment::PaymentMethod;
use crate::Currency;

/// Entries a statement shows; earlier ones are summed into its opening balance.
pub const STATEMENT_ENTRIES: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
}

impl EntryKind {
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Invoice => "statement-invoice",
            Self::CreditNote => "statement-credit-note",
            Self::Payment => "statement-payment",
        }
    }
}

/// Something that moved what the customer owes: an invoice adds, a credit note or a payment
/// takes off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The document it concerns (a payment: its invoice), for a link.
    pub document_id: String,
    /// The document's number (a payment: its invoice's).
    pub number: String,
    pub method: Option<PaymentMethod>,
    pub reference: Option<String>,
    pub amount_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    pub movement: Movement,
    pub debit_minor: i64,
    pub credit_minor: i64,
    /// What the customer owes after it.
    pub balance_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub customer_id: String,
    pub customer_name: String,
    pub currency: Currency,
    /// What the entries not shown (the oldest) left owed.
    pub opening_minor: i64,
    pub entries: Vec<StatementEntry>,
    pub invoiced_minor: i64,
    pub credited_minor: i64,
    pub paid_minor: i64,
    pub balance_minor: i64,
    /// Owed on invoices past their due date.
    pub overdue_minor: i64,
    pub today: NaiveDate,
}

/// What a statement's figures come to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub opening_minor: i64,
    pub invoiced_minor: i64,
    pub credited_minor: i64,
    pub paid_minor: i64,
}

impl Sums {
    pub fn balance_minor(&self) -> i64 {
        self.invoiced_minor - self.credited_minor - self.paid_minor
    }
}

/// Orders `movements` (by date; on one day invoices, then credit notes, then payments), runs
/// the balance, and keeps the last `keep` entries.
pub fn entries(mut movements: Vec<Movement>, keep: usize) -> (Vec<StatementEntry>, Sums) {
    movements.sort_by(|a, b| (a.date, a.kind, &a.number).cmp(&(b.date, b.kind, &b.number)));
    let skipped = movements.len().saturating_sub(keep);
    let mut sums = Sums::default();
    let mut entries = Vec::with_capacity(movements.len() - skipped);
    for (i, movement) in movements.into_iter().enumerate() {
        let (debit_minor, credit_minor) = match movement.kind {
            EntryKind::Invoice => (movement.amount_minor, 0),
            EntryKind::CreditNote | EntryKind::Payment => (0, movement.amount_minor),
        };
        match movement.kind {
            EntryKind::Invoice => sums.invoiced_minor += debit_minor,
            EntryKind::CreditNote => sums.credited_minor += credit_minor,
            EntryKind::Payment => sums.paid_minor += credit_minor,
        }
        if i < skipped {
            sums.opening_minor = sums.balance_minor();
        } else {
            entries.push(StatementEntry { movement, debit_minor, credit_minor, balance_minor: sums.balance_minor() });
        }
    }
    (entries, sums)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn movement(day: u32, kind: EntryKind, number: &str, amount: i64) -> Movement {
        Movement {
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            kind,
            document_id: number.to_lowercase(),
            number: number.into(),
            method: None,
            reference: None,
            amount_minor: amount,
        }
    }

    #[test]
    fn the_balance_runs_in_date_order_and_the_oldest_are_carried() {
        let all = vec![
            movement(5, EntryKind::Payment, "F-2026-00001", 50_00),
            movement(2, EntryKind::Invoice, "F-2026-00002", 30_00),
            movement(1, EntryKind::Invoice, "F-2026-00001", 100_00),
            movement(5, EntryKind::CreditNote, "AV-2026-00001", 10_00),
            movement(5, EntryKind::Invoice, "F-2026-00003", 20_00),
        ];
        let (entries, sums) = entries(all.clone(), 10);
        let seen: Vec<_> = entries.iter().map(|e| (e.movement.number.as_str(), e.balance_minor)).collect();
        assert_eq!(
            seen,
            [
                ("F-2026-00001", 100_00),
                ("F-2026-00002", 130_00),
                ("F-2026-00003", 150_00),
                ("AV-2026-00001", 140_00),
                ("F-2026-00001", 90_00)
            ]
        );
        assert_eq!(
            (sums.invoiced_minor, sums.credited_minor, sums.paid_minor, sums.balance_minor()),
            (150_00, 10_00, 50_00, 90_00)
        );

        let (last_two, carried) = super::entries(all, 2);
        assert_eq!(carried.opening_minor, 150_00, "the three first entries");
        assert_eq!(last_two.len(), 2);
        assert_eq!(last_two[1].balance_minor, 90_00);
    }
}
