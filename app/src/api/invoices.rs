//! Issued invoices: issuing a draft, the list, one invoice, its payments and credit notes.

use domain::invoicing::credit::CreditForm;
use domain::invoicing::issued::{InvoiceView, Receipt};
use domain::invoicing::listing::InvoiceListing;
use domain::invoicing::payment::PaymentForm;
use domain::invoicing::statement::Statement;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::invoicing::listing::InvoiceQuery,
    services::AppError,
    services::invoicing::{credits, invoices, issuing, payments, statements},
};

/// A page of issued invoices: by status, customer and period, 50 at a time.
#[server(endpoint = "invoices_list")]
pub async fn invoices_list(
    status: Option<String>,
    customer: Option<String>,
    from: Option<String>,
    to: Option<String>,
    after: Option<String>,
) -> Result<InvoiceListing, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let query = InvoiceQuery::parse(&text(&status), &text(&customer), &text(&from), &text(&to), &text(&after))
        .map_err(AppError::from)?;
    Ok(invoices::list(&scope, &query, state.clock.now_ms()).await?)
}

#[server(endpoint = "invoice_details")]
pub async fn invoice_details(id: String) -> Result<InvoiceView, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(invoices::view(&scope, &id, state.clock.now_ms()).await?)
}

/// A payment's receipt.
#[server(endpoint = "payment_receipt")]
pub async fn payment_receipt(invoice: String, payment: String) -> Result<Receipt, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let (invoice, payment) = (ssr::record_id(&invoice)?, ssr::record_id(&payment)?);
    Ok(payments::receipt(&scope, &invoice, &payment).await?)
}

/// A customer's statement: its invoices, credit notes and payments with the running balance.
#[server(endpoint = "customer_statement")]
pub async fn customer_statement(id: String) -> Result<Statement, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(statements::of_customer(&scope, &id, state.clock.now_ms()).await?)
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

/// Records a payment and comes back to the invoice.
#[server(endpoint = "record_payment")]
pub async fn record_payment(#[server(flatten)] form: PaymentForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoicePay).await?;
    let outcome = match form.parse() {
        Ok((invoice, entry)) => payments::record(&scope, &invoice, &entry, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("payment", outcome, "payment-recorded", &form.values()).await?;
    leptos_axum::redirect(&format!("/invoices/issued/{}", ssr::record_id(&form.invoice)?));
    Ok(id)
}

/// Issues a credit note of an invoice and opens it; a refusal goes back to the invoice.
#[server(endpoint = "issue_credit_note")]
pub async fn issue_credit_note(#[server(flatten)] form: CreditForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceIssue).await?;
    let outcome = match form.parse() {
        Ok(request) => credits::issue(&state, &scope, &request, state.clock.now_ms(), &ssr::base_url(&state)).await,
        Err(errors) => Err(errors.into()),
    };
    let values = form.values();
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let id = ssr::finish("credit", outcome, "credit-note-issued", &values).await?;
    leptos_axum::redirect(&format!("/invoices/issued/{id}"));
    Ok(id)
}
