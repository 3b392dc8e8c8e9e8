//! Issued invoices, read: the list, one invoice as it was issued (its stored bytes re-hashed on
//! every view) and its PDF.

mod repo;

use domain::Permission;
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::issued::{InvoiceListing, InvoiceSummary, InvoiceView};

use super::drafts::day;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// Issued invoices a list shows at most (the newest first).
const LIST_LIMIT: i64 = 200;

pub async fn list(scope: &TenantScope) -> AppResult<InvoiceListing> {
    scope.require(Permission::InvoiceRead)?;
    let mut invoices = Vec::new();
    for row in repo::list(scope.db.pool(), LIST_LIMIT).await? {
        invoices.push(InvoiceSummary {
            issue_date: day("invoices.issue_date", &row.issue_date)?,
            due_date: day("invoices.due_date", &row.due_date)?,
            id: row.id,
            number: row.number,
            customer_name: row.customer_name,
            total_minor: row.total_minor,
        });
    }
    Ok(InvoiceListing { invoices, currency: scope.currency()? })
}

pub async fn view(scope: &TenantScope, id: &str) -> AppResult<InvoiceView> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let row = repo::get(pool, id).await?.ok_or(AppError::NotFound)?;
    let pdf = repo::pdf(pool, id).await?.ok_or_else(|| AppError::corrupt("invoice_pdfs", id))?;
    Ok(InvoiceView {
        invoice: document(&row.document)?,
        bytes_intact: documents::sha256_hex(&pdf) == row.pdf_sha256,
        pdf_bytes: pdf.len(),
        issued_at_local_ms: scope.local_ms(row.issued_at),
        sha256: row.pdf_sha256,
        id: row.id,
    })
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
