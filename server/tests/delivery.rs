//! Web delivery for phones and slow links (issue 17, item 9): pages compressed for the browsers
//! that take it, except those that show a secret (BREACH); the bundle sent as the build
//! compressed it, under content-hashed names that browsers keep for a year.

use std::io::Read;

mod common;

use common::{TestApp, config};
use services::db::Backend;
use services::testing::TestEnv;

async fn get(client: &reqwest::Client, url: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = client.get(url);
    if let Some(encodings) = accept_encoding {
        request = request.header("Accept-Encoding", encodings);
    }
    request.send().await.unwrap()
}

fn header<'r>(response: &'r reqwest::Response, name: &str) -> &'r str {
    response.headers().get(name).map(|v| v.to_str().unwrap()).unwrap_or_default()
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it() {
    let app = TestApp::start(Backend::Sqlite).await;
    let page = app.url("/login");

    let gzip = get(&app.client, &page, Some("gzip")).await;
    assert_eq!(gzip.status(), 200);
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    assert!(header(&gzip, "vary").to_ascii_lowercase().contains("accept-encoding"), "caches must tell them apart");
    let compressed = gzip.bytes().await.unwrap();
    let mut html = String::new();
    flate2::read::GzDecoder::new(&compressed[..]).read_to_string(&mut html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("</body>"), "{html:.200}");
    assert!(html.len() > 2 * compressed.len(), "{} bytes for {}", compressed.len(), html.len());

    // Brotli is preferred when both are accepted, as browsers send them.
    let both = get(&app.client, &page, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(header(&both, "content-encoding"), "br");

    // Nothing asked, nothing compressed; nor an answer too small to gain from it.
    let plain = get(&app.client, &page, None).await;
    assert_eq!(header(&plain, "content-encoding"), "");
    assert!(plain.text().await.unwrap().starts_with("<!DOCTYPE html>"));
    let health = get(&app.client, &app.url("/health"), Some("br, gzip")).await;
    assert_eq!((health.status().as_u16(), header(&health, "content-encoding")), (200, ""));
    app.finish().await;
}

#[tokio::test]
async fn pages_that_show_a_secret_are_neither_compressed_nor_kept() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("manager@demo.example").await;

    // The security page holds the key of a second factor being set up.
    let secret = get(&app.client, &app.url("/settings/security"), Some("br, gzip")).await;
    assert_eq!(secret.status(), 200);
    assert_eq!(header(&secret, "content-encoding"), "", "a compressed secret leaks through its length");
    assert_eq!(header(&secret, "cache-control"), "no-store");
    assert!(secret.text().await.unwrap().contains("<html"));

    // A page showing a form's outcome once (which may be recovery codes or a new token): here a
    // refused form posted without JavaScript, then the same page once the outcome was shown.
    let refused = app
        .client
        .post(app.url("/api/create_site"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/stock/sites"))
        .form(&[("code", ""), ("name", "")])
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_redirection(), "{}", refused.status());
    let outcome = get(&app.client, &app.url("/stock/sites"), Some("br, gzip")).await;
    assert_eq!((header(&outcome, "content-encoding"), header(&outcome, "cache-control")), ("", "no-store"));
    let again = get(&app.client, &app.url("/stock/sites"), Some("br, gzip")).await;
    assert_eq!((again.status().as_u16(), header(&again, "content-encoding")), (200, "br"));
    assert_eq!(header(&again, "cache-control"), "");
    app.finish().await;
}

/// A site as `scripts/build.sh` leaves it, with stand-ins for the compressed copies (so that the
/// test sees which file was sent), in `site/` beside a file no request may reach.
fn built_site() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("secret.txt"), "not for the web").unwrap();
    let pkg = root.path().join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let files: [(&str, &[u8]); 8] = [
        ("assets.json", br#"{"bundle":"atelier.0123456789abcdef","css":"atelier.fedcba9876543210.css"}"#),
        ("atelier.0123456789abcdef.js", b"export default function init() {}\n"),
        ("atelier.0123456789abcdef.js.br", b"brotli copy"),
        ("atelier.0123456789abcdef.js.gz", b"gzip copy"),
        ("atelier.0123456789abcdef.wasm", b"\0asm\x01\0\0\0"),
        ("atelier.fedcba9876543210.css", b"body { margin: 0 }\n"),
        ("atelier.fedcba9876543210.css.br", b"brotli css"),
        ("atelier.fedcba9876543210.css.gz", b"gzip css"),
    ];
    for (name, bytes) in files {
        std::fs::write(pkg.join(name), bytes).unwrap();
    }
    root
}

/// A GET of `path` exactly as written; the whole answer.
async fn raw_get(base: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://")).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn the_bundle_goes_precompressed_under_hashed_names_kept_for_a_year() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let root = built_site();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("atelier")
        .site_root(root.path().join("site").to_str().unwrap())
        .build();
    let app = server::http::router::build(env.state.clone(), &config(&env), options);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server =
        tokio::spawn(server::http::listener::serve(listener, app, config(&env).limits(), std::future::pending()));
    let client = reqwest::Client::new();

    // Pages name this build's files.
    let html = get(&client, &format!("{base}/login"), None).await.text().await.unwrap();
    for name in
        ["/pkg/atelier.0123456789abcdef.js", "/pkg/atelier.0123456789abcdef.wasm", "/pkg/atelier.fedcba9876543210.css"]
    {
        assert!(html.contains(name), "{name} missing from the page");
    }
    assert!(!html.contains("/pkg/atelier.css") && !html.contains("/pkg/atelier.js"), "a plain name is left");

    let script = format!("{base}/pkg/atelier.0123456789abcdef.js");
    for (accepted, encoding, body) in [
        (Some("gzip, deflate, br, zstd"), "br", "brotli copy"),
        (Some("gzip"), "gzip", "gzip copy"),
        (None, "", "export default function init() {}\n"),
    ] {
        let response = get(&client, &script, accepted).await;
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "content-encoding"), encoding, "{accepted:?}");
        assert_eq!(header(&response, "cache-control"), "public, max-age=31536000, immutable");
        assert!(header(&response, "content-type").contains("javascript"));
        assert_eq!(response.text().await.unwrap(), body, "the build's copy, not compressed again");
    }
    let css = get(&client, &format!("{base}/pkg/atelier.fedcba9876543210.css"), Some("br")).await;
    assert_eq!((header(&css, "content-encoding"), header(&css, "content-type")), ("br", "text/css"));
    let wasm = get(&client, &format!("{base}/pkg/atelier.0123456789abcdef.wasm"), Some("br, gzip")).await;
    assert_eq!((wasm.status().as_u16(), header(&wasm, "content-type")), (200, "application/wasm"));

    // What the build did not write is not found; nothing outside the folder is reachable (the
    // paths sent as typed, which an HTTP client would have tidied).
    assert_eq!(get(&client, &format!("{base}/pkg/atelier.js"), None).await.status(), 404);
    for path in ["/pkg/../../secret.txt", "/pkg/%2e%2e/%2e%2e/secret.txt", "/pkg/..%2f..%2fsecret.txt"] {
        let answer = raw_get(&base, path).await;
        assert!(!answer.contains("not for the web"), "{path}: {answer}");
        assert!(answer.starts_with("HTTP/1.1 4") || answer.starts_with("HTTP/1.1 3"), "{path}: {answer:.100}");
    }
    server.abort();
    env.finish().await;
}
