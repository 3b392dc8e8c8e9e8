//! What an external review found open, each shut and tried again over real HTTP: slow and
//! anonymous clients (A29), re-authentication (A24), request ids, body sizes and the metrics
//! endpoint (the headers of A28 have their own file, `security_headers.rs`).

mod common;

use std::time::{Duration, Instant};

use common::{TestApp, config, serve_with};
use services::db::Backend;
use services::demo::DEMO_PASSWORD;
use services::testing::{TestEnv, backends};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn read_until_closed(stream: &mut tokio::net::TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(received),
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
}

/// A29: a client sending its headers slowly, and one idle after its request, are closed after
/// the header timeout; one slow client does not hold a slot from others for longer.
#[tokio::test]
async fn a29_slow_and_idle_connections_are_closed() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let limits = server::config::Config { header_timeout: Duration::from_secs(1), max_connections: 2, ..config(&env) };
    let (base, server) = serve_with(&env, &limits).await;
    let addr = base.trim_start_matches("http://").to_owned();

    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = Instant::now();
    let answer = read_until_closed(&mut slow, Duration::from_secs(10)).await;
    assert!(answer.is_some(), "the slow connection was closed");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());

    let mut idle = tokio::net::TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let answer = read_until_closed(&mut idle, Duration::from_secs(10)).await.expect("closed once idle");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "served before being closed");

    // Two slow clients take both slots; a third request is served once they are closed.
    let mut hogs = Vec::new();
    for _ in 0..2 {
        let mut hog = tokio::net::TcpStream::connect(&addr).await.unwrap();
        hog.write_all(b"GET /health HTTP/1.1\r\n").await.unwrap();
        hogs.push(hog);
    }
    let started = Instant::now();
    let third = reqwest::get(format!("{base}/health")).await.unwrap();
    assert_eq!(third.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(500), "it waited for a slot: {:?}", started.elapsed());
    server.abort();
    env.finish().await;
}

async fn count(env: &TestEnv, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(env.state.control.pool()).await.unwrap();
    n
}

/// A29: forged single sign-on callbacks from a browser without a session store no session, and
/// beyond the address's sign-in budget they are refused before anything is written.
#[tokio::test]
async fn a29_forged_sso_callbacks_store_nothing_and_are_throttled() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let limited = server::config::Config { login_attempts_per_minute: 5, ..config(&env) };
        let (base, server) = serve_with(&env, &limited).await;
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let sessions = count(&env, "SELECT COUNT(*) FROM sessions").await;
        let audited = count(&env, "SELECT COUNT(*) FROM audit_events").await;
        let mut reasons = Vec::new();
        for i in 0..20 {
            let forged =
                client.get(format!("{base}/auth/oidc/callback?code=stolen&state=forged-{i}")).send().await.unwrap();
            assert_eq!(forged.status(), 303);
            assert!(forged.headers().get("set-cookie").is_none(), "no session is handed out");
            reasons.push(forged.headers()["location"].to_str().unwrap().to_owned());
        }
        assert_eq!(reasons[0], "/login?sso_error=sso-no-pending-sign-in");
        assert_eq!(reasons[19], "/login?sso_error=sso-too-many-attempts");
        assert_eq!(count(&env, "SELECT COUNT(*) FROM sessions").await, sessions, "{backend:?}: no session row");
        let written = count(&env, "SELECT COUNT(*) FROM audit_events").await - audited;
        assert_eq!(written, 5, "{backend:?}: one audit row per attempt within the budget, none beyond");
        // The login page shows the translated reason, and only for single sign-on reasons.
        let page = client.get(format!("{base}{}", reasons[0])).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("This sign-in was not started in this browser"), "translated reason");
        let page = client.get(format!("{base}/login?sso_error=account-locked")).send().await.unwrap();
        assert!(!page.text().await.unwrap().contains("role=\"alert\""), "other codes are ignored");
        server.abort();
        env.finish().await;
    }
}

/// A24: a wrong password given to a re-authentication spends the address's budget like a sign-in.
#[tokio::test]
async fn a24_reauthentication_is_throttled_per_address() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let limited = server::config::Config { login_attempts_per_minute: 4, ..config(&env) };
    let (base, server) = serve_with(&env, &limited).await;
    let client =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let call = |name: &str, form: Vec<(&'static str, &'static str)>| {
        client.post(format!("{base}/api/{name}")).header("Accept", "application/json").form(&form).send()
    };
    let signed_in = call("login", vec![("email", "manager@demo.example"), ("password", DEMO_PASSWORD)]).await.unwrap();
    assert!(signed_in.status().is_redirection() || signed_in.status().is_success());
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let wrong = vec![("current_password", "not my password"), ("new_password", "a brand new long password")];
        statuses.push(call("change_password", wrong).await.unwrap().status().as_u16());
    }
    let right = call("begin_second_factor", vec![("password", DEMO_PASSWORD)]).await.unwrap();
    assert_eq!(statuses, [422, 422, 422]);
    assert_eq!(right.status(), 429, "the budget is spent: even the right password waits");
    assert_eq!(right.json::<serde_json::Value>().await.unwrap()["code"], "too-many-attempts");
    server.abort();
    env.finish().await;
}

/// A client's request id is kept only when well formed; a malformed one never reaches the log.
#[tokio::test]
async fn only_well_formed_request_ids_are_kept() {
    let app = TestApp::start(Backend::Sqlite).await;
    let send = |id: &'static str| {
        app.client
            .post(app.url("/api/login"))
            .header("Accept", "application/json")
            .header("x-request-id", id)
            .form(&[("email", "nobody@demo.example"), ("password", "wrong password")])
            .send()
    };
    let kept = send("proxy-0123456789abcdef").await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "proxy-0123456789abcdef");
    let replaced = send("<script>alert(1)</script> and more").await.unwrap();
    let generated = replaced.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&generated).is_ok(), "{generated}");
    let logged: Vec<(Option<String>,)> = sqlx::query_as("SELECT request_id FROM audit_events ORDER BY id")
        .fetch_all(app.env.state.control.pool())
        .await
        .unwrap();
    let logged: Vec<String> = logged.into_iter().filter_map(|(id,)| id).collect();
    assert!(logged.contains(&"proxy-0123456789abcdef".to_owned()));
    assert!(logged.contains(&generated));
    assert!(logged.iter().all(|id| !id.contains('<')), "{logged:?}");
    app.finish().await;
}

/// Behind a reverse proxy named in `ATELIER_TRUSTED_PROXIES`, the audit log, the sign-in budget
/// and the metrics' "this machine" see the client the proxy forwarded; without it, a client's
/// own `X-Forwarded-For` changes nothing.
#[tokio::test]
async fn x_forwarded_for_is_believed_from_trusted_proxies_only() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let failed_from = |base: String, forwarded: &'static str| async move {
        let answer = reqwest::Client::new()
            .post(format!("{base}/api/login"))
            .header("Accept", "application/json")
            .header("x-forwarded-for", forwarded)
            .form(&[("email", "nobody@demo.example"), ("password", "wrong password")])
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_client_error() && answer.status() != 429, "{}", answer.status());
    };
    let last_address = || async {
        let (ip,): (Option<String>,) =
            sqlx::query_as("SELECT client_ip FROM audit_events WHERE kind = 'login-failed' ORDER BY id DESC LIMIT 1")
                .fetch_one(env.state.control.pool())
                .await
                .unwrap();
        ip.unwrap_or_default()
    };

    // No proxy trusted: the header is the client's own word, and ignored.
    let (base, server) = serve_with(&env, &config(&env)).await;
    failed_from(base.clone(), "198.51.100.23").await;
    assert_eq!(last_address().await, "127.0.0.1");
    assert_eq!(reqwest::get(format!("{base}/metrics")).await.unwrap().status(), 200, "this machine");
    server.abort();

    // This machine is the trusted proxy: the address it forwarded (the rightmost) is the client's.
    let proxies = server::http::forwarded::TrustedProxies::parse("127.0.0.1, ::1").unwrap();
    let behind = server::config::Config { trusted_proxies: proxies, login_attempts_per_minute: 2, ..config(&env) };
    let (base, server) = serve_with(&env, &behind).await;
    failed_from(base.clone(), "6.6.6.6, 198.51.100.23").await;
    assert_eq!(last_address().await, "198.51.100.23");
    let metrics = reqwest::Client::new().get(format!("{base}/metrics")).header("x-forwarded-for", "198.51.100.23");
    assert_eq!(metrics.send().await.unwrap().status(), 403, "a client behind the proxy is not this machine");
    // The budget is the forwarded client's: another client behind the same proxy still has its own.
    failed_from(base.clone(), "198.51.100.23").await;
    let over = reqwest::Client::new()
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .header("x-forwarded-for", "198.51.100.23")
        .form(&[("email", "nobody@demo.example"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    assert_eq!(over.json::<serde_json::Value>().await.unwrap()["code"], "too-many-attempts");
    failed_from(base, "198.51.100.99").await;
    server.abort();
    env.finish().await;
}

/// A body over the limit is refused as too large (413), whether declared or streamed.
#[tokio::test]
async fn oversized_bodies_are_refused_as_too_large() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("manager@demo.example").await;
    let huge = format!("code=BIG-1&city=&name={}", "x".repeat(3_000_000));
    let declared = app
        .client
        .post(app.url("/api/create_site"))
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(huge.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(declared.status(), 413);
    assert_eq!(declared.json::<serde_json::Value>().await.unwrap()["code"], "too-large");
    // The same body sent in chunks, without a length: cut at the limit while being read.
    let login = reqwest::Client::new()
        .post(app.url("/api/login"))
        .header("Accept", "application/json")
        .form(&[("email", "manager@demo.example"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let session = common::cookie(&login).expect("a session cookie");
    let mut stream = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://")).await.unwrap();
    let head = format!(
        "POST /api/create_site HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nCookie: atelier_session={session}\r\n\
         Transfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for chunk in huge.as_bytes().chunks(65_536) {
        let sent = stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await;
        if sent.is_err() || stream.write_all(chunk).await.is_err() || stream.write_all(b"\r\n").await.is_err() {
            break; // the server may answer and close before the whole body is sent
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let answer = read_until_closed(&mut stream, Duration::from_secs(10)).await.unwrap_or_default();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer.lines().next().unwrap_or_default());
    assert!(answer.contains("too-large"), "{answer}");
    let sites = app.call("list_sites", &[]).await.json::<serde_json::Value>().await.unwrap();
    assert_eq!(sites.as_array().unwrap().len(), 3, "nothing was written");
    app.finish().await;
}

/// `/metrics` answers this machine, or, once a token is set, only whoever presents it.
#[tokio::test]
async fn metrics_are_the_operators() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let (base, server) = serve_with(&env, &config(&env)).await;
    assert_eq!(reqwest::get(format!("{base}/metrics")).await.unwrap().status(), 200, "from this machine");
    server.abort();
    let with_token = server::config::Config { metrics_token: Some("s3cret-metrics".into()), ..config(&env) };
    let (base, server) = serve_with(&env, &with_token).await;
    assert_eq!(reqwest::get(format!("{base}/metrics")).await.unwrap().status(), 403, "the token is required");
    let client = reqwest::Client::new();
    let with = client.get(format!("{base}/metrics")).bearer_auth("s3cret-metrics").send().await.unwrap();
    assert_eq!(with.status(), 200);
    server.abort();
    env.finish().await;
}
