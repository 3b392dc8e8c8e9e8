//! The business event log on every backend: each event is written in the transaction of the
//! change that causes it (and not when the change is refused), read by those who may read its
//! record, filtered and paged, and kept by the database as it was written.

mod support;

use domain::events::{EventFilter, EventKind, EventListing, EventQuery};
use domain::mission::commands::EmergencyForm;
use domain::mission::state::Action;
use domain::{Quantity, Severity};
use services::clock::Clock;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{AppError, events, missions, sites};
use support::{customer, invoice, pay};

async fn listed(env: &TestEnv, scope: &TenantScope, filter: EventFilter) -> EventListing {
    events::list(&env.state, scope, &filter.parse().unwrap()).await.unwrap()
}

async fn newest(env: &TestEnv, scope: &TenantScope) -> Vec<(EventKind, Severity, String)> {
    let lines = events::list(&env.state, scope, &EventQuery::default()).await.unwrap().lines;
    lines.into_iter().map(|l| (l.kind, l.severity, l.href)).collect()
}

fn local_day(local_ms: i64) -> domain::NaiveDate {
    chrono::DateTime::from_timestamp_millis(local_ms).unwrap().date_naive()
}

#[tokio::test]
async fn events_are_written_with_their_cause_and_read_by_those_who_may_read_it() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let acme = env.scope("admin@acme.example", "acme").await;
        let now = env.clock.now_ms();

        // An emergency is a critical event naming the mission, by the manager who took the call.
        let form = EmergencyForm {
            customer: customer(&manager, "boulangerie martin").await,
            caller_name: "M. Martin".into(),
            caller_phone: "01 23 45 67 89".into(),
            title: "Four en panne".into(),
            site: sites::list(&manager).await.unwrap()[0].id.clone(),
            ..EmergencyForm::default()
        };
        let id = missions::create(&env.state, &manager, &form.parse().unwrap(), now).await.unwrap();
        let top = listed(&env, &manager, EventFilter::default()).await.lines.remove(0);
        assert_eq!((top.kind, top.severity), (EventKind::EmergencyCreated, Severity::Critical), "{backend:?}");
        assert_eq!((top.href, top.who.as_str()), (format!("/missions/{id}"), "Camille Martin"));
        assert!(top.subject.starts_with("M-") && top.subject.ends_with("Four en panne"), "{}", top.subject);

        // What is refused writes no event: a blockage without its reason, a withdrawal of more
        // than the shelf holds.
        for action in [Action::Accept, Action::Start] {
            missions::transitions::apply(&karim, &id, action, None, now).await.unwrap();
        }
        let before = newest(&env, &manager).await;
        let blocked = missions::transitions::apply(&karim, &id, Action::Block, Some(" "), now).await;
        assert_eq!(code(blocked), "mission-reason-required");
        let all = Quantity::units(1_000_000);
        let available = match missions::parts::withdraw(&karim, &id, "VIS-M6", all, now).await {
            Err(AppError::InsufficientStock { available, .. }) => available,
            other => panic!("{other:?}"),
        };
        assert_eq!(newest(&env, &manager).await, before, "{backend:?}");

        // Parts that empty a level make it critical once, not at every withdrawal after; a
        // blockage is a warning.
        let leave = Quantity::units(50);
        missions::parts::withdraw(&karim, &id, "VIS-M6", available.checked_sub(leave).unwrap(), now).await.unwrap();
        missions::parts::withdraw(&karim, &id, "VIS-M6", Quantity::units(10), now).await.unwrap();
        missions::transitions::apply(&karim, &id, Action::Block, Some("Pièce manquante"), now).await.unwrap();
        let kinds: Vec<_> = newest(&env, &manager).await.into_iter().take(3).map(|(k, s, _)| (k, s)).collect();
        assert_eq!(
            kinds,
            [
                (EventKind::MissionBlocked, Severity::Warning),
                (EventKind::StockCritical, Severity::Critical),
                (EventKind::EmergencyCreated, Severity::Critical),
            ],
            "{backend:?}"
        );
        let critical =
            listed(&env, &manager, EventFilter { kind: "stock-critical".into(), ..EventFilter::default() }).await;
        assert!(critical.lines[0].subject.starts_with("VIS-M6 · "), "{}", critical.lines[0].subject);
        assert!(critical.lines[0].href.starts_with("/stock/articles/"));

        // An invoice issued and its payment, by the accountant.
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        let issued = invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        pay(&accountant, &issued, "2026-12-02", "120", "transfer", support::at(12, 2)).await.unwrap();
        let mine = newest(&env, &accountant).await;
        assert_eq!(mine[0], (EventKind::PaymentReceived, Severity::Info, format!("/invoices/issued/{issued}")));
        assert_eq!(mine[1].0, EventKind::InvoiceIssued, "{backend:?}");

        // A technician reads only the stock's events; another company none of these.
        let theirs = listed(&env, &karim, EventFilter::default()).await;
        assert_eq!(theirs.kinds, [EventKind::StockCritical, EventKind::ImportDone]);
        assert!(
            !theirs.lines.is_empty()
                && theirs.lines.iter().all(|l| l.kind.entity().read_permission() == domain::Permission::StockRead)
        );
        let elsewhere = listed(&env, &acme, EventFilter::default()).await;
        assert!(elsewhere.lines.iter().all(|l| !l.href.ends_with(&id) && !l.href.ends_with(&issued)), "{backend:?}");
        env.finish().await;
    }
}

#[tokio::test]
async fn events_are_filtered_paged_and_kept_as_written() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        for _ in 0..3 {
            invoice(&env, &accountant, &boulangerie, "20", &[("1", "10")]).await;
        }
        let all = listed(&env, &accountant, EventFilter::default()).await;
        let info = listed(&env, &accountant, EventFilter { severity: "info".into(), ..EventFilter::default() }).await;
        assert!(info.lines.len() >= 3 && info.lines.iter().all(|l| l.severity == Severity::Info), "{backend:?}");
        let critical =
            EventFilter { severity: "critical".into(), kind: "invoice-issued".into(), ..EventFilter::default() };
        assert!(listed(&env, &accountant, critical).await.lines.is_empty());

        // Newest first; the next page starts after the cursor.
        let ids: Vec<i64> = all.lines.iter().map(|l| l.id).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "{backend:?}: {ids:?}");
        let older =
            listed(&env, &accountant, EventFilter { before: ids[0].to_string(), ..EventFilter::default() }).await;
        assert_eq!(older.lines.first().map(|l| l.id), ids.get(1).copied());

        // The period is in the company's days: the invoices' day (1 December) holds them.
        let day_of = |l: &domain::events::EventLine| domain::format::iso_day(local_day(l.at_local_ms));
        let first = "2026-12-01".to_owned();
        let on = |from: &str, to: &str| EventFilter { from: from.into(), to: to.into(), ..EventFilter::default() };
        let that_day = listed(&env, &accountant, on(&first, &first)).await.lines;
        assert!(that_day.len() >= 3 && that_day.iter().all(|l| day_of(l) == first), "{backend:?}");
        let after = listed(&env, &accountant, on("2026-12-02", "")).await.lines;
        assert!(after.iter().all(|l| day_of(l) > first));
        let until = listed(&env, &accountant, on("", "2026-11-30")).await.lines;
        assert!(until.iter().all(|l| day_of(l) < first));

        // The database keeps each event as it was written.
        let pool = accountant.db.pool();
        for sql in [
            "UPDATE app_events SET severity = 'CRITICAL' WHERE id = $1",
            "UPDATE app_events SET subject = 'rewritten' WHERE id = $1",
            "DELETE FROM app_events WHERE id = $1",
        ] {
            assert!(sqlx::query(sql).bind(ids[0]).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        assert!(
            sqlx::query(
                "INSERT INTO app_events (at_ms, kind, severity, entity_id, subject) VALUES (1, 'x', 'LOUD', 'e', 's')"
            )
            .execute(pool)
            .await
            .is_err()
        );
        assert_eq!(listed(&env, &accountant, EventFilter::default()).await, all);
        env.finish().await;
    }
}

#[tokio::test]
async fn an_import_written_and_a_feature_turned_off_are_events_of_their_own_transaction() {
    use domain::stock::import::{ImportKind, ImportPhase};
    use services::stock::import::Outcome;
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let auditor = env.scope("auditor@demo.example", "demo").await;
        let now = env.clock.now_ms();
        let import = |bytes: &'static [u8], id: &'static str| {
            let manager = manager.clone();
            async move {
                services::stock::import::run(&manager, ImportKind::Articles, bytes, id, now, &|_: ImportPhase, _, _| {})
                    .await
            }
        };
        let file = b"code;designation;category;unit;purchase_price;vat_rate;min_stock;max_stock\nEV-1;Un;Ev;u;1,00;20;0;\nEV-2;Deux;Ev;u;1,00;20;0;\n";
        assert_eq!(import(file, "1a2b3c4d-0000").await, Outcome::Imported { rows: 2 });
        // The same codes again: refused whole, no event.
        assert!(matches!(import(file, "9f9f9f9f-0000").await, Outcome::Refused(_)));
        let imports = listed(&env, &karim, EventFilter { kind: "import-done".into(), ..EventFilter::default() }).await;
        let ours: Vec<_> = imports.lines.iter().filter(|l| l.subject.starts_with("import-1a2b3c4d")).collect();
        assert_eq!(ours.len(), 1, "{backend:?}: a technician reads the stock's imports");
        assert_eq!((ours[0].subject.as_str(), ours[0].who.as_str()), ("import-1a2b3c4d · 2", "Camille Martin"));
        assert_eq!(ours[0].href, "/stock/import");
        assert!(imports.lines.iter().all(|l| !l.subject.starts_with("import-9f9f9f9f")), "a refused file is no event");

        // Off, off again, on, off: two events, warnings, read by those who read governance.
        let db = &manager.db;
        for on in [false, false, true, false] {
            services::governance::flags::set_on(db, domain::Flag::BulkStockImport, on, "cli", now).await.unwrap();
        }
        let off = EventFilter { kind: "feature-turned-off".into(), ..EventFilter::default() };
        let lines = listed(&env, &auditor, off.clone()).await.lines;
        assert_eq!(lines.len(), 2, "{backend:?}");
        assert!(
            lines
                .iter()
                .all(|l| l.severity == Severity::Warning && l.subject == "bulk_stock_import" && l.who.is_empty())
        );
        assert!(listed(&env, &karim, off).await.lines.is_empty(), "not the technician's to read");
        env.finish().await;
    }
}
