//! Identity and access over real HTTP: the declared access of every endpoint, the second step of
//! signing in, per-address throttling, sessions, and the auditor who changes nothing.

mod common;

use std::collections::BTreeSet;

use app::api::access::{Access, ENDPOINTS};
use common::{TestApp, config, serve_with};
use services::auth::second_factor;
use services::clock::Clock;
use services::db::Backend;
use services::demo::DEMO_PASSWORD;
use services::testing::{TestEnv, backends, totp_code};

#[test]
fn every_server_function_and_route_declares_what_it_needs() {
    // Registration happens when the app crate is linked; this names it.
    let _ = app::api::access::of_path("/api/login");
    let mut registered = BTreeSet::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        // A18: nothing that changes state is reachable by GET; no server function is.
        assert_eq!(method, axum::http::Method::POST, "{path} must only accept POST");
        registered.insert(path.to_owned());
    }
    let declared: BTreeSet<String> = ENDPOINTS.iter().map(|(path, _)| (*path).to_owned()).collect();
    assert_eq!(registered, declared, "registered server functions and declarations differ");
    for (path, access, _) in server::http::router::rest_routes() {
        let member_file = ["/stock/", "/invoices/", "/settings/", "/dashboards/", "/governance/"]
            .iter()
            .any(|area| path.starts_with(area));
        assert!(
            matches!(access, Access::Public | Access::Operator) != member_file,
            "{path}: only the files of an area need a member"
        );
    }
    for path in app::api::access::CHECKS_SECRETS {
        assert!(declared.contains(*path), "{path} checks a secret but is not declared");
    }
}

#[tokio::test]
async fn undeclared_endpoints_are_not_found() {
    let app = TestApp::start(Backend::Sqlite).await;
    assert_eq!(app.call("drop_everything", &[]).await.status(), 404);
    app.finish().await;
}

#[tokio::test]
async fn the_auditor_can_change_nothing() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("auditor@demo.example").await;
    let sites_before = app.call("list_sites", &[]).await.text().await.unwrap();
    let form = [("id", "x"), ("code", "NEW"), ("name", "Nouveau"), ("city", ""), ("user_id", "x")];
    let mut refused = 0;
    for (path, access) in ENDPOINTS {
        let name = path.trim_start_matches("/api/");
        let Some(permission) = access.permission() else { continue };
        if !permission.changes_data() {
            continue;
        }
        let response = app.call(name, &form).await;
        assert_eq!(response.status(), 403, "{name}");
        refused += 1;
    }
    assert!(refused >= 5, "every mutating endpoint was tried");
    assert_eq!(app.call("list_sites", &[]).await.text().await.unwrap(), sites_before, "nothing changed");
    // Reading is allowed, including the audit log, which shows the refusals (page after page).
    let (mut logged, mut before) = (0, None::<String>);
    loop {
        let mut args = vec![("kind", "permission-refused".to_owned())];
        args.extend(before.map(|b| ("before", b)));
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let log: serde_json::Value = app.call("audit_events", &args).await.json().await.unwrap();
        logged += log["entries"].as_array().unwrap().len();
        match log["older"].as_i64() {
            Some(older) => before = Some(older.to_string()),
            None => break,
        }
    }
    assert_eq!(logged, refused);
    app.finish().await;
}

/// Turns the second factor on for a demo account; returns its base32 secret.
async fn enrol(env: &TestEnv, email: &str) -> String {
    let user = services::control::find_user_by_email(&env.state, &domain::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    let enrolment = second_factor::begin(&env.state, &user).await.unwrap();
    second_factor::confirm(&env.state, &user, &totp_code(&enrolment.secret_base32, env.clock.now_ms())).await.unwrap();
    env.clock.advance_ms(30_000);
    enrolment.secret_base32
}

#[tokio::test]
async fn a11_after_the_password_only_the_second_step_is_reachable() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let secret = enrol(&app.env, "accountant@demo.example").await;
        let password_step =
            app.call("login", &[("email", "accountant@demo.example"), ("password", DEMO_PASSWORD)]).await;
        let pending_cookie = common::cookie(&password_step).expect("new session id after the password");

        // Nothing else answers to this session: pages, server functions, the API.
        for page in ["/", "/stock/sites", "/settings/security", "/select-tenant", "/login/enrol"] {
            let response = app.client.get(app.url(page)).send().await.unwrap();
            assert!(response.status().is_redirection(), "{page}");
            assert!(response.headers()["location"].to_str().unwrap().starts_with("/login"), "{page}");
        }
        for name in ["session_info", "list_sites", "tenant_choices", "security_overview", "audit_events"] {
            assert_eq!(app.call(name, &[]).await.status(), 401, "{name}");
        }
        assert_eq!(app.client.get(app.url("/login/second-factor")).send().await.unwrap().status(), 200);

        // A wrong code is refused and counted; the right one lets the user in with a new id.
        let wrong = app.call("second_factor", &[("code", "000000")]).await;
        assert_eq!(wrong.status(), 401);
        let code = totp_code(&secret, app.env.clock.now_ms());
        let right = app.call("second_factor", &[("code", &code)]).await;
        assert!(right.status().is_success() || right.status().is_redirection(), "{}", right.status());
        let full_cookie = common::cookie(&right).expect("new session id after the second factor");
        assert_ne!(pending_cookie, full_cookie);
        assert_eq!(app.call("list_sites", &[]).await.status(), 200);
        // A15 over HTTP: the same code in another browser is refused.
        let other = app.other_browser();
        app.call_with(&other, "login", &[("email", "accountant@demo.example"), ("password", DEMO_PASSWORD)]).await;
        assert_eq!(app.call_with(&other, "second_factor", &[("code", &code)]).await.status(), 401);
        app.finish().await;
    }
}

#[tokio::test]
async fn sign_in_attempts_are_throttled_per_address() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let mut config = config(&env);
    config.login_attempts_per_minute = 3;
    let (base, server) = serve_with(&env, &config).await;
    let client = reqwest::Client::new();
    let attempt = |password: &'static str| {
        client
            .post(format!("{base}/api/login"))
            .header("Accept", "application/json")
            .form(&[("email", "manager@demo.example"), ("password", password)])
            .send()
    };
    for _ in 0..3 {
        assert_eq!(attempt("wrong password").await.unwrap().status(), 401);
    }
    let throttled = attempt(DEMO_PASSWORD).await.unwrap();
    assert_eq!(throttled.status(), 429, "even the right password waits");
    let body: serde_json::Value = throttled.json().await.unwrap();
    assert_eq!(body["code"], "too-many-attempts");
    server.abort();
    env.finish().await;
}

/// Issue 17: an address's sign-in budget is one for every app server on the database, counted
/// over the last minute of the injected clock.
#[tokio::test]
async fn the_sign_in_budget_of_an_address_is_shared_by_every_server() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let mut config = config(&env);
        config.login_attempts_per_minute = 4;
        let (first, first_server) = serve_with(&env, &config).await;
        let state = &env.state;
        let second = services::AppState::open((*state.settings).clone(), state.clock.clone()).await.unwrap();
        let (other, second_server) = common::serve_state(&second, &config).await;
        let client = reqwest::Client::new();
        let attempt = |base: &str| {
            client
                .post(format!("{base}/api/login"))
                .header("Accept", "application/json")
                .form(&[("email", "manager@demo.example"), ("password", "wrong password")])
                .send()
        };
        for base in [&first, &other, &first, &other] {
            assert_eq!(attempt(base).await.unwrap().status(), 401, "{backend:?}");
        }
        assert_eq!(attempt(&first).await.unwrap().status(), 429, "{backend:?}: the two servers spent one budget");
        assert_eq!(attempt(&other).await.unwrap().status(), 429, "{backend:?}");

        env.clock.advance_ms(services::auth::address_budget::WINDOW_MS);
        assert_eq!(attempt(&other).await.unwrap().status(), 401, "{backend:?}: a minute later, whole again");
        assert_eq!(services::auth::address_budget::forget_past(state).await.unwrap(), 4, "{backend:?}");
        first_server.abort();
        second_server.abort();
        second.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn sessions_are_listed_and_ended_and_disabling_a_user_ends_them_all() {
    // A10: an ended session's cookie and a disabled user's cookies open nothing.
    for backend in backends() {
        let app = TestApp::start(backend).await;
        app.login("manager@demo.example").await;
        let phone = app.other_browser();
        app.call_with(&phone, "login", &[("email", "manager@demo.example"), ("password", DEMO_PASSWORD)]).await;

        let overview: serde_json::Value = app.call("security_overview", &[]).await.json().await.unwrap();
        let sessions = overview["sessions"].as_array().unwrap();
        assert_eq!(sessions.len(), 2);
        let other = sessions.iter().find(|s| s["current"] == false).unwrap();
        assert_eq!(other["client_ip"], "127.0.0.1");
        let handle = other["handle"].as_str().unwrap();

        // Another user cannot end it; its owner can.
        let stranger = app.other_browser();
        app.call_with(&stranger, "login", &[("email", "technician@demo.example"), ("password", DEMO_PASSWORD)]).await;
        assert_eq!(app.call_with(&stranger, "end_session", &[("handle", handle)]).await.status(), 404);
        assert_eq!(app.call_with(&phone, "list_sites", &[]).await.status(), 200);
        assert_eq!(app.call("end_session", &[("handle", handle)]).await.status(), 200);
        assert_eq!(app.call_with(&phone, "list_sites", &[]).await.status(), 401);

        // Disabling the account ends the remaining session at once.
        let user = services::control::find_user_by_email(
            &app.env.state,
            &domain::Email::parse("manager@demo.example").unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        services::auth::account::disable(&app.env.state, &Default::default(), &user.id).await.unwrap();
        assert_eq!(app.call("list_sites", &[]).await.status(), 401);
        assert!(services::auth::account::sessions(&app.env.state, &user.id).await.unwrap().is_empty());
        app.finish().await;
    }
}

#[tokio::test]
async fn a6_session_ids_are_long_random_and_never_repeat() {
    let app = TestApp::start(Backend::Sqlite).await;
    let mut seen = BTreeSet::new();
    for _ in 0..40 {
        let browser = app.other_browser();
        let response =
            app.call_with(&browser, "login", &[("email", "manager@demo.example"), ("password", DEMO_PASSWORD)]).await;
        let id = common::cookie(&response).expect("session cookie");
        // tower-sessions ids are 128 random bits (an i128 from the OS generator), base64: 22 chars.
        assert!(id.len() >= 22, "{id}");
        assert!(seen.insert(id), "a session id repeated");
    }
    app.finish().await;
}

#[tokio::test]
async fn password_change_can_end_the_other_sessions() {
    // A3, A12: the current password is required; the other sessions can be ended.
    let app = TestApp::start(Backend::Sqlite).await;
    app.login("technician@demo.example").await;
    let laptop = app.other_browser();
    app.call_with(&laptop, "login", &[("email", "technician@demo.example"), ("password", DEMO_PASSWORD)]).await;
    let form =
        [("current_password", DEMO_PASSWORD), ("new_password", "une phrase de passe neuve"), ("end_others", "on")];
    assert_eq!(app.call("change_password", &form).await.status(), 200);
    assert_eq!(app.call("list_sites", &[]).await.status(), 200, "this session stays");
    assert_eq!(app.call_with(&laptop, "list_sites", &[]).await.status(), 401, "the other one ended");
    app.finish().await;
}

#[test]
fn a_bad_policy_file_stops_the_start_and_lint_explains_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("policy.toml");
    std::fs::write(
        &bad,
        "[roles.admin]\npermissions = [\"sites.destroy\"]\n[roles.auditor]\npermissions = [\"sites.manage\"]\n",
    )
    .unwrap();
    let error = server::config::load_policy(&bad).unwrap_err();
    assert!(error.contains("is refused"), "{error}");
    assert!(error.contains("unknown permission `sites.destroy`"), "{error}");
    assert!(error.contains("the auditor changes nothing, yet is given `sites.manage`"), "{error}");
    assert!(error.contains("role `manager` is missing"), "{error}");

    let lint =
        std::process::Command::new(env!("CARGO_BIN_EXE_atelier")).args(["policy", "lint"]).arg(&bad).output().unwrap();
    assert!(!lint.status.success());
    let out = String::from_utf8_lossy(&lint.stdout);
    assert!(out.contains("unknown permission `sites.destroy`") && out.contains("known permissions:"), "{out}");
    let shipped = std::process::Command::new(env!("CARGO_BIN_EXE_atelier")).args(["policy", "lint"]).output().unwrap();
    assert!(shipped.status.success(), "{}", String::from_utf8_lossy(&shipped.stdout));
}
