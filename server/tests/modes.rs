//! Emergency modes over real HTTP: every registered write endpoint (server functions and plain
//! routes) tried in each mode by every role that may call it, and the mode's own endpoint, which
//! no mode stops.

mod common;

use app::api::access::{Access, ENDPOINTS};
use common::TestApp;
use domain::Role;
use domain::governance::Mode;
use services::testing::backends;

const MEMBERS: [(&str, Role); 5] = [
    ("admin@demo.example", Role::Admin),
    ("manager@demo.example", Role::Manager),
    ("accountant@demo.example", Role::Accountant),
    ("technician@demo.example", Role::Technician),
    ("auditor@demo.example", Role::Auditor),
];

/// What garbage a write endpoint is sent: whatever it does with it, the mode answers first.
const FORM: [(&str, &str); 5] = [("id", "x"), ("code", "NEW"), ("name", "Nouveau"), ("city", ""), ("user_id", "x")];

async fn code_of(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn every_write_endpoint_obeys_each_mode() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let policy = app.env.state.settings.policy.clone();
        let writes: Vec<(&str, domain::Permission)> = ENDPOINTS
            .iter()
            .filter_map(|(path, access)| match access {
                Access::TenantWrite(p) => Some((path.trim_start_matches("/api/"), *p)),
                _ => None,
            })
            .collect();
        assert!(writes.len() >= 40, "the table declares its writes");
        let routes: Vec<(&str, domain::Permission)> = server::http::router::rest_routes()
            .into_iter()
            .filter_map(|(path, access, _)| match access {
                Access::TenantWrite(p) => Some((path, p)),
                _ => None,
            })
            .collect();
        assert_eq!(routes.len(), 3, "the uploads are writes");
        let admin = app.other_browser();
        for mode in [Mode::Normal, Mode::ReadOnly, Mode::Maintenance, Mode::Lockdown] {
            // Back to normal, each member signs in (again: a closing mode ended some sessions),
            // then the admin sets the mode under test.
            let login = app
                .call_with(&admin, "login", &[("email", MEMBERS[0].0), ("password", services::demo::DEMO_PASSWORD)])
                .await;
            assert!(login.status().is_success() || login.status().is_redirection());
            let normal =
                app.call_with(&admin, "set_emergency_mode", &[("mode", "NORMAL"), ("reason", "Between two")]).await;
            assert!(normal.status().is_success() || normal.status().is_redirection(), "{}", normal.status());
            let mut browsers = Vec::new();
            for (email, role) in MEMBERS {
                let browser = if role == Role::Admin { admin.clone() } else { app.other_browser() };
                let login = app
                    .call_with(&browser, "login", &[("email", email), ("password", services::demo::DEMO_PASSWORD)])
                    .await;
                assert!(login.status().is_success() || login.status().is_redirection(), "{email}");
                browsers.push((role, browser));
            }
            let set = app
                .call_with(&admin, "set_emergency_mode", &[("mode", mode.as_str()), ("reason", "Walking every write")])
                .await;
            assert!(
                set.status().is_success() || set.status().is_redirection(),
                "{backend:?} {mode:?}: {}",
                set.status()
            );
            let mut tried = 0;
            for (role, browser) in &browsers {
                let permissions = policy.permissions_of(*role);
                let mut closed_seen = false;
                let calls = writes
                    .iter()
                    .map(|(name, p)| (format!("/api/{name}"), *p))
                    .chain(routes.iter().map(|(path, p)| ((*path).to_owned(), *p)));
                for (path, permission) in calls {
                    if !permissions.contains(&permission) {
                        continue;
                    }
                    let response = browser
                        .post(app.url(&path))
                        .header("Accept", "application/json")
                        .form(&FORM)
                        .send()
                        .await
                        .unwrap();
                    let (status, code) = code_of(response).await;
                    let what = format!("{backend:?} {mode:?} {role:?} {path}: {status} {code}");
                    tried += 1;
                    if !mode.admits(*role) {
                        // The first call ends the session with the reason; the next find none.
                        if closed_seen {
                            assert_eq!(status, 401, "{what}");
                        } else {
                            assert_eq!((status, code.as_str()), (403, mode.closed_code()), "{what}");
                            closed_seen = true;
                        }
                    } else if !mode.lets_write(*role) {
                        assert_eq!((status, code.as_str()), (423, mode.writes_code()), "{what}");
                    } else {
                        assert!(status != 423 && !code.starts_with("mode-"), "{what}");
                    }
                }
            }
            assert!(tried > 100, "{mode:?}: {tried} calls");
        }
        // The admin lifts the mode: nothing stops the one endpoint that does it.
        let set = app.call_with(&admin, "set_emergency_mode", &[("mode", "NORMAL"), ("reason", "Over")]).await;
        assert!(set.status().is_success() || set.status().is_redirection());
        app.finish().await;
    }
}

#[tokio::test]
async fn a_plain_form_refused_by_the_mode_goes_back_to_its_page_told_so() {
    let app = TestApp::start(services::db::Backend::Sqlite).await;
    app.login("admin@demo.example").await;
    let set = app.call("set_emergency_mode", &[("mode", "READ_ONLY"), ("reason", "Year-end audit")]).await;
    assert!(set.status().is_success() || set.status().is_redirection());
    let response = app
        .client
        .post(app.url("/api/create_site"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/stock/sites?q=lyon"))
        .form(&[("code", "NEW"), ("name", "Nouveau"), ("city", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/stock/sites?q=lyon&refused=mode");
    // The page shows the banner with the reason, and that nothing was saved.
    let page = app.client.get(app.url("/stock/sites?refused=mode")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-mode-banner") && page.contains("Year-end audit"), "banner");
    assert!(page.contains("data-refused=\"mode\""), "told");
    app.finish().await;
}
