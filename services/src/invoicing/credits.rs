//! Credit notes: made from an issued invoice, some or all of its lines at some or all of their
//! quantity, numbered in their own series and sealed like an invoice (PDF, hash, verification
//! id, immutability). Neither a line nor the invoice is ever credited beyond what it was; the
//! database checks both again when the note is issued.

mod repo;

use std::collections::HashMap;

use domain::invoicing::credit::{self, CreditRequest, CreditedInvoice};
use domain::invoicing::issue::{IssueRefusal, IssuedInvoice};
use domain::invoicing::mentions::{self, DocumentFacts};
use domain::invoicing::numbering::Series;
use domain::{Permission, Quantity};
use uuid::Uuid;

use super::issuing::{self, Sealing};
use super::{balances, invoices, require_writable};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, company};

/// Issues the credit note `request` asks for; returns its record id.
pub async fn issue(
    state: &AppState,
    scope: &TenantScope,
    request: &CreditRequest,
    now_ms: i64,
    base_url: &str,
) -> AppResult<String> {
    scope.require(Permission::InvoiceIssue)?;
    require_writable(scope).await?;
    let today = scope.today(now_ms)?;
    let seller = company::profile(scope).await?;
    let original = invoices::issued(scope, &request.invoice).await?;
    if original.is_credit_note() {
        return Err(AppError::NotFound);
    }

    let mut tx = scope.db.begin_write().await?;
    if !balances::hold(&mut *tx, &request.invoice).await? {
        return Err(AppError::NotFound);
    }
    let balance = balances::get(&mut *tx, &request.invoice).await?.ok_or(AppError::NotFound)?;
    let credited = credited_quantities(repo::credited_lines(&mut *tx, &request.invoice).await?)?;
    let (lines, totals) =
        credit::credit_lines(&original.lines, &credited, &request.taken, || Uuid::new_v4().to_string())?;
    credit::check_ceiling(original.totals.total_minor, balance.credited_minor, totals.total_minor)
        .map_err(|code| AppError::field("quantity", code))?;
    let facts = DocumentFacts {
        charges_vat: totals.vat_minor > 0,
        has_zero_rate: totals.has_zero_rate(),
        has_exemption_wording: original.exemption.is_some(),
        has_payment_method: true,
    };
    let missing = mentions::missing(&seller, &original.buyer, facts);
    if !missing.is_empty() {
        return Err(AppError::MentionsMissing(missing));
    }
    if let Some(last) = issuing::last_issue_date(&mut tx, Series::CreditNote).await?
        && today < last
    {
        return Err(issuing::refused(IssueRefusal::DatedBeforeLast(last)));
    }

    let id = Uuid::new_v4().to_string();
    let note = repo::NewNote {
        id: &id,
        credits: &request.invoice,
        day: today.format("%Y-%m-%d").to_string(),
        category: original.category.as_str(),
        exemption: original.exemption.as_deref().filter(|_| totals.has_zero_rate()),
    };
    repo::insert_note(&mut *tx, &note, &scope.user.id, now_ms).await?;
    for (from, line) in &lines {
        repo::add_line(&mut *tx, &id, from, line).await?;
    }
    let credits = CreditedInvoice {
        id: request.invoice.clone(),
        number: original.number.text(),
        issue_date: original.issue_date,
        reason: request.reason.clone(),
    };
    let sealing = Sealing { state, scope, now_ms, base_url };
    let numbering = (Series::CreditNote, seller.prefix(Series::CreditNote).clone(), today);
    let lines = lines.into_iter().map(|(_, line)| line).collect();
    issuing::seal(&mut tx, &sealing, &id, numbering, |number, verify| {
        Ok(IssuedInvoice::credit_note(&original, seller, credits, (lines, totals), (number, verify, today)))
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What earlier credit notes took from each line of an invoice.
fn credited_quantities(rows: Vec<(String, i64)>) -> AppResult<HashMap<String, Quantity>> {
    rows.into_iter()
        .map(|(line, milli)| {
            let quantity =
                Quantity::from_milli(milli).ok_or_else(|| AppError::corrupt("invoice_lines.qty_milli", milli))?;
            Ok((line, quantity))
        })
        .collect()
}

/// What remains to credit of each line of `invoice`, for the credit note form.
pub(super) async fn credited(scope: &TenantScope, invoice: &str) -> AppResult<HashMap<String, Quantity>> {
    credited_quantities(repo::credited_lines(scope.db.pool(), invoice).await?)
}

pub(super) use repo::notes_of;
