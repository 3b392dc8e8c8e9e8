//! What a signed-in request costs before its own work: one query for the session and one for
//! the user, their membership and the company (issue 17, item 2), then one for the header's bell
//! on pages, counted from the statements sqlx itself reports. One test in this binary, so no
//! other test's queries are counted.

mod common;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use common::TestApp;
use services::testing::backends;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

/// Every statement sqlx runs, on any thread (SQLite's run on its own worker threads).
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

impl Statements {
    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut text = Text::default();
            event.record(&mut text);
            self.0.lock().unwrap().push(text.0);
        }
    }
}

/// The statement's text, from the `summary` and `db.statement` fields.
#[derive(Default)]
struct Text(String);

impl Visit for Text {
    fn record_str(&mut self, field: &Field, value: &str) {
        if matches!(field.name(), "summary" | "db.statement") {
            let _ = write!(self.0, "{value} ");
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if matches!(field.name(), "summary" | "db.statement") {
            let _ = write!(self.0, "{value:?} ");
        }
    }
}

fn is_session_read(statement: &str) -> bool {
    statement.contains("FROM sessions WHERE id")
}

fn is_scope_read(statement: &str) -> bool {
    statement.contains("FROM users u JOIN memberships m")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_request_costs_two_queries_before_its_own_work() {
    let statements = Statements::default();
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(statements.clone())).unwrap();
    for backend in backends() {
        let app = TestApp::start(backend).await;
        app.login("admin@demo.example").await;
        statements.take();

        // The header's server function reads nothing but who is calling.
        let answer = app.call("session_info", &[]).await;
        assert_eq!(answer.status(), 200, "{backend:?}");
        let ran = statements.take();
        assert_eq!(ran.len(), 2, "{backend:?}: {ran:#?}");
        assert!(is_session_read(&ran[0]) && is_scope_read(&ran[1]), "{backend:?}: {ran:#?}");

        // A page (with the header's server function rendered inside it) reads the session and
        // the scope once, whatever its own work.
        for page in ["/", "/stock/articles", "/invoices", "/missions", "/dashboards/operations", "/governance"] {
            let answer = app.client.get(app.url(page)).send().await.unwrap();
            assert_eq!(answer.status(), 200, "{backend:?} {page}");
            let ran = statements.take();
            let sessions = ran.iter().filter(|s| is_session_read(s)).count();
            let scopes = ran.iter().filter(|s| is_scope_read(s)).count();
            assert_eq!((sessions, scopes), (1, 1), "{backend:?} {page}: {ran:#?}");
            let registry = ran.iter().filter(|s| s.contains("FROM users") || s.contains("FROM tenants")).count();
            assert_eq!(registry, 1, "{backend:?} {page}: the user and company are read once: {ran:#?}");
            // The header's bell is the layout's own work, on every page: one query.
            let marks = ran.iter().filter(|s| s.contains("FROM alert_marks")).count();
            assert_eq!(marks, 1, "{backend:?} {page}: {ran:#?}");
            eprintln!("{backend:?} {page}: {} queries in all", ran.len());
        }
        app.env.finish().await;
    }
}
