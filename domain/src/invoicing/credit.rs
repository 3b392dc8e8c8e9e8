//! Credit notes: made from an issued invoice, line by line, never crediting more of a line than
//! was invoiced and not yet credited, and never more in total than the invoice.

use crate::Quantity;

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

    #[test]
    fn a_line_is_credited_at_most_once_in_full() {
        let line = Creditable { invoiced: Quantity::units(10), credited: Quantity::units(4) };
        assert_eq!(line.remaining(), Quantity::units(6));
        assert_eq!(line.take(Quantity::units(6)), Ok(Quantity::units(6)));
        assert_eq!(line.take(Quantity::parse("6,001").unwrap()), Err("credit-above-line"));
        assert_eq!(line.take(Quantity::ZERO), Err("quantity-not-positive"));
    }

    #[test]
    fn the_invoice_total_is_the_ceiling() {
        assert_eq!(check_ceiling(100_00, 60_00, 40_00), Ok(()));
        assert_eq!(check_ceiling(100_00, 60_00, 40_01), Err("credit-above-invoice"));
        assert_eq!(check_ceiling(100_00, 0, 0), Err("credit-note-empty"));
    }
}
