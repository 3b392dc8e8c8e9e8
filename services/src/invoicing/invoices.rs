//! Issued invoices, read: the list, one invoice as it was issued (its stored bytes re-hashed on
//! every view) and its PDF.

mod repo;

use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::issued::{CreditNoteRef, CreditableLine, InvoiceView, Settling};
use domain::invoicing::listing::{InvoiceListing, InvoiceQuery, InvoiceSummary, ListCursor, ListTotals, PAGE_SIZE};
use domain::invoicing::payment::Balance;
use domain::{Country, Permission, Quantity};

use super::drafts::day;
use super::{balances, credits, customers, figures, payments};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// A page of issued invoices with the totals of all the filters select; `now_ms` dates
/// "today" (overdue).
pub async fn list(scope: &TenantScope, query: &InvoiceQuery, now_ms: i64) -> AppResult<InvoiceListing> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let today = scope.today(now_ms)?;
    let filter = filter_of(scope, query, now_ms)?;
    let after = query.after.as_ref().map(|c| (domain::format::iso_day(c.issue_date), c.number.as_str()));
    let mut rows = repo::list(pool, &filter, after, PAGE_SIZE + 1).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let mut invoices = Vec::with_capacity(rows.len());
    for row in rows {
        let balance = Balance {
            total_minor: row.total_minor,
            credited_minor: row.credited_minor,
            paid_minor: row.paid_minor,
            due_date: day("invoice_balances.due_date", &row.due_date)?,
        };
        invoices.push(InvoiceSummary {
            issue_date: day("invoice_balances.issue_date", &row.issue_date)?,
            due_date: balance.due_date,
            id: row.id,
            number: row.number,
            customer_id: row.customer_id,
            customer_name: row.customer_name,
            total_minor: row.total_minor,
            due_minor: balance.due_minor(),
            settlement: balance.settlement(),
            overdue: balance.is_overdue(today),
        });
    }
    let next = invoices
        .last()
        .filter(|_| more)
        .map(|last| ListCursor { issue_date: last.issue_date, number: last.number.clone() }.text());
    let key = format!("list|{:?}|{:?}|{:?}|{:?}", query.status, query.customer, query.from, query.to);
    let sums = figures::sums(scope, key, today, async {
        let (count, total, due) = repo::totals(pool, &filter).await?;
        Ok(vec![count, total, due])
    })
    .await?;
    let (count, total_minor, due_minor) = (sums[0], sums[1], sums[2]);
    let customer_name = match &query.customer {
        Some(id) => Some(customers::name(scope, id).await?),
        None => None,
    };
    Ok(InvoiceListing {
        invoices,
        totals: ListTotals { count, total_minor, due_minor },
        next,
        customer_name,
        currency: scope.currency()?,
        ledger: scope.allows(Permission::LedgerRead),
    })
}

/// Invoices printed at once at most (a month of a busy company).
pub const PRINT_MAX: i64 = 200;

/// The invoices the filters select, oldest first, as one PDF to print (each part exactly as
/// stored). More than `PRINT_MAX` is refused: narrow the period.
pub async fn print(scope: &TenantScope, query: &InvoiceQuery, now_ms: i64) -> AppResult<Vec<u8>> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let filter = filter_of(scope, query, now_ms)?;
    let mut rows = repo::list(pool, &filter, None, PRINT_MAX + 1).await?;
    if rows.len() as i64 > PRINT_MAX {
        return Err(AppError::Conflict("print-too-many"));
    }
    if rows.is_empty() {
        return Err(AppError::NotFound);
    }
    rows.reverse();
    let mut pdfs = Vec::with_capacity(rows.len());
    for row in &rows {
        pdfs.push(repo::pdf(pool, &row.id).await?.ok_or_else(|| AppError::corrupt("invoice_pdfs", &row.id))?);
    }
    tokio::task::spawn_blocking(move || documents::bundle(&pdfs))
        .await
        .map_err(|e| AppError::Internal(format!("bundling PDFs: {e}")))?
        .map_err(|e| AppError::corrupt("invoice_pdfs", e))
}

/// The list's filters as SQL values, "today" from `now_ms`.
fn filter_of<'q>(scope: &TenantScope, query: &'q InvoiceQuery, now_ms: i64) -> AppResult<repo::Filter<'q>> {
    let iso = domain::format::iso_day;
    Ok(repo::Filter {
        status: query.status,
        customer: query.customer.as_deref(),
        from: query.from.map(iso),
        to: query.to.map(iso),
        today: iso(scope.today(now_ms)?),
    })
}

/// One issued invoice or credit note; `now_ms` dates "today" (overdue, the payment form).
pub async fn view(scope: &TenantScope, id: &str, now_ms: i64) -> AppResult<InvoiceView> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let row = repo::get(pool, id).await?.ok_or(AppError::NotFound)?;
    let pdf = repo::pdf(pool, id).await?.ok_or_else(|| AppError::corrupt("invoice_pdfs", id))?;
    let invoice = document(&row.document)?;
    let settling = if invoice.is_credit_note() { None } else { Some(settling(scope, &invoice, id, now_ms).await?) };
    Ok(InvoiceView {
        invoice,
        bytes_intact: documents::sha256_hex(&pdf) == row.pdf_sha256,
        pdf_bytes: pdf.len(),
        issued_at_local_ms: scope.local_ms(row.issued_at),
        sha256: row.pdf_sha256,
        id: row.id,
        settling,
    })
}

/// An invoice's payments, credit notes and what remains of each line, as of today.
async fn settling(scope: &TenantScope, invoice: &IssuedInvoice, id: &str, now_ms: i64) -> AppResult<Settling> {
    let pool = scope.db.pool();
    let balance = balances::get(pool, id).await?.ok_or_else(|| AppError::corrupt("invoice_balances", id))?.balance()?;
    let today = scope.today(now_ms)?;
    let credited = credits::credited(scope, id).await?;
    let creditable = invoice
        .lines
        .iter()
        .map(|line| CreditableLine {
            id: line.id.clone(),
            position: line.position,
            designation: line.designation.clone(),
            unit: line.unit.clone(),
            invoiced: line.quantity,
            remaining: line
                .quantity
                .checked_sub(credited.get(&line.id).copied().unwrap_or(Quantity::ZERO))
                .unwrap_or(Quantity::ZERO),
        })
        .collect();
    let mut credit_notes = Vec::new();
    for note in credits::notes_of(pool, id).await? {
        credit_notes.push(CreditNoteRef {
            issue_date: day("invoices.issue_date", &note.issue_date)?,
            id: note.id,
            number: note.number,
            total_minor: note.total_minor,
        });
    }
    Ok(Settling {
        settlement: balance.settlement(),
        overdue: balance.is_overdue(today),
        payments: payments::of_invoice(scope, id).await?,
        credit_notes,
        creditable,
        today,
        stamp_duty_applies: scope.country()? == Country::Algeria,
        can_pay: scope.allows(Permission::InvoicePay) && balance.due_minor() > 0,
        can_credit: scope.allows(Permission::InvoiceIssue) && balance.credited_minor < balance.total_minor,
        balance,
    })
}

/// How many issued invoices and credit notes lack their SHA-256 or their PDF: the daily health
/// check of the seed, for the integrity tooling. Always 0 while the triggers hold.
pub async fn issued_without_pdf(scope: &TenantScope) -> AppResult<i64> {
    scope.require(Permission::InvoiceRead)?;
    Ok(repo::issued_without_pdf(scope.db.pool()).await?)
}

/// An issued invoice or credit note, as its document was frozen.
pub(super) async fn issued(scope: &TenantScope, id: &str) -> AppResult<IssuedInvoice> {
    let row = repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    document(&row.document)
}

/// The stored PDF, exactly as issued, and the file name to give it.
pub async fn pdf(scope: &TenantScope, id: &str) -> AppResult<(String, Vec<u8>)> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let row = repo::get(pool, id).await?.ok_or(AppError::NotFound)?;
    let pdf = repo::pdf(pool, id).await?.ok_or_else(|| AppError::corrupt("invoice_pdfs", id))?;
    Ok((document(&row.document)?.file_name(), pdf))
}

/// An issued document as stored (its JSON), read back.
pub(crate) fn document(stored: &str) -> AppResult<IssuedInvoice> {
    serde_json::from_str(stored).map_err(|e| AppError::corrupt("invoices.document", e.to_string()))
}
