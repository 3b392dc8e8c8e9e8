//! Feature flags on every configured backend: each checked on its server path for the user
//! asking; the kill switch, roles and rollout; changes audited and recorded; the database
//! refusing what the service would.

use domain::audit::AuditQuery;
use domain::governance::flags::{FlagChange, FlagForm, KillChange, KillForm};
use domain::governance::rollout;
use domain::stock::commands::{Count, Receipt};
use domain::stock::queries::StockQuery;
use domain::{AuditKind, Flag, Lang, Quantity, Role};
use services::audit::{self, RequestMeta};
use services::governance::flags;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};

fn receipt() -> Receipt {
    Receipt {
        article: "00000000-0000-4000-8000-000000000001".into(),
        site: "00000000-0000-4000-8000-000000000002".into(),
        quantity: Quantity::units(1),
        unit_cost_minor: 100,
        lot_number: None,
        expiry: None,
        reference: None,
    }
}

/// The code of a stock receipt's refusal: a closed feature's, or (flag open) the garbage ids'.
async fn receipt_code(scope: &TenantScope) -> String {
    code(services::stock::receive(scope, &receipt(), 1).await)
}

fn change(flag: Flag, enabled: bool, rollout_pct: u8, roles: Vec<Role>) -> FlagChange {
    FlagChange { flag, enabled, rollout_pct, roles }
}

#[tokio::test]
async fn the_kill_switch_stops_a_feature_for_everyone_at_once_and_says_why() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let meta = RequestMeta::default();
        assert!(!receipt_code(&manager).await.starts_with("feature-"), "open before");

        let kill = KillChange { flag: Flag::StockMovements, reason: Some("Counting the warehouse".into()) };
        flags::kill(&env.state, &meta, &admin, &kill).await.unwrap();
        for scope in [&manager, &admin] {
            match services::stock::receive(scope, &receipt(), 1).await {
                Err(services::AppError::FeatureClosed { flag: Flag::StockMovements, closed }) => {
                    assert_eq!(closed, domain::governance::flags::Closed::Killed("Counting the warehouse".into()))
                }
                other => panic!("{backend:?}: {other:?}"),
            }
        }
        let page = flags::page(&admin).await.unwrap();
        let killed = page.flags.iter().find(|f| f.setting.flag == Flag::StockMovements).unwrap();
        assert_eq!(killed.setting.kill.as_ref().unwrap().by, "admin@demo.example");
        // A business event and an audit entry.
        let query = domain::events::EventQuery {
            kind: Some(domain::events::EventKind::FeatureTurnedOff),
            ..Default::default()
        };
        let events = services::events::list(&env.state, &admin, &query).await.unwrap();
        assert_eq!(events.lines.len(), 1);
        let query = AuditQuery { kind: Some(AuditKind::FeatureKilled), ..AuditQuery::default() };
        let entries = audit::page(&env.state, &admin, &query).await.unwrap().entries;
        assert_eq!(entries[0].detail.as_deref(), Some("stock_movements: Counting the warehouse"));

        // Released, the flag's own settings apply again.
        flags::kill(&env.state, &meta, &admin, &KillChange { flag: Flag::StockMovements, reason: None }).await.unwrap();
        assert!(!receipt_code(&manager).await.starts_with("feature-"));
        env.finish().await;
    }
}

#[tokio::test]
async fn roles_and_rollout_open_a_feature_to_some_users_only() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let meta = RequestMeta::default();
        let flag = Flag::StockMovements;
        flags::update(&env.state, &meta, &admin, &change(flag, true, 100, vec![Role::Admin])).await.unwrap();
        assert_eq!(receipt_code(&manager).await, "feature-not-for-role");
        assert!(!receipt_code(&admin).await.starts_with("feature-"));

        // The manager's bucket decides: a share up to it leaves them out, one more lets them in.
        let bucket = rollout::bucket(flag, &manager.user.id);
        flags::update(&env.state, &meta, &admin, &change(flag, true, bucket, vec![])).await.unwrap();
        assert_eq!(receipt_code(&manager).await, "feature-not-yet");
        flags::update(&env.state, &meta, &admin, &change(flag, true, bucket + 1, vec![])).await.unwrap();
        assert!(!receipt_code(&manager).await.starts_with("feature-"));

        flags::update(&env.state, &meta, &admin, &change(flag, false, 100, vec![])).await.unwrap();
        assert_eq!(receipt_code(&manager).await, "feature-off");
        let query = AuditQuery { kind: Some(AuditKind::FeatureFlagChanged), ..AuditQuery::default() };
        let entries = audit::page(&env.state, &admin, &query).await.unwrap().entries;
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[0].detail.as_deref(), Some("stock_movements: enabled=false rollout=100% roles=all"));
        env.finish().await;
    }
}

#[tokio::test]
async fn each_flag_is_checked_on_its_server_path() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let meta = RequestMeta::default();
        for flag in [Flag::ManualStockOverride, Flag::DataExportFull] {
            flags::update(&env.state, &meta, &admin, &change(flag, false, 100, vec![])).await.unwrap();
        }
        let count = Count {
            article: receipt().article,
            site: receipt().site,
            counted: Quantity::units(0),
            reason: "Inventaire".into(),
        };
        assert_eq!(code(services::stock::adjust(&manager, &count, 1).await), "feature-off");
        let stock_csv = services::stock::exports::stock_csv(&manager, &StockQuery::default(), Lang::Fr, 0).await;
        assert_eq!(code(stock_csv), "feature-off");
        assert_eq!(code(services::invoicing::customers::export_csv(&accountant, Lang::Fr, 0).await), "feature-off");
        let journal = services::invoicing::accounting::sales_journal(&accountant, 2026, 0).await.map(|_| ());
        assert_eq!(code(journal), "feature-off");
        // Receipts have their own flag, still on.
        assert!(!receipt_code(&manager).await.starts_with("feature-"));
        env.finish().await;
    }
}

#[tokio::test]
async fn bad_changes_are_refused_and_the_database_refuses_them_too() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let meta = RequestMeta::default();
        let form = FlagForm { flag: "teleport".into(), rollout: "50".into(), ..FlagForm::default() };
        assert_eq!(form.parse().unwrap_err().0[0].code, "unknown-flag");
        let form = FlagForm { flag: "invoicing".into(), rollout: "101".into(), ..FlagForm::default() };
        assert_eq!(form.parse().unwrap_err().0[0].code, "percent-out-of-range");
        let kill = KillForm { flag: "invoicing".into(), kill: "on".into(), reason: String::new() };
        assert_eq!(kill.parse().unwrap_err().0[0].code, "required");
        let refused = flags::update(&env.state, &meta, &manager, &change(Flag::Invoicing, false, 100, vec![])).await;
        assert_eq!(code(refused), "forbidden");
        let kill = KillChange { flag: Flag::Invoicing, reason: Some("x".into()) };
        assert_eq!(code(flags::kill(&env.state, &meta, &manager, &kill).await), "forbidden");
        assert!(flags::all(&admin.db).await.unwrap().iter().all(|f| f.kill.is_none()), "nothing written");

        let pool = admin.db.pool();
        for raw in [
            "INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES ('teleport', 1, 0)",
            "UPDATE feature_flags SET rollout_pct = 101 WHERE name = 'invoicing'",
            "UPDATE feature_flags SET killed_reason = 'half a kill' WHERE name = 'invoicing'",
        ] {
            assert!(sqlx::query(raw).execute(pool).await.is_err(), "{backend:?}: {raw}");
        }
        env.finish().await;
    }
}
