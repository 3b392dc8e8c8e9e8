//! The inalterable ledger (CGI art. 286 I 3° bis): every issued invoice, credit note and
//! payment, and every closure, is an entry whose hash covers its legally relevant fields and
//! the hash of the entry before it. Changing, removing or reordering any entry breaks every
//! hash after it, which anyone can recompute from an archive, without Atelier.
//!
//! The canonical form, documented in `docs/verification.md` so that others can write their own
//! verifier: the entry as a JSON object with the keys `seq`, `kind`, `entity`, `date`,
//! `fields` and `previous` (never `hash`), keys sorted at every level, no whitespace, strings
//! in UTF-8 with JSON's minimal escapes, amounts as integers in minor units, dates
//! `YYYY-MM-DD`. The hash is the lower-case hex SHA-256 of those bytes. The first entry's
//! `previous` is [`GENESIS`].

pub mod closure;
pub mod views;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::issue::IssuedInvoice;
use super::payment::Payment;
use crate::party::LegalIds;

pub use crate::hash_chain::{Break, GENESIS, Link, follow};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
    Closure,
}

impl EntryKind {
    pub const ALL: [Self; 4] = [Self::Invoice, Self::CreditNote, Self::Payment, Self::Closure];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit-note",
            Self::Payment => "payment",
            Self::Closure => "closure",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// One entry of the chain, as stored and as archived (one JSON line each).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// 1, 2, 3… without gaps, per company.
    pub seq: i64,
    pub kind: EntryKind,
    /// What the entry records: an invoice's or credit note's number, a payment's id, a
    /// closure's period.
    pub entity: String,
    /// The date it counts at: issue date, payment date, the last day of a closed period.
    pub date: NaiveDate,
    /// The legally relevant fields, a JSON object (see the `*_fields` functions).
    pub fields: Value,
    pub previous: String,
    pub hash: String,
}

impl Entry {
    /// The entry that follows `previous` (None: the first), its hash computed.
    pub fn next(
        previous: Option<(i64, &str)>,
        kind: EntryKind,
        entity: String,
        date: NaiveDate,
        fields: Value,
    ) -> Self {
        let (seq, previous) = previous.map_or((1, GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash.to_owned()));
        let mut entry = Self { seq, kind, entity, date, fields, previous, hash: String::new() };
        entry.hash = entry.computed_hash();
        entry
    }
}

impl Link for Entry {
    fn seq(&self) -> i64 {
        self.seq
    }

    fn previous(&self) -> &str {
        &self.previous
    }

    fn hash(&self) -> &str {
        &self.hash
    }

    fn content(&self) -> Value {
        json!({
            "seq": self.seq,
            "kind": self.kind.as_str(),
            "entity": self.entity,
            "date": self.date.to_string(),
            "fields": self.fields,
            "previous": self.previous,
        })
    }
}

/// A party's identity in an entry: name and identifiers as printed on the document.
fn party(name: &str, ids: &LegalIds) -> Value {
    let ids: Map<String, Value> = ids.named().into_iter().map(|(k, v)| (k.to_owned(), Value::from(v))).collect();
    json!({ "name": name, "ids": ids })
}

/// The fields of an issued invoice or credit note: number, dates, both parties, totals per
/// rate, currency, the PDF's SHA-256, and for a credit note the invoice it credits.
pub fn document_fields(invoice: &IssuedInvoice, pdf_sha256: &str) -> Value {
    let rates: Vec<Value> = invoice
        .totals
        .by_rate
        .iter()
        .map(|r| json!({ "rate_bp": r.rate.basis_points(), "base": r.base_minor, "vat": r.vat_minor }))
        .collect();
    let mut fields = json!({
        "number": invoice.number.text(),
        "issue_date": invoice.issue_date.to_string(),
        "due_date": invoice.due_date.to_string(),
        "seller": party(&invoice.seller.legal_name, &invoice.seller.ids),
        "customer": party(&invoice.buyer.legal_name, &invoice.buyer.ids),
        "currency": invoice.currency.code(),
        "net": invoice.totals.net_minor,
        "vat": invoice.totals.vat_minor,
        "total": invoice.totals.total_minor,
        "rates": rates,
        "pdf_sha256": pdf_sha256,
    });
    if let Some(credited) = &invoice.credits {
        fields["credits"] = Value::from(credited.number.clone());
    }
    fields
}

/// The kind of entry an issued document makes.
pub fn document_kind(invoice: &IssuedInvoice) -> EntryKind {
    if invoice.is_credit_note() { EntryKind::CreditNote } else { EntryKind::Invoice }
}

/// The fields of a payment: the invoice it settles, its date, amount, method, reference and
/// stamp duty, in the invoice's currency.
pub fn payment_fields(invoice_number: &str, currency: &str, payment: &Payment, reference: Option<&str>) -> Value {
    json!({
        "invoice": invoice_number,
        "date": payment.date.to_string(),
        "amount": payment.amount_minor,
        "method": payment.method.as_str(),
        "reference": reference,
        "stamp_duty": payment.stamp_duty_minor,
        "currency": currency,
    })
}

#[cfg(test)]
mod tests;
