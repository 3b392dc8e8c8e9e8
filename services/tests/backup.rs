//! Backup and restore on every configured backend: a restore drill (a backup taken while stock
//! is being moved, restored into another installation, checked by the integrity check, its
//! members signing in), a company's database put back alone after its loss, and every refusal
//! that leaves nothing half-restored: a changed file, a path out of the folder, a company
//! already holding data, an account clash, another installation's key.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use domain::Quantity;
use domain::article::{ArticleInput, NewArticle};
use domain::stock::commands::Receipt;
use services::backup::{self, BackupError};
use services::clock::Clock;
use services::db::Backend;
use services::demo::DEMO_PASSWORD;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends};
use services::{auth, sites, stock};

fn demo() -> domain::TenantCode {
    domain::TenantCode::parse("demo").unwrap()
}

async fn scope(env: &TestEnv, email: &str) -> TenantScope {
    let user = auth::authenticate(&env.state, &Default::default(), email, DEMO_PASSWORD).await.unwrap();
    TenantScope::resolve(&env.state, &user.user.id, "demo").await.unwrap()
}

/// Every movement in the order recorded: (seq, operation, quantity).
async fn movements(scope: &TenantScope) -> Vec<(i64, String, i64)> {
    sqlx::query_as("SELECT seq, operation_id, qty_milli FROM stock_movements ORDER BY seq")
        .fetch_all(scope.db.pool())
        .await
        .unwrap()
}

fn refusal<T: std::fmt::Debug>(result: Result<T, BackupError>) -> String {
    match result {
        Err(BackupError::Refused(why)) => why,
        other => panic!("not refused: {other:?}"),
    }
}

/// Whether the installation has the company, in its registry or as a database.
async fn holds_demo(env: &TestEnv) -> (bool, bool) {
    let registered = services::control::tenant(&env.state, "demo").await.unwrap().is_some();
    let database = match env.backend {
        Backend::Sqlite => env.state.settings.data_dir.join("tenants/demo.db").exists(),
        Backend::Postgres => {
            let name =
                format!("{}__demo", services::db::url::postgres_database(&env.state.settings.database_url).unwrap());
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
                .bind(name)
                .fetch_one(env.state.control.pool())
                .await
                .unwrap();
            n == 1
        }
    };
    (registered, database)
}

#[tokio::test]
async fn a_backup_taken_under_write_load_restores_into_another_installation_and_checks() {
    for backend in backends() {
        let source = TestEnv::with_demo(backend).await;
        let manager = scope(&source, "manager@demo.example").await;
        let input =
            ArticleInput { code: "DRILL", designation: "Exercice de restauration", unit: "u", ..Default::default() };
        let article =
            stock::create_article(&manager, &NewArticle::parse(&input).unwrap(), source.clock.now_ms()).await.unwrap();
        let site = sites::list(&manager).await.unwrap()[0].id.clone();
        // A second factor being enrolled: a sealed secret in the backup.
        let admin =
            auth::authenticate(&source.state, &Default::default(), "admin@demo.example", DEMO_PASSWORD).await.unwrap();
        auth::second_factor::begin(&source.state, &admin.user).await.unwrap();
        // An entry in the company's audit chain.
        assert!(services::governance::integrity::check_company(&source.state, &demo()).await.unwrap().holds());

        // Receipts go on, each acknowledged one counted, while the backup runs.
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (stop, manager, start) = (stop.clone(), manager.clone(), source.clock.now_ms());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let receipt = Receipt {
                        article: article.clone(),
                        site: site.clone(),
                        quantity: Quantity::units(1 + acknowledged.len() as u32 % 7),
                        unit_cost_minor: 150,
                        lot_number: None,
                        expiry: None,
                        reference: Some(format!("DRILL-{}", acknowledged.len())),
                    };
                    // A minute apart: the company's limit of movements a minute stays out of it.
                    let at = start + 61_000 * acknowledged.len() as i64;
                    acknowledged.push(stock::receive(&manager, &receipt, at).await.unwrap());
                }
                acknowledged
            })
        };
        while movements(&manager).await.len() < 5 {
            tokio::task::yield_now().await;
        }
        let before = movements(&manager).await;
        let folder = tempfile::tempdir().unwrap();
        let out = folder.path().join("backup");
        let written = backup::backup(&source.state, None, &out).await.unwrap();
        stop.store(true, Ordering::Relaxed);
        let acknowledged = writer.await.unwrap();
        let after = movements(&manager).await;
        assert_eq!(written.manifest.companies.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().len(), 2);
        assert!(written.manifest.control.is_some(), "a backup of everything holds the control database");
        assert_eq!(written.manifest_sha256.len(), 64);
        // A backup goes into an empty folder only.
        assert!(refusal(backup::backup(&source.state, Some(&demo()), &out).await).contains("not empty"));

        // Another installation with the same key restores it, and the company holds every rule.
        let target = TestEnv::with_key(backend, source.state.settings.secret_key.clone()).await;
        let restored = backup::restore(&target.state, &out, Some(&demo())).await.unwrap();
        assert_eq!(restored.len(), 1);
        let report = &restored[0].report;
        assert!(report.holds(), "{backend:?}: {:#?}", report.rules.iter().filter(|r| !r.holds()).collect::<Vec<_>>());
        let rows = restored[0].rows.clone().expect("rows put back");
        assert!(rows.accounts_created >= 4 && rows.accounts_shared == 0 && rows.audit_events == 1, "{rows:?}");

        // What it holds is one moment of the source: every movement acknowledged before the
        // backup began, none that was not in the source, in the same order.
        let members = scope(&target, "manager@demo.example").await;
        let copy = movements(&members).await;
        assert!(
            copy.len() >= before.len() && copy.len() <= after.len(),
            "{} {} {}",
            before.len(),
            copy.len(),
            after.len()
        );
        eprintln!(
            "{backend:?}: {} movements before the backup, {} in it, {} after; restored in {} ms",
            before.len(),
            copy.len(),
            after.len(),
            restored[0].milliseconds
        );
        assert_eq!(copy[..], after[..copy.len()], "{backend:?}: the copy is a prefix of the source");
        assert!(acknowledged.iter().all(|op| after.iter().any(|(_, m, _)| m == op)), "every acknowledged receipt kept");
        // The members sign in with their passwords; the enrolled secret opens with the key.
        let admin_here =
            auth::authenticate(&target.state, &Default::default(), "admin@demo.example", DEMO_PASSWORD).await.unwrap();
        assert_eq!(admin_here.user.id, admin.user.id);

        // Restoring again is refused: the company's database is no longer empty.
        assert!(refusal(backup::restore(&target.state, &out, Some(&demo())).await).contains("not empty"));

        // The company's database lost while the registry keeps it: its database alone comes back.
        target.state.tenants.close_all().await;
        lose_database(&target).await;
        let again = backup::restore(&target.state, &out, Some(&demo())).await.unwrap();
        assert!(again[0].rows.is_none() && again[0].report.holds(), "{:?}", again[0].report);
        target.state.tenants.close_all().await;
        assert_eq!(movements(&scope(&target, "manager@demo.example").await).await.len(), copy.len());

        target.finish().await;
        refusals(&source, &out).await;
        source.finish().await;
    }
}

async fn lose_database(env: &TestEnv) {
    match env.backend {
        Backend::Sqlite => {
            let file = env.state.settings.data_dir.join("tenants/demo.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
        Backend::Postgres => {
            let url = services::db::url::postgres_with_database(
                &env.state.settings.database_url,
                &format!("{}__demo", services::db::url::postgres_database(&env.state.settings.database_url).unwrap()),
            )
            .unwrap();
            services::db::drop_postgres_database(&url).await.unwrap();
        }
    }
}

/// Each refusal leaves the target as it was: no registry row, no database.
async fn refusals(source: &TestEnv, out: &Path) {
    let backend = source.backend;
    let key = source.state.settings.secret_key.clone();
    let copy_of = |name: &str| {
        let dir = out.parent().unwrap().join(name);
        std::fs::create_dir_all(dir.join("companies")).unwrap();
        for entry in std::fs::read_dir(out).unwrap().chain(std::fs::read_dir(out.join("companies")).unwrap()) {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join(path.strip_prefix(out).unwrap())).unwrap();
            }
        }
        dir
    };

    // One byte changed in the company's rows.
    let changed = copy_of("changed");
    let rows = changed.join("companies/demo.json");
    let text = std::fs::read_to_string(&rows).unwrap().replacen("manager@demo.example", "mallory@demo.example", 1);
    std::fs::write(&rows, text).unwrap();
    let target = TestEnv::with_key(backend, key.clone()).await;
    let why = refusal(backup::restore(&target.state, &changed, Some(&demo())).await);
    assert!(why.contains("companies/demo.json: does not match the manifest"), "{why}");
    assert_eq!(holds_demo(&target).await, (false, false));

    // A manifest naming a file out of the folder.
    let escaping = copy_of("escaping");
    let manifest = escaping.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replace("\"companies/demo.db", "\"../companies/demo.db");
    std::fs::write(&manifest, text.replace("\"companies/demo.dump", "\"../companies/demo.dump")).unwrap();
    assert!(refusal(backup::restore(&target.state, &escaping, None).await).contains("outside the backup"));

    // A manifest rewritten to match a database copy that is not one: the copy is refused by
    // the database itself, and the database it went into is removed.
    let forged = copy_of("forged");
    let manifest_path = forged.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let garbage = b"not a database, whatever the manifest says".repeat(100);
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&garbage))
    };
    for company in manifest["companies"].as_array_mut().unwrap() {
        if company["code"] == "demo" {
            let path = company["database"]["path"].as_str().unwrap().to_owned();
            std::fs::write(forged.join(&path), &garbage).unwrap();
            company["database"]["bytes"] = garbage.len().into();
            company["database"]["sha256"] = sha.clone().into();
        }
    }
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let error = backup::restore(&target.state, &forged, Some(&demo())).await.expect_err("a forged copy");
    eprintln!("{backend:?}: a forged copy refused: {error}");
    assert_eq!(holds_demo(&target).await, (false, false), "{backend:?}: nothing half-restored");

    // A company the backup does not hold.
    let other = domain::TenantCode::parse("nowhere").unwrap();
    assert!(refusal(backup::restore(&target.state, out, Some(&other)).await).contains("holds no company nowhere"));

    // An account here with a backed-up member's id but another e-mail: the control rows cannot
    // follow, so the database just filled is taken away again.
    let manager_id: (String,) = sqlx::query_as("SELECT id FROM users WHERE email = 'manager@demo.example'")
        .fetch_one(source.state.control.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO users (id, email, display_name, created_at_ms) VALUES ($1, 'someone.else@example.fr', 'Someone', 0)",
    )
    .bind(&manager_id.0)
    .execute(target.state.control.pool())
    .await
    .unwrap();
    let why = refusal(backup::restore(&target.state, out, Some(&demo())).await);
    assert!(why.contains("exists here with another e-mail"), "{why}");
    assert_eq!(holds_demo(&target).await, (false, false), "{backend:?}: nothing half-restored");
    target.finish().await;

    // Another installation's key does not open the enrolled second factor.
    let stranger = TestEnv::new(backend).await;
    let why = refusal(backup::restore(&stranger.state, out, Some(&demo())).await);
    assert!(why.contains("ATELIER_SECRET_KEY"), "{why}");
    assert_eq!(holds_demo(&stranger).await, (false, false));
    stranger.finish().await;
}
