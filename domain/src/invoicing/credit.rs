//! Credit notes: made from an issued invoice, line by line, never crediting more of a line than
//! was invoiced and not yet credited, and never more in total than the invoice.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::draft::views::DraftLineView;
use super::line::LinePrice;
use super::totals::Totals;
use crate::error::bounded_text;
use crate::input::parse_id;
use crate::{Quantity, ValidationErrors};

/// The longest reason a credit note gives (a return, a price correction…).
pub const MAX_REASON: usize = 200;

/// What a credit note says of the invoice it credits, printed on it and linked from its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditedInvoice {
    /// The invoice's record id.
    pub id: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub reason: String,
}

/// A credit note as typed on the invoice's page: a reason, and per line of the invoice the
/// quantity taken back (`quantity[line-<line id>]`; empty: not credited). The key starts with
/// a letter because the form decoder reads a bracketed key that starts with a digit as a list
/// index, and line ids are UUIDs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditForm {
    pub invoice: String,
    pub reason: String,
    pub quantity: BTreeMap<String, String>,
}

/// A credit note read from its form: the invoice's id, the reason, and the lines taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditRequest {
    pub invoice: String,
    pub reason: String,
    pub taken: BTreeMap<String, Quantity>,
}

const LINE_KEY: &str = "line-";

/// The form field of a line's quantity, so that its error shows beside it.
pub fn quantity_field(line_id: &str) -> String {
    format!("quantity[{LINE_KEY}{line_id}]")
}

/// The key of a line's quantity in the form's map.
pub fn quantity_key(line_id: &str) -> String {
    format!("{LINE_KEY}{line_id}")
}

impl CreditForm {
    pub fn parse(&self) -> Result<CreditRequest, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let invoice = errors.check("invoice", parse_id(&self.invoice));
        let reason = errors.check("reason", bounded_text(&self.reason, MAX_REASON));
        let mut taken = BTreeMap::new();
        for (key, raw) in self.quantity.iter().filter(|(_, raw)| !raw.trim().is_empty()) {
            let line = key.strip_prefix(LINE_KEY).unwrap_or(key);
            let field = quantity_field(line);
            if let (Ok(line), Some(quantity)) = (parse_id(line), errors.check(&field, Quantity::parse(raw))) {
                taken.insert(line, quantity);
            }
        }
        if taken.is_empty() && errors.is_empty() {
            errors.add("quantity", "credit-note-empty");
        }
        match (invoice, reason) {
            (Some(invoice), Some(reason)) if errors.is_empty() => Ok(CreditRequest { invoice, reason, taken }),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(String, &str)> {
        let mut values = vec![("reason".to_owned(), self.reason.as_str())];
        values.extend(self.quantity.iter().map(|(key, raw)| (format!("quantity[{key}]"), raw.as_str())));
        values
    }
}

/// The lines of a credit note: each taken line of the invoice at the quantity taken, at the
/// invoice's price, discount and rate. `credited` holds what earlier credit notes took from
/// each line; `new_id` names the new lines. Returns (invoice line credited, new line), and the
/// totals, or every line taken beyond what remains.
pub fn credit_lines(
    invoiced: &[DraftLineView],
    credited: &HashMap<String, Quantity>,
    taken: &BTreeMap<String, Quantity>,
    mut new_id: impl FnMut() -> String,
) -> Result<(Vec<(String, DraftLineView)>, Totals), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    if let Some(unknown) = taken.keys().find(|id| !invoiced.iter().any(|l| &l.id == *id)) {
        errors.add(&quantity_field(unknown), "not-found");
    }
    let mut lines = Vec::new();
    for line in invoiced {
        let Some(&quantity) = taken.get(&line.id) else { continue };
        let creditable =
            Creditable { invoiced: line.quantity, credited: credited.get(&line.id).copied().unwrap_or(Quantity::ZERO) };
        let Some(quantity) = errors.check(&quantity_field(&line.id), creditable.take(quantity)) else { continue };
        let price = LinePrice { quantity, ..line.price() };
        let Some(amounts) = errors.check(&quantity_field(&line.id), price.amounts()) else { continue };
        let credit =
            DraftLineView { id: new_id(), position: lines.len() as i64 + 1, quantity, amounts, ..line.clone() };
        lines.push((line.id.clone(), credit));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let prices: Vec<LinePrice> = lines.iter().map(|(_, l)| l.price()).collect();
    match Totals::of(&prices) {
        Ok(totals) => Ok((lines, totals)),
        Err(code) => {
            errors.add("quantity", if code == "invoice-without-lines" { "credit-note-empty" } else { code });
            Err(errors)
        }
    }
}

/// One line of the original invoice as a credit note may take from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Creditable {
    pub invoiced: Quantity,
    /// Already credited by earlier credit notes.
    pub credited: Quantity,
}

impl Creditable {
    pub fn remaining(&self) -> Quantity {
        self.invoiced.checked_sub(self.credited).unwrap_or(Quantity::ZERO)
    }

    /// Checks the quantity a new credit note takes from this line.
    pub fn take(&self, quantity: Quantity) -> Result<Quantity, &'static str> {
        if quantity <= Quantity::ZERO {
            Err("quantity-not-positive")
        } else if quantity > self.remaining() {
            Err("credit-above-line")
        } else {
            Ok(quantity)
        }
    }
}

/// The ceiling of the seed: all credit notes of an invoice together never exceed it.
pub fn check_ceiling(invoice_total_minor: i64, credited_minor: i64, new_credit_minor: i64) -> Result<(), &'static str> {
    if new_credit_minor <= 0 {
        Err("credit-note-empty")
    } else if credited_minor + new_credit_minor > invoice_total_minor {
        Err("credit-above-invoice")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;
    use crate::invoicing::line::Discount;
    use crate::invoicing::vat::VatRate;

    fn invoiced(id: &str, units: u32, price: i64) -> DraftLineView {
        let vat = VatRate::parse("20", Country::France).unwrap();
        let quantity = Quantity::units(units);
        let price_of = LinePrice { quantity, unit_price_minor: price, discount: Discount::NONE, vat };
        DraftLineView {
            id: id.into(),
            position: 1,
            designation: format!("Article {id}"),
            unit: "u".into(),
            quantity,
            unit_price_minor: price,
            discount: Discount::NONE,
            vat,
            amounts: price_of.amounts().unwrap(),
        }
    }

    #[test]
    fn a_credit_note_takes_lines_at_their_invoiced_price() {
        let lines = [invoiced("a", 10, 12_00), invoiced("b", 2, 50_00)];
        let credited = HashMap::from([("a".to_owned(), Quantity::units(4))]);
        let taken = BTreeMap::from([("a".to_owned(), Quantity::units(6)), ("b".to_owned(), Quantity::units(1))]);
        let mut n = 0;
        let (credit, totals) = credit_lines(&lines, &credited, &taken, || {
            n += 1;
            format!("new-{n}")
        })
        .unwrap();
        assert_eq!(
            credit.iter().map(|(from, l)| (from.as_str(), l.id.as_str(), l.position)).collect::<Vec<_>>(),
            [("a", "new-1", 1), ("b", "new-2", 2)]
        );
        assert_eq!(totals.net_minor, 6 * 12_00 + 50_00);
        assert_eq!(totals.total_minor, 146_40);

        let over = BTreeMap::from([("a".to_owned(), Quantity::units(7)), ("zz".to_owned(), Quantity::units(1))]);
        let refused = credit_lines(&lines, &credited, &over, String::new).unwrap_err();
        let codes: Vec<_> = refused.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(codes, [("quantity[line-zz]", "not-found"), ("quantity[line-a]", "credit-above-line")]);
    }

    #[test]
    fn the_form_needs_a_reason_and_a_line() {
        let form = |reason: &str, quantities: &[(&str, &str)]| CreditForm {
            invoice: "0b7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f".into(),
            reason: reason.into(),
            quantity: quantities.iter().map(|(k, v)| (quantity_key(k), (*v).to_owned())).collect(),
        };
        let line = "1b7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f";
        let ok = form("Returned", &[(line, "2,5"), ("2b7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f", " ")]).parse().unwrap();
        assert_eq!(ok.taken.into_iter().collect::<Vec<_>>(), [(line.to_owned(), Quantity::parse("2,5").unwrap())]);
        let codes = |f: CreditForm| f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
        assert_eq!(codes(form(" ", &[(line, "")])), [("reason".to_owned(), "required".to_owned()),]);
        assert_eq!(codes(form("r", &[])), [("quantity".to_owned(), "credit-note-empty".to_owned())]);
        assert_eq!(
            codes(form("r", &[(line, "-1")])),
            [(format!("quantity[line-{line}]"), "invalid-quantity".to_owned())]
        );
    }

    #[test]
    fn a_line_is_credited_at_most_once_in_full() {
        let line = Creditable { invoiced: Quantity::units(10), credited: Quantity::units(4) };
        assert_eq!(line.remaining(), Quantity::units(6));
        assert_eq!(line.take(Quantity::units(6)), Ok(Quantity::units(6)));
        assert_eq!(line.take(Quantity::parse("6,0010").unwrap()), Err("credit-above-line"));
        assert_eq!(line.take(Quantity::ZERO), Err("quantity-not-positive"));
    }

    #[test]
    fn the_invoice_total_is_the_ceiling() {
        assert_eq!(check_ceiling(100_00, 60_00, 40_00), Ok(()));
        assert_eq!(check_ceiling(100_00, 60_00, 40_01), Err("credit-above-invoice"));
        assert_eq!(check_ceiling(100_00, 0, 0), Err("credit-note-empty"));
    }
}
