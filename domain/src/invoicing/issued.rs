//! What the pages of issued invoices show: one invoice with its stored file's fingerprint, the
//! list, and the public verification summary.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::issue::IssuedInvoice;
use crate::Currency;

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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: String,
    pub number: String,
    pub customer_name: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceListing {
    pub invoices: Vec<InvoiceSummary>,
    pub currency: Currency,
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
