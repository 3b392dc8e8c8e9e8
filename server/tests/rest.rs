//! The governance REST API over real HTTP: its OpenAPI document against the routes that exist,
//! tokens (scope, company, revocation, expiry, a departed admin), bodies and refusals as problem
//! details, purges, and every write in each emergency mode.

mod common;

use common::TestApp;
use domain::governance::api_tokens::{NewToken, TokenScope};
use domain::governance::retention::DataType;
use serde_json::{Value, json};
use services::audit::RequestMeta;
use services::governance::{api_tokens, flags, retention};
use services::testing::backends;

const DAY: i64 = 86_400_000;

async fn token(app: &TestApp, email: &str, tenant: &str, scope: TokenScope, days: u32) -> String {
    let admin = app.env.scope(email, tenant).await;
    let new = NewToken { name: format!("{scope:?} of {email}"), scope, days };
    api_tokens::create(&app.env.state, &RequestMeta::default(), &admin, &new).await.unwrap()
}

struct Answer {
    status: u16,
    content_type: String,
    challenge: String,
    body: Value,
}

impl Answer {
    fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (content_type, challenge) = (header("content-type"), header("www-authenticate"));
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    Answer { status, content_type, challenge, body }
}

async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    send(app.client.get(app.url(path)).bearer_auth(token)).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Answer {
    send(app.client.post(app.url(path)).bearer_auth(token).json(&body)).await
}

#[tokio::test]
async fn the_openapi_document_describes_the_routes_that_exist() {
    let app = TestApp::start(services::db::Backend::Sqlite).await;
    let doc = send(app.client.get(app.url("/api/openapi.json"))).await;
    assert_eq!(doc.status, 200);
    assert_eq!(doc.body["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
    let paths = doc.body["paths"].as_object().expect("paths");
    let mut operations = 0;
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(ids.insert(operation["operationId"].as_str().unwrap().to_owned()), "{method} {path}: id taken");
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            // Routed and guarded: without a token, a problem, never "not found" nor "not allowed".
            let answer = send(app.client.request(method.clone(), app.url(path)).json(&json!({}))).await;
            assert_eq!((answer.status, answer.code()), (401, "token-missing"), "{method} {path}");
            assert_eq!(answer.content_type, "application/problem+json", "{method} {path}");
            assert_eq!(answer.challenge, "Bearer realm=\"atelier\"");
            operations += 1;
        }
    }
    assert_eq!(operations, 12, "the routes of the governance seed");
    for (path, _) in server::http::rest::routes() {
        assert!(path == server::http::rest::OPENAPI || paths.contains_key(path), "{path} is not documented");
    }
    let unknown = send(app.client.get(app.url("/api/governance/nothing"))).await;
    assert_eq!((unknown.status, unknown.code()), (404, "not-found"));
    let wrong_method = send(app.client.delete(app.url("/api/governance/features"))).await;
    assert_eq!(wrong_method.status, 405);
    app.finish().await;
}

#[tokio::test]
async fn tokens_open_their_company_within_their_scope_until_revoked_or_expired() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let read = token(&app, "admin@demo.example", "demo", TokenScope::Read, 30).await;
        let admin = token(&app, "admin@demo.example", "demo", TokenScope::Admin, 90).await;
        let acme = token(&app, "admin@acme.example", "acme", TokenScope::Admin, 90).await;

        let status = get(&app, &read, "/api/governance/security/status").await;
        assert_eq!(status.status, 200, "{:?}", status.body);
        assert_eq!(status.body["modes"]["company"]["mode"], "NORMAL");
        let toggle = json!({"key": "bulk_stock_import", "enabled": true});
        let refused = post(&app, &read, "/api/governance/features/toggle", toggle.clone()).await;
        assert_eq!((refused.status, refused.code()), (403, "token-scope"), "a read token changes nothing");
        let done = post(&app, &admin, "/api/governance/features/toggle", toggle.clone()).await;
        assert_eq!((done.status, done.body["enabled"].as_bool()), (200, Some(true)), "{:?}", done.body);
        let demo = app.env.scope("admin@demo.example", "demo").await;
        assert!(flags::get(demo.db.pool(), domain::Flag::BulkStockImport).await.unwrap().enabled);

        // Another company's token reaches its own company only.
        let off = json!({"key": "bulk_stock_import", "enabled": false});
        assert_eq!(post(&app, &acme, "/api/governance/features/toggle", off).await.status, 200);
        assert!(flags::get(demo.db.pool(), domain::Flag::BulkStockImport).await.unwrap().enabled, "demo's stays on");

        // Not a token, a token whose secret is wrong, none at all.
        let last = if admin.ends_with('A') { "B" } else { "A" };
        let wrong_secret = format!("{}{last}", &admin[..admin.len() - 1]);
        for bad in ["nope", &wrong_secret, &admin.replace("atl_", "atl-")] {
            let answer = get(&app, bad, "/api/governance/features").await;
            assert_eq!((answer.status, answer.code()), (401, "token-invalid"), "{bad}");
            assert!(answer.challenge.contains("invalid_token"));
        }
        let none = send(app.client.get(app.url("/api/governance/features"))).await;
        assert_eq!((none.status, none.code()), (401, "token-missing"));
        // A session cookie is not a token.
        let browser = app.other_browser();
        app.call_with(
            &browser,
            "login",
            &[("email", "admin@demo.example"), ("password", services::demo::DEMO_PASSWORD)],
        )
        .await;
        let by_cookie = send(browser.get(app.url("/api/governance/features"))).await;
        assert_eq!(by_cookie.code(), "token-missing");

        // Its last use is noted; revoked, it opens nothing at once.
        let page = api_tokens::page(&app.env.state, &demo).await.unwrap();
        let read_view = page.tokens.iter().find(|t| t.scope == TokenScope::Read).unwrap();
        assert!(read_view.last_used_local_ms.is_some());
        let acme_admin = app.env.scope("admin@acme.example", "acme").await;
        let acme_id = api_tokens::page(&app.env.state, &acme_admin).await.unwrap().tokens[0].id.clone();
        let foreign = api_tokens::revoke(&app.env.state, &RequestMeta::default(), &demo, &acme_id).await;
        assert!(matches!(foreign, Err(services::AppError::NotFound)), "another company's token is not found");
        let lower =
            send(app.client.get(app.url("/api/governance/features")).header("Authorization", format!("bearer {read}")))
                .await;
        assert_eq!(lower.status, 200, "the scheme's name in any case");
        api_tokens::revoke(&app.env.state, &RequestMeta::default(), &demo, &read_view.id).await.unwrap();
        let revoked = get(&app, &read, "/api/governance/features").await;
        assert_eq!((revoked.status, revoked.code()), (401, "token-revoked"));

        // The database keeps a token as it was made, and a revocation for good.
        let pool = app.env.state.control.pool();
        for sql in [
            "UPDATE api_tokens SET scope = 'admin' WHERE scope = 'read'",
            "UPDATE api_tokens SET expires_at_ms = expires_at_ms + 1",
            "UPDATE api_tokens SET revoked_at_ms = NULL, revoked_by = NULL WHERE revoked_at_ms IS NOT NULL",
        ] {
            let error = sqlx::query(sql).execute(pool).await.expect_err(sql);
            assert!(error.to_string().contains("api-token-fixed"), "{sql}: {error}");
        }
        let hashes: Vec<String> =
            sqlx::query_scalar("SELECT secret_sha256 FROM api_tokens").fetch_all(pool).await.unwrap();
        assert!(hashes.iter().all(|h| h.len() == 64 && !read.contains(h.as_str())), "only fingerprints are kept");

        // An admin demoted acts no more as one; disabled, their tokens stop.
        sqlx::query("UPDATE memberships SET role = 'auditor' WHERE tenant_code = 'acme' AND role = 'admin'")
            .execute(pool)
            .await
            .unwrap();
        let demoted = post(&app, &acme, "/api/governance/features/toggle", toggle.clone()).await;
        assert_eq!((demoted.status, demoted.code()), (403, "forbidden"));
        assert_eq!(get(&app, &acme, "/api/governance/features").await.status, 200, "an auditor reads");
        sqlx::query("UPDATE users SET disabled_at_ms = 1 WHERE email = 'admin@acme.example'")
            .execute(pool)
            .await
            .unwrap();
        let gone = get(&app, &acme, "/api/governance/features").await;
        assert_eq!((gone.status, gone.code()), (401, "token-owner-gone"));

        // Expired, it opens nothing either.
        app.env.clock.advance_ms(91 * DAY);
        let expired = get(&app, &admin, "/api/governance/features").await;
        assert_eq!((expired.status, expired.code()), (401, "token-expired"));
        app.finish().await;
    }
}

#[tokio::test]
async fn bodies_are_checked_and_refusals_are_problem_details() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let admin = token(&app, "admin@demo.example", "demo", TokenScope::Admin, 30).await;
        let toggle = "/api/governance/features/toggle";
        for (body, said) in [
            (json!({"key": "invoicing", "enabled": true, "extra": 1}), "unknown field"),
            (json!({"key": "invoicing"}), "missing field"),
            (json!({"key": "invoicing", "enabled": "yes"}), "invalid type"),
        ] {
            let answer = post(&app, &admin, toggle, body).await;
            assert_eq!((answer.status, answer.code()), (400, "bad-request"), "{said}");
            assert!(answer.body["detail"].as_str().unwrap().contains(said), "{:?}", answer.body);
            assert_eq!(answer.content_type, "application/problem+json");
        }
        let not_json = send(app.client.post(app.url(toggle)).bearer_auth(&admin).body("key=invoicing")).await;
        assert_eq!((not_json.status, not_json.code()), (415, "bad-request"));

        let rollout = json!({"key": "auto_reorder_suggestions", "percent": 101, "roles": ["manager", "boss"]});
        let refused = post(&app, &admin, "/api/governance/features/rollout", rollout).await;
        assert_eq!((refused.status, refused.code()), (422, "validation"));
        let fields: Vec<(&str, &str)> = refused.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(fields, [("percent", "percent-out-of-range"), ("roles", "unknown-role")]);
        let in_french = send(
            app.client
                .post(app.url("/api/governance/security/emergency-mode"))
                .bearer_auth(&admin)
                .header("Accept-Language", "fr-FR,fr;q=0.9")
                .json(&json!({"mode": "PANIC", "reason": "x"})),
        )
        .await;
        assert_eq!(in_french.body["errors"][0]["field"], "mode");
        assert_eq!(in_french.body["errors"][0]["message"], "Choisissez l’un des modes proposés.");
        let unknown = get(&app, &admin, "/api/governance/features/check?key=teleportation").await;
        assert_eq!((unknown.status, unknown.body["errors"][0]["code"].as_str()), (422, Some("unknown-flag")));

        // Thresholds: by name, each in its range, all or nothing; the others keep their value.
        let thresholds = "/api/governance/security/thresholds";
        let bad =
            post(&app, &admin, thresholds, json!({"lockoutMinutes": 45, "unusualHoursStart": 1440, "nope": 1})).await;
        let fields: Vec<&str> =
            bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!((bad.status, fields), (422, vec!["nope", "unusualHoursStart"]));
        let saved = post(&app, &admin, thresholds, json!({"lockoutMinutes": 45})).await;
        assert_eq!(saved.status, 200, "{:?}", saved.body);
        let value = |body: &Value, key: &str| {
            body["thresholds"].as_array().unwrap().iter().find(|t| t["key"] == key).unwrap()["value"].as_i64()
        };
        assert_eq!(value(&saved.body, "lockoutMinutes"), Some(45));
        assert_eq!(value(&get(&app, &admin, thresholds).await.body, "maxSignInAttemptsPerHour"), Some(10));

        // Kill switch: a reason to throw it; then nobody has the feature, with that reason.
        let kill = "/api/governance/features/kill-switch";
        let no_reason = post(&app, &admin, kill, json!({"key": "invoicing", "active": true})).await;
        assert_eq!(no_reason.body["errors"][0]["field"], "reason");
        let killed = post(&app, &admin, kill, json!({"key": "invoicing", "active": true, "reason": "Audit"})).await;
        assert_eq!(killed.body["killSwitch"]["reason"], "Audit");
        let check = get(&app, &admin, "/api/governance/features/check?key=invoicing").await;
        assert_eq!(
            (check.body["enabled"].as_bool(), check.body["reason"].as_str()),
            (Some(false), Some("feature-killed"))
        );

        // A purge: a dry run by default, refused for what the law keeps, equal to the real one.
        let purge = "/api/governance/retention/purge";
        let kept = post(&app, &admin, purge, json!({"entityType": "invoices", "dryRun": false})).await;
        assert_eq!((kept.status, kept.body["errors"][0]["field"].as_str()), (422, Some("entityType")));
        assert_eq!(kept.body["errors"][0]["code"], "retention-kept-ledger-chain");
        let demo = app.env.scope("admin@demo.example", "demo").await;
        let now = app.env.state.clock.now_ms();
        retention::write_ended_sessions(&app.env.state, &demo.user.id, Some("demo"), now - 400 * DAY, 1500)
            .await
            .unwrap();
        let dry = post(&app, &admin, purge, json!({"entityType": "session_tokens"})).await;
        assert_eq!(
            (dry.status, dry.body["dryRun"].as_bool(), dry.body["rows"].as_i64()),
            (200, Some(true), Some(1500))
        );
        let started = post(&app, &admin, purge, json!({"entityType": "session_tokens", "dryRun": false})).await;
        assert_eq!((started.status, started.body["rows"].as_i64()), (202, Some(1500)), "{:?}", started.body);
        let id = started.body["purgeId"].as_str().unwrap().to_owned();
        let mut deleted = None;
        for _ in 0..200 {
            let status = get(&app, &admin, "/api/governance/retention/status").await;
            let purge = status.body["purges"].as_array().unwrap().iter().find(|p| p["id"] == id.as_str()).cloned();
            if let Some(p) = purge.filter(|p| p["status"] == "done") {
                deleted = p["deleted"].as_i64();
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(deleted, Some(1500));
        let again = post(&app, &admin, purge, json!({"entityType": "session_tokens", "dryRun": false})).await;
        assert_eq!((again.status, again.code()), (409, "retention-nothing-to-purge"));
        let policies = get(&app, &admin, "/api/governance/retention/policies").await;
        assert_eq!(policies.body["policies"].as_array().unwrap().len(), DataType::ALL.len());

        // Cross-site, refused before anything is read.
        let forged = send(
            app.client
                .post(app.url(toggle))
                .bearer_auth(&admin)
                .header("Origin", "https://evil.example")
                .json(&json!({})),
        )
        .await;
        assert_eq!(forged.status, 403);
        app.finish().await;
    }
}

#[tokio::test]
async fn every_rest_write_obeys_each_mode() {
    use domain::governance::Mode;
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let admin = token(&app, "admin@demo.example", "demo", TokenScope::Admin, 30).await;
        let demo = app.env.scope("admin@demo.example", "demo").await;
        let writes = [
            ("/api/governance/features/toggle", json!({"key": "auto_reorder_suggestions", "enabled": true})),
            ("/api/governance/features/rollout", json!({"key": "auto_reorder_suggestions", "percent": 50})),
            ("/api/governance/security/thresholds", json!({"lockoutMinutes": 40})),
            ("/api/governance/retention/purge", json!({"entityType": "security_logs", "dryRun": false})),
        ];
        for mode in Mode::ALL {
            let set = post(
                &app,
                &admin,
                "/api/governance/security/emergency-mode",
                json!({"mode": mode.as_str(), "reason": "Walk"}),
            )
            .await;
            assert_eq!((set.status, set.body["mode"].as_str()), (200, Some(mode.as_str())), "{mode:?} {:?}", set.body);
            for (path, body) in &writes {
                let answer = post(&app, &admin, path, body.clone()).await;
                let what = format!("{backend:?} {mode:?} {path}: {:?}", answer.body);
                if mode.lets_write(domain::Role::Admin) {
                    assert!(answer.status != 423, "{what}");
                } else {
                    assert_eq!((answer.status, answer.code()), (423, mode.writes_code()), "{what}");
                    assert_eq!(answer.body["detail"], "Walk", "{what}");
                }
            }
            // Reads, dry runs and the kill switch pass in every mode.
            assert_eq!(get(&app, &admin, "/api/governance/retention/status").await.status, 200);
            let dry =
                post(&app, &admin, "/api/governance/retention/purge", json!({"entityType": "security_logs"})).await;
            assert_eq!(dry.status, 200, "{mode:?}");
            let kill = json!({"key": "missions", "active": false});
            assert_eq!(post(&app, &admin, "/api/governance/features/kill-switch", kill).await.status, 200, "{mode:?}");
        }
        // A mode that keeps managers out keeps out a token whose admin became one.
        sqlx::query("UPDATE memberships SET role = 'manager' WHERE user_id = $1 AND tenant_code = 'demo'")
            .bind(&demo.user.id)
            .execute(app.env.state.control.pool())
            .await
            .unwrap();
        let closed = get(&app, &admin, "/api/governance/features").await;
        assert_eq!((closed.status, closed.code()), (403, Mode::Maintenance.closed_code()));
        app.finish().await;
    }
}
