//! Payments against an issued invoice: how it was paid, what it may amount to, and where the
//! invoice stands (issued, partly paid, paid; overdue once its due date has passed unpaid).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::draft::parse_day;
use super::stamp_duty::stamp_duty;
use crate::input::{optional_text, parse_id};
use crate::{Country, ValidationErrors};

/// The longest payment reference kept (a cheque number, a transfer's label).
pub const MAX_REFERENCE: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentMethod {
    Transfer,
    Card,
    Cheque,
    Cash,
}

impl PaymentMethod {
    pub const ALL: [Self; 4] = [Self::Transfer, Self::Card, Self::Cheque, Self::Cash];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transfer => "transfer",
            Self::Card => "card",
            Self::Cheque => "cheque",
            Self::Cash => "cash",
        }
    }

    pub fn parse(name: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|m| m.as_str() == name.trim()).ok_or("invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Transfer => "payment-method-transfer",
            Self::Card => "payment-method-card",
            Self::Cheque => "payment-method-cheque",
            Self::Cash => "payment-method-cash",
        }
    }
}

/// Where an issued document stands with its payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Settlement {
    Issued,
    PartlyPaid,
    Paid,
}

impl Settlement {
    pub const ALL: [Self; 3] = [Self::Issued, Self::PartlyPaid, Self::Paid];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::PartlyPaid => "partly-paid",
            Self::Paid => "paid",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Issued => "settlement-issued",
            Self::PartlyPaid => "settlement-partly-paid",
            Self::Paid => "settlement-paid",
        }
    }
}

/// What an issued invoice amounts to and what has settled it so far, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub total_minor: i64,
    /// The totals of its credit notes.
    pub credited_minor: i64,
    pub paid_minor: i64,
    pub due_date: NaiveDate,
}

impl Balance {
    /// What the customer still owes.
    pub fn due_minor(&self) -> i64 {
        self.total_minor - self.credited_minor - self.paid_minor
    }

    pub fn settlement(&self) -> Settlement {
        if self.due_minor() <= 0 {
            Settlement::Paid
        } else if self.paid_minor > 0 {
            Settlement::PartlyPaid
        } else {
            Settlement::Issued
        }
    }

    /// Unpaid after its due date, `today` being the company's date from the injected clock.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_minor() > 0 && today > self.due_date
    }
}

/// A payment as recorded, and the stamp duty it bears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    /// Algeria, cash: the droit de timbre, paid on top of the amount.
    pub stamp_duty_minor: i64,
}

impl Payment {
    /// Checks a payment against the invoice it settles: positive, not above what is due, not
    /// in the future nor before the invoice. Reports every problem at once.
    pub fn new(
        balance: &Balance,
        issued_on: NaiveDate,
        today: NaiveDate,
        country: Country,
        (date, amount_minor, method): (NaiveDate, i64, PaymentMethod),
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if amount_minor <= 0 {
            errors.add("amount", "amount-not-positive");
        } else if amount_minor > balance.due_minor() {
            errors.add("amount", "payment-above-due");
        }
        if date > today {
            errors.add("date", "payment-in-future");
        } else if date < issued_on {
            errors.add("date", "payment-before-issue");
        }
        let stamp_duty_minor = match (country, method) {
            (Country::Algeria, PaymentMethod::Cash) => errors.check("date", stamp_duty(amount_minor, date)),
            _ => Some(0),
        };
        match stamp_duty_minor {
            Some(stamp_duty_minor) if errors.is_empty() => Ok(Self { date, amount_minor, method, stamp_duty_minor }),
            _ => Err(errors),
        }
    }
}

/// A payment as typed on an invoice's page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentForm {
    pub invoice: String,
    pub date: String,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

/// A payment read from its form, before it is checked against the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentEntry {
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    pub reference: Option<String>,
}

impl PaymentForm {
    /// The invoice's id and the payment; every malformed field reported at once.
    pub fn parse(&self) -> Result<(String, PaymentEntry), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let invoice = errors.check("invoice", parse_id(&self.invoice));
        let date = errors.check("date", parse_day(&self.date));
        let amount = errors.check("amount", parse_amount(&self.amount));
        let method = errors.check("method", PaymentMethod::parse(&self.method));
        let reference = errors.check("reference", optional_text(&self.reference, MAX_REFERENCE));
        match (invoice, date, amount, method, reference) {
            (Some(invoice), Some(date), Some(amount_minor), Some(method), Some(reference)) if errors.is_empty() => {
                Ok((invoice, PaymentEntry { date, amount_minor, method, reference }))
            }
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![("date", &self.date), ("amount", &self.amount), ("method", &self.method), ("reference", &self.reference)]
    }
}

/// An amount as typed (`1 250,50`): two decimals at most, more than zero, within bounds.
fn parse_amount(raw: &str) -> Result<i64, &'static str> {
    match crate::decimal::parse_scaled(raw, 2) {
        Ok(minor) if minor <= 0 => Err("amount-not-positive"),
        Ok(minor) if minor > crate::bounds::MAX_VALUE_MINOR => Err("amount-too-large"),
        Err("number-too-large") => Err("amount-too-large"),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn balance(paid: i64, credited: i64) -> Balance {
        Balance { total_minor: 120_00, credited_minor: credited, paid_minor: paid, due_date: day(20) }
    }

    #[test]
    fn settlement_follows_payments_and_credits() {
        assert_eq!(balance(0, 0).settlement(), Settlement::Issued);
        assert_eq!(balance(50_00, 0).settlement(), Settlement::PartlyPaid);
        assert_eq!(balance(120_00, 0).settlement(), Settlement::Paid);
        assert_eq!(balance(70_00, 50_00).settlement(), Settlement::Paid);
        assert_eq!(balance(0, 20_00).due_minor(), 100_00);
    }

    #[test]
    fn overdue_only_after_the_due_date_and_while_unpaid() {
        assert!(!balance(0, 0).is_overdue(day(20)));
        assert!(balance(0, 0).is_overdue(day(21)));
        assert!(balance(50_00, 0).is_overdue(day(21)));
        assert!(!balance(120_00, 0).is_overdue(day(31)));
    }

    #[test]
    fn payments_are_checked_against_the_invoice() {
        let b = balance(100_00, 0);
        let pay = |date, amount, method| Payment::new(&b, day(1), day(10), Country::France, (date, amount, method));
        let refused = |result: Result<Payment, ValidationErrors>| {
            result.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>()
        };
        let pair = |f: &str, c: &str| (f.to_owned(), c.to_owned());
        assert_eq!(pay(day(5), 20_00, PaymentMethod::Transfer).map(|p| p.stamp_duty_minor), Ok(0));
        assert_eq!(refused(pay(day(5), 20_01, PaymentMethod::Transfer)), [pair("amount", "payment-above-due")]);
        assert_eq!(refused(pay(day(5), 0, PaymentMethod::Card)), [pair("amount", "amount-not-positive")]);
        assert_eq!(
            refused(pay(day(11), -1, PaymentMethod::Card)),
            [pair("amount", "amount-not-positive"), pair("date", "payment-in-future")]
        );
        let before = Payment::new(&b, day(2), day(10), Country::France, (day(1), 10_00, PaymentMethod::Cheque));
        assert_eq!(refused(before), [pair("date", "payment-before-issue")]);
    }

    #[test]
    fn algerian_cash_payments_bear_stamp_duty() {
        let b = Balance { total_minor: 200_000_00, credited_minor: 0, paid_minor: 0, due_date: day(20) };
        let cash = Payment::new(&b, day(1), day(10), Country::Algeria, (day(5), 30_000_00, PaymentMethod::Cash));
        assert_eq!(cash.map(|p| p.stamp_duty_minor), Ok(300_00));
        let transfer =
            Payment::new(&b, day(1), day(10), Country::Algeria, (day(5), 30_000_00, PaymentMethod::Transfer));
        assert_eq!(transfer.map(|p| p.stamp_duty_minor), Ok(0));
        let french_cash = Payment::new(&b, day(1), day(10), Country::France, (day(5), 30_000_00, PaymentMethod::Cash));
        assert_eq!(french_cash.map(|p| p.stamp_duty_minor), Ok(0));
    }

    #[test]
    fn names_round_trip() {
        for m in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::parse(m.as_str()), Ok(m));
            assert_eq!(m.label_key(), format!("payment-method-{}", m.as_str()));
        }
        for s in Settlement::ALL {
            assert_eq!(Settlement::parse(s.as_str()), Some(s));
            assert_eq!(s.label_key(), format!("settlement-{}", s.as_str()));
        }
        assert_eq!(PaymentMethod::parse("bitcoin"), Err("invalid-choice"));
    }

    #[test]
    fn the_form_reports_every_bad_field() {
        let form = |amount: &str, date: &str, method: &str| PaymentForm {
            invoice: "0b7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f".into(),
            date: date.into(),
            amount: amount.into(),
            method: method.into(),
            reference: " CHQ 1234 ".into(),
        };
        let (_, entry) = form("1 250,50", "2026-03-05", "cheque").parse().unwrap();
        assert_eq!(entry.amount_minor, 1_250_50);
        assert_eq!(entry.reference.as_deref(), Some("CHQ 1234"));
        let codes = |f: PaymentForm| f.parse().unwrap_err().0.into_iter().map(|e| e.code).collect::<Vec<_>>();
        assert_eq!(codes(form("-5", "2026-02-30", "gold")), ["invalid-date", "invalid-number", "invalid-choice"]);
        assert_eq!(codes(form("0", "2026-03-05", "cash")), ["amount-not-positive"]);
        assert_eq!(codes(form("1.001", "2026-03-05", "cash")), ["ambiguous-number"]);
        assert_eq!(codes(form("10.001", "2026-03-05", "cash")), ["ambiguous-number"]);
        assert_eq!(codes(form("1000.001", "2026-03-05", "cash")), ["too-many-decimals"]);
        assert_eq!(codes(form("99999999999999999", "2026-03-05", "cash")), ["amount-too-large"]);
    }
}
