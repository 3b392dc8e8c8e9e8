//! The real router on a random port, over real HTTP, on every configured backend.

use server::config::Config;

mod common;

use common::{TestApp, config, cookie, list_sites_with, serve, serve_with};
use services::db::Backend;
use services::testing::{TestEnv, backends};

#[tokio::test]
async fn health_reports_version_and_database() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let response = app.client.get(app.url("/health")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key("x-request-id"), "every response carries its request id");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(body["database"]["reachable"], true);
        assert_eq!(body["database"]["backend"], backend.as_str());
        app.finish().await;
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.client.get(app.url("/health")).send().await.unwrap();
    app.login("manager@demo.example").await;
    let sites = app.call("list_sites", &[]).await;
    assert_eq!(sites.status(), 200);
    let text = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(text.contains(r#"http_requests_total{method="GET",route="/health",status="200"}"#), "{text}");
    assert!(text.contains(r#"route="/api/list_sites",status="200""#), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket"), "{text}");
    assert!(text.contains("tenant_pools_open"), "{text}");
    assert!(text.contains(r#"db_pool_connections{pool="control""#), "{text}");
    app.finish().await;
}

#[tokio::test]
async fn signed_out_requests_reach_nothing() {
    let app = TestApp::start(Backend::Sqlite).await;
    let page = app.client.get(app.url("/stock/sites")).send().await.unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/login?next=/stock/sites");
    for name in ["list_sites", "home_view", "session_info", "get_site", "create_site", "rename_site"] {
        let response = app.call(name, &[("id", "x"), ("code", "A"), ("name", "B"), ("city", "")]).await;
        assert_eq!(response.status(), 401, "{name}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "unauthenticated", "{name}");
    }
    app.finish().await;
}

#[tokio::test]
async fn login_rotates_the_session_and_logout_kills_it() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        // A refused attempt (plain form) leaves a pre-login session holding the error.
        let refused = app
            .client
            .post(app.url("/api/login"))
            .header("Accept", "text/html")
            .header("Referer", app.url("/login"))
            .form(&[("email", "manager@demo.example"), ("password", "wrong password")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 302);
        assert_eq!(refused.headers()["location"], "/login", "no error noise in the URL");
        let pre_login = cookie(&refused).expect("pre-login cookie");

        let accepted =
            app.call("login", &[("email", "manager@demo.example"), ("password", services::demo::DEMO_PASSWORD)]).await;
        let logged_in = cookie(&accepted).expect("new cookie at login");
        assert_ne!(pre_login, logged_in, "A7: the session id changes at login");
        assert!(accepted.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));

        // The pre-login id is worthless now.
        assert_eq!(list_sites_with(&app.base, &pre_login).await, 401);

        assert_eq!(app.call("list_sites", &[]).await.status(), 200);
        assert_eq!(app.call("logout", &[]).await.status().as_u16() / 100, 2);
        assert_eq!(list_sites_with(&app.base, &logged_in).await, 401, "A10: the cookie is refused after logout");
        app.finish().await;
    }
}

#[tokio::test]
async fn suspended_tenant_refuses_login_with_its_reason_and_ends_open_sessions() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("manager@acme.example").await;
    assert_eq!(app.call("list_sites", &[]).await.status(), 200);
    let acme = domain::TenantCode::parse("acme").unwrap();
    services::control::set_tenant_status(
        &app.env.state,
        &acme,
        domain::TenantStatus::Suspended,
        Some("Abonnement impayé"),
    )
    .await
    .unwrap();
    let open = app.call("list_sites", &[]).await;
    assert_eq!(open.status(), 403);
    let other = reqwest::Client::new();
    let refused = other
        .post(app.url("/api/login"))
        .header("Accept", "application/json")
        .form(&[("email", "manager@acme.example"), ("password", services::demo::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "tenant-suspended");
    assert_eq!(body["detail"], serde_json::json!({ "kind": "reason", "text": "Abonnement impayé" }));
    app.finish().await;
}

#[tokio::test]
async fn cli_refuses_malformed_tenant_codes_and_creates_valid_ones() {
    use clap::Parser;
    let env = TestEnv::new(Backend::Sqlite).await;
    let cfg = config(&env);
    for bad in ["../x", "a;b", "A", "x"] {
        let cli = server::cli::Cli::try_parse_from([
            "atelier",
            "tenant",
            "create",
            "--code",
            bad,
            "--name",
            "X",
            "--country",
            "FR",
        ])
        .unwrap();
        let error = server::cli::run(cli, cfg.clone()).await.unwrap_err();
        assert!(error.contains("code: invalid-tenant-code"), "{bad}: {error}");
    }
    let cli = server::cli::Cli::try_parse_from([
        "atelier",
        "tenant",
        "create",
        "--code",
        "sarl-x",
        "--name",
        "SARL X",
        "--country",
        "dz",
    ])
    .unwrap();
    server::cli::run(cli, cfg.clone()).await.unwrap();
    let tenants = services::control::list_tenants(&env.state).await.unwrap();
    assert_eq!(tenants.len(), 1);
    assert_eq!(tenants[0].currency, "DZD");
    assert_eq!(tenants[0].timezone, "Africa/Algiers");
    assert!(env.state.settings.data_dir.join("tenants/sarl-x.db").exists());
    env.finish().await;
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let first =
            app.call("login", &[("email", "manager@demo.example"), ("password", services::demo::DEMO_PASSWORD)]).await;
        let cookie = cookie(&first).expect("session cookie");
        // A new router (a restarted server) on the same databases accepts the same cookie.
        let TestApp { env, server, .. } = app;
        server.abort();
        let (base, again) = serve(&env).await;
        assert_eq!(list_sites_with(&base, &cookie).await, 200);
        again.abort();
        env.finish().await;
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_happens() {
    // A18
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("manager@demo.example").await;
    let host = app.base.trim_start_matches("http://").to_owned();
    let forged = [
        vec![("Sec-Fetch-Site", "cross-site".to_owned())],
        vec![("Origin", "https://evil.example".to_owned())],
        vec![("Origin", "null".to_owned())],
    ];
    for headers in forged {
        let mut request = app.client.post(app.url("/api/create_site")).header("Accept", "application/json").form(&[
            ("code", "CSRF-1"),
            ("name", "Forged"),
            ("city", ""),
        ]);
        for (name, value) in &headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 403, "{headers:?}");
        assert_eq!(response.json::<serde_json::Value>().await.unwrap()["code"], "cross-site");
    }
    let logout = app.client.post(app.url("/api/logout")).header("Origin", "https://evil.example").send().await.unwrap();
    assert_eq!(logout.status(), 403, "even logout can't be forced");
    // The same requests from our own pages go through.
    let own = app
        .client
        .post(app.url("/api/create_site"))
        .header("Accept", "application/json")
        .header("Origin", format!("http://{host}"))
        .header("Sec-Fetch-Site", "same-origin")
        .form(&[("code", "OWN-1"), ("name", "Ours"), ("city", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    let sites = app.call("list_sites", &[]).await.json::<serde_json::Value>().await.unwrap();
    let codes: Vec<&str> = sites.as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"OWN-1") && !codes.contains(&"CSRF-1"), "{codes:?}");
    app.finish().await;
}

#[tokio::test]
async fn sessions_end_after_the_idle_and_absolute_timeouts() {
    // A9, on the injected clock: no sleeping.
    let app = TestApp::start(Backend::Sqlite).await;
    let minute = 60_000;
    app.login("manager@demo.example").await;
    // Active every 29 minutes for 11 hours 36 minutes: still signed in.
    for _ in 0..24 {
        app.env.clock.advance_ms(29 * minute);
        assert_eq!(app.call("list_sites", &[]).await.status(), 200);
    }
    app.env.clock.advance_ms(25 * minute); // 12 h 01 min after login, 25 min after the last request
    assert_eq!(app.call("list_sites", &[]).await.status(), 401, "absolute timeout");

    app.login("manager@demo.example").await;
    app.env.clock.advance_ms(29 * minute);
    assert_eq!(app.call("list_sites", &[]).await.status(), 200);
    app.env.clock.advance_ms(30 * minute);
    assert_eq!(app.call("list_sites", &[]).await.status(), 401, "idle timeout");
    let page = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.status(), 303, "the ended session reaches no page either");
    app.finish().await;
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_and_host_prefixed() {
    // A8
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let https = Config { public_url: Some("https://erp.example".into()), ..config(&env) };
    let (base, server) = serve_with(&env, &https).await;
    let response = reqwest::Client::new()
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[("email", "manager@demo.example"), ("password", services::demo::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-atelier_session="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    server.abort();
    env.finish().await;
}

#[tokio::test]
async fn unreadable_requests_are_refused_as_bad_requests_and_write_nothing() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("manager@demo.example").await;
    for body in ["garbage%%%".to_owned(), "code=ONLY-1".to_owned()] {
        let response = app
            .client
            .post(app.url("/api/create_site"))
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        assert_eq!(response.json::<serde_json::Value>().await.unwrap()["code"], "bad-request");
    }
    let sites = app.call("list_sites", &[]).await.json::<serde_json::Value>().await.unwrap();
    assert_eq!(sites.as_array().unwrap().len(), 3, "nothing was written");
    app.finish().await;
}

/// Issue 17 (item 2): two app servers on one database, each with its own state (pools, caches),
/// are one. What changes through one of them, or in the database itself, the other obeys on its
/// very next request: a changed role, a suspended company, a disabled account, an ended session.
#[tokio::test]
async fn two_servers_on_one_database_obey_each_change_on_the_next_request() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let state = &app.env.state;
        let second = services::AppState::open((*state.settings).clone(), state.clock.clone()).await.unwrap();
        let (second_base, second_server) = common::serve_state(&second, &config(&app.env)).await;
        let on_second =
            |name: &str| app.client.post(format!("{second_base}/api/{name}")).header("Accept", "application/json");
        app.login("manager@demo.example").await;
        let user = services::control::find_user_by_email(state, &domain::Email::parse("manager@demo.example").unwrap())
            .await
            .unwrap()
            .unwrap();
        // The changes are made in the database itself, as another process or an operator would.
        let sql =
            |statement: String| async move { sqlx::query(&statement).execute(state.control.pool()).await.unwrap() };
        let id = &user.id;
        let info =
            || async { on_second("session_info").send().await.unwrap().json::<serde_json::Value>().await.unwrap() };
        assert_eq!(info().await["role"], serde_json::to_value(domain::Role::Manager).unwrap(), "{backend:?}");

        sql(format!("UPDATE memberships SET role = 'auditor' WHERE user_id = '{id}' AND tenant_code = 'demo'")).await;
        assert_eq!(info().await["role"], serde_json::to_value(domain::Role::Auditor).unwrap(), "{backend:?}");
        let refused = on_second("create_site").form(&[("code", "TWO-01"), ("name", "Deux"), ("city", "")]).send();
        assert_eq!(refused.await.unwrap().status(), 403, "{backend:?}: the auditor changes nothing");

        sql("UPDATE tenants SET status = 'suspended' WHERE code = 'demo'".into()).await;
        let suspended = on_second("list_sites").send().await.unwrap();
        assert_eq!(suspended.status(), 403, "{backend:?}");
        assert_eq!(suspended.json::<serde_json::Value>().await.unwrap()["code"], "tenant-suspended");
        sql("UPDATE tenants SET status = 'active' WHERE code = 'demo'".into()).await;
        assert_eq!(on_second("list_sites").send().await.unwrap().status(), 200, "{backend:?}");

        sql(format!("UPDATE users SET disabled_at_ms = 1 WHERE id = '{id}'")).await;
        assert_eq!(on_second("list_sites").send().await.unwrap().status(), 401, "{backend:?}");
        sql(format!("UPDATE users SET disabled_at_ms = NULL WHERE id = '{id}'")).await;
        assert_eq!(on_second("list_sites").send().await.unwrap().status(), 200, "{backend:?}");

        app.call("logout", &[]).await;
        assert_eq!(on_second("list_sites").send().await.unwrap().status(), 401, "{backend:?}: the session ended");
        second_server.abort();
        second.close().await;
        app.finish().await;
    }
}
