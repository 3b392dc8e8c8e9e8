//! Emergency modes on every configured backend: who a mode keeps out and whose changes it stops,
//! the sign-in that tells why, the audit entry written with each change, the scheduled work that
//! pauses, and the database that refuses a mode it does not know.

use domain::audit::AuditQuery;
use domain::governance::{Mode, ModeChange, ModeForm};
use domain::{AuditKind, Role, TenantCode};
use services::audit::{self, RequestMeta};
use services::clock::Clock;
use services::demo::DEMO_PASSWORD;
use services::governance::mode;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{AppError, auth};

fn form(mode: &str, reason: &str) -> ModeForm {
    ModeForm { mode: mode.into(), reason: reason.into() }
}

async fn resolve(env: &TestEnv, email: &str, tenant: &str) -> Result<TenantScope, AppError> {
    let user = services::control::find_user_by_email(&env.state, &domain::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    TenantScope::resolve(&env.state, &user.id, tenant).await
}

const MEMBERS: [(&str, Role); 5] = [
    ("admin@demo.example", Role::Admin),
    ("manager@demo.example", Role::Manager),
    ("accountant@demo.example", Role::Accountant),
    ("technician@demo.example", Role::Technician),
    ("auditor@demo.example", Role::Auditor),
];

#[tokio::test]
async fn each_mode_keeps_out_and_stops_whom_it_says() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        for wanted in Mode::ALL {
            mode::set_company(&env.state, &RequestMeta::default(), &admin, &form(wanted.as_str(), "Drill"))
                .await
                .unwrap();
            for (email, role) in MEMBERS {
                match resolve(&env, email, "demo").await {
                    Ok(scope) => {
                        assert!(wanted.admits(role), "{backend:?} {wanted:?} {role:?} let in");
                        assert_eq!(scope.modes.company.reason.as_deref(), Some("Drill"));
                        let write = mode::check_write(&scope);
                        assert_eq!(write.is_ok(), wanted.lets_write(role), "{backend:?} {wanted:?} {role:?}");
                        if let Err(refused) = write {
                            assert_eq!(refused.code(), wanted.writes_code());
                            assert_eq!(refused.status(), 423);
                        }
                    }
                    Err(AppError::ModeClosed { mode: m, reason }) => {
                        assert!(!wanted.admits(role), "{backend:?} {wanted:?} {role:?} kept out");
                        assert_eq!((m, reason.as_deref()), (wanted, Some("Drill")));
                    }
                    Err(other) => panic!("{other:?}"),
                }
            }
            // The other company is not touched by this one's mode.
            let acme = resolve(&env, "manager@acme.example", "acme").await.unwrap();
            assert!(mode::check_write(&acme).is_ok());
        }
        // Each change is in the audit log, with its mode and reason.
        let query = AuditQuery { kind: Some(AuditKind::EmergencyModeChanged), ..AuditQuery::default() };
        let admin = env.scope("admin@demo.example", "demo").await;
        let entries = audit::page(&env.state, &admin, &query).await.unwrap().entries;
        assert_eq!(entries.len(), Mode::ALL.len());
        assert_eq!(entries[0].detail.as_deref(), Some("MAINTENANCE · Drill"));
        env.finish().await;
    }
}

#[tokio::test]
async fn a_sign_in_the_mode_keeps_out_is_told_why_and_the_picker_shows_it() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        mode::set_company(&env.state, &RequestMeta::default(), &admin, &form("LOCKDOWN", "Stolen laptop"))
            .await
            .unwrap();
        let refused =
            auth::authenticate(&env.state, &RequestMeta::default(), "manager@demo.example", DEMO_PASSWORD).await;
        match refused {
            Err(AppError::ModeClosed { mode: Mode::Lockdown, reason }) => {
                assert_eq!(reason.as_deref(), Some("Stolen laptop"))
            }
            other => panic!("{backend:?}: {other:?}"),
        }
        // A wrong password learns nothing of the mode.
        let wrong = auth::authenticate(&env.state, &RequestMeta::default(), "manager@demo.example", "wrong").await;
        assert!(matches!(wrong, Err(AppError::InvalidCredentials)));
        // The admin still enters; the consultant, manager of both companies, enters the other one.
        auth::authenticate(&env.state, &RequestMeta::default(), "admin@demo.example", DEMO_PASSWORD).await.unwrap();
        let consultant =
            auth::authenticate(&env.state, &RequestMeta::default(), "consultant@atelier.example", DEMO_PASSWORD)
                .await
                .unwrap();
        assert_eq!(auth::login::default_tenant(&consultant.memberships), Some("acme"));
        env.finish().await;
    }
}

#[tokio::test]
async fn the_platform_mode_holds_in_every_company_and_pauses_scheduled_work() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let change = ModeChange { mode: Mode::Maintenance, reason: "Upgrade to 2.0".into() };
        mode::set_by_operator(&env.state, None, &change).await.unwrap();
        for (email, tenant) in [("manager@demo.example", "demo"), ("manager@acme.example", "acme")] {
            assert_eq!(code(resolve(&env, email, tenant).await), "mode-closed-maintenance");
        }
        let admin = resolve(&env, "admin@acme.example", "acme").await.unwrap();
        assert_eq!(admin.modes.platform.reason.as_deref(), Some("Upgrade to 2.0"));
        assert!(mode::check_write(&admin).is_ok(), "admins work during maintenance");
        assert_eq!(mode::platform(&env.state).await.unwrap().mode, Mode::Maintenance);

        // Scheduled work pauses; asked for by name it says why; a dry run still runs.
        let demo = TenantCode::parse("demo").unwrap();
        let now = env.clock.now_ms();
        let outcomes = services::alerts::check::check_all(&env.state, Some(&demo), None, false, now).await.unwrap();
        assert_eq!(code(outcomes.into_iter().next().unwrap().result), "mode-writes-maintenance");
        let dry = services::alerts::check::check_all(&env.state, Some(&demo), None, true, now).await.unwrap();
        assert!(dry[0].result.is_ok());
        let all = services::alerts::check::check_all(&env.state, None, None, false, now).await.unwrap();
        assert!(all.is_empty(), "every company skipped");

        // Lifted, everything is back.
        let normal = ModeChange { mode: Mode::Normal, reason: "Done".into() };
        mode::set_by_operator(&env.state, None, &normal).await.unwrap();
        assert!(mode::check_write(&resolve(&env, "manager@demo.example", "demo").await.unwrap()).is_ok());
        let all = services::alerts::check::check_all(&env.state, None, None, false, now).await.unwrap();
        assert_eq!(all.len(), 2);
        env.finish().await;
    }
}

#[tokio::test]
async fn a_bad_change_writes_nothing_and_only_admins_set_the_mode() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let meta = RequestMeta::default();
        assert_eq!(code(mode::set_company(&env.state, &meta, &admin, &form("PANIC", "x")).await), "unknown-mode");
        assert_eq!(code(mode::set_company(&env.state, &meta, &admin, &form("READ_ONLY", "  ")).await), "required");
        let long = "x".repeat(domain::governance::mode::REASON_MAX + 1);
        assert_eq!(code(mode::set_company(&env.state, &meta, &admin, &form("READ_ONLY", &long)).await), "too-long");
        let manager = env.scope("manager@demo.example", "demo").await;
        let auditor = env.scope("auditor@demo.example", "demo").await;
        for other in [&manager, &auditor] {
            assert_eq!(code(mode::set_company(&env.state, &meta, other, &form("READ_ONLY", "x")).await), "forbidden");
        }
        assert!(mode::page(&env.state, &auditor).await.is_ok(), "auditors read the mode");
        assert_eq!(code(mode::page(&env.state, &manager).await), "forbidden");
        assert_eq!(mode::page(&env.state, &admin).await.unwrap().company.mode, Mode::Normal);
        let query = AuditQuery { kind: Some(AuditKind::EmergencyModeChanged), ..AuditQuery::default() };
        assert!(audit::page(&env.state, &admin, &query).await.unwrap().entries.is_empty());
        assert_eq!(
            code(
                mode::set_by_operator(
                    &env.state,
                    Some("nope"),
                    &ModeChange { mode: Mode::Lockdown, reason: "x".into() }
                )
                .await
            ),
            "not-found"
        );

        // The database refuses what the service would: an unknown mode, an empty reason.
        for (mode_text, reason) in [("PANIC", "x"), ("READ_ONLY", "")] {
            let raw = sqlx::query(
                "INSERT INTO emergency_modes (scope, mode, reason, set_by, set_at_ms) VALUES ('demo', $1, $2, 'sql', 0)",
            )
            .bind(mode_text)
            .bind(reason)
            .execute(env.state.control.pool())
            .await;
            assert!(raw.is_err(), "{backend:?} {mode_text} {reason:?}");
        }
        env.finish().await;
    }
}
