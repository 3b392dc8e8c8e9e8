//! Second factor, recovery codes, account changes and their audit, on every configured backend.

use domain::audit::AuditQuery;
use domain::{AuditKind, Role};
use services::audit::{self, RequestMeta};
use services::auth::login::{self, NextStep};
use services::auth::{account, second_factor};
use services::clock::Clock;
use services::control::UserRecord;
use services::demo::DEMO_PASSWORD;
use services::members::{self, SignInRules};
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, totp_code};
use services::{AppError, auth};

fn meta() -> RequestMeta {
    RequestMeta::new(Some("192.0.2.7".into()), Some("test-agent"), Some("req-1"))
}

async fn user(env: &TestEnv, email: &str) -> UserRecord {
    auth::authenticate(&env.state, &meta(), email, DEMO_PASSWORD).await.expect("demo login").user
}

/// Enrols `email` and returns its base32 secret and recovery codes; the clock moves to the next
/// step so that the next code is a fresh one.
async fn enrol(env: &TestEnv, email: &str) -> (UserRecord, String, Vec<String>) {
    let user = user(env, email).await;
    let enrolment = second_factor::begin(&env.state, &user).await.unwrap();
    let code = totp_code(&enrolment.secret_base32, env.clock.now_ms());
    let codes = second_factor::confirm(&env.state, &user, &code).await.unwrap();
    env.clock.advance_ms(30_000);
    (user, enrolment.secret_base32, codes)
}

#[tokio::test]
async fn enrolment_needs_a_right_code_and_gives_ten_recovery_codes() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let user = user(&env, "technician@demo.example").await;
        assert_eq!(login::next_step(&env.state, &user.id).await.unwrap(), NextStep::Enter);
        let enrolment = second_factor::begin(&env.state, &user).await.unwrap();
        assert!(enrolment.otpauth_url.starts_with("otpauth://totp/Atelier:"), "{}", enrolment.otpauth_url);
        assert!(enrolment.qr_svg.contains("<svg"));
        // A16: 160 bits, i.e. 32 base32 characters, and not stored in clear.
        assert_eq!(enrolment.secret_base32.len(), 32);
        let (sealed,): (String,) = sqlx::query_as("SELECT secret_sealed FROM totp_secrets WHERE user_id = $1")
            .bind(&user.id)
            .fetch_one(env.state.control.pool())
            .await
            .unwrap();
        assert!(!sealed.contains(&enrolment.secret_base32));

        // Not on until a right code is given.
        match second_factor::confirm(&env.state, &user, "000000").await {
            Err(AppError::Validation(e)) => assert_eq!(e.0[0].code, "wrong-code"),
            other => panic!("{other:?}"),
        }
        assert!(!second_factor::is_enabled(&env.state, &user.id).await.unwrap());
        let code = totp_code(&enrolment.secret_base32, env.clock.now_ms());
        let codes = second_factor::confirm(&env.state, &user, &code).await.unwrap();
        assert_eq!(codes.len(), 10);
        assert_eq!(login::next_step(&env.state, &user.id).await.unwrap(), NextStep::SecondFactor);
        // Recovery codes are stored hashed only (A17).
        let (stored,): (String,) = sqlx::query_as("SELECT code_hash FROM recovery_codes WHERE user_id = $1 LIMIT 1")
            .bind(&user.id)
            .fetch_one(env.state.control.pool())
            .await
            .unwrap();
        assert!(codes.iter().all(|c| !stored.contains(&c.replace('-', ""))));
        // A second enrolment cannot overwrite the running one.
        assert!(matches!(
            second_factor::begin(&env.state, &user).await,
            Err(AppError::Conflict("second-factor-already-on"))
        ));
        env.finish().await;
    }
}

#[tokio::test]
async fn a15_a_code_is_accepted_once_even_when_raced() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let (user, secret, _) = enrol(&env, "accountant@demo.example").await;
        let code = totp_code(&secret, env.clock.now_ms());
        let m = meta();
        let (a, b) = tokio::join!(
            login::second_step(&env.state, &m, &user.id, &code),
            login::second_step(&env.state, &m, &user.id, &code),
        );
        assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{backend:?}: exactly one of two racing uses wins");
        // Replayed later, within the skew, it is still refused.
        env.clock.advance_ms(20_000);
        assert!(matches!(
            login::second_step(&env.state, &meta(), &user.id, &code).await,
            Err(AppError::SecondFactorInvalid)
        ));
        // The next step's code works.
        env.clock.advance_ms(30_000);
        let next = totp_code(&secret, env.clock.now_ms());
        assert!(login::second_step(&env.state, &meta(), &user.id, &next).await.is_ok());
        env.finish().await;
    }
}

#[tokio::test]
async fn a17_recovery_codes_work_once_even_raced_and_regenerating_voids_the_old_set() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let (user, _, codes) = enrol(&env, "manager@demo.example").await;
        let m = meta();
        let (a, b) = tokio::join!(
            login::second_step(&env.state, &m, &user.id, &codes[0]),
            login::second_step(&env.state, &m, &user.id, &codes[0]),
        );
        assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{backend:?}");
        assert!(a.is_ok_and(|p| p == second_factor::Passed::RecoveryCode) || b.is_ok());
        assert_eq!(second_factor::status(&env.state, &user).await.unwrap().recovery_codes_left, 9);

        let fresh = second_factor::regenerate_recovery_codes(&env.state, &meta(), &user, DEMO_PASSWORD).await.unwrap();
        assert!(matches!(
            login::second_step(&env.state, &meta(), &user.id, &codes[1]).await,
            Err(AppError::SecondFactorInvalid)
        ));
        assert!(login::second_step(&env.state, &meta(), &user.id, &fresh[1].to_uppercase()).await.is_ok());
        // Regenerating needs the password.
        assert!(second_factor::regenerate_recovery_codes(&env.state, &meta(), &user, "not my password").await.is_err());
        env.finish().await;
    }
}

#[tokio::test]
async fn a16_wrong_codes_count_towards_the_lockout() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let (user, secret, _) = enrol(&env, "admin@demo.example").await;
        for _ in 0..10 {
            assert!(matches!(
                login::second_step(&env.state, &meta(), &user.id, "123456").await,
                Err(AppError::SecondFactorInvalid)
            ));
        }
        let right = totp_code(&secret, env.clock.now_ms());
        assert!(matches!(
            login::second_step(&env.state, &meta(), &user.id, &right).await,
            Err(AppError::AccountLocked)
        ));
        assert!(matches!(
            auth::authenticate(&env.state, &meta(), "admin@demo.example", DEMO_PASSWORD).await,
            Err(AppError::AccountLocked)
        ));
        env.finish().await;
    }
}

#[tokio::test]
async fn disabling_needs_the_password_and_a_code() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let (user, secret, _) = enrol(&env, "technician@demo.example").await;
        let code = totp_code(&secret, env.clock.now_ms());
        assert!(second_factor::disable(&env.state, &meta(), &user, "wrong password!", &code).await.is_err());
        assert!(second_factor::disable(&env.state, &meta(), &user, DEMO_PASSWORD, "000000").await.is_err());
        assert!(second_factor::is_enabled(&env.state, &user.id).await.unwrap());
        env.clock.advance_ms(30_000);
        let code = totp_code(&secret, env.clock.now_ms());
        second_factor::disable(&env.state, &meta(), &user, DEMO_PASSWORD, &code).await.unwrap();
        assert!(!second_factor::is_enabled(&env.state, &user.id).await.unwrap());
        env.finish().await;
    }
}

async fn admin_scope(env: &TestEnv) -> TenantScope {
    let admin = user(env, "admin@demo.example").await;
    TenantScope::resolve(&env.state, &admin.id, "demo").await.unwrap()
}

#[tokio::test]
async fn admins_require_second_factors_unlock_and_reset_with_an_audit_trail() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let scope = admin_scope(&env).await;
        let accountant = user(&env, "accountant@demo.example").await;
        let rules =
            SignInRules { second_factor_roles: vec![Role::Accountant], lockout_threshold: 3, lockout_minutes: 5 };
        members::set_rules(&env.state, &meta(), &scope, &rules).await.unwrap();
        let overview = members::overview(&env.state, &scope).await.unwrap();
        assert_eq!(
            (overview.second_factor_roles, overview.lockout_threshold, overview.lockout_minutes),
            (vec![Role::Accountant], 3, 5)
        );
        assert_eq!(login::next_step(&env.state, &accountant.id).await.unwrap(), NextStep::Enrol);

        // The company's threshold (3) applies.
        for _ in 0..3 {
            let _ = auth::authenticate(&env.state, &meta(), "accountant@demo.example", "wrong password").await;
        }
        assert!(matches!(
            auth::authenticate(&env.state, &meta(), "accountant@demo.example", DEMO_PASSWORD).await,
            Err(AppError::AccountLocked)
        ));
        let locked = members::overview(&env.state, &scope).await.unwrap().members;
        assert!(locked.iter().any(|m| m.id == accountant.id && m.locked_until_local_ms.is_some()));
        members::unlock(&env.state, &meta(), &scope, &accountant.id).await.unwrap();
        assert!(auth::authenticate(&env.state, &meta(), "accountant@demo.example", DEMO_PASSWORD).await.is_ok());

        // Reset: the user's second factor is gone.
        let (tech, _, _) = enrol(&env, "technician@demo.example").await;
        members::reset_second_factor(&env.state, &meta(), &scope, &tech.id).await.unwrap();
        assert!(!second_factor::is_enabled(&env.state, &tech.id).await.unwrap());

        // T2: a member of another company is not found, and nothing changes.
        let acme = user(&env, "manager@acme.example").await;
        assert!(matches!(members::unlock(&env.state, &meta(), &scope, &acme.id).await, Err(AppError::NotFound)));
        // Only admins.
        let manager = user(&env, "manager@demo.example").await;
        let manager_scope = TenantScope::resolve(&env.state, &manager.id, "demo").await.unwrap();
        assert!(matches!(members::overview(&env.state, &manager_scope).await, Err(AppError::Forbidden)));

        // The audit log shows all of it, with who, where and which request.
        let all = audit::page(&env.state, &scope, &AuditQuery::default()).await.unwrap().entries;
        for kind in [
            AuditKind::SignInRulesChanged,
            AuditKind::LoginFailed,
            AuditKind::AccountLocked,
            AuditKind::AccountUnlocked,
            AuditKind::SecondFactorReset,
        ] {
            assert!(all.iter().any(|e| e.kind == kind), "{kind:?} recorded");
        }
        let reset = all.iter().find(|e| e.kind == AuditKind::SecondFactorReset).unwrap();
        assert_eq!(reset.subject.as_deref(), Some("technician@demo.example"));
        assert_eq!(reset.actor.as_deref(), Some("admin@demo.example"));
        assert_eq!(reset.client_ip.as_deref(), Some("192.0.2.7"));
        assert_eq!(reset.request_id.as_deref(), Some("req-1"));
        let filtered =
            AuditQuery { kind: Some(AuditKind::LoginFailed), who: Some("ACCOUNTANT@".into()), ..AuditQuery::default() };
        let failures = audit::page(&env.state, &scope, &filtered).await.unwrap().entries;
        let details: Vec<_> = failures.iter().map(|e| e.detail.as_deref().unwrap_or_default()).collect();
        assert_eq!(details, ["locked", "password", "password", "password"], "newest first");
        // Another company's admin sees none of it.
        let acme_admin = user(&env, "admin@acme.example").await;
        let acme_scope = TenantScope::resolve(&env.state, &acme_admin.id, "acme").await.unwrap();
        let theirs = audit::page(&env.state, &acme_scope, &AuditQuery::default()).await.unwrap().entries;
        assert!(theirs.iter().all(|e| e.subject.as_deref() != Some("technician@demo.example")));
        assert!(theirs.iter().all(|e| e.actor.as_deref() != Some("accountant@demo.example")));
        env.finish().await;
    }
}

#[tokio::test]
async fn a3_a12_password_change_needs_the_current_one_and_refuses_common_ones() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let user = user(&env, "technician@demo.example").await;
        let m = meta();
        let change = async |current: &'static str, new: &'static str| {
            let change = account::PasswordChange { current, new, end_others: true };
            account::change_password(&env.state, &m, &user, &change, "no-such-session").await
        };
        let field = |r: Result<u64, AppError>| match r {
            Err(AppError::Validation(e)) => (e.0[0].field.clone(), e.0[0].code.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(change("wrong one entirely", "a brand new passphrase").await),
            ("current_password".into(), "wrong-password".into())
        );
        assert_eq!(
            field(change(DEMO_PASSWORD, "1qaz2wsx3edc").await),
            ("new_password".into(), "password-too-common".into())
        );
        assert_eq!(field(change(DEMO_PASSWORD, "short").await), ("new_password".into(), "password-too-short".into()));
        assert_eq!(
            field(change(DEMO_PASSWORD, DEMO_PASSWORD).await),
            ("new_password".into(), "password-unchanged".into())
        );
        change(DEMO_PASSWORD, "a brand new passphrase").await.unwrap();
        assert!(auth::authenticate(&env.state, &meta(), "technician@demo.example", DEMO_PASSWORD).await.is_err());
        assert!(
            auth::authenticate(&env.state, &meta(), "technician@demo.example", "a brand new passphrase").await.is_ok()
        );
        env.finish().await;
    }
}
