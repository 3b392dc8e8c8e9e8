//! What the stock forms send, as typed (`…Form`, every field text), and the commands they parse
//! into. Parsing refuses what is malformed or too long with a field error; nothing is cut.

use serde::{Deserialize, Serialize};

use crate::bounds::parse_unit_price;
use crate::error::{ValidationErrors, bounded_text};
use crate::input::{optional, optional_text, parse_date, parse_id};
use crate::quantity::Quantity;

/// A reason given for a movement or a correction.
pub const MAX_REASON: usize = 200;
/// A delivery note, order or job number.
pub const MAX_REFERENCE: usize = 64;
/// A lot number.
pub const MAX_LOT: usize = 64;

/// Goods coming in: a new lot at `unit_cost_minor` per unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Receipt {
    pub article: String,
    pub site: String,
    pub quantity: Quantity,
    pub unit_cost_minor: i64,
    pub lot_number: Option<String>,
    /// `YYYY-MM-DD`.
    pub expiry: Option<String>,
    pub reference: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptForm {
    pub article: String,
    pub site: String,
    pub quantity: String,
    pub unit_cost: String,
    #[serde(default)]
    pub lot_number: String,
    #[serde(default)]
    pub expiry: String,
    #[serde(default)]
    pub reference: String,
}

impl ReceiptForm {
    pub fn parse(&self) -> Result<Receipt, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let article = errors.check("article", parse_id(&self.article));
        let site = errors.check("site", parse_id(&self.site));
        let quantity = errors.check("quantity", Quantity::parse(&self.quantity));
        let unit_cost_minor = errors.check("unit_cost", parse_unit_price(&self.unit_cost));
        let lot_number = errors.check("lot_number", optional_text(&self.lot_number, MAX_LOT));
        let expiry = errors.check("expiry", optional(&self.expiry, parse_date));
        let reference = errors.check("reference", optional_text(&self.reference, MAX_REFERENCE));
        match (article, site, quantity, unit_cost_minor, lot_number, expiry, reference) {
            (
                Some(article),
                Some(site),
                Some(quantity),
                Some(unit_cost_minor),
                Some(lot_number),
                Some(expiry),
                Some(reference),
            ) => Ok(Receipt { article, site, quantity, unit_cost_minor, lot_number, expiry, reference }),
            _ => Err(errors),
        }
    }

    /// What to put back in the form when it is refused.
    pub fn values(&self) -> [(&'static str, &str); 3] {
        [("quantity", &self.quantity), ("unit_cost", &self.unit_cost), ("site", &self.site)]
    }
}

/// Goods going out, from a chosen lot or first-expiring first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Withdrawal {
    pub article: String,
    pub site: String,
    pub quantity: Quantity,
    pub lot: Option<String>,
    pub reason: Option<String>,
    pub reference: Option<String>,
    /// The mission the goods are used on (set by the mission's page, not by this form).
    pub mission: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalForm {
    pub article: String,
    pub site: String,
    pub quantity: String,
    #[serde(default)]
    pub lot: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub reference: String,
}

impl WithdrawalForm {
    pub fn parse(&self) -> Result<Withdrawal, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let article = errors.check("article", parse_id(&self.article));
        let site = errors.check("site", parse_id(&self.site));
        let quantity = errors.check("quantity", Quantity::parse(&self.quantity));
        let lot = errors.check("lot", optional(&self.lot, parse_id));
        let reason = errors.check("reason", optional_text(&self.reason, MAX_REASON));
        let reference = errors.check("reference", optional_text(&self.reference, MAX_REFERENCE));
        match (article, site, quantity, lot, reason, reference) {
            (Some(article), Some(site), Some(quantity), Some(lot), Some(reason), Some(reference)) => {
                Ok(Withdrawal { article, site, quantity, lot, reason, reference, mission: None })
            }
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> [(&'static str, &str); 4] {
        [("quantity", &self.quantity), ("site", &self.site), ("reason", &self.reason), ("reference", &self.reference)]
    }
}

/// Stock moving between two sites of the company.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Transfer {
    pub article: String,
    pub from: String,
    pub to: String,
    pub quantity: Quantity,
    pub reference: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferForm {
    pub article: String,
    pub from: String,
    pub to: String,
    pub quantity: String,
    #[serde(default)]
    pub reference: String,
}

impl TransferForm {
    pub fn parse(&self) -> Result<Transfer, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let article = errors.check("article", parse_id(&self.article));
        let from = errors.check("from", parse_id(&self.from));
        let to = errors.check("to", parse_id(&self.to));
        if from.is_some() && from == to {
            errors.add("to", "same-site");
        }
        let quantity = errors.check("quantity", Quantity::parse(&self.quantity));
        let reference = errors.check("reference", optional_text(&self.reference, MAX_REFERENCE));
        match (article, from, to, quantity, reference) {
            (Some(article), Some(from), Some(to), Some(quantity), Some(reference)) if errors.is_empty() => {
                Ok(Transfer { article, from, to, quantity, reference })
            }
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> [(&'static str, &str); 3] {
        [("quantity", &self.quantity), ("from", &self.from), ("to", &self.to)]
    }
}

/// A physical count of an article at a site, with why the level was counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub article: String,
    pub site: String,
    pub counted: Quantity,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountForm {
    pub article: String,
    pub site: String,
    pub counted: String,
    #[serde(default)]
    pub reason: String,
}

impl CountForm {
    pub fn parse(&self) -> Result<Count, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let article = errors.check("article", parse_id(&self.article));
        let site = errors.check("site", parse_id(&self.site));
        let counted = errors.check("counted", Quantity::parse_count(&self.counted));
        let reason = errors.check("reason", bounded_text(&self.reason, MAX_REASON));
        match (article, site, counted, reason) {
            (Some(article), Some(site), Some(counted), Some(reason)) => Ok(Count { article, site, counted, reason }),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> [(&'static str, &str); 3] {
        [("counted", &self.counted), ("site", &self.site), ("reason", &self.reason)]
    }
}

/// Cancelling an operation by posting its opposite, with why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reversal {
    pub operation: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReversalForm {
    pub operation: String,
    #[serde(default)]
    pub reason: String,
}

impl ReversalForm {
    pub fn parse(&self) -> Result<Reversal, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let operation = errors.check("operation", parse_id(&self.operation));
        let reason = errors.check("reason", bounded_text(&self.reason, MAX_REASON));
        match (operation, reason) {
            (Some(operation), Some(reason)) => Ok(Reversal { operation, reason }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_id;

    fn fields(errors: ValidationErrors) -> Vec<(String, String)> {
        errors.0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_receipt_form_is_read_exactly_or_refused_field_by_field() {
        let form = ReceiptForm {
            article: "a-1".into(),
            site: "s-1".into(),
            quantity: "1,5".into(),
            unit_cost: "12,40".into(),
            lot_number: " L-7 ".into(),
            expiry: "31/12/2027".into(),
            reference: String::new(),
        };
        let receipt = form.parse().unwrap();
        assert_eq!(receipt.quantity, Quantity::from_milli(1_500).unwrap());
        assert_eq!(receipt.unit_cost_minor, 1_240);
        assert_eq!(receipt.lot_number.as_deref(), Some("L-7"));
        assert_eq!(receipt.expiry.as_deref(), Some("2027-12-31"));
        assert_eq!(receipt.reference, None);
        let long = ReceiptForm { lot_number: "L".repeat(65), reference: "R".repeat(65), quantity: "-1".into(), ..form };
        assert_eq!(
            fields(long.parse().unwrap_err()),
            [("quantity", "invalid-quantity"), ("lot_number", "too-long"), ("reference", "too-long")]
                .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
    }

    #[test]
    fn overlong_text_is_refused_never_cut() {
        let withdrawal = WithdrawalForm {
            article: "a".into(),
            site: "s".into(),
            quantity: "1".into(),
            reason: "x".repeat(MAX_REASON + 1),
            ..Default::default()
        };
        assert_eq!(fields(withdrawal.parse().unwrap_err()), [("reason".to_owned(), "too-long".to_owned())]);
        assert_eq!(parse_id(&"a".repeat(65)), Err("invalid-id"));
        assert_eq!(parse_id("x'; DROP TABLE lots;--"), Err("invalid-id"));
    }

    #[test]
    fn transfers_need_two_sites_and_counts_a_reason() {
        let same = TransferForm {
            article: "a".into(),
            from: "s".into(),
            to: "s".into(),
            quantity: "1".into(),
            ..Default::default()
        };
        assert_eq!(fields(same.parse().unwrap_err()), [("to".to_owned(), "same-site".to_owned())]);
        let count = CountForm { article: "a".into(), site: "s".into(), counted: "0".into(), reason: " ".into() };
        assert_eq!(fields(count.parse().unwrap_err()), [("reason".to_owned(), "required".to_owned())]);
        assert_eq!(CountForm { reason: "inventaire".into(), ..count }.parse().unwrap().counted, Quantity::ZERO);
    }
}
