//! Refuses state-changing requests sent by another site (A18).
//!
//! Browsers say where a request comes from: `Sec-Fetch-Site` (all current browsers) and
//! `Origin` (on every POST). A request that changes something is refused when either shows
//! another site. Requests with neither header are not from a browser page (scripts, the CLI,
//! monitoring) and cannot carry a victim's cookies by accident, so they pass.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The origin the request was addressed to, from its `Host` header.
fn own_host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST)?.to_str().ok()
}

/// True when the browser says the request comes from another site.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // `none` is a request the user typed or bookmarked; `same-site` includes sibling
        // subdomains, which we do not trust either.
        return !matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => false,
        Some("null") => true,
        Some(origin) => {
            let host = origin.split_once("://").map(|(_, rest)| rest);
            host.is_none() || host != own_host(headers)
        }
    }
}

pub async fn guard(request: Request, next: Next) -> Response {
    if !is_safe(request.method()) && is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, axum::Json(serde_json::json!({ "code": "cross-site" }))).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn origin_must_match_the_host() {
        let same = headers(&[("host", "erp.example:3000"), ("origin", "https://erp.example:3000")]);
        assert!(!is_cross_site(&same));
        let other = headers(&[("host", "erp.example:3000"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&other));
        assert!(is_cross_site(&headers(&[("host", "erp.example"), ("origin", "null")])));
        assert!(!is_cross_site(&headers(&[("host", "erp.example")])), "no browser headers: not a browser page");
    }
}
