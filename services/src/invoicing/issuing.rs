//! Issuing a draft, in one transaction: the legal mentions and dates checked, the next number
//! of the series taken, the document frozen with both parties' identities, its PDF rendered,
//! its bytes and their SHA-256 stored, the invoice marked issued. If anything fails, the
//! transaction rolls back and nothing is numbered.

mod repo;

use domain::Permission;
use domain::invoicing::issue::{self, IssueRefusal, IssuedInvoice, VerificationId, Verify};
use domain::invoicing::numbering::{DocumentNumber, Series};
use rand::RngCore;

use super::{drafts, require_writable, verification};
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
    let last = repo::last_issue_date(&mut *tx, Series::Invoice).await?;
    let last = last.as_deref().map(|d| drafts::day("invoices.issue_date", d)).transpose()?;
    issue::check(&draft, scope.today(now_ms)?, last).map_err(refused)?;

    let year = issue::fiscal_year(draft.issue_date);
    let sequence = repo::next_sequence(&mut *tx, Series::Invoice, year).await?;
    let number = DocumentNumber { prefix: seller.prefix(Series::Invoice).clone(), year, sequence };
    let mut random = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut random);
    let verify = Verify::new(base_url, VerificationId::from_random(random));
    let invoice = IssuedInvoice::of(draft, (seller, buyer), number, verify).map_err(refused)?;

    let pdf = render(invoice.clone()).await?;
    let sha256 = documents::sha256_hex(&pdf);
    let document = serde_json::to_string(&invoice).map_err(|e| AppError::Internal(e.to_string()))?;
    repo::store_pdf(&mut *tx, id, &pdf).await?;
    let issued = repo::Issued {
        series: Series::Invoice,
        invoice: &invoice,
        document: &document,
        sha256: &sha256,
        at_ms: now_ms,
        by: &scope.user.id,
    };
    repo::mark_issued(&mut *tx, id, &issued).await?;
    verification::index(state, &invoice.verification_id, &sha256, &scope.tenant.code, now_ms).await?;
    tx.commit().await?;
    Ok(invoice.number.text())
}

/// The PDF of an issued document, off the async workers (a long invoice takes milliseconds).
pub async fn render(invoice: IssuedInvoice) -> AppResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || documents::render_invoice(&invoice))
        .await
        .map_err(|e| AppError::Internal(format!("rendering a PDF: {e}")))
}

fn refused(refusal: IssueRefusal) -> AppError {
    match refusal {
        IssueRefusal::Missing(mentions) => AppError::MentionsMissing(mentions),
        other => AppError::Conflict(other.code()),
    }
}
