//! The headers every response carries (A28), set in this one layer.
//!
//! The Content-Security-Policy allows scripts from this site only, plus the page's one inline
//! script (Leptos's island bootstrap), which carries a nonce drawn for this response; the browser
//! bundle is WebAssembly, which needs `'wasm-unsafe-eval'` to be compiled (not `'unsafe-eval'`).
//! Styles, images, fonts and requests stay on this site; no page may be framed. `form-action` is
//! left out on purpose: single sign-on posts to this site, which then redirects the browser to
//! the company's identity provider, and Chromium applies `form-action` to that redirect.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The nonce of this request's inline script, for the page renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(pub Arc<str>);

/// Whether users reach Atelier over https (`ATELIER_PUBLIC_URL`): then browsers are told to
/// come back over https only.
#[derive(Clone, Copy, Debug)]
pub struct Https(pub bool);

fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

pub async fn add(State(https): State<Https>, mut request: Request, next: Next) -> Response {
    let nonce: Arc<str> = uuid::Uuid::new_v4().simple().to_string().into();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.entry(name).or_insert(value);
        }
    };
    set(header::CONTENT_SECURITY_POLICY, &policy(&nonce));
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    if https.0 {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    response
}

/// Gives the page renderer this request's nonce, so that its inline script carries the one the
/// header allows (Leptos would otherwise draw its own).
pub fn provide_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}
