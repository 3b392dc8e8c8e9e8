//! Stock files over HTTP: CSV exports and the CSV import upload, through the real router, with
//! the wrong role, the wrong company, no session and an oversized file.

mod common;

use common::TestApp;
use services::db::Backend;

/// A multipart body with a `kind` field and a `file` field.
fn multipart(kind: &str, name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "atelier-test-boundary-7f3a";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, kind: &str, bytes: &[u8]) -> reqwest::Response {
    let (content_type, body) = multipart(kind, "import.csv", bytes);
    app.client
        .post(app.url("/stock/import/upload"))
        .header("Content-Type", content_type)
        .header("Accept", "text/html")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn exports_need_a_member_and_follow_the_filters() {
    let app = TestApp::start(Backend::Sqlite).await;
    let anonymous = app.client.get(app.url("/stock/articles.csv")).send().await.unwrap();
    assert!(anonymous.status().is_redirection());
    assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/login"));

    app.login("accountant@demo.example").await;
    let response = app
        .client
        .get(app.url("/stock/articles.csv?q=vis"))
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("stock.csv"));
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "\u{feff}code;designation;category;unit;quantity;value");
    assert!(lines[1].starts_with("VIS-M6;Vis M6 × 20 inox;Quincaillerie;u;1900;"), "{text}");
    assert_eq!(lines.len(), 2, "only what the filter matches");
    app.finish().await;
}

#[tokio::test]
async fn an_upload_starts_an_import_only_for_a_member_allowed_to_import() {
    let app = TestApp::start(Backend::Sqlite).await;
    let file = b"code;designation;min_stock\nUP-1;Import par HTTP;2\nUP-2;Second;0\n";

    // No session: sent to sign in; nothing imported.
    let response = upload(&app, "articles", file).await;
    assert!(response.status().is_redirection() || response.status() == 401, "{}", response.status());

    app.login("technician@demo.example").await;
    assert_eq!(upload(&app, "articles", file).await.status(), 403);
    app.call("logout", &[]).await;

    app.login("manager@demo.example").await;
    let response = upload(&app, "articles", file).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let id = location.strip_prefix("/stock/import/").expect("sent to the import's page").to_owned();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let progress = loop {
        let progress: serde_json::Value = app.call("import_progress", &[("id", &id)]).await.json().await.unwrap();
        if progress["phase"] == "done" {
            break progress;
        }
        assert!(std::time::Instant::now() < deadline, "the import never finished: {progress}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(progress["outcome"], "imported");
    assert_eq!(progress["imported"], 2);
    let listing: serde_json::Value = app.call("stock_articles", &[("q", "UP-")]).await.json().await.unwrap();
    assert_eq!(listing["lines"].as_array().unwrap().len(), 2);

    // A missing file or kind goes back to the import page with the reason.
    let response = upload(&app, "nonsense", file).await;
    assert_eq!(response.headers()["location"], "/stock/import");
    let flash: serde_json::Value = app.call("take_flash", &[]).await.json().await.unwrap();
    assert_eq!(flash["error"]["fields"][0]["field"], "kind");

    // Too large: refused with its reason, before anything is read into an import.
    let huge = vec![b'x'; services::stock::import::MAX_FILE_BYTES + 1024 * 1024];
    let response = upload(&app, "articles", &huge).await;
    assert_eq!(response.headers()["location"], "/stock/import");
    let flash: serde_json::Value = app.call("take_flash", &[]).await.json().await.unwrap();
    assert_eq!(flash["error"]["fields"][0]["code"], "file-too-large");
    app.call("logout", &[]).await;

    // Another company's members cannot follow this import, and their company has imports off.
    app.login("manager@acme.example").await;
    assert_eq!(app.call("import_progress", &[("id", &id)]).await.status(), 404);
    assert_eq!(upload(&app, "articles", file).await.headers()["location"], "/stock/import");
    let flash: serde_json::Value = app.call("take_flash", &[]).await.json().await.unwrap();
    assert_eq!(flash["error"]["code"], "feature-off");
    app.finish().await;
}
