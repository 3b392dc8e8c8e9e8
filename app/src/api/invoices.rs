//! Issued invoices: issuing a draft, the list, one invoice.

use domain::invoicing::issued::{InvoiceListing, InvoiceView};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    services::invoicing::{invoices, issuing},
};

#[server(endpoint = "invoices_list")]
pub async fn invoices_list() -> Result<InvoiceListing, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    Ok(invoices::list(&scope).await?)
}

#[server(endpoint = "invoice_details")]
pub async fn invoice_details(id: String) -> Result<InvoiceView, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(invoices::view(&scope, &id, state.clock.now_ms()).await?)
}

/// Issues a draft and opens the invoice; a refusal goes back to the draft with its reasons.
#[server(endpoint = "issue_draft")]
pub async fn issue_draft(id: String) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceIssue).await?;
    let id = ssr::record_id(&id)?;
    let outcome = issuing::issue(&state, &scope, &id, state.clock.now_ms(), &ssr::base_url(&state)).await;
    let number = ssr::finish("issue", outcome, "invoice-issued-ok", &[]).await?;
    leptos_axum::redirect(&format!("/invoices/issued/{id}"));
    Ok(number)
}
