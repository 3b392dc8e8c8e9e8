//! Retention on every configured backend: what a company holds of each kind by age, the dry
//! run of a purge equal to what the purge then deletes (in batches, audited), the refusals (a
//! kind the law or the product keeps, no confirmation, another purge running, the bulk limit,
//! an auditor), the database refusing the raw SQL a purge must never run, and the server's own
//! purge of sessions a year after their end.

use std::time::Duration;

use domain::audit::AuditQuery;
use domain::governance::retention::{Band, DataType, PURGE_BATCH, PurgeForm, PurgeStatus, PurgeView};
use domain::governance::thresholds::{SecurityThresholds, Threshold};
use services::audit::RequestMeta;
use services::governance::{retention, thresholds};
use services::tenancy::TenantScope;
use services::testing::{TEST_EPOCH_MS, TestEnv, backends, code};

const DAY: i64 = 86_400_000;
const NOW: i64 = TEST_EPOCH_MS;

fn meta() -> RequestMeta {
    RequestMeta::new(Some("198.51.100.4".into()), Some("Mozilla/5.0"), None)
}

fn form(data_type: &str, confirm: &str) -> PurgeForm {
    PurgeForm { data_type: data_type.into(), confirm: confirm.into() }
}

/// `count` sessions of a member of `tenant` (None: no company chosen), ended at `ended_ms`.
async fn sessions(env: &TestEnv, user_id: &str, tenant: Option<&str>, ended_ms: i64, count: usize) {
    retention::write_ended_sessions(&env.state, user_id, tenant, ended_ms, count).await.unwrap();
}

async fn security_events(scope: &TenantScope, at_ms: i64, count: usize) {
    let mut tx = scope.db.begin_write().await.unwrap();
    for _ in 0..count {
        sqlx::query("INSERT INTO security_events (at_ms, severity, kind) VALUES ($1, 'WARNING', 'unusual-hours')")
            .bind(at_ms)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn count(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap()
}

/// Waits for a purge to end (it runs in the background).
async fn ended(env: &TestEnv, scope: &TenantScope, id: &str) -> PurgeView {
    for _ in 0..400 {
        let purge = retention::progress(&env.state, scope, id).await.unwrap();
        if purge.status != PurgeStatus::Running {
            return purge;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the purge {id} never ended");
}

fn eligible_of(page: &domain::governance::retention::RetentionPage, t: DataType) -> Option<(i64, i64, i64)> {
    let p = page.policies.iter().find(|p| p.data_type == t).unwrap();
    p.counts.as_ref().map(|c| (c.active, c.archive, c.eligible))
}

#[tokio::test]
async fn what_the_company_holds_is_counted_by_age() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let other = env.scope("admin@acme.example", "acme").await;
        let me = admin.user.id.clone();
        let demo = retention::page(&env.state, &admin, None).await.unwrap();
        security_events(&admin, NOW - DAY, 2).await;
        security_events(&admin, NOW - 2 * 365 * DAY, 3).await;
        security_events(&admin, NOW - 6 * 365 * DAY, 4).await;
        sessions(&env, &me, Some("demo"), NOW + 3_600_000, 1).await;
        sessions(&env, &me, Some("demo"), NOW - DAY, 2).await;
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, 5).await;
        sessions(&env, &me, Some("acme"), NOW - 400 * DAY, 7).await;
        sessions(&env, &me, None, NOW - 400 * DAY, 11).await;

        // The ages are counted at most a minute ago.
        let cached = retention::page(&env.state, &admin, None).await.unwrap();
        assert_eq!(cached.policies, demo.policies);
        env.clock.advance_ms(60_000);
        let page = retention::page(&env.state, &admin, None).await.unwrap();
        assert_eq!(page.counted_local_ms, admin.local_ms(NOW + 60_000));
        assert!(page.can_purge && page.dry_run.is_none() && page.purges.is_empty());
        assert_eq!(page.policies.len(), DataType::ALL.len());
        let added = |t: DataType| {
            let (a, b, c) = eligible_of(&page, t).unwrap();
            let (x, y, z) = eligible_of(&demo, t).unwrap();
            (a - x, b - y, c - z)
        };
        assert_eq!(added(DataType::SecurityLogs), (2, 3, 4), "{backend:?}");
        // Another company's sessions and those of no company are not this one's.
        assert_eq!(added(DataType::SessionTokens), (1, 2, 5));
        assert_eq!(eligible_of(&page, DataType::Deliveries), None, "not held");
        assert_eq!(eligible_of(&page, DataType::SyncEvents), None);
        // The demo's issued invoices and movements are all active or archive.
        let issued = count(admin.db.pool(), "SELECT COUNT(*) FROM invoices WHERE status = 'issued'").await;
        let (active, archive, eligible) = eligible_of(&page, DataType::Invoices).unwrap();
        assert_eq!((active + archive, eligible), (issued, 0));
        assert!(issued > 0, "the demo issues invoices");
        let movements = count(admin.db.pool(), "SELECT COUNT(*) FROM stock_movements").await;
        let (a, b, _) = eligible_of(&page, DataType::StockMovements).unwrap();
        let (c, d, _) = eligible_of(&page, DataType::Receipts).unwrap();
        assert_eq!(a + b + c + d, movements);
        let (a, b, c) = eligible_of(&page, DataType::AuditLogs).unwrap();
        let audit =
            count(env.state.control.pool(), "SELECT COUNT(*) FROM audit_events WHERE tenant_code = 'demo'").await;
        assert_eq!(a + b + c, audit, "the company's audit entries, not the platform's");

        let in_dz = retention::page(&env.state, &other, Some("session_tokens")).await.unwrap();
        assert_eq!(in_dz.dry_run.as_ref().map(|d| d.rows), Some(7));
        // A session that ended a year and a day ago is still kept: the day's margin.
        assert_eq!(DataType::SessionTokens.band(NOW - 366 * DAY, NOW), Band::Archive);
        assert_eq!(DataType::SessionTokens.band(NOW - 367 * DAY, NOW), Band::Eligible);
        env.finish().await;
    }
}

#[tokio::test]
async fn a_purge_deletes_what_its_dry_run_counted_in_batches_and_is_audited() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let me = admin.user.id.clone();
        let old = 2 * PURGE_BATCH as usize + 500;
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, old).await;
        sessions(&env, &me, Some("demo"), NOW - 300 * DAY, 3).await;
        sessions(&env, &me, Some("acme"), NOW - 400 * DAY, 4).await;

        let page = retention::page(&env.state, &admin, Some("session_tokens")).await.unwrap();
        let dry = page.dry_run.unwrap();
        assert_eq!((dry.rows, dry.refused), (old as i64, None), "{backend:?}");
        assert_eq!(dry.oldest_local_ms, Some(admin.local_ms(NOW - 400 * DAY)));

        let id = retention::start(&env.state, &meta(), &admin, &form("session_tokens", "on")).await.unwrap();
        let purge = ended(&env, &admin, &id).await;
        assert_eq!((purge.status, purge.total, purge.done), (PurgeStatus::Done, old as i64, old as i64));
        assert_eq!(purge.by, "Élise Lambert");
        let control = env.state.control.pool();
        assert_eq!(count(control, "SELECT COUNT(*) FROM sessions WHERE tenant_code = 'demo'").await, 3);
        assert_eq!(count(control, "SELECT COUNT(*) FROM sessions WHERE tenant_code = 'acme'").await, 4);
        let after = retention::page(&env.state, &admin, Some("session_tokens")).await.unwrap();
        assert_eq!(after.dry_run.unwrap().rows, 0);
        assert_eq!(after.purges.len(), 1);

        let query = AuditQuery::parse(Some("retention-purged"), None, None, None, None).unwrap();
        let log = services::audit::page(&env.state, &admin, &query).await.unwrap();
        let detail = log.entries[0].detail.clone().unwrap();
        assert_eq!(detail, format!("session_tokens: {old} rows deleted before {}", dry.eligible_before));
        let query = AuditQuery::parse(Some("retention-purge-started"), None, None, None, None).unwrap();
        assert_eq!(services::audit::page(&env.state, &admin, &query).await.unwrap().entries.len(), 1);

        // Security events, from the company's own database.
        security_events(&admin, NOW - 6 * 365 * DAY, PURGE_BATCH as usize + 1).await;
        security_events(&admin, NOW - 4 * 365 * DAY, 2).await;
        let dry = retention::check(&env.state, &admin, DataType::SecurityLogs, NOW).await.unwrap();
        assert_eq!(dry.rows, PURGE_BATCH + 1);
        let id = retention::start(&env.state, &meta(), &admin, &form("security_logs", "on")).await.unwrap();
        let purge = ended(&env, &admin, &id).await;
        assert_eq!((purge.status, purge.done), (PurgeStatus::Done, dry.rows));
        let left = count(
            admin.db.pool(),
            &format!("SELECT COUNT(*) FROM security_events WHERE at_ms < {}", NOW - 3 * 365 * DAY),
        )
        .await;
        assert_eq!(left, 2, "those under five years stay");
        env.finish().await;
    }
}

#[tokio::test]
async fn purges_are_refused_for_what_is_kept_and_without_confirmation() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let start = |f: PurgeForm| {
            let (env, admin) = (&env, &admin);
            async move { retention::start(&env.state, &meta(), admin, &f).await }
        };
        for (key, refusal) in [
            ("invoices", "retention-kept-ledger-chain"),
            ("payments", "retention-kept-ledger-chain"),
            ("stock_movements", "retention-kept-stock-history"),
            ("receipts", "retention-kept-stock-history"),
            ("lots", "retention-kept-lot-movements"),
            ("audit_logs", "retention-kept-audit-chain"),
            ("deliveries", "retention-not-held"),
            ("sync_events", "retention-not-held"),
            ("everything", "retention-unknown-type"),
        ] {
            assert_eq!(code(start(form(key, "on")).await), refusal, "{key} {backend:?}");
        }
        // The page's dry run of a kept kind says why.
        let page = retention::page(&env.state, &admin, Some("invoices")).await.unwrap();
        assert_eq!(page.dry_run.unwrap().refused.as_deref(), Some("retention-kept-ledger-chain"));
        assert_eq!(code(retention::page(&env.state, &admin, Some("nothing")).await), "retention-unknown-type");
        assert_eq!(code(start(form("session_tokens", "")).await), "retention-confirm-required");
        let auditor = env.scope("auditor@demo.example", "demo").await;
        assert_eq!(
            code(retention::start(&env.state, &meta(), &auditor, &form("session_tokens", "on")).await),
            "forbidden"
        );
        assert!(!retention::page(&env.state, &auditor, None).await.unwrap().can_purge, "auditors read");
        assert_eq!(code(start(form("session_tokens", "on")).await), "retention-nothing-to-purge");
        assert_eq!(count(admin.db.pool(), "SELECT COUNT(*) FROM retention_purges").await, 0, "nothing started");

        // One purge at a time; one whose server stopped is ended as interrupted.
        sqlx::query(
            "INSERT INTO retention_purges (id, data_type, status, eligible_before, total, done, started_by, \
             started_at_ms, heartbeat_ms) VALUES ('p1', 'security_logs', 'running', '2021-11-20', 10, 2, 'u', $1, $1)",
        )
        .bind(NOW - 1000)
        .execute(admin.db.pool())
        .await
        .unwrap();
        let me = admin.user.id.clone();
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, 3).await;
        assert_eq!(code(start(form("session_tokens", "on")).await), "retention-purge-running");
        env.clock.advance_ms(6 * 60_000);
        let stale = retention::progress(&env.state, &admin, "p1").await.unwrap();
        assert_eq!(stale.status, PurgeStatus::Interrupted);
        let id = start(form("session_tokens", "on")).await.unwrap();
        let p1 = retention::progress(&env.state, &admin, "p1").await.unwrap();
        assert_eq!((p1.status, p1.error.as_deref()), (PurgeStatus::Failed, Some("retention-purge-interrupted")));
        ended(&env, &admin, &id).await;
        // The same form posted again finds nothing left, and starts nothing.
        assert_eq!(code(start(form("session_tokens", "on")).await), "retention-nothing-to-purge");
        // Another company's purge is not found.
        let other = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(retention::progress(&env.state, &other, &id).await), "not-found");

        // A purge is a bulk operation: the hour's limit counts it.
        let mut limited = SecurityThresholds::default().form();
        limited.set(Threshold::MaxBulkOperations, "1".into());
        thresholds::save(&env.state, &meta(), &admin, &limited).await.unwrap();
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, 1).await;
        assert_eq!(code(start(form("session_tokens", "on")).await), "too-many-bulk-operations");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_what_a_purge_must_never_delete() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        // The trigger reads the database's own clock: an event of yesterday, in real time.
        let yesterday = chrono::Utc::now().timestamp_millis() - DAY;
        security_events(&admin, yesterday, 1).await;
        let db = admin.db.pool();
        for sql in [
            format!("DELETE FROM security_events WHERE at_ms = {yesterday}"),
            "DELETE FROM invoices WHERE status = 'issued'".to_owned(),
            "DELETE FROM stock_movements".to_owned(),
            "DELETE FROM lots".to_owned(),
        ] {
            assert!(sqlx::query(&sql).execute(db).await.is_err(), "{sql} on {backend:?}");
        }
        let control = env.state.control.pool();
        let event = services::audit::Event::new(domain::AuditKind::RetentionPurged).tenant("demo").detail("x");
        services::audit::record(&env.state, &meta(), event).await.unwrap();
        assert!(sqlx::query("DELETE FROM audit_events").execute(control).await.is_err(), "{backend:?}");
        assert_eq!(count(db, &format!("SELECT COUNT(*) FROM security_events WHERE at_ms = {yesterday}")).await, 1);
        // A kind the table does not know, and a purge said done that has no end.
        for sql in [
            "INSERT INTO retention_purges (id, data_type, status, eligible_before, total, started_by, started_at_ms, \
             heartbeat_ms) VALUES ('x', 'invoices', 'running', '2015-12-31', 0, 'u', 0, 0)",
            "INSERT INTO retention_purges (id, data_type, status, eligible_before, total, started_by, started_at_ms, \
             heartbeat_ms) VALUES ('y', 'session_tokens', 'done', '2015-12-31', 0, 'u', 0, 0)",
        ] {
            assert!(sqlx::query(sql).execute(db).await.is_err(), "{sql} on {backend:?}");
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn the_server_deletes_sessions_a_year_after_their_end_once_a_day() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let me = admin.user.id.clone();
        let old = PURGE_BATCH as usize + 20;
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, old).await;
        sessions(&env, &me, None, NOW - 400 * DAY, 30).await;
        sessions(&env, &me, Some("acme"), NOW - 200 * DAY, 5).await;
        let control = env.state.control.pool();
        let live =
            count(control, &format!("SELECT COUNT(*) FROM sessions WHERE expires_at_ms >= {}", NOW - 300 * DAY)).await;

        // Once a day, by whichever process claims the day first.
        let deleted = retention::scheduled(&env.state, "process a").await.unwrap();
        assert_eq!(deleted, Some(old as i64 + 30), "{backend:?}");
        assert_eq!(count(control, "SELECT COUNT(*) FROM sessions").await, live, "those ended within a year stay");
        sessions(&env, &me, Some("demo"), NOW - 400 * DAY, 3).await;
        assert_eq!(retention::scheduled(&env.state, "process b").await.unwrap(), None, "the day was taken");
        env.clock.advance_ms(DAY);
        assert_eq!(retention::scheduled(&env.state, "process b").await.unwrap(), Some(3), "the next day");
        // Audited at each run that deleted some, on the platform's chain.
        let platform: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE kind = 'retention-purged' AND tenant_code IS NULL",
        )
        .fetch_one(control)
        .await
        .unwrap();
        assert_eq!(platform, 2);
        env.finish().await;
    }
}
