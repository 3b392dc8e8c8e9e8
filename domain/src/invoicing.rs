//! Invoicing rules: VAT rates per country, line amounts and totals with their one rounding
//! rule, amounts in words, the Algerian stamp duty, document numbers, the legal mentions an
//! issued invoice must carry, payments and credit notes.

// Amounts in minor units are written units_cents (`300_00` is 300.00), as an accountant reads them.
#![allow(clippy::inconsistent_digit_grouping)]

pub mod credit;
pub mod draft;
pub mod einvoice;
pub mod fec;
pub mod issue;
pub mod issued;
pub mod ledger;
pub mod line;
pub mod listing;
pub mod mentions;
pub mod numbering;
pub mod payment;
pub mod stamp_duty;
pub mod statement;
pub mod totals;
pub mod vat;
pub mod words;
