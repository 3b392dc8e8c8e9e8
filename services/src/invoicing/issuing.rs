//! Issuing a draft, in one transaction: the legal mentions and dates checked, the next number
//! of the series taken, the document frozen with both parties' identities, its PDF rendered,
//! its bytes and their SHA-256 stored, the invoice marked issued. If anything fails, the
//! transaction rolls back and nothing is numbered.

mod repo;

use chrono::NaiveDate;
use domain::Permission;
use domain::invoicing::issue::{self, IssueRefusal, IssuedInvoice, VerificationId, Verify};
use domain::invoicing::ledger as rules;
use domain::invoicing::numbering::{DocumentNumber, Series, SeriesPrefix};
use rand::RngCore;

use super::{drafts, ledger, require_writable, verification};
use crate::db::WriteTx;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Issues draft `id`; returns the invoice's number. `base_url` is the address users reach,
/// printed in the verification URL.
pub async fn issue(state: &AppState, scope: &TenantScope, id: &str, now_ms: i64, base_url: &str) -> AppResult<String> {
    scope.require(Permission::InvoiceIssue)?;
    require_writable(scope).await?;
    // Read before the transaction, so that it holds one connection only; then held at the
    // version read: every change to a draft touches its row first, so a draft changed in
    // between is refused, and once held nobody changes it until this transaction ends.
    let drafts::Assembled { view: draft, seller, buyer, version } = drafts::with_parties(scope, id).await?;
    let mut tx = scope.db.begin_write().await?;
    if !repo::hold_draft(&mut *tx, id, version, now_ms).await? {
        return Err(match drafts::not_a_draft(&mut tx, id).await {
            AppError::NotFound => AppError::Conflict("draft-changed"),
            other => other,
        });
    }
    let last = last_issue_date(&mut tx, Series::Invoice).await?;
    issue::check(&draft, scope.today(now_ms)?, last).map_err(refused)?;

    let sealing = Sealing { state, scope, now_ms, base_url };
    let numbering = (Series::Invoice, seller.prefix(Series::Invoice).clone(), draft.issue_date);
    let invoice = seal(&mut tx, &sealing, id, numbering, |number, verify| {
        IssuedInvoice::of(draft, (seller, buyer), number, verify).map_err(refused)
    })
    .await?;
    // A mission's invoice: its time is invoiced and the mission with it, or nothing is.
    crate::missions::invoicing::issued(&mut tx, state, scope, id, now_ms).await?;
    tx.commit().await?;
    Ok(invoice.number.text())
}

/// Who seals a document, when, and the address its verification URL starts with.
pub(super) struct Sealing<'a> {
    pub state: &'a AppState,
    pub scope: &'a TenantScope,
    pub now_ms: i64,
    pub base_url: &'a str,
}

/// The step invoices and credit notes share, inside the transaction that holds row `id` (still
/// a draft, its lines written): take the next number of the series for the fiscal year of
/// `day`, let `make` build the document with it and a fresh verification id, render the PDF,
/// store its bytes and their SHA-256, mark the row issued, chain it into the ledger, and index
/// it for `/verify`.
pub(super) async fn seal(
    tx: &mut WriteTx,
    s: &Sealing<'_>,
    id: &str,
    (series, prefix, day): (Series, SeriesPrefix, NaiveDate),
    make: impl FnOnce(DocumentNumber, Verify) -> AppResult<IssuedInvoice>,
) -> AppResult<IssuedInvoice> {
    let year = issue::fiscal_year(day);
    let sequence = repo::next_sequence(&mut **tx, series, year).await?;
    let number = DocumentNumber { prefix, year, sequence };
    let mut random = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut random);
    let document = make(number, Verify::new(s.base_url, VerificationId::from_random(random)))?;

    let pdf = render(document.clone()).await?;
    let sha256 = documents::sha256_hex(&pdf);
    let stored = serde_json::to_string(&document).map_err(|e| AppError::Internal(e.to_string()))?;
    repo::store_pdf(&mut **tx, id, &pdf).await?;
    let issued = repo::Issued {
        series,
        invoice: &document,
        document: &stored,
        sha256: &sha256,
        at_ms: s.now_ms,
        by: &s.scope.user.id,
    };
    repo::mark_issued(&mut **tx, id, &issued).await?;
    let record = ledger::Record {
        kind: rules::document_kind(&document),
        entity: &document.number.text(),
        entity_id: id,
        date: document.issue_date,
        fields: rules::document_fields(&document, &sha256),
    };
    ledger::append(tx, record, s.now_ms).await?;
    crate::events::record(tx, Some(&s.scope.user.id), &document.issued_event(id), s.now_ms).await?;
    verification::index(s.state, &document.verification_id, &sha256, &s.scope.tenant.code, s.now_ms).await?;
    Ok(document)
}

/// The date of the series' latest document, which a new one may not precede.
pub(super) async fn last_issue_date(tx: &mut WriteTx, series: Series) -> AppResult<Option<NaiveDate>> {
    let last = repo::last_issue_date(&mut **tx, series).await?;
    last.as_deref().map(|d| drafts::day("invoices.issue_date", d)).transpose()
}

/// The PDF of an issued document, off the async workers (a long invoice takes milliseconds).
pub async fn render(invoice: IssuedInvoice) -> AppResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || documents::render_invoice(&invoice))
        .await
        .map_err(|e| AppError::Internal(format!("rendering a PDF: {e}")))
}

pub(super) fn refused(refusal: IssueRefusal) -> AppError {
    match refusal {
        IssueRefusal::Missing(mentions) => AppError::MentionsMissing(mentions),
        other => AppError::Conflict(other.code()),
    }
}
