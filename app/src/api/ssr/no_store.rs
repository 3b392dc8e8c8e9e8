//! Responses that carry a secret or a one-time message.

/// Marks the response being built as one no cache keeps, and that the server never compresses
/// (a secret compressed beside text an attacker put in the same page leaks through its length:
/// BREACH).
pub fn no_store() {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        options.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}
