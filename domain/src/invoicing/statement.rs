//! A customer's statement: its invoices, credit notes and payments in date order with the
//! running balance; the newest ones shown, the earlier ones carried as an opening balance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::payment::PaymentMethod;
use crate::Currency;

/// Entries a statement shows; earlier ones are summed into its opening balance.
pub const STATEMENT_ENTRIES: i64 = 200;

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

impl Movement {
    /// What it adds to what the customer owes (negative: takes off).
    pub fn effect_minor(&self) -> i64 {
        match self.kind {
            EntryKind::Invoice => self.amount_minor,
            EntryKind::CreditNote | EntryKind::Payment => -self.amount_minor,
        }
    }
}

/// Orders the newest `movements` (by date; on one day invoices, then credit notes, then
/// payments) and runs the balance from what the earlier ones left, given today's `balance`.
/// Returns the opening balance and the entries.
pub fn entries(mut movements: Vec<Movement>, balance_minor: i64) -> (i64, Vec<StatementEntry>) {
    movements.sort_by(|a, b| (a.date, a.kind, &a.number).cmp(&(b.date, b.kind, &b.number)));
    let opening_minor = balance_minor - movements.iter().map(Movement::effect_minor).sum::<i64>();
    let mut running = opening_minor;
    let entries = movements
        .into_iter()
        .map(|movement| {
            running += movement.effect_minor();
            let effect = movement.effect_minor();
            StatementEntry {
                debit_minor: effect.max(0),
                credit_minor: (-effect).max(0),
                balance_minor: running,
                movement,
            }
        })
        .collect();
    (opening_minor, entries)
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
    fn the_balance_runs_in_date_order_from_what_earlier_entries_left() {
        let newest = vec![
            movement(5, EntryKind::Payment, "F-2026-00001", 50_00),
            movement(2, EntryKind::Invoice, "F-2026-00002", 30_00),
            movement(5, EntryKind::CreditNote, "AV-2026-00001", 10_00),
            movement(5, EntryKind::Invoice, "F-2026-00003", 20_00),
        ];
        // F-2026-00001 (100.00) is older than what is shown: today the customer owes 90.00.
        let (opening, entries) = entries(newest, 90_00);
        assert_eq!(opening, 100_00);
        let seen: Vec<_> = entries
            .iter()
            .map(|e| (e.movement.number.as_str(), e.debit_minor, e.credit_minor, e.balance_minor))
            .collect();
        assert_eq!(
            seen,
            [
                ("F-2026-00002", 30_00, 0, 130_00),
                ("F-2026-00003", 20_00, 0, 150_00),
                ("AV-2026-00001", 0, 10_00, 140_00),
                ("F-2026-00001", 0, 50_00, 90_00)
            ]
        );
        assert_eq!(super::entries(Vec::new(), 0), (0, Vec::new()));
    }
}
