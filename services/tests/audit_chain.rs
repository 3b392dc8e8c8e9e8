//! The audit log's hash chains on every configured backend: each event is the next link of its
//! company's chain (or the platform's), the database refuses any other and any change, a change
//! made with the triggers out of the way is found and named, events written before the chains
//! are given their place once, exports check offline (here and in the Python verifier of
//! docs/governance.md), and concurrent writers keep one unbroken chain.

use domain::AuditKind;
use domain::audit::chain::PLATFORM_CHAIN;
use domain::audit::export::{Format, check_file};
use domain::hash_chain::GENESIS;
use services::audit::{self, Event, RequestMeta, chain, export};
use services::db::Backend;
use services::testing::{TestEnv, backends};

fn meta() -> RequestMeta {
    RequestMeta::new(Some("203.0.113.7".into()), Some("Mozilla/5.0 (X11; Linux)"), Some("req-1"))
}

async fn record(env: &TestEnv, kind: AuditKind, tenant: Option<&str>, subject: &str) {
    let mut event = Event::new(kind).subject(subject);
    if let Some(t) = tenant {
        event = event.tenant(t);
    }
    audit::record(&env.state, &meta(), event).await.unwrap();
}

async fn sql(env: &TestEnv, statement: &str) -> Result<u64, String> {
    sqlx::query(statement).execute(env.state.control.pool()).await.map(|r| r.rows_affected()).map_err(|e| e.to_string())
}

async fn check(env: &TestEnv, name: &str) -> domain::audit::chain::ChainCheck {
    chain::check(&env.state.control, name, chrono_tz::UTC).await.unwrap()
}

/// Runs `statement` with the audit log's triggers out of the way, as someone with the
/// database's keys could.
async fn behind_the_triggers(env: &TestEnv, statement: &str) {
    match env.backend {
        Backend::Sqlite => {
            let saved: Vec<(String,)> =
                sqlx::query_as("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")
                    .fetch_all(env.state.control.pool())
                    .await
                    .unwrap();
            let names: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")
                    .fetch_all(env.state.control.pool())
                    .await
                    .unwrap();
            for (name,) in &names {
                sql(env, &format!("DROP TRIGGER {name}")).await.unwrap();
            }
            sql(env, statement).await.unwrap();
            for (create,) in saved {
                sql(env, &create).await.unwrap();
            }
        }
        Backend::Postgres => {
            sql(env, "ALTER TABLE audit_events DISABLE TRIGGER USER").await.unwrap();
            sql(env, statement).await.unwrap();
            sql(env, "ALTER TABLE audit_events ENABLE TRIGGER USER").await.unwrap();
        }
    }
}

#[tokio::test]
async fn each_event_follows_the_last_of_its_chain() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let before = check(&env, "demo").await;
        record(&env, AuditKind::CompanyProfileChanged, Some("demo"), "admin@demo.example").await;
        record(&env, AuditKind::LoginFailed, None, "nobody@example.com").await;
        record(&env, AuditKind::AlertRuleChanged, Some("demo"), "").await;
        let company = check(&env, "demo").await;
        assert_eq!((company.entries, company.broken.clone()), (before.entries + 2, None), "{backend:?}");
        let last = chain::page(&env.state.control, "demo", company.entries - 1, 10).await.unwrap();
        let (_, last) = &last[0];
        assert_eq!((last.kind.as_str(), last.subject.as_deref()), ("alert-rule-changed", None), "empty: absent");
        assert_eq!((last.client_ip.as_deref(), last.request_id.as_deref()), (Some("203.0.113.7"), Some("req-1")));
        assert_eq!(last.hash, company.head);
        let platform = check(&env, PLATFORM_CHAIN).await;
        assert!(platform.entries >= 1 && platform.broken.is_none(), "{backend:?} {platform:?}");
        assert!(chain::chains(&env.state.control).await.unwrap().contains(&"demo".to_owned()));
        env.finish().await;
    }
}

#[tokio::test]
async fn a31_the_database_refuses_an_event_out_of_its_chain_and_any_change() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        record(&env, AuditKind::CompanyProfileChanged, Some("demo"), "a").await;
        let head = check(&env, "demo").await;
        let insert = |seq: i64, previous: &str, chain: &str| {
            format!(
                "INSERT INTO audit_events (at_ms, kind, tenant_code, chain, seq, previous_hash, hash) \
                 VALUES (1, 'logout', 'demo', '{chain}', {seq}, '{previous}', '{}')",
                "a".repeat(64)
            )
        };
        for (what, statement) in [
            (
                "no place in a chain",
                "INSERT INTO audit_events (at_ms, kind, tenant_code) VALUES (1, 'logout', 'demo')".to_owned(),
            ),
            ("a wrong previous hash", insert(head.entries + 1, GENESIS, "demo")),
            ("a seq taken", insert(head.entries, &head.head, "demo")),
            ("a seq skipped", insert(head.entries + 2, &head.head, "demo")),
            ("another company's chain", insert(head.entries + 1, &head.head, PLATFORM_CHAIN)),
            ("a change", "UPDATE audit_events SET subject = 'someone else' WHERE chain = 'demo'".to_owned()),
            ("a removal", "DELETE FROM audit_events WHERE chain = 'demo'".to_owned()),
            ("a head moved back", "UPDATE audit_chains SET seq = 0 WHERE chain = 'demo'".to_owned()),
            ("a head's hash", format!("UPDATE audit_chains SET hash = '{GENESIS}' WHERE chain = 'demo'")),
            ("a head removed", "DELETE FROM audit_chains WHERE chain = 'demo'".to_owned()),
            (
                "a chain started again",
                format!("INSERT INTO audit_chains (chain, seq, hash) VALUES ('zz', 5, '{GENESIS}')"),
            ),
        ] {
            assert!(sql(&env, &statement).await.is_err(), "{backend:?}: {what} accepted");
        }
        if backend == Backend::Sqlite {
            sql(
                &env,
                &format!("INSERT OR REPLACE INTO audit_chains (chain, seq, hash) VALUES ('demo', 0, '{GENESIS}')"),
            )
            .await
            .unwrap();
        }
        assert_eq!(check(&env, "demo").await, head, "{backend:?}: nothing changed");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_change_behind_the_triggers_is_named_with_its_event() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        for n in 0..5 {
            record(&env, AuditKind::AlertRuleChanged, Some("demo"), &format!("rule {n}")).await;
            record(&env, AuditKind::LoginFailed, None, &format!("guess{n}@example.com")).await;
        }
        let sound = check(&env, "demo").await;
        let edited = sound.entries - 2;
        behind_the_triggers(
            &env,
            &format!("UPDATE audit_events SET subject = 'rule 9' WHERE chain = 'demo' AND seq = {edited}"),
        )
        .await;
        let found = check(&env, "demo").await;
        let broken = found.broken.expect("the edit is found");
        assert_eq!((broken.code.as_str(), broken.seq, found.entries), ("altered", edited, edited - 1), "{backend:?}");
        assert_eq!(broken.kind.as_deref(), Some("alert-rule-changed"));
        assert!(broken.event_id.is_some() && broken.at_local_ms.is_some());

        // The platform's chain: one event removed in the middle, then the last one.
        let platform = check(&env, PLATFORM_CHAIN).await;
        let middle = platform.entries - 2;
        behind_the_triggers(&env, &format!("DELETE FROM audit_events WHERE chain = '*' AND seq = {middle}")).await;
        let broken = check(&env, PLATFORM_CHAIN).await.broken.expect("the removal is found");
        assert_eq!((broken.code.as_str(), broken.seq), ("out-of-sequence", middle + 1), "{backend:?}");
        // Renumbering the next event to close the gap does not hide it.
        let renumber = format!(
            "INSERT INTO audit_events (at_ms, kind, chain, seq, previous_hash, hash) \
             SELECT at_ms, kind, chain, {middle}, previous_hash, hash FROM audit_events WHERE chain = '*' AND seq = {}",
            middle + 1
        );
        behind_the_triggers(&env, &renumber).await;
        behind_the_triggers(&env, &format!("DELETE FROM audit_events WHERE chain = '*' AND seq > {middle}")).await;
        let broken = check(&env, PLATFORM_CHAIN).await.broken.expect("the put-back entry does not hold");
        assert_eq!(broken.seq, middle, "{backend:?}");
        env.finish().await;
    }
}

#[tokio::test]
async fn removing_the_last_events_is_found_by_the_head() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        for n in 0..3 {
            record(&env, AuditKind::WebhookChanged, Some("demo"), &format!("hook {n}")).await;
        }
        let sound = check(&env, "demo").await;
        behind_the_triggers(
            &env,
            &format!("DELETE FROM audit_events WHERE chain = 'demo' AND seq = {}", sound.entries),
        )
        .await;
        let found = check(&env, "demo").await;
        let broken = found.broken.expect("the truncation is found");
        assert_eq!((broken.code.as_str(), broken.seq, found.entries), ("truncated", sound.entries, sound.entries - 1));
        env.finish().await;
    }
}

#[tokio::test]
async fn events_written_before_the_chains_are_given_their_place_once() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        record(&env, AuditKind::CompanyProfileChanged, Some("demo"), "before").await;
        let before = check(&env, "demo").await;
        behind_the_triggers(
            &env,
            "INSERT INTO audit_events (at_ms, kind, tenant_code, subject, detail) VALUES (5, 'logout', 'demo', 'old@demo.example', '')",
        )
        .await;
        assert_eq!(chain::adopt_unchained(&env.state.control).await.unwrap(), 1, "{backend:?}");
        assert_eq!(chain::adopt_unchained(&env.state.control).await.unwrap(), 0, "once");
        let after = check(&env, "demo").await;
        assert_eq!((after.entries, after.broken), (before.entries + 1, None), "{backend:?}");
        let again = format!("UPDATE audit_events SET subject = 'x' WHERE chain = 'demo' AND seq = {}", after.entries);
        assert!(sql(&env, &again).await.is_err(), "{backend:?}: a chained event never changes again");
        env.finish().await;
    }
}

#[tokio::test]
async fn exports_check_offline_and_name_the_line_changed() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        for subject in ["=HYPERLINK(\"x\")", "Zoé; \"quoted\",\nnew line", "plain"] {
            record(&env, AuditKind::SsoLinked, Some("demo"), subject).await;
        }
        let sound = check(&env, "demo").await;
        for (format, lang) in
            [(Format::JsonLines, domain::Lang::En), (Format::Csv, domain::Lang::Fr), (Format::Csv, domain::Lang::En)]
        {
            let bytes = export::bytes(&env.state.control, "demo", format, lang).await.unwrap();
            let checked = check_file(&bytes, format).unwrap_or_else(|b| panic!("{backend:?} {format:?}: {b}"));
            assert_eq!((checked.entries, checked.head.as_str()), (sound.entries, sound.head.as_str()));
        }
        let lines = export::bytes(&env.state.control, "demo", Format::JsonLines, domain::Lang::En).await.unwrap();
        let text = String::from_utf8(lines).unwrap();
        let altered = text.replacen("\"plain\"", "\"plainer\"", 1);
        let broken = check_file(altered.as_bytes(), Format::JsonLines).unwrap_err();
        assert_eq!(broken.line as i64, sound.entries, "{backend:?}: {broken}");

        let scratch = tempfile::tempdir().unwrap();
        if let Some((ok, out)) = python_verifier(scratch.path(), "sound.jsonl", &text) {
            assert!(ok && out.contains(&sound.head), "{backend:?}: the Python verifier: {out}");
            let (ok, out) = python_verifier(scratch.path(), "altered.jsonl", &altered).unwrap();
            assert!(!ok && out.contains("altered"), "{backend:?}: {out}");
        }
        env.finish().await;
    }
}

/// The verifier printed in docs/governance.md, run by Python on an export: (success, output).
fn python_verifier(dir: &std::path::Path, name: &str, content: &str) -> Option<(bool, String)> {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/governance.md")).unwrap();
    let start = docs.find("```python\n").expect("the docs hold the verifier") + 10;
    let code = &docs[start..start + docs[start..].find("```").unwrap()];
    assert!(code.lines().filter(|l| !l.trim().is_empty()).count() <= 20, "a short verifier");
    let script = dir.join("verify_audit.py");
    std::fs::write(&script, code).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, content).unwrap();
    let python = std::env::var("ATELIER_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = std::process::Command::new(python).arg(&script).arg(&file).output().ok()?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Some((out.status.success(), text))
}

#[tokio::test]
async fn concurrent_writers_keep_one_unbroken_chain() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let before = check(&env, "demo").await;
        let mut writers = tokio::task::JoinSet::new();
        for n in 0..24 {
            let state = env.state.clone();
            writers.spawn(async move {
                let kind = if n % 2 == 0 { AuditKind::AlertRuleChanged } else { AuditKind::LoginFailed };
                let mut event = Event::new(kind).subject(&format!("writer {n}"));
                if n % 2 == 0 {
                    event = event.tenant("demo");
                }
                audit::record(&state, &RequestMeta::default(), event).await
            });
        }
        while let Some(written) = writers.join_next().await {
            written.unwrap().unwrap();
        }
        let after = check(&env, "demo").await;
        assert_eq!((after.entries, after.broken), (before.entries + 12, None), "{backend:?}");
        assert!(check(&env, PLATFORM_CHAIN).await.broken.is_none());
        env.finish().await;
    }
}
