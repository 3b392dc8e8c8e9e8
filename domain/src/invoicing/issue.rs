//! Issuing a draft: what must hold before a number is taken, and the document it becomes. The
//! issued document keeps both parties' identities as they were that day: a later change of the
//! company profile or of the customer never changes an invoice already issued.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::credit::CreditedInvoice;
use super::draft::Category;
use super::draft::views::{DraftLineView, DraftView};
use super::mentions::Mention;
use super::numbering::{DocumentNumber, Series};
use super::payment::PaymentMethod;
use super::totals::Totals;
use crate::company::CompanyProfile;
use crate::customer::Customer;
use crate::{Currency, Lang};

/// Why a draft cannot be issued yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueRefusal {
    /// No line: there is nothing to invoice.
    Empty,
    /// Legal mentions the invoice would lack, all of them.
    Missing(Vec<Mention>),
    /// Dated after today: an invoice is issued on or before its date.
    DatedInFuture,
    /// Dated before the last invoice issued in its series: numbers follow the dates.
    DatedBeforeLast(NaiveDate),
}

impl IssueRefusal {
    /// The code a form shows on its field (the missing mentions are listed by the caller).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "draft-empty",
            Self::Missing(_) => "mentions-missing",
            Self::DatedInFuture => "issue-date-in-future",
            Self::DatedBeforeLast(_) => "issue-date-before-last",
        }
    }
}

/// Whether `draft` may be issued `today`, after the series' last issued invoice (if any).
pub fn check(draft: &DraftView, today: NaiveDate, last_issued: Option<NaiveDate>) -> Result<(), IssueRefusal> {
    if draft.lines.is_empty() || draft.totals.is_none() {
        return Err(IssueRefusal::Empty);
    }
    if !draft.missing.is_empty() {
        return Err(IssueRefusal::Missing(draft.missing.clone()));
    }
    if draft.issue_date > today {
        return Err(IssueRefusal::DatedInFuture);
    }
    match last_issued {
        Some(last) if draft.issue_date < last => Err(IssueRefusal::DatedBeforeLast(last)),
        _ => Ok(()),
    }
}

/// The fiscal year a document belongs to: the calendar year of its date.
pub fn fiscal_year(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.year()
}

/// An issued invoice's public verification id: 128 random bits in Crockford's base 32 (26
/// characters), printed in the verification URL. Not the number (which can be guessed) and not
/// the file's hash (which cannot be inside the bytes it hashes).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VerificationId(String);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const VERIFICATION_LEN: usize = 26;

impl VerificationId {
    pub fn from_random(bytes: [u8; 16]) -> Self {
        let mut value = u128::from_be_bytes(bytes);
        let mut text = [0u8; VERIFICATION_LEN];
        for slot in text.iter_mut().rev() {
            *slot = CROCKFORD[(value & 31) as usize];
            value >>= 5;
        }
        Self(text.iter().map(|&b| b as char).collect())
    }

    /// Reads an id as typed or printed: case and Crockford's look-alikes (O, I, L) forgiven.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let text: String = raw
            .trim()
            .chars()
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        let valid = text.len() == VERIFICATION_LEN
            && text.bytes().all(|b| CROCKFORD.contains(&b))
            && text.as_bytes()[0] <= b'7'; // 26 × 5 bits carry 128: the first digit holds 3
        if valid { Ok(Self(text)) } else { Err("invalid-verification-id") }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VerificationId {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<VerificationId> for String {
    fn from(id: VerificationId) -> String {
        id.0
    }
}

/// An invoice as issued: everything its PDF prints, frozen that day. Stored as JSON beside the
/// PDF's bytes, so that the invoice page shows what was issued, not today's profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedInvoice {
    pub series: Series,
    pub number: DocumentNumber,
    pub verification_id: VerificationId,
    /// The verification page's address, printed with its QR code.
    pub verify_url: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub category: Category,
    pub payment_method: Option<PaymentMethod>,
    pub exemption: Option<String>,
    pub seller: CompanyProfile,
    pub buyer: Customer,
    pub lines: Vec<DraftLineView>,
    pub totals: Totals,
    pub currency: Currency,
    /// The language the document is written in (the company's choice).
    pub lang: Lang,
    /// A credit note's invoice (absent from invoices, and from documents issued before credit
    /// notes existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditedInvoice>,
}

impl IssuedInvoice {
    /// The document a checked draft becomes, once its number is taken.
    pub fn of(
        draft: DraftView,
        parties: (CompanyProfile, Customer),
        number: DocumentNumber,
        verify: Verify,
    ) -> Result<Self, IssueRefusal> {
        let (seller, buyer) = parties;
        let totals = draft.totals.ok_or(IssueRefusal::Empty)?;
        Ok(Self {
            series: Series::Invoice,
            number,
            verification_id: verify.id,
            verify_url: verify.url,
            issue_date: draft.issue_date,
            due_date: draft.due_date,
            category: draft.category,
            payment_method: draft.payment_method,
            exemption: draft.exemption,
            lang: seller.document_lang,
            seller,
            buyer,
            lines: draft.lines,
            totals,
            currency: draft.currency,
            credits: None,
        })
    }

    /// A credit note of `original`, issued `today` by `seller` (its profile of today) to the
    /// invoice's customer as invoiced, taking back `lines`.
    pub fn credit_note(
        original: &IssuedInvoice,
        seller: CompanyProfile,
        credits: CreditedInvoice,
        (lines, totals): (Vec<DraftLineView>, Totals),
        (number, verify, today): (DocumentNumber, Verify, NaiveDate),
    ) -> Self {
        Self {
            series: Series::CreditNote,
            number,
            verification_id: verify.id,
            verify_url: verify.url,
            issue_date: today,
            due_date: today,
            category: original.category,
            payment_method: None,
            exemption: original.exemption.clone().filter(|_| totals.has_zero_rate()),
            lang: seller.document_lang,
            seller,
            buyer: original.buyer.clone(),
            lines,
            totals,
            currency: original.currency,
            credits: Some(credits),
        }
    }

    pub fn is_credit_note(&self) -> bool {
        self.series == Series::CreditNote
    }

    /// The business event its issue is, about the document `id`: its number and buyer.
    pub fn issued_event(&self, id: &str) -> crate::events::NewEvent {
        use crate::events::{EventKind, NewEvent};
        let kind = if self.is_credit_note() { EventKind::CreditNoteIssued } else { EventKind::InvoiceIssued };
        NewEvent::new(kind, id, &format!("{} · {}", self.number.text(), self.buyer.legal_name))
    }

    /// The file name a download takes (`F-2026-00042.pdf`).
    pub fn file_name(&self) -> String {
        format!("{}.pdf", self.number.text())
    }
}

/// The verification id and the address that shows it.
pub struct Verify {
    pub id: VerificationId,
    pub url: String,
}

impl Verify {
    /// `base` is the address users reach (no trailing slash needed).
    pub fn new(base: &str, id: VerificationId) -> Self {
        let url = format!("{}/verify/{}", base.trim_end_matches('/'), id.as_str());
        Self { id, url }
    }
}

#[cfg(test)]
mod tests;
