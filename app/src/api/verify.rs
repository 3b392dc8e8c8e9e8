//! The public verification of invoices (no sign-in): by the printed verification id, by a
//! file's SHA-256 (the file itself is hashed by the upload handler, which comes back here).

use domain::invoicing::issued::VerifiedInvoice;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, services::invoicing::verification};

#[server(endpoint = "verify_by_id")]
pub async fn verify_by_id(id: String) -> Result<VerifiedInvoice, ApiError> {
    let state = ssr::state()?;
    Ok(verification::by_id(&state, &id).await?)
}

/// The invoice whose file has `hash`; with `id`, it must be the invoice of that code.
#[server(endpoint = "verify_by_hash")]
pub async fn verify_by_hash(hash: String, id: Option<String>) -> Result<VerifiedInvoice, ApiError> {
    let state = ssr::state()?;
    let expected = id.as_deref().filter(|id| !id.trim().is_empty());
    Ok(verification::by_hash(&state, &hash, expected).await?)
}
