//! The integrity check on every configured backend: the demo company holds every rule; each
//! kind of tampering the databases refuse is refused, and the same change made behind their
//! back (triggers dropped on SQLite, disabled on PostgreSQL) is reported by the rule it breaks;
//! runs from the console are recorded, audited, one at a time, and read by admins and auditors
//! only.

use std::collections::BTreeMap;

use domain::governance::integrity::{Report, Rule};
use domain::governance::retention::PurgeStatus;
use services::audit::RequestMeta;
use services::clock::Clock;
use services::db::Backend;
use services::governance::integrity;
use services::testing::{TestEnv, backends, code};
use sqlx::AnyPool;

fn tenant() -> domain::TenantCode {
    domain::TenantCode::parse("demo").unwrap()
}

/// Each rule's findings, by code.
fn findings(report: &Report) -> BTreeMap<&'static str, Vec<String>> {
    report.rules.iter().map(|o| (o.rule.key(), o.shown.iter().map(|v| v.finding.clone()).collect())).collect()
}

/// Runs `sql` as the databases allow it: refused.
async fn refused(pool: &AnyPool, sql: &str) {
    let error = sqlx::query(sql).execute(pool).await.expect_err(sql);
    eprintln!("refused as it should be: {sql}: {error}");
}

/// Runs `sql` behind the database's back: SQLite's triggers of `table` dropped for the
/// statement and created again, PostgreSQL's disabled for the session (as a superuser can).
async fn behind_the_back(pool: &AnyPool, backend: Backend, table: &str, sql: &str) {
    let mut conn = pool.acquire().await.unwrap();
    match backend {
        Backend::Sqlite => {
            let triggers: Vec<(String, String)> =
                sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1")
                    .bind(table)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            for (name, _) in &triggers {
                sqlx::query(&format!("DROP TRIGGER {name}")).execute(&mut *conn).await.unwrap();
            }
            sqlx::query(sql).execute(&mut *conn).await.expect(sql);
            for (_, create) in &triggers {
                sqlx::query(create).execute(&mut *conn).await.unwrap();
            }
        }
        Backend::Postgres => {
            sqlx::query("SET session_replication_role = replica").execute(&mut *conn).await.unwrap();
            sqlx::query(sql).execute(&mut *conn).await.expect(sql);
            sqlx::query("SET session_replication_role = DEFAULT").execute(&mut *conn).await.unwrap();
        }
    }
}

#[tokio::test]
async fn the_demo_company_holds_every_rule() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let report = integrity::check_company(&env.state, &tenant()).await.unwrap();
        assert!(report.holds(), "{backend:?}: {:#?}", report.rules.iter().filter(|r| !r.holds()).collect::<Vec<_>>());
        assert_eq!(report.rules.iter().map(|r| r.rule).collect::<Vec<_>>(), Rule::ALL);
        for outcome in &report.rules {
            // The demo has some of everything; the audit chain starts with this run's entry.
            if outcome.rule != Rule::AuditLog {
                assert!(outcome.checked > 0, "{backend:?}: {:?} checked nothing", outcome.rule);
            }
        }

        // The operator's run is listed on the page, and audited.
        let admin = env.scope("admin@demo.example", "demo").await;
        let page = integrity::page(&env.state, &admin).await.unwrap();
        assert_eq!(page.runs.len(), 1);
        let run = &page.runs[0];
        assert_eq!((run.status, run.violations, run.by.as_str()), (PurgeStatus::Done, 0, ""));
        assert!(run.report.is_none(), "lists leave the report out");
        let full = integrity::progress(&env.state, &admin, &run.id).await.unwrap();
        assert_eq!(full.report.as_ref(), Some(&report));
        let (detail,): (String,) =
            sqlx::query_as("SELECT detail FROM audit_events WHERE kind = 'integrity-checked' AND tenant_code = 'demo'")
                .fetch_one(env.state.control.pool())
                .await
                .unwrap();
        assert_eq!(detail, "platform-operator: 8 rules hold");
        env.finish().await;
    }
}

#[tokio::test]
async fn changes_made_behind_the_databases_back_are_each_reported() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        // A first run leaves an entry in the company's audit chain to alter.
        assert!(integrity::check_company(&env.state, &tenant()).await.unwrap().holds());
        let db = admin.db.pool();
        let control = env.state.control.pool();

        // Another file in place of an issued PDF (a blob literal is written differently).
        let other_pdf = match backend {
            Backend::Sqlite => {
                "UPDATE invoice_pdfs SET pdf = X'255044462D312E370A' WHERE invoice_id = (SELECT MIN(invoice_id) FROM invoice_pdfs)"
            }
            Backend::Postgres => {
                "UPDATE invoice_pdfs SET pdf = '\\x255044462d312e370a'::bytea \
                  WHERE invoice_id = (SELECT MIN(invoice_id) FROM invoice_pdfs)"
            }
        };
        let tampering: [(&AnyPool, &str, &str); 8] = [
            (
                db,
                "stock_levels",
                "UPDATE stock_levels SET qty_milli = qty_milli + 5000 \
                  WHERE article_id = (SELECT MIN(article_id) FROM stock_levels WHERE qty_milli > 0) \
                    AND site_id = (SELECT MIN(site_id) FROM stock_levels WHERE qty_milli > 0 \
                                    AND article_id = (SELECT MIN(article_id) FROM stock_levels WHERE qty_milli > 0))",
            ),
            (
                db,
                "lots",
                "UPDATE lots SET remaining_milli = remaining_milli + 1000 WHERE id = (SELECT MIN(id) FROM lots)",
            ),
            (
                db,
                "document_counters",
                "UPDATE document_counters SET last_sequence = last_sequence + 2 \
                  WHERE series = 'invoice' AND fiscal_year = (SELECT MAX(fiscal_year) FROM document_counters)",
            ),
            (db, "invoice_pdfs", other_pdf),
            (db, "ledger_entries", "UPDATE ledger_entries SET entry_date = '2020-01-01' WHERE seq = 2"),
            (
                db,
                "missions",
                "UPDATE missions SET state = 'done' \
                  WHERE number = (SELECT MIN(number) FROM missions WHERE state IN ('new', 'published'))",
            ),
            (
                db,
                "time_entries",
                "UPDATE time_entries SET note = 'edited afterwards' \
                  WHERE id = (SELECT MIN(id) FROM time_entries WHERE status = 'approved')",
            ),
            (
                control,
                "audit_events",
                "UPDATE audit_events SET detail = 'nothing to see' \
                  WHERE id = (SELECT MIN(id) FROM audit_events WHERE tenant_code = 'demo')",
            ),
        ];
        for (pool, table, sql) in tampering {
            refused(pool, sql).await;
            behind_the_back(pool, backend, table, sql).await;
        }

        let report = integrity::check_company(&env.state, &tenant()).await.unwrap();
        let found = findings(&report);
        let expect = |rule: &str, codes: &[&str]| {
            assert_eq!(found[rule], codes, "{backend:?} {rule}: {:#?}", report.rules);
        };
        expect("stock-levels", &["level-quantity"]);
        expect("stock-lots", &["lot-remaining"]);
        expect("invoice-numbers", &["number-gap", "number-gap"]);
        expect("invoice-pdfs", &["pdf-hash", "pdf-chained-differs"]);
        expect("ledger", &["chain-altered"]);
        expect("audit-log", &["chain-altered"]);
        expect("missions", &["mission-state", "mission-count", "mission-count"]);
        expect("time-entries", &["time-changed"]);
        let time = &report.rules[7].shown[0];
        assert_eq!(time.found, domain::governance::integrity::Figure::Fields(vec!["note".into()]));
        let level = &report.rules[0].shown[0];
        let domain::governance::integrity::Figure::Quantity(stored) = level.found else { panic!("{level:?}") };
        assert_eq!(level.expected, domain::governance::integrity::Figure::Quantity(stored - 5000));
        assert_eq!(report.violations(), 12);
        env.finish().await;
    }
}

#[tokio::test]
async fn the_console_runs_one_check_at_a_time_for_admins_and_auditors() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let meta = RequestMeta::new(Some("198.51.100.9".into()), Some("Mozilla/5.0"), None);
        let technician = env.scope("technician@demo.example", "demo").await;
        assert_eq!(code(integrity::page(&env.state, &technician).await), "forbidden");
        assert_eq!(code(integrity::start(&env.state, &meta, &technician).await), "forbidden");

        let auditor = env.scope("auditor@demo.example", "demo").await;
        let id = integrity::start(&env.state, &meta, &auditor).await.unwrap();
        let run = loop {
            let run = integrity::progress(&env.state, &auditor, &id).await.unwrap();
            if run.status != PurgeStatus::Running {
                break run;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        assert_eq!((run.status, run.violations, run.rules_done), (PurgeStatus::Done, 0, 8), "{run:?}");
        assert!(run.report.as_ref().is_some_and(Report::holds));
        assert!(!run.by.is_empty(), "the auditor's name");

        // A run whose heartbeat stopped is ended by the next start; a live one blocks it.
        let admin = env.scope("admin@demo.example", "demo").await;
        let now = env.clock.now_ms();
        let by_hand = |id: &'static str, heartbeat: i64| {
            sqlx::query(
                "INSERT INTO integrity_runs (id, status, started_by, started_at_ms, heartbeat_ms) \
                 VALUES ($1, 'running', NULL, $2, $2)",
            )
            .bind(id)
            .bind(heartbeat)
        };
        by_hand("stale", now - 600_000).execute(admin.db.pool()).await.unwrap();
        let stale = integrity::progress(&env.state, &admin, "stale").await.unwrap();
        assert_eq!(stale.status, PurgeStatus::Interrupted);
        let next = integrity::start(&env.state, &meta, &admin).await.unwrap();
        let ended = integrity::progress(&env.state, &admin, "stale").await.unwrap();
        assert_eq!((ended.status, ended.error.as_deref()), (PurgeStatus::Failed, Some("integrity-interrupted")));
        while integrity::progress(&env.state, &admin, &next).await.unwrap().status == PurgeStatus::Running {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        by_hand("alive", now).execute(admin.db.pool()).await.unwrap();
        assert_eq!(code(integrity::start(&env.state, &meta, &admin).await), "integrity-running");
        by_hand("second", now).execute(admin.db.pool()).await.expect_err("the database keeps one running too");
        assert_eq!(code(integrity::progress(&env.state, &admin, "nope").await), "not-found");
        env.finish().await;
    }
}
