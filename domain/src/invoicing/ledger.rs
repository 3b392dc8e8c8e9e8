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
use sha2::{Digest, Sha256};

use super::issue::IssuedInvoice;
use super::payment::Payment;
use crate::party::LegalIds;

/// The `previous` of a company's first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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

    /// The canonical bytes the hash covers.
    pub fn canonical(&self) -> String {
        let value = json!({
            "seq": self.seq,
            "kind": self.kind.as_str(),
            "entity": self.entity,
            "date": self.date.to_string(),
            "fields": self.fields,
            "previous": self.previous,
        });
        serde_json::to_string(&sorted(&value)).expect("a JSON value serialises")
    }

    pub fn computed_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }
}

/// A value with every object's keys in order, whatever built it (serde_json keeps insertion
/// order when any crate of the build turns on its `preserve_order`).
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect::<Map<_, _>>())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// What is wrong with a chain, at the first entry where it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The entry's own hash is not the hash of its fields: it was altered.
    Altered { seq: i64 },
    /// The entry does not follow the one before it (an entry missing, added or moved).
    Unlinked { seq: i64, expected_previous: String },
    /// Sequence numbers skip or repeat.
    OutOfSequence { seq: i64, expected: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Altered { seq } => write!(f, "entry {seq}: its hash is not the hash of its content (altered)"),
            Self::Unlinked { seq, expected_previous } => write!(
                f,
                "entry {seq}: its previous hash is not the hash of the entry before it ({expected_previous}): \
                 an entry is missing, added or moved"
            ),
            Self::OutOfSequence { seq, expected } => {
                write!(f, "entry {seq}: expected entry {expected} here (missing, repeated or reordered)")
            }
        }
    }
}

/// Follows `entries` from `start` (the seq and hash before the first one: `(0, GENESIS)` for a
/// whole chain); returns the head reached, or the first break.
pub fn follow<'a>(start: (i64, String), entries: impl IntoIterator<Item = &'a Entry>) -> Result<(i64, String), Break> {
    let (mut seq, mut head) = start;
    for entry in entries {
        if entry.seq != seq + 1 {
            return Err(Break::OutOfSequence { seq: entry.seq, expected: seq + 1 });
        }
        if entry.computed_hash() != entry.hash {
            return Err(Break::Altered { seq: entry.seq });
        }
        if entry.previous != head {
            return Err(Break::Unlinked { seq: entry.seq, expected_previous: head });
        }
        seq = entry.seq;
        head = entry.hash.clone();
    }
    Ok((seq, head))
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
