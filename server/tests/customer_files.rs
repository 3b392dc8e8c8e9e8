//! Customer files over HTTP, through the real router: the export, and the import upload with
//! the wrong role, a refused file (its problems come back to the import page) and a good one.

mod common;

use common::TestApp;
use services::db::Backend;

fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "atelier-customers-5c1e";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clients.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, bytes: &[u8]) -> reqwest::Response {
    let (content_type, body) = multipart(bytes);
    let request = app.client.post(app.url("/invoices/customers/import")).header("Content-Type", content_type);
    request.header("Accept", "text/html").body(body).send().await.unwrap()
}

const FILE: &str =
    "Raison sociale;Adresse;Code postal;Ville;SIREN\nFromagerie Richard;13 rue Mercière;69002;Lyon;552100554\n";

#[tokio::test]
async fn an_accountant_imports_and_exports_customers() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("accountant@demo.example").await;
    let refused = upload(&app, b"legal_name;street;postcode;city\nA;1 rue;690;Lyon\n").await;
    assert!(refused.status().is_redirection());
    assert_eq!(refused.headers()["location"], "/invoices/customers/import");
    let page = app.client.get(app.url("/invoices/customers/import")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("The file has one problem"), "the refusal is shown once on the import page");
    assert!(page.contains("A postcode has 5 digits."), "with the problem of its line");

    let done = upload(&app, FILE.as_bytes()).await;
    assert_eq!(done.headers()["location"], "/invoices/customers");
    let list = app.client.get(app.url("/invoices/customers")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("One customer imported."));
    assert!(list.contains("Fromagerie Richard"));

    let export = app.client.get(app.url("/invoices/customers.csv")).send().await.unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-disposition"].to_str().unwrap().contains("customers.csv"));
    let text = export.text().await.unwrap();
    assert!(text.starts_with("\u{feff}kind,legal_name,legal_form,street"), "{text}");
    assert!(text.contains("business,Fromagerie Richard,,13 rue Mercière,,69002,Lyon"), "{text}");
    app.finish().await;
}

#[tokio::test]
async fn readers_may_export_but_not_import() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("auditor@demo.example").await;
    assert_eq!(upload(&app, FILE.as_bytes()).await.status(), 403);
    assert_eq!(app.client.get(app.url("/invoices/customers.csv")).send().await.unwrap().status(), 200);
    app.finish().await;
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("technician@demo.example").await;
    assert_eq!(app.client.get(app.url("/invoices/customers.csv")).send().await.unwrap().status(), 403);
    app.finish().await;
}
