//! Invoice drafts: the list, one draft, its header and lines.

use domain::invoicing::draft::views::{DraftListing, DraftView, LinePrefill};
use domain::invoicing::draft::{DraftForm, LineForm};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::invoicing::drafts};

#[server(endpoint = "drafts_list")]
pub async fn drafts_list() -> Result<DraftListing, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    Ok(drafts::list(&scope).await?)
}

#[server(endpoint = "draft_details")]
pub async fn draft_details(id: String) -> Result<DraftView, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(drafts::view(&scope, &id).await?)
}

/// An article's fields for a new line, by its code.
#[server(endpoint = "draft_line_prefill")]
pub async fn draft_line_prefill(code: String) -> Result<LinePrefill, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    Ok(drafts::prefill(&scope, &code).await?)
}

/// Creates a draft and opens it.
#[server(endpoint = "create_draft")]
pub async fn create_draft(#[server(flatten)] form: DraftForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    let outcome = match form.parse() {
        Ok(header) => drafts::create(&scope, &header, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("new-draft", outcome, "draft-created", &form.values()).await?;
    leptos_axum::redirect(&format!("/invoices/drafts/{id}"));
    Ok(id)
}

#[server(endpoint = "update_draft")]
pub async fn update_draft(#[server(flatten)] form: DraftForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    let id = ssr::record_id(&form.id)?;
    let outcome = match form.parse() {
        Ok(header) => drafts::update(&scope, &id, &header, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("draft", outcome, "draft-saved", &form.values()).await
}

#[server(endpoint = "delete_draft")]
pub async fn delete_draft(id: String) -> Result<(), ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    let id = ssr::record_id(&id)?;
    let outcome = drafts::delete(&scope, &id).await;
    ssr::finish("drafts", outcome, "draft-deleted", &[]).await?;
    leptos_axum::redirect("/invoices/drafts");
    Ok(())
}

#[server(endpoint = "add_draft_line")]
pub async fn add_draft_line(#[server(flatten)] form: LineForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    let outcome = match form.parse(scope.country()?) {
        Ok((draft, line)) => drafts::add_line(&scope, &draft, &line, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("line", outcome, "draft-line-added", &form.values()).await?;
    // Back to the draft without the article the line was filled from.
    leptos_axum::redirect(&format!("/invoices/drafts/{}", ssr::record_id(&form.draft)?));
    Ok(())
}

#[server(endpoint = "remove_draft_line")]
pub async fn remove_draft_line(draft: String, line: String) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::InvoiceDraft).await?;
    let (draft, line) = (ssr::record_id(&draft)?, ssr::record_id(&line)?);
    let outcome = drafts::remove_line(&scope, &draft, &line, state.clock.now_ms()).await;
    ssr::finish("lines", outcome, "draft-line-removed", &[]).await
}
