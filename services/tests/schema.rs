//! The schema is written once per backend (`migrations/{control,tenant}/{sqlite,postgres}`).
//! This test fails when the two drift apart: same tables, columns, views, indexes and triggers by
//! name, so that a migration cannot be added to one side only. What exists on one side alone is
//! listed below with its reason.

use std::collections::BTreeSet;

use services::db::{Backend, Db};
use services::testing::{TestEnv, backends};
use sqlx::AnyPool;

/// Objects one backend needs and the other cannot have: (database, object, why).
const SQLITE_ONLY: &[(&str, &str, &str)] = &[
    // PostgreSQL tells trigger depth (pg_trigger_depth()); SQLite's movement trigger holds a row.
    ("tenant", "table stock_apply_guard", "marks that the movement trigger is running"),
    ("tenant", "column stock_apply_guard.applying", "marks that the movement trigger is running"),
    // INSERT OR REPLACE and INSERT OR IGNORE exist on SQLite only.
    ("tenant", "trigger stock_movements.stock_movements_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger stock_movements.stock_movements_keep_levels_valid", "INSERT OR IGNORE skips a CHECK"),
    ("control", "trigger audit_events.audit_events_never_replaced", "INSERT OR REPLACE"),
    ("control", "trigger audit_chains.audit_chains_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger missions.missions_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger mission_history.mission_history_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger time_entries.time_entries_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger app_events.app_events_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger alerts.alerts_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger webhooks.webhooks_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger webhook_deliveries.webhook_deliveries_never_replaced", "INSERT OR REPLACE"),
    ("tenant", "trigger time_entry_seals.time_entry_seals_never_replaced", "INSERT OR REPLACE"),
    // SQLite cannot add a table CHECK to an existing table: triggers hold what PostgreSQL's
    // constraints `feature_flags_known_names` and `feature_flags_whole_kill` hold.
    ("tenant", "trigger feature_flags.feature_flags_known_names", "a CHECK added later"),
    ("tenant", "trigger feature_flags.feature_flags_whole_kill", "a CHECK added later"),
    ("tenant", "trigger feature_flags.feature_flags_whole_kill_insert", "a CHECK added later"),
    ("tenant", "trigger thresholds.thresholds_known_in_range", "a CHECK added later"),
    ("tenant", "trigger thresholds.thresholds_known_in_range_update", "a CHECK added later"),
];
const POSTGRES_ONLY: &[(&str, &str, &str)] = &[
    // TRUNCATE exists on PostgreSQL only.
    ("tenant", "trigger stock_movements.stock_movements_never_truncated", "TRUNCATE"),
    ("tenant", "trigger stock_levels.stock_levels_never_truncated", "TRUNCATE"),
    ("tenant", "trigger lots.lots_never_truncated", "TRUNCATE"),
    ("control", "trigger audit_events.audit_events_never_truncated", "TRUNCATE"),
    ("control", "trigger audit_chains.audit_chains_never_truncated", "TRUNCATE"),
    ("tenant", "trigger invoices.invoices_never_truncated", "TRUNCATE"),
    ("tenant", "trigger invoice_lines.invoice_lines_never_truncated", "TRUNCATE"),
    ("tenant", "trigger invoice_pdfs.invoice_pdfs_never_truncated", "TRUNCATE"),
    ("tenant", "trigger document_counters.document_counters_never_truncated", "TRUNCATE"),
    ("tenant", "trigger invoice_balances.invoice_balances_never_truncated", "TRUNCATE"),
    ("tenant", "trigger invoice_payments.invoice_payments_never_truncated", "TRUNCATE"),
    ("tenant", "trigger ledger_entries.ledger_entries_never_truncated", "TRUNCATE"),
    ("tenant", "trigger ledger_head.ledger_head_never_truncated", "TRUNCATE"),
    ("tenant", "trigger missions.missions_never_truncated", "TRUNCATE"),
    ("tenant", "trigger mission_history.mission_history_never_truncated", "TRUNCATE"),
    ("tenant", "trigger app_events.app_events_never_truncated", "TRUNCATE"),
    ("tenant", "trigger alerts.alerts_never_truncated", "TRUNCATE"),
    ("tenant", "trigger time_entries.time_entries_never_truncated", "TRUNCATE"),
    ("tenant", "trigger webhooks.webhooks_never_truncated", "TRUNCATE"),
    ("tenant", "trigger webhook_deliveries.webhook_deliveries_never_truncated", "TRUNCATE"),
    ("tenant", "trigger security_events.security_events_never_truncated", "TRUNCATE"),
    ("tenant", "trigger time_entry_seals.time_entry_seals_never_truncated", "TRUNCATE"),
];

async fn strings(pool: &AnyPool, sql: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(pool).await.unwrap();
    rows.into_iter().map(|(s,)| s).collect()
}

/// Every table (with its columns), view, explicit index and trigger, as `kind name` lines.
async fn schema(db: &Db) -> BTreeSet<String> {
    let pool = db.pool();
    let mut objects = BTreeSet::new();
    let (tables, views, indexes, triggers) = match db.backend() {
        Backend::Sqlite => (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
            "SELECT name FROM sqlite_master WHERE type = 'view'",
            "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
            "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger'",
        ),
        Backend::Postgres => (
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
             AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%'",
            "SELECT table_name::text FROM information_schema.views WHERE table_schema = 'public'",
            // Indexes created by CREATE INDEX, not those behind a primary key or UNIQUE constraint.
            "SELECT (i.tablename || '.' || i.indexname)::text FROM pg_indexes i WHERE i.schemaname = 'public' \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            // pg_trigger, not information_schema.triggers, which leaves TRUNCATE triggers out.
            "SELECT (c.relname || '.' || t.tgname)::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal",
        ),
    };
    for table in strings(pool, tables).await {
        let columns = match db.backend() {
            Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
            Backend::Postgres => format!(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' \
                 AND table_name = '{table}'"
            ),
        };
        for column in strings(pool, &columns).await {
            objects.insert(format!("column {table}.{column}"));
        }
        objects.insert(format!("table {table}"));
    }
    for view in strings(pool, views).await {
        objects.insert(format!("view {view}"));
    }
    for index in strings(pool, indexes).await {
        objects.insert(format!("index {index}"));
    }
    for trigger in strings(pool, triggers).await {
        objects.insert(format!("trigger {trigger}"));
    }
    objects
}

fn without(objects: BTreeSet<String>, database: &str, only_here: &[(&str, &str, &str)]) -> BTreeSet<String> {
    let expected: BTreeSet<String> =
        only_here.iter().filter(|(db, _, _)| *db == database).map(|(_, name, _)| (*name).to_owned()).collect();
    let missing: Vec<&String> = expected.iter().filter(|name| !objects.contains(*name)).collect();
    assert!(missing.is_empty(), "{database}: listed as backend-specific but absent: {missing:?}");
    objects.difference(&expected).cloned().collect()
}

#[tokio::test]
async fn both_backends_have_the_same_schema() {
    if backends().len() < 2 {
        eprintln!("PostgreSQL not configured: the schema comparison is SKIPPED");
        return;
    }
    let sqlite = TestEnv::with_demo(Backend::Sqlite).await;
    let postgres = TestEnv::with_demo(Backend::Postgres).await;
    let tenant = |env: &TestEnv| {
        let state = env.state.clone();
        async move { services::governance::tenant_db(&state, &domain::TenantCode::parse("demo").unwrap()).await.unwrap() }
    };
    for (what, left, right) in [
        ("control", sqlite.state.control.clone(), postgres.state.control.clone()),
        ("tenant", tenant(&sqlite).await, tenant(&postgres).await),
    ] {
        let left = without(schema(&left).await, what, SQLITE_ONLY);
        let right = without(schema(&right).await, what, POSTGRES_ONLY);
        let only_sqlite: Vec<_> = left.difference(&right).collect();
        let only_postgres: Vec<_> = right.difference(&left).collect();
        assert!(
            only_sqlite.is_empty() && only_postgres.is_empty(),
            "the {what} schemas differ:\n  SQLite only: {only_sqlite:?}\n  PostgreSQL only: {only_postgres:?}"
        );
        assert!(left.len() > 20, "{what}: the comparison saw the schema ({} objects)", left.len());
    }
    sqlite.finish().await;
    postgres.finish().await;
}
