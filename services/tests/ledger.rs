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
