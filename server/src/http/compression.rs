//! Responses built per request (pages, JSON, CSV) compressed for the browsers that accept it.
//! The bundle is not compressed here: the build did it once (`assets.rs`).
//!
//! A response marked `Cache-Control: no-store` is never compressed: those are the ones that carry
//! a secret (a second factor's key, recovery codes, a token shown once), and compressing a
//! secret beside text an attacker can get into the same page leaks it through the length
//! (BREACH).

use axum::http::Extensions;
use axum::http::{HeaderMap, StatusCode, Version, header};
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Brotli's quality 4 (and gzip's level 4): most of the gain at a small share of the best
/// quality's time, paid on every page.
const QUALITY: i32 = 4;

pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(QUALITY))
        .compress_when(SizeAbove::new(256).and(worth_compressing))
}

fn worth_compressing(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let content_type = text(header::CONTENT_TYPE);
    let textual = ["text/", "application/json", "application/problem+json", "application/javascript", "image/svg+xml"]
        .iter()
        .any(|prefix| content_type.starts_with(prefix));
    textual && !text(header::CACHE_CONTROL).contains("no-store")
}
