//! The inalterable ledger, on every configured backend: issuing, crediting and paying each
//! chain one entry in the same transaction; the chain as stored follows from the genesis; and
//! the database refuses any entry that does not follow the head, any rewrite or removal of an
//! entry or of the head, and a document's entry that does not name it with its PDF's hash (A31).

mod support;

use domain::invoicing::ledger::{EntryKind, GENESIS};
use services::db::Backend;
use services::invoicing::ledger;
use services::testing::{TestEnv, backends};
use support::*;

#[tokio::test]
async fn issuing_crediting_and_paying_chain_entries_the_database_keeps() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let pool = accountant.db.pool();
        let (before, _) = ledger::verify(&accountant.db).await.unwrap().unwrap();
        assert!(before > 0, "{backend:?}: the demo's documents and payments are in the ledger");

        let martin = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &martin, "20", &[("2", "50")]).await;
        let lines = services::invoicing::invoices::view(&accountant, &id, at(12, 2)).await.unwrap().invoice.lines;
        credit(&env, &accountant, &id, &[(lines[0].id.as_str(), "1")], at(12, 2)).await.unwrap();
        let payment = pay(&accountant, &id, "2026-12-02", "10", "card", at(12, 2)).await.unwrap();

        let (head, hash) = ledger::verify(&accountant.db).await.unwrap().unwrap();
        assert_eq!(head, before + 3, "{backend:?}");
        let rows: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT seq, kind, entity FROM ledger_entries WHERE seq > $1 ORDER BY seq")
                .bind(before)
                .fetch_all(pool)
                .await
                .unwrap();
        let kinds: Vec<&str> = rows.iter().map(|(_, k, _)| k.as_str()).collect();
        assert_eq!(kinds, [EntryKind::Invoice.as_str(), "credit-note", "payment"]);
        assert_eq!(rows[2].2, payment);
        let (fields,): (String,) = sqlx::query_as("SELECT fields FROM ledger_entries WHERE seq = $1")
            .bind(before + 1)
            .fetch_one(pool)
            .await
            .unwrap();
        let (sha,): (String,) =
            sqlx::query_as("SELECT pdf_sha256 FROM invoices WHERE id = $1").bind(&id).fetch_one(pool).await.unwrap();
        assert!(fields.contains(&sha), "the entry carries the PDF's hash");

        let (number,): (String,) =
            sqlx::query_as("SELECT number FROM invoices WHERE id = $1").bind(&id).fetch_one(pool).await.unwrap();
        let fake = "f".repeat(64);
        let next = head + 1;
        let mut refused = vec![
            format!("UPDATE ledger_entries SET fields = '{{}}' WHERE seq = {head}"),
            format!("UPDATE ledger_entries SET hash = '{fake}' WHERE seq = {head}"),
            format!("DELETE FROM ledger_entries WHERE seq = {head}"),
            "DELETE FROM ledger_entries".to_owned(),
            // Not the next link: a gap, a wrong previous hash, the genesis again.
            format!(
                "INSERT INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
                 VALUES ({}, 'payment', 'p', 'p-gap', '2026-12-03', '{{}}', '{hash}', '{fake}', 1)",
                next + 1
            ),
            format!(
                "INSERT INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
                 VALUES ({next}, 'payment', 'p', 'p-wrong', '2026-12-03', '{{}}', '{GENESIS}', '{fake}', 1)"
            ),
            // The next link, but for an invoice under another PDF hash.
            format!(
                "INSERT INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
                 VALUES ({next}, 'invoice', '{number}', '{id}-again', '2026-12-01', '{{\"pdf_sha256\":\"{fake}\"}}', '{hash}', '{fake}', 1)"
            ),
            // The head moved by hand, rewound, or closing a period without a closure.
            format!("UPDATE ledger_head SET seq = {next}, hash = '{fake}'"),
            "UPDATE ledger_head SET seq = 0".to_owned(),
            format!("UPDATE ledger_head SET hash = '{GENESIS}'"),
            "UPDATE ledger_head SET closed_through = '2026-12-31'".to_owned(),
            "DELETE FROM ledger_head".to_owned(),
            format!("INSERT INTO ledger_head (id, seq, hash) VALUES (2, 0, '{GENESIS}')"),
        ];
        if backend == Backend::Sqlite {
            refused.push(format!(
                "INSERT OR REPLACE INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
                 VALUES ({next}, 'payment', 'p', '{payment}', '2026-12-03', '{{}}', '{hash}', '{fake}', 1)"
            ));
            refused.push(format!("INSERT OR REPLACE INTO ledger_head (id, seq, hash) VALUES (1, 0, '{GENESIS}')"));
        } else {
            refused.extend(["TRUNCATE ledger_entries".to_owned(), "TRUNCATE ledger_head".to_owned()]);
        }
        for sql in &refused {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: `{sql}` was accepted");
        }
        assert_eq!(ledger::verify(&accountant.db).await.unwrap().unwrap(), (head, hash), "{backend:?}: nothing moved");
        env.finish().await;
    }
}

fn day(m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Closures: every due period closed in order (days, then months), each chained with its sums
/// and the perpetual totals; out of order or not over refused; nothing entered in a closed
/// period, by the services or by hand; drafts dated in a closed day named.
#[tokio::test]
async fn closures_seal_periods_in_order() {
    use domain::invoicing::ledger::closure::{Period, PeriodKind};
    use services::invoicing::closures;
    use services::testing::code;

    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let db = &accountant.db;
        let pool = db.pool();
        // The demo was seeded on 2026-11-22 with documents from 45 days before.
        let closed = closures::close_due(db, day(11, 25), at(11, 25)).await.unwrap();
        let labels: Vec<String> = closed.iter().map(|c| c.fields.period.clone()).collect();
        assert_eq!(labels.first().map(String::as_str), Some("2026-10-08"), "{backend:?}: {labels:?}");
        assert!(labels.contains(&"2026-11-23".to_owned()) && !labels.contains(&"2026-11-24".to_owned()));
        assert!(labels.contains(&"2026-10".to_owned()) && !labels.contains(&"2026-11".to_owned()));
        assert!(closures::close_due(db, day(11, 25), at(11, 25)).await.unwrap().is_empty(), "idempotent");

        // Perpetual totals: what every document issued through the 23rd comes to.
        let sum = |series: &'static str| async move {
            let (total,): (Option<i64>,) = sqlx::query_as(
                "SELECT CAST(SUM(total_minor) AS BIGINT) FROM invoices WHERE status = 'issued' AND series = $1 AND issue_date <= '2026-11-23'",
            )
            .bind(series)
            .fetch_one(pool)
            .await
            .unwrap();
            total.unwrap_or(0)
        };
        let expected = sum("invoice").await - sum("credit-note").await;
        let last_day = closed.iter().rev().find(|c| c.fields.kind == PeriodKind::Day).unwrap();
        assert_eq!(last_day.fields.perpetual.turnover(), expected, "{backend:?}");
        assert!(expected > 0);
        let october = closed.iter().find(|c| c.fields.period == "2026-10").unwrap();
        let october_31 = closed.iter().find(|c| c.fields.period == "2026-10-31").unwrap();
        assert_eq!(october.fields.perpetual, october_31.fields.perpetual, "the month ends where its last day does");

        let refused = |period: &str, today| {
            let period = Period::parse(period).unwrap();
            async move { code(closures::close_in(db, period, today, at(11, 26)).await.map(|_| ())) }
        };
        assert_eq!(refused("2026-11", day(11, 26)).await, "period-not-over");
        assert_eq!(refused("2026-11-20", day(11, 26)).await, "closure-out-of-order");
        assert_eq!(refused("2026-10", day(11, 26)).await, "closure-out-of-order");

        // Nothing more in a closed period: a payment dated the 20th, a draft dated the 24th
        // once that day is closed (the closure names it first).
        let (open,): (String,) = sqlx::query_as(
            "SELECT invoice_id FROM invoice_balances WHERE paid_minor + credited_minor < total_minor \
             AND issue_date <= '2026-11-20' ORDER BY number LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(pay(&accountant, &open, "2026-11-20", "1", "cash", at(11, 25)).await, Err("period-closed".into()));
        let martin = customer(&accountant, "boulangerie martin").await;
        let form = domain::invoicing::draft::DraftForm {
            customer: martin,
            issue_date: "2026-11-24".into(),
            due_date: "2026-12-24".into(),
            category: "services".into(),
            ..Default::default()
        };
        let draft = services::invoicing::drafts::create(&accountant, &form.parse().unwrap(), at(11, 24)).await.unwrap();
        let closed_24 =
            closures::close_in(db, Period::parse("2026-11-24").unwrap(), day(11, 26), at(11, 26)).await.unwrap();
        assert_eq!(closed_24.drafts.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [draft.as_str()]);

        let (head, hash) = ledger::verify(db).await.unwrap().unwrap();
        let fake = "e".repeat(64);
        for sql in [
            format!(
                "INSERT INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
                 VALUES ({}, 'payment', 'p', 'p-late', '2026-11-20', '{{}}', '{hash}', '{fake}', 1)",
                head + 1
            ),
            "UPDATE ledger_head SET closed_through = '2026-11-01'".to_owned(),
            "UPDATE ledger_head SET closed_through = NULL".to_owned(),
        ] {
            let error = sqlx::query(&sql).execute(pool).await.unwrap_err().to_string();
            assert!(error.contains("period-closed") || error.contains("ledger-chain"), "{backend:?}: {sql}: {error}");
        }
        assert_eq!(ledger::verify(db).await.unwrap().unwrap().0, head, "{backend:?}");
        let listed = closures::list(&accountant).await.unwrap();
        assert_eq!(listed.len(), closed.len() + 1);
        assert_eq!(listed[0].1.period, "2026-11-24", "newest first");
        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(code(closures::list(&manager).await.map(|_| ())), "forbidden");
        env.finish().await;
    }
}

/// The benchmark's bulk volume chains its invoices and payments like issuing and recording do.
#[tokio::test]
async fn the_bulk_volume_is_chained_too() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let template = invoice(&env, &accountant, &martin, "20", &[("2", "50")]).await;
        let (before, _) = ledger::verify(&accountant.db).await.unwrap().unwrap();
        services::invoicing::volume::fill(&accountant, &template, 45, day(12, 1), &|_| {}).await.unwrap();
        let (after, _) = ledger::verify(&accountant.db).await.unwrap().unwrap();
        // 45 invoices, 15 paid in full and 6 in part (the volume's pattern).
        assert_eq!(after - before, 45 + 15 + 6, "{backend:?}");
        env.finish().await;
    }
}
