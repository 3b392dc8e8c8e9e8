//! `atelier migrate --dry-run` and the blue/green rule (issue 17, item 1): the plan of every
//! database is found without changing any, and a database a newer version migrated further
//! still opens with this one (a rolled-back switch).

use services::control;
use services::db::migrations::{Kind, plan_for_new};
use services::db::{Backend, Db};
use services::tenancy::migration_plans;
use services::testing::{TestEnv, backends};
use sqlx::AnyPool;

async fn applied(pool: &AnyPool) -> Vec<(i64, Vec<u8>)> {
    sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations ORDER BY version").fetch_all(pool).await.unwrap()
}

async fn tenant_db(env: &TestEnv, code: &str) -> Db {
    env.state.tenants.get(&control::tenant(&env.state, code).await.unwrap().unwrap()).await.unwrap()
}

#[tokio::test]
async fn a_dry_run_says_what_would_run_and_changes_nothing() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let plans = migration_plans(&env.state.settings).await.unwrap();
        let names: Vec<_> = plans.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["control", "acme", "demo"], "{backend:?}");
        assert!(plans.iter().all(|(_, p)| p.pending.is_empty() && p.applied > 0), "{backend:?}: {plans:?}");

        // The newest migration of acme's database forgotten, and one of demo's applied from
        // other contents: both are reported, and neither database is changed by the dry run.
        let acme = tenant_db(&env, "acme").await;
        let before = applied(acme.pool()).await;
        let (newest, _) = before.last().unwrap().clone();
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1").bind(newest).execute(acme.pool()).await.unwrap();
        let demo = tenant_db(&env, "demo").await;
        sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = 1")
            .bind(vec![0_u8; 48])
            .execute(demo.pool())
            .await
            .unwrap();
        let acme_rows = applied(acme.pool()).await;
        let plans = migration_plans(&env.state.settings).await.unwrap();
        assert_eq!(plans[1].1.pending.iter().map(|(v, _)| *v).collect::<Vec<_>>(), [newest], "{backend:?}");
        assert_eq!(plans[2].1.altered, [1], "{backend:?}");
        assert_eq!(applied(acme.pool()).await, acme_rows, "{backend:?}: the dry run wrote nothing");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_database_a_newer_version_migrated_still_opens() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let demo = tenant_db(&env, "demo").await;
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(9_000_i64)
        .bind("from a newer version")
        .bind(true)
        .bind(vec![7_u8; 48])
        .bind(0_i64)
        .execute(demo.pool())
        .await
        .unwrap();
        let plans = migration_plans(&env.state.settings).await.unwrap();
        assert_eq!(plans[2].1.newer, [9_000], "{backend:?}");
        assert!(plans[2].1.pending.is_empty(), "{backend:?}");

        // Opened again (as the previous version would after a rollback), it migrates and serves.
        env.state.tenants.close_all().await;
        let scope = env.scope("manager@demo.example", "demo").await;
        assert_eq!(services::sites::list(&scope).await.unwrap().len(), 3, "{backend:?}");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_dry_run_before_the_first_start_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let settings = services::state::Settings::new(
        dir.path().join("data"),
        None,
        false,
        services::secret_box::SecretKey::generate(),
    )
    .unwrap();
    let plans = migration_plans(&settings).await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].1, plan_for_new(Kind::Control, Backend::Sqlite));
    assert!(!plans[0].1.pending.is_empty() && plans[0].1.applied == 0);
    assert!(!dir.path().join("data").join("control.db").exists(), "no database file was created");
}
