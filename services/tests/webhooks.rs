//! Webhooks on every backend, against a receiver written as a customer would (the Standard
//! Webhooks reference library checks each signature and timestamp; a replayed delivery is
//! refused): deliveries queued with their events, signed, tried again further apart, given up,
//! sent again; only public addresses; one sender at a time per delivery whatever the number of
//! server processes; the database keeping what the services never change.

mod support;

use std::io::BufRead;

use domain::audit::AuditQuery;
use domain::events::EventKind;
use domain::mission::commands::EmergencyForm;
use domain::mission::state::Action;
use domain::webhooks::commands::{DeliveryQuery, WebhookForm, WebhookSettings};
use domain::webhooks::delivery::DeliveryState;
use domain::webhooks::target::Reach;
use services::audit::RequestMeta;
use services::clock::Clock;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::webhooks::{self, send};
use services::{AppError, AppState, missions, sites};
use support::customer;

/// The receiver of the tests (`support/webhook_receiver.py`, in the pinned venv).
struct Receiver {
    child: std::process::Child,
    port: u16,
}

impl Receiver {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let python = std::env::var("ATELIER_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/webhook_receiver.py");
        let mut child = std::process::Command::new(python)
            .args(["-W", "ignore", script, &port.to_string()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the webhook receiver (ATELIER_PYTHON, made by scripts/setup.sh)");
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "ready", "the receiver needs standardwebhooks (scripts/setup.sh)");
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        Self { child, port }
    }

    fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/hooks/{name}", self.port)
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: String) -> reqwest::Response {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        reqwest::Client::new().request(method, url).body(body).send().await.unwrap()
    }

    async fn secret(&self, name: &str, secret: &str) {
        self.call(reqwest::Method::PUT, &format!("/secret/{name}"), secret.to_owned()).await;
    }

    /// The next `times` deliveries to `name` (0: all) get `status`.
    async fn answer(&self, name: &str, status: u16, times: u32) {
        self.call(reqwest::Method::POST, &format!("/answer/{name}?status={status}&times={times}"), String::new()).await;
    }

    async fn received(&self, name: &str) -> Vec<serde_json::Value> {
        let body = self.call(reqwest::Method::GET, &format!("/received/{name}"), String::new()).await.bytes().await;
        serde_json::from_slice(&body.unwrap()).unwrap()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server state on the test's databases that may send webhooks to this machine (as
/// `ATELIER_WEBHOOKS_ALLOW_LOOPBACK` makes it), with a public address for the links.
async fn loopback_state(env: &TestEnv) -> AppState {
    let mut settings = (*env.state.settings).clone();
    settings.webhook_reach = Reach::WithLoopback;
    settings.public_url = Some("https://erp.example.fr".into());
    AppState::open(settings, env.state.clock.clone()).await.unwrap()
}

/// The demo on a backend, with the injected clock at the real time (the receiver refuses a
/// timestamp five minutes away), a server state that may send to this machine, and two of its
/// people.
struct World {
    env: TestEnv,
    state: AppState,
    admin: TenantScope,
    manager: TenantScope,
}

impl World {
    async fn new(backend: services::db::Backend) -> Self {
        let env = TestEnv::with_demo(backend).await;
        now_for_real(&env);
        let state = loopback_state(&env).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        Self { env, state, admin, manager }
    }
}

/// The injected clock at the real time: the receiver refuses a timestamp five minutes away.
fn now_for_real(env: &TestEnv) {
    let real = chrono::Utc::now().timestamp_millis();
    env.clock.advance_ms(real - env.clock.now_ms());
}

fn form(url: &str, kinds: &[EventKind]) -> WebhookForm {
    WebhookForm::of(url, "Tests", kinds, true)
}

fn settings(url: &str, kinds: &[EventKind], reach: Reach) -> WebhookSettings {
    form(url, kinds).parse(reach).unwrap()
}

async fn register(state: &AppState, admin: &TenantScope, url: &str, kinds: &[EventKind]) -> (String, String) {
    let now = state.clock.now_ms();
    let (id, secret) =
        webhooks::create(state, &RequestMeta::default(), admin, &settings(url, kinds, Reach::WithLoopback), now)
            .await
            .unwrap();
    (id, secret.text())
}

async fn emergency(env: &TestEnv, manager: &TenantScope, title: &str) -> String {
    let form = EmergencyForm {
        customer: customer(manager, "boulangerie martin").await,
        caller_name: "M. Martin".into(),
        caller_phone: "01 23 45 67 89".into(),
        title: title.into(),
        site: sites::list(manager).await.unwrap()[0].id.clone(),
        ..EmergencyForm::default()
    };
    missions::create(&env.state, manager, &form.parse().unwrap(), env.clock.now_ms()).await.unwrap()
}

/// One round of sending in the demo company, as a server process does every few seconds.
async fn send_round(state: &AppState, holder: &str) -> send::Sent {
    let tenant = services::control::tenant(state, "demo").await.unwrap().unwrap();
    send::tenant_round(state, &tenant, holder, state.clock.now_ms()).await.unwrap()
}

async fn deliveries(env: &TestEnv, admin: &TenantScope, webhook: &str) -> Vec<domain::webhooks::views::DeliveryLine> {
    webhooks::page(&env.state, admin, webhook, &DeliveryQuery::default()).await.unwrap().deliveries
}

#[tokio::test]
async fn an_event_is_delivered_signed_to_the_webhooks_of_its_kind_and_the_reference_library_verifies_it() {
    for backend in backends() {
        let World { env, state, admin, manager } = World::new(backend).await;
        let receiver = Receiver::start();
        let (hook, secret) = register(&state, &admin, &receiver.url("ops"), &[EventKind::EmergencyCreated]).await;
        assert!(secret.starts_with("whsec_"));
        receiver.secret("ops", &secret).await;
        let (other, _) = register(&state, &admin, &receiver.url("money"), &[EventKind::PaymentReceived]).await;

        // The event and its delivery come together; the other webhook is not sent this kind.
        let mission = emergency(&env, &manager, "Four en panne").await;
        let listing = webhooks::list(&admin).await.unwrap();
        let line = |id: &str| listing.lines.iter().find(|l| l.id == id).unwrap().clone();
        assert_eq!((line(&hook).pending, line(&other).pending), (1, 0), "{backend:?}");
        assert_eq!(line(&hook).newest.unwrap().state, DeliveryState::Pending);

        let sent = send_round(&state, "process A").await;
        assert_eq!((sent.delivered, sent.failed), (1, 0), "{backend:?}");
        let got = receiver.received("ops").await;
        assert_eq!(got.len(), 1, "{backend:?}: {got:?}");
        assert_eq!(got[0]["reason"], "verified", "{backend:?}: {got:?}");
        let payload = &got[0]["payload"];
        assert_eq!(payload["type"], "emergency-created");
        assert_eq!(payload["data"]["company"], "demo");
        assert_eq!(payload["data"]["severity"], "critical");
        assert_eq!(payload["data"]["entity"], "mission");
        assert_eq!(payload["data"]["entity_id"], mission.as_str());
        assert_eq!(payload["data"]["url"], format!("https://erp.example.fr/missions/{mission}"));
        assert!(payload["data"]["subject"].as_str().unwrap().ends_with("Four en panne"));
        let message = got[0]["id"].as_str().unwrap().to_owned();
        assert!(message.starts_with("atelier-demo-"), "{message}");

        let kept = deliveries(&env, &admin, &hook).await;
        assert_eq!(kept.len(), 1);
        assert_eq!((kept[0].state, kept[0].tries, kept[0].last_status), (DeliveryState::Delivered, 1, Some(204)));
        assert!(kept[0].delivered_local_ms.is_some() && kept[0].href == format!("/missions/{mission}"));
        // Nothing is sent twice.
        assert_eq!(send_round(&state, "process A").await, send::Sent::default(), "{backend:?}");

        // Sent again by an admin: the same id, a new timestamp and signature, which the receiver
        // accepts; a delivery still waiting cannot be sent again.
        env.clock.advance_ms(1_500);
        let meta = RequestMeta::default();
        let replayed = webhooks::replay(&state, &meta, &admin, kept[0].id, env.clock.now_ms()).await;
        assert_eq!(replayed.unwrap(), hook);
        let again = webhooks::replay(&state, &meta, &admin, kept[0].id, env.clock.now_ms()).await;
        assert_eq!(code(again), "delivery-pending", "{backend:?}");
        assert_eq!(send_round(&state, "process A").await.delivered, 1);
        let got = receiver.received("ops").await;
        assert_eq!(got.len(), 2);
        assert_eq!((got[1]["id"].as_str(), got[1]["reason"].as_str()), (Some(message.as_str()), Some("verified")));
        assert_ne!(got[0]["timestamp"], got[1]["timestamp"]);
        let kept = deliveries(&env, &admin, &hook).await;
        assert_eq!((kept[0].state, kept[0].replays), (DeliveryState::Delivered, 1), "{backend:?}");

        // A captured delivery posted again as it was (same id, timestamp and signature) is
        // refused by the receiver: the timestamp is signed, so a replay cannot pass for new.
        let captured = &got[1];
        let replay = reqwest::Client::new()
            .post(receiver.url("ops"))
            .header("webhook-id", captured["id"].as_str().unwrap())
            .header("webhook-timestamp", captured["timestamp"].as_str().unwrap())
            .header("webhook-signature", captured["signature"].as_str().unwrap())
            .body(captured["body"].as_str().unwrap().to_owned())
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status().as_u16(), 409, "{backend:?}: the receiver refuses a replay");

        // Who did what is in the audit log.
        let query = AuditQuery::parse(Some("webhook-delivery-replayed"), None, None, None, None).unwrap();
        let audit = services::audit::page(&state, &admin, &query).await.unwrap();
        assert_eq!(audit.entries.len(), 1, "{backend:?}");
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn a_failing_receiver_is_tried_again_further_and_further_apart_then_given_up_and_sent_again_on_demand() {
    for backend in backends() {
        let World { env, state, admin, manager } = World::new(backend).await;
        let receiver = Receiver::start();
        let (hook, secret) = register(&state, &admin, &receiver.url("down"), &[EventKind::EmergencyCreated]).await;
        receiver.secret("down", &secret).await;
        receiver.answer("down", 503, 0).await;
        let started = env.clock.now_ms();
        emergency(&env, &manager, "Fuite").await;

        // Seven tries: now, then 30 s, 5 min, 30 min, 2 h, 8 h and 24 h after each failure.
        let waits = [0, 30_000, 300_000, 1_800_000, 7_200_000, 28_800_000, 86_400_000];
        for (n, wait) in waits.iter().enumerate() {
            env.clock.advance_ms(wait - 1);
            assert_eq!(send_round(&state, "A").await, send::Sent::default(), "{backend:?}: try {} not due yet", n + 1);
            env.clock.advance_ms(1);
            assert_eq!(send_round(&state, "A").await.failed, 1, "{backend:?}: try {}", n + 1);
            let line = &deliveries(&env, &admin, &hook).await[0];
            assert_eq!((line.tries, line.last_status), (n as u32 + 1, Some(503)), "{backend:?}");
            let expected = if n + 1 < waits.len() { DeliveryState::Pending } else { DeliveryState::Failed };
            assert_eq!(line.state, expected, "{backend:?}: after try {}", n + 1);
        }
        assert_eq!(receiver.received("down").await.len(), 7);
        let elapsed = env.clock.now_ms() - started;
        assert_eq!(elapsed, waits.iter().sum::<i64>(), "given up about a day and a half after the first try");
        assert_eq!(webhooks::list(&admin).await.unwrap().lines[0].failed, 1);
        env.clock.advance_ms(90 * 86_400_000);
        assert_eq!(send_round(&state, "A").await, send::Sent::default(), "given up stays given up");

        // The receiver is back; an admin sends it again (the clock back at the real time, which
        // the receiver checks): one try, delivered.
        now_for_real(&env);
        receiver.answer("down", 204, 1).await;
        let id = deliveries(&env, &admin, &hook).await[0].id;
        webhooks::replay(&state, &RequestMeta::default(), &admin, id, env.clock.now_ms()).await.unwrap();
        let line = &deliveries(&env, &admin, &hook).await[0];
        assert_eq!((line.state, line.tries, line.replays), (DeliveryState::Pending, 0, 1), "{backend:?}");
        assert_eq!(send_round(&state, "A").await.delivered, 1, "{backend:?}");
        assert_eq!(deliveries(&env, &admin, &hook).await[0].state, DeliveryState::Delivered);

        // A receiver that answers with a redirect is not followed (it points at the cloud's
        // metadata service): the try fails on the 302.
        let (moved, _) = register(&state, &admin, &receiver.url("moved"), &[EventKind::EmergencyCreated]).await;
        receiver.answer("moved", 302, 0).await;
        emergency(&env, &manager, "Chaudière").await;
        send_round(&state, "A").await;
        let line = &deliveries(&env, &admin, &moved).await[0];
        assert_eq!((line.state, line.last_status), (DeliveryState::Pending, Some(302)), "{backend:?}");

        // A receiver that is gone: the error says why, without the address.
        let (gone, _) =
            register(&state, &admin, "http://127.0.0.1:9/hooks?token=s3cret", &[EventKind::EmergencyCreated]).await;
        emergency(&env, &manager, "Panne").await;
        send_round(&state, "A").await;
        let line = &deliveries(&env, &admin, &gone).await[0];
        let error = line.last_error.clone().unwrap();
        assert!(line.last_status.is_none() && !error.contains("s3cret"), "{backend:?}: {error}");
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn webhooks_go_only_to_public_addresses_and_a_refused_form_writes_nothing() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let meta = RequestMeta::default();
        let now = env.clock.now_ms();
        let kinds = [EventKind::InvoiceIssued];
        for (url, expected) in [
            ("http://hooks.example.com/in", "webhook-url-not-https"),
            ("https://127.0.0.1/in", "webhook-url-private"),
            ("https://localhost/in", "webhook-url-private"),
            ("https://10.0.0.8/in", "webhook-url-private"),
            ("https://169.254.169.254/latest/meta-data", "webhook-url-private"),
            ("https://[::ffff:192.168.1.1]/", "webhook-url-private"),
            ("https://user:pw@hooks.example.com/", "webhook-url-credentials"),
            ("javascript:alert(1)", "invalid-url"),
            ("ftp://hooks.example.com/", "webhook-url-not-https"),
        ] {
            assert_eq!(code(form(url, &kinds).parse(Reach::Public).map_err(AppError::from)), expected, "{url}");
        }
        // A name is resolved when registered, and refused when it cannot be.
        let unknown = settings("https://hooks.invalid/in", &kinds, Reach::Public);
        assert_eq!(code(webhooks::create(&env.state, &meta, &admin, &unknown, now).await), "webhook-url-unknown-host");
        assert!(webhooks::list(&admin).await.unwrap().lines.is_empty(), "{backend:?}: nothing written");

        // Registered while the server allowed loopback, then the server no longer does: the
        // stored address is checked again before each try, and nothing is sent.
        now_for_real(&env);
        let state = loopback_state(&env).await;
        let receiver = Receiver::start();
        let (hook, _) = register(&state, &admin, &receiver.url("local"), &[EventKind::EmergencyCreated]).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        emergency(&env, &manager, "Four").await;
        assert_eq!(send_round(&env.state, "public only").await.failed, 1, "{backend:?}");
        assert!(receiver.received("local").await.is_empty(), "{backend:?}: nothing reached the receiver");
        let error = deliveries(&env, &admin, &hook).await[0].last_error.clone().unwrap();
        assert!(error.contains("no longer allowed"), "{error}");
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn deliveries_exist_exactly_when_their_events_do() {
    for backend in backends() {
        let World { env, state, admin, manager } = World::new(backend).await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let (blocked, _) = register(&state, &admin, "http://127.0.0.1:9/blocked", &[EventKind::MissionBlocked]).await;
        let (off, _) = register(&state, &admin, "http://127.0.0.1:9/off", &[EventKind::MissionBlocked]).await;
        let off_settings = WebhookSettings {
            enabled: false,
            ..settings("http://127.0.0.1:9/off", &[EventKind::MissionBlocked], Reach::WithLoopback)
        };
        webhooks::update(&state, &RequestMeta::default(), &admin, &off, &off_settings, env.clock.now_ms())
            .await
            .unwrap();

        let id = emergency(&env, &manager, "Porte bloquée").await;
        let now = env.clock.now_ms();
        missions::transitions::apply(&karim, &id, Action::Accept, None, now).await.unwrap();
        missions::transitions::apply(&karim, &id, Action::Start, None, now).await.unwrap();
        // A blockage refused for want of a reason leaves no event and no delivery.
        assert!(missions::transitions::apply(&karim, &id, Action::Block, Some(" "), now).await.is_err());
        assert!(deliveries(&env, &admin, &blocked).await.is_empty(), "{backend:?}");
        missions::transitions::apply(&karim, &id, Action::Block, Some("Pièce manquante"), now).await.unwrap();
        assert_eq!(deliveries(&env, &admin, &blocked).await.len(), 1, "{backend:?}");
        assert!(deliveries(&env, &admin, &off).await.is_empty(), "{backend:?}: a webhook turned off is sent nothing");
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn two_server_processes_never_send_one_delivery_twice() {
    for backend in backends() {
        let World { env, state: first, admin, manager } = World::new(backend).await;
        let second = loopback_state(&env).await;
        let receiver = Receiver::start();
        let (_, secret) = register(&first, &admin, &receiver.url("pair"), &[EventKind::EmergencyCreated]).await;
        receiver.secret("pair", &secret).await;
        for n in 0..12 {
            emergency(&env, &manager, &format!("Urgence {n}")).await;
        }
        let (a, b) = tokio::join!(send_round(&first, "process A"), send_round(&second, "process B"));
        assert_eq!(a.delivered + b.delivered, 12, "{backend:?}: {a:?} {b:?}");
        let got = receiver.received("pair").await;
        let ids: std::collections::BTreeSet<&str> = got.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!((got.len(), ids.len()), (12, 12), "{backend:?}: each once");
        assert!(got.iter().all(|r| r["reason"] == "verified"));
        first.close().await;
        second.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn a_replaced_secret_keeps_signing_beside_the_new_one_for_a_day_and_secrets_are_sealed_at_rest() {
    for backend in backends() {
        let World { env, state, admin, manager } = World::new(backend).await;
        let receiver = Receiver::start();
        let (hook, old) = register(&state, &admin, &receiver.url("old"), &[EventKind::EmergencyCreated]).await;
        let sealed: Vec<(String,)> =
            sqlx::query_as("SELECT secret_sealed FROM webhooks").fetch_all(admin.db.pool()).await.unwrap();
        assert!(!sealed[0].0.contains(old.trim_start_matches("whsec_")), "{backend:?}: sealed, not stored as is");

        let new = webhooks::rotate_secret(&state, &RequestMeta::default(), &admin, &hook, env.clock.now_ms())
            .await
            .unwrap()
            .text();
        assert_ne!(new, old);
        // A receiver still on the old secret, and one already on the new, both verify.
        receiver.secret("old", &old).await;
        emergency(&env, &manager, "Rotation").await;
        send_round(&state, "A").await;
        let got = receiver.received("old").await;
        assert_eq!(
            (got[0]["reason"].as_str(), got[0]["signatures"].as_i64()),
            (Some("verified"), Some(2)),
            "{backend:?}"
        );
        receiver.secret("old", &new).await;
        env.clock.advance_ms(1_000);
        let id = deliveries(&env, &admin, &hook).await[0].id;
        webhooks::replay(&state, &RequestMeta::default(), &admin, id, env.clock.now_ms()).await.unwrap();
        send_round(&state, "A").await;
        assert_eq!(receiver.received("old").await[1]["reason"], "verified", "{backend:?}");

        // A day later the old one no longer signs.
        env.clock.advance_ms(webhooks::PREVIOUS_SECRET_MS);
        webhooks::replay(&state, &RequestMeta::default(), &admin, id, env.clock.now_ms()).await.unwrap();
        send_round(&state, "A").await;
        assert_eq!(receiver.received("old").await[2]["signatures"], 1, "{backend:?}");
        let query = AuditQuery::parse(Some("webhook-secret-rotated"), None, None, None, None).unwrap();
        assert_eq!(services::audit::page(&state, &admin, &query).await.unwrap().entries.len(), 1);
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn admins_manage_webhooks_auditors_read_them_and_another_company_finds_nothing() {
    for backend in backends() {
        let World { env, state, admin, .. } = World::new(backend).await;
        let (hook, _) = register(&state, &admin, "http://127.0.0.1:9/x", &[EventKind::InvoiceIssued]).await;
        let meta = RequestMeta::default();
        let now = env.clock.now_ms();
        let new = settings("http://127.0.0.1:9/y", &[EventKind::InvoiceIssued], Reach::WithLoopback);

        let auditor = env.scope("auditor@demo.example", "demo").await;
        assert_eq!(webhooks::list(&auditor).await.unwrap().lines.len(), 1);
        assert!(!webhooks::list(&auditor).await.unwrap().can_manage);
        assert!(matches!(webhooks::create(&state, &meta, &auditor, &new, now).await, Err(AppError::Forbidden)));
        assert!(matches!(webhooks::rotate_secret(&state, &meta, &auditor, &hook, now).await, Err(AppError::Forbidden)));
        let manager = env.scope("manager@demo.example", "demo").await;
        assert!(matches!(webhooks::list(&manager).await, Err(AppError::Forbidden)), "{backend:?}");

        // T2: another company's webhook is not in its database.
        let acme = env.scope("admin@acme.example", "acme").await;
        let query = DeliveryQuery::default();
        assert!(matches!(webhooks::page(&state, &acme, &hook, &query).await, Err(AppError::NotFound)), "{backend:?}");
        assert!(matches!(webhooks::update(&state, &meta, &acme, &hook, &new, now).await, Err(AppError::NotFound)));
        assert!(matches!(webhooks::rotate_secret(&state, &meta, &acme, &hook, now).await, Err(AppError::NotFound)));
        assert!(webhooks::list(&acme).await.unwrap().lines.is_empty());

        webhooks::update(&state, &meta, &admin, &hook, &new, now).await.unwrap();
        let page = webhooks::page(&state, &admin, &hook, &query).await.unwrap();
        assert_eq!(page.webhook.url, "http://127.0.0.1:9/y");
        assert_eq!(page.webhook.changed.unwrap().who, "Élise Lambert", "{backend:?}");
        let audit = AuditQuery::parse(Some("webhook-changed"), None, None, None, None).unwrap();
        let entries = services::audit::page(&state, &admin, &audit).await.unwrap().entries;
        assert!(
            entries[0].detail.as_deref().unwrap().contains("http://127.0.0.1:9/y kinds=invoice-issued"),
            "{entries:?}"
        );
        state.close().await;
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_keeps_webhooks_and_their_deliveries_whoever_writes() {
    for backend in backends() {
        let World { env, state, admin, manager } = World::new(backend).await;
        let (hook, _) = register(&state, &admin, "http://127.0.0.1:9/x", &[EventKind::EmergencyCreated]).await;
        emergency(&env, &manager, "Four").await;
        let pool = admin.db.pool();
        let refused = |sql: &'static str| async move {
            let outcome = sqlx::query(sql).execute(pool).await;
            assert!(outcome.is_err(), "{backend:?}: accepted {sql}");
        };
        refused("DELETE FROM webhook_deliveries").await;
        refused("UPDATE webhook_deliveries SET event_id = event_id + 1").await;
        refused("UPDATE webhook_deliveries SET webhook_id = 'other'").await;
        refused("UPDATE webhook_deliveries SET tries = 8").await;
        refused("UPDATE webhook_deliveries SET state = 'lost'").await;
        refused("UPDATE webhook_deliveries SET state = 'delivered'").await; // without when
        refused("UPDATE webhook_deliveries SET next_try_ms = NULL").await;
        refused("DELETE FROM webhooks").await;
        refused("UPDATE webhooks SET created_by = 'someone else'").await;
        refused("UPDATE webhooks SET kinds = ',,'").await;
        refused("UPDATE webhooks SET enabled = 2").await;
        // Given up, a delivery waits again only when sent again (its replays counted).
        sqlx::query("UPDATE webhook_deliveries SET state = 'failed', next_try_ms = NULL").execute(pool).await.unwrap();
        refused("UPDATE webhook_deliveries SET state = 'pending', next_try_ms = 1").await;
        refused("UPDATE webhook_deliveries SET state = 'delivered', delivered_at_ms = 1, next_try_ms = NULL").await;
        let id = deliveries(&env, &admin, &hook).await[0].id;
        webhooks::replay(&state, &RequestMeta::default(), &admin, id, 1).await.unwrap();
        if backend == services::db::Backend::Sqlite {
            refused("INSERT OR REPLACE INTO webhook_deliveries (id, webhook_id, event_id, queued_at_ms, state, next_try_ms) \
                     SELECT id, webhook_id, event_id, queued_at_ms, 'pending', 1 FROM webhook_deliveries").await;
        }
        let count: (i64,) =
            sqlx::query_as("SELECT CAST(COUNT(*) AS BIGINT) FROM webhook_deliveries").fetch_one(pool).await.unwrap();
        assert_eq!(count.0, 1, "{backend:?}");
        state.close().await;
        env.finish().await;
    }
}
