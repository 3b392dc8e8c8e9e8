//! Security thresholds on every configured backend: saved together from both databases,
//! validated and audited; the database refusing unknown names and values out of range; the
//! per-user limits of bulk operations and admin actions they set; and the security status
//! counting what happened against them.

use domain::audit::AuditQuery;
use domain::governance::thresholds::{Limited, SecurityThresholds, Threshold, ThresholdsForm};
use domain::stock::queries::StockQuery;
use domain::{Lang, Role};
use services::audit::RequestMeta;
use services::clock::Clock;
use services::demo::DEMO_PASSWORD;
use services::governance::{security, thresholds};
use services::members::{self, SignInRules};
use services::stock::exports;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{AppError, auth};

fn meta() -> RequestMeta {
    RequestMeta::new(Some("198.51.100.4".into()), Some("Mozilla/5.0"), None)
}

fn form(changes: &[(Threshold, &str)]) -> ThresholdsForm {
    let mut form = SecurityThresholds::default().form();
    for (t, text) in changes {
        form.set(*t, (*text).into());
    }
    form
}

async fn save(env: &TestEnv, scope: &TenantScope, changes: &[(Threshold, &str)]) -> Result<(), AppError> {
    thresholds::save(&env.state, &meta(), scope, &form(changes)).await
}

#[tokio::test]
async fn thresholds_are_saved_together_validated_and_audited() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let rules =
            SignInRules { second_factor_roles: vec![Role::Accountant], lockout_threshold: 10, lockout_minutes: 30 };
        members::set_rules(&env.state, &meta(), &admin, &rules).await.unwrap();
        assert_eq!(thresholds::current(&env.state, &admin).await.unwrap(), SecurityThresholds::default());

        let changes = [
            (Threshold::MaxSignInAttempts, "5"),
            (Threshold::LockoutMinutes, "15"),
            (Threshold::MaxBulkOperations, "3"),
            (Threshold::UnusualHoursStart, "20:00"),
            (Threshold::UnusualHoursEnd, "06:30"),
            (Threshold::ValueChangePercent, "30"),
        ];
        save(&env, &admin, &changes).await.unwrap();
        let now = thresholds::current(&env.state, &admin).await.unwrap();
        assert_eq!(now, form(&changes).parse().unwrap(), "{backend:?}");
        // The sign-in rules read the same row, and keep the roles that must use a second factor.
        let overview = members::overview(&env.state, &admin).await.unwrap();
        assert_eq!((overview.lockout_threshold, overview.lockout_minutes), (5, 15));
        assert_eq!(overview.second_factor_roles, vec![Role::Accountant]);
        // The stock rules read the company's.
        let stock = services::governance::stock_rules(admin.db.pool()).await.unwrap();
        assert_eq!((stock.quiet_from_minute, stock.quiet_until_minute, stock.change_threshold_pct), (1200, 390, 30));
        let query = AuditQuery::parse(Some("security-thresholds-changed"), None, None, None, None).unwrap();
        let log = services::audit::page(&env.state, &admin, &query).await.unwrap();
        let detail = log.entries[0].detail.clone().unwrap();
        assert!(detail.contains("max_bulk_operations_per_hour: 20 → 3"), "{detail}");
        assert!(detail.contains("unusual_hours_end: 05:00 → 06:30"), "{detail}");
        assert_eq!(log.entries.len(), 1);

        // Nothing changed: nothing written, nothing audited.
        save(&env, &admin, &changes).await.unwrap();
        assert_eq!(services::audit::page(&env.state, &admin, &query).await.unwrap().entries.len(), 1);

        // Every problem at once, and nothing written.
        let refused = save(
            &env,
            &admin,
            &[
                (Threshold::LockoutMinutes, "0"),
                (Threshold::UnusualHoursStart, "25:00"),
                (Threshold::MaxBulkOperations, "9"),
            ],
        )
        .await;
        let Err(AppError::Validation(errors)) = refused else { panic!("{refused:?}") };
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["lockout_minutes", "unusual_hours_start"]);
        assert_eq!(thresholds::current(&env.state, &admin).await.unwrap(), now);

        // Auditors read them; only admins change them.
        let auditor = env.scope("auditor@demo.example", "demo").await;
        let status = security::status(&env.state, &auditor).await.unwrap();
        assert_eq!((status.thresholds, status.can_edit), (now.clone(), false));
        assert!(security::status(&env.state, &admin).await.unwrap().can_edit);
        for member in ["auditor@demo.example", "manager@demo.example"] {
            let scope = env.scope(member, "demo").await;
            assert_eq!(
                code(save(&env, &scope, &[(Threshold::MaxBulkOperations, "1000")]).await),
                "forbidden",
                "{member}"
            );
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_unknown_thresholds_and_values_out_of_range() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let pool = admin.db.pool();
        for statement in [
            "INSERT INTO thresholds (name, value, updated_at_ms) VALUES ('made_up', 1, 0)",
            "INSERT INTO thresholds (name, value, updated_at_ms) VALUES ('bulk_operations_per_hour', 0, 0)",
            "INSERT INTO thresholds (name, value, updated_at_ms) VALUES ('admin_actions_per_minute', 1001, 0)",
            "INSERT INTO thresholds (name, value, updated_at_ms) VALUES ('failed_sign_ins_alert', -1, 0)",
            "UPDATE thresholds SET value = 1440 WHERE name = 'stock_quiet_from_minute'",
            "INSERT INTO rate_limited_actions (at_ms, user_id, kind) VALUES (0, 'u', 'purge-everything')",
        ] {
            assert!(sqlx::query(statement).execute(pool).await.is_err(), "{backend:?}: {statement}");
        }
        sqlx::query("INSERT INTO thresholds (name, value, updated_at_ms) VALUES ('bulk_operations_per_hour', 1000, 0)")
            .execute(pool)
            .await
            .unwrap();
        env.finish().await;
    }
}

#[tokio::test]
async fn bulk_operations_are_limited_per_user_and_per_hour() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        save(&env, &admin, &[(Threshold::MaxBulkOperations, "2")]).await.unwrap();
        let manager = env.scope("manager@demo.example", "demo").await;
        let export = |scope: TenantScope| {
            let now = env.clock.now_ms();
            async move { exports::stock_csv(&scope, &StockQuery::default(), Lang::En, now).await }
        };
        export(manager.clone()).await.unwrap();
        export(manager.clone()).await.unwrap();
        let Err(error) = export(manager.clone()).await else { panic!("{backend:?}: a third export") };
        assert_eq!((error.code(), error.status()), ("too-many-bulk-operations", 429), "{backend:?}");
        assert!(matches!(error, AppError::RateLimited { action: Limited::StockExport, limit: 2 }));
        // Another member is not held back by the manager's exports; an import counts too.
        export(admin.clone()).await.unwrap();
        let import = services::invoicing::customers::import(&manager, b"x", env.clock.now_ms()).await;
        assert_eq!(code(import), "too-many-bulk-operations");
        // An hour later, the manager exports again.
        env.clock.advance_ms(3_600_000);
        export(manager.clone()).await.unwrap();
        env.finish().await;
    }
}

#[tokio::test]
async fn admin_actions_are_limited_per_user_and_per_minute() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        save(&env, &admin, &[(Threshold::MaxAdminActions, "2")]).await.unwrap();
        let now = env.clock.now_ms();
        thresholds::admit(&admin, Limited::AdminAction, now).await.unwrap();
        thresholds::admit(&admin, Limited::AdminAction, now).await.unwrap();
        let refused = thresholds::admit(&admin, Limited::AdminAction, now).await;
        assert_eq!(code(refused), "too-many-admin-actions", "{backend:?}");
        // Bulk operations are counted apart.
        thresholds::admit(&admin, Limited::KpisExport, now).await.unwrap();
        thresholds::admit(&admin, Limited::AdminAction, now + 60_000).await.unwrap();
        env.finish().await;
    }
}

#[tokio::test]
async fn the_security_status_counts_what_happened_against_the_thresholds() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let calm = security::status(&env.state, &admin).await.unwrap();
        assert_eq!((calm.locked_accounts, calm.failed_sign_ins, calm.lockouts), (0, 0, 0), "{backend:?}");
        assert!(!calm.failed_sign_ins_alert());
        save(&env, &admin, &[(Threshold::MaxSignInAttempts, "3"), (Threshold::FailedSignInsAlert, "2")]).await.unwrap();
        for _ in 0..3 {
            let wrong = auth::authenticate(&env.state, &meta(), "technician@demo.example", "not the password").await;
            assert!(wrong.is_err());
        }
        let manager = env.scope("manager@demo.example", "demo").await;
        services::audit::record_refusal(&env.state, &meta(), &manager, domain::Permission::UsersManage).await.unwrap();
        let status = security::status(&env.state, &admin).await.unwrap();
        assert_eq!(
            (status.locked_accounts, status.failed_sign_ins, status.lockouts, status.refusals),
            (1, 3, 1, 1),
            "{backend:?}"
        );
        assert!(status.failed_sign_ins_alert());
        assert!(!status.security_events_alert(), "2 events of 10");
        // An hour later the failed sign-ins are behind; the day's events still count.
        env.clock.advance_ms(3_600_000 + 1);
        let later = security::status(&env.state, &admin).await.unwrap();
        assert_eq!((later.failed_sign_ins, later.security_events()), (0, status.security_events()));
        assert!(auth::authenticate(&env.state, &meta(), "technician@demo.example", DEMO_PASSWORD).await.is_ok());
        env.finish().await;
    }
}
