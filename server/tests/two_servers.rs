//! Two `atelier serve` processes on one PostgreSQL database behave as one (issue 17, item 1):
//! requests alternate between them, each sees at once what the other wrote, a session opened on
//! one is the same session on the other (and ended on both by a sign-out on either), the
//! sign-in budget of an address is spent on both, and an import started on one is followed on
//! the other. Skipped without PostgreSQL (`ATELIER_TEST_DATABASE_URL`): SQLite is one server's.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Sign-in attempts each address may make a minute, on both servers together.
const BUDGET: usize = 6;
/// The installation's key, given to both servers as a deployment would.
const SECRET_KEY: &str = "5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab5ec2e7ab";

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

/// A server of a demo installation (its demo accounts sign in only in demo mode); the first one
/// started seeds the demo, the next finds it there.
async fn start(database_url: &str, data_dir: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("ATELIER_DATA_DIR", data_dir)
        .env("ATELIER_DEMO", "true")
        .env("ATELIER_SECRET_KEY", SECRET_KEY)
        .env("ATELIER_LOG", "warn")
        .env("ATELIER_LOGIN_ATTEMPTS_PER_MINUTE", BUDGET.to_string())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .spawn()
        .expect("atelier serve");
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while reqwest::get(format!("{}/health", server.base)).await.map(|r| r.status().as_u16()).unwrap_or(0) != 200 {
        assert!(started.elapsed() < Duration::from_secs(60), "{} did not start", server.base);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server
}

/// Calls a server function as the hydrated page does.
async fn call(client: &reqwest::Client, base: &str, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client.post(format!("{base}/api/{name}")).header("Accept", "application/json").form(form).send().await.unwrap()
}

/// A CSV file of `rows` articles, sent as the import page's form sends it.
fn import_form(rows: usize) -> (String, Vec<u8>) {
    let boundary = "atelier-two-servers";
    let mut csv = String::from("code;designation\n");
    for i in 0..rows {
        csv.push_str(&format!("TWO-{i:05};Article {i}\n"));
    }
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\narticles\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"two.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

#[tokio::test]
async fn two_server_processes_on_one_postgresql_behave_as_one() {
    let Ok(postgres) = std::env::var("ATELIER_TEST_DATABASE_URL") else {
        eprintln!("skipped: ATELIER_TEST_DATABASE_URL is not set");
        return;
    };
    let name = format!("atelier_two_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let url = services::db::url::postgres_with_database(&postgres, &name).unwrap();
    let data = tempfile::tempdir().unwrap();
    let first = start(&url, data.path()).await;
    let second = start(&url, data.path()).await;
    let servers = [first.base.as_str(), second.base.as_str()];
    // One browser: its cookie goes to both (cookies do not tell ports apart), as behind a proxy.
    let browser =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();

    let login = [("email", "manager@demo.example"), ("password", services::demo::DEMO_PASSWORD)];
    assert_eq!(call(&browser, servers[0], "login", &login).await.status(), 200);
    for (i, base) in servers.iter().cycle().take(6).enumerate() {
        // Alternating: each server sees the session, and what the other just wrote.
        let info: Value = call(&browser, base, "session_info", &[]).await.json().await.unwrap();
        assert_eq!(info["tenant_code"], "demo", "{base}: {info}");
        if i > 0 {
            let sites: Value = call(&browser, base, "list_sites", &[]).await.json().await.unwrap();
            let code = format!("TWO-{}", i - 1);
            assert!(sites.as_array().unwrap().iter().any(|s| s["code"] == code.as_str()), "{base} misses {code}");
        }
        let code = format!("TWO-{i}");
        let created =
            call(&browser, base, "create_site", &[("code", &code), ("name", "Deux serveurs"), ("city", "")]).await;
        assert_eq!(created.status(), 200, "{base}");
    }

    // An import started on one server, followed to its end on the other.
    let (content_type, body) = import_form(3_000);
    let started = browser
        .post(format!("{}/stock/import/upload", servers[0]))
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 303, "{:?}", started.text().await);
    let page = started.headers()["location"].to_str().unwrap().to_owned();
    let id = page.strip_prefix("/stock/import/").expect("the import's page").to_owned();
    let deadline = Instant::now() + Duration::from_secs(60);
    let outcome = loop {
        let progress: Value = call(&browser, servers[1], "import_progress", &[("id", &id)]).await.json().await.unwrap();
        if progress["phase"] == "done" {
            break progress;
        }
        assert!(Instant::now() < deadline, "the import never ended: {progress}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(
        (outcome["outcome"].as_str(), outcome["imported"].as_u64()),
        (Some("imported"), Some(3_000)),
        "{outcome}"
    );
    let shown = browser.get(format!("{}{page}", servers[1])).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    assert!(shown.text().await.unwrap().contains("two.csv"));

    // The address's sign-in budget is one for both: one sign-in spent, then wrong passwords in
    // turn until it is gone, on whichever server.
    let stranger = reqwest::Client::new();
    let wrong = [("email", "manager@demo.example"), ("password", "not the password")];
    for attempt in 2..=BUDGET {
        let answer = call(&stranger, servers[attempt % 2], "login", &wrong).await;
        assert_ne!(answer.status(), 429, "attempt {attempt} is within the budget");
    }
    for base in servers {
        let refused = call(&stranger, base, "login", &login).await;
        assert_eq!(refused.status(), 429, "{base}: even the right password waits");
    }

    // Signed out on one, signed out on both.
    assert!(call(&browser, servers[1], "logout", &[]).await.status().is_success());
    for base in servers {
        let after = call(&browser, base, "session_info", &[]).await;
        assert_eq!(after.status(), 401, "{base}");
    }

    drop((first, second));
    services::db::drop_postgres_databases(&url).await.unwrap();
}
