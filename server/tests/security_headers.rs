//! A28 over real HTTP: the security headers of pages, JSON and files, and HSTS behind https.
//!
//! In a file of its own: beside the other hardening tests (seven servers in one process), its
//! first page now and then never answered (about one run in ten, seen on 2026-12-07; alone, never
//! in 25 runs). Not understood yet; recorded in the notes of issue 16.

mod common;

use common::{TestApp, config, serve_with};
use services::db::Backend;
use services::testing::TestEnv;

/// A28: pages carry a policy whose nonce is the one on the page's inline script, cannot be
/// framed, are not sniffed and leak no path to other sites; HSTS only behind https.
#[tokio::test]
async fn a28_pages_send_the_security_headers() {
    let app = TestApp::start(Backend::Sqlite).await;
    let response = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
    let page = response.text().await.unwrap();
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap().to_owned();
    assert!(nonce.len() >= 22, "{policy}");
    assert!(page.contains(&format!("nonce=\"{nonce}\"")), "the page's script carries the header's nonce");
    assert!(!page.contains("<script>"), "no inline script without the nonce");
    for part in ["default-src 'self'", "frame-ancestors 'none'", "'wasm-unsafe-eval'", "object-src 'none'"] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(!headers.contains_key("strict-transport-security"), "plain http: no HSTS");
    // Another page view draws another nonce.
    let again = app.client.get(app.url("/login")).send().await.unwrap();
    assert_ne!(again.headers()["content-security-policy"].to_str().unwrap(), policy);
    // JSON and files carry them too.
    let health = app.client.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.headers()["x-content-type-options"], "nosniff");
    app.finish().await;

    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let https = server::config::Config { public_url: Some("https://erp.example".into()), ..config(&env) };
    let (base, server) = serve_with(&env, &https).await;
    let response = reqwest::get(format!("{base}/login")).await.unwrap();
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
    server.abort();
    env.finish().await;
}
