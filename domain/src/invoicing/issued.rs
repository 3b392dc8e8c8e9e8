//! What the pages of issued invoices show: one invoice with its stored file's fingerprint, the
//! list, and the public verification summary.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::issue::IssuedInvoice;
use super::payment::{Balance, PaymentMethod, Settlement};
use crate::{Currency, Quantity};

/// An issued invoice's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub id: String,
    pub invoice: IssuedInvoice,
    /// The SHA-256 stored when it was issued.
    pub sha256: String,
    /// Whether the stored bytes still hash to it (checked on every view).
    pub bytes_intact: bool,
    pub pdf_bytes: usize,
    pub issued_at_local_ms: i64,
    /// An invoice's payments and credit notes; None for a credit note.
    pub settling: Option<Settling>,
}

/// Where an invoice stands: what settled it, what credited it, and what may still be done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settling {
    pub balance: Balance,
    pub settlement: Settlement,
    pub overdue: bool,
    pub payments: Vec<PaymentView>,
    pub credit_notes: Vec<CreditNoteRef>,
    /// The invoice's lines with what remains to credit of each.
    pub creditable: Vec<CreditableLine>,
    /// The company's date today (the payment form's default).
    pub today: NaiveDate,
    /// Algeria: a cash payment bears stamp duty.
    pub stamp_duty_applies: bool,
    pub can_pay: bool,
    pub can_credit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub id: String,
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    pub reference: Option<String>,
    pub stamp_duty_minor: i64,
    pub recorded_at_local_ms: i64,
}

/// A payment's receipt: who received what from whom, against which invoice, and the stamp
/// duty paid with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub invoice_id: String,
    pub invoice: IssuedInvoice,
    pub payment: PaymentView,
    /// What the invoice leaves due today.
    pub due_minor: i64,
    pub stamp_duty_applies: bool,
}

impl Receipt {
    /// What changed hands: the amount and, in Algeria for cash, the stamp duty on top.
    pub fn received_minor(&self) -> i64 {
        self.payment.amount_minor + self.payment.stamp_duty_minor
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNoteRef {
    pub id: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub total_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditableLine {
    pub id: String,
    pub position: i64,
    pub designation: String,
    pub unit: String,
    pub invoiced: Quantity,
    pub remaining: Quantity,
}

/// What `/verify` tells about a genuine invoice: enough to recognise it, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedInvoice {
    pub number: String,
    pub issue_date: NaiveDate,
    pub issuer: String,
    pub total_minor: i64,
    pub currency: Currency,
}

impl VerifiedInvoice {
    pub fn of(invoice: &IssuedInvoice) -> Self {
        Self {
            number: invoice.number.text(),
            issue_date: invoice.issue_date,
            issuer: invoice.seller.legal_name.clone(),
            total_minor: invoice.totals.total_minor,
            currency: invoice.currency,
        }
    }
}

/// The largest file `/verify` reads: far above any invoice Atelier prints.
pub const VERIFY_MAX_BYTES: usize = 20 * 1024 * 1024;

/// A SHA-256 as typed or pasted: 64 hexadecimal digits, any case, spaces around forgiven.
pub fn parse_sha256(raw: &str) -> Result<String, &'static str> {
    let hash = raw.trim().to_ascii_lowercase();
    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) { Ok(hash) } else { Err("invalid-sha256") }
}

/// Whether bytes are a PDF file at all (before they are looked up).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_64_hex_digits_and_pdfs_start_with_their_signature() {
        let hash = "A".repeat(64);
        assert_eq!(parse_sha256(&format!("  {hash} ")), Ok("a".repeat(64)));
        assert_eq!(parse_sha256(&"g".repeat(64)), Err("invalid-sha256"));
        assert_eq!(parse_sha256(&"a".repeat(63)), Err("invalid-sha256"));
        assert!(looks_like_pdf(b"%PDF-1.7\n"));
        assert!(!looks_like_pdf(b"PK\x03\x04"));
    }
}
