//! Sites through the service layer, on every configured backend, with real databases.

use domain::site::{NewSite, SiteName};
use domain::{Role, TenantCode};
use services::auth;
use services::control::{self, NewUser};
use services::demo::DEMO_PASSWORD;
use services::testing::{TestEnv, backends};
use services::{AppError, sites, tenancy::TenantScope};

#[tokio::test]
async fn demo_seed_creates_both_tenants_once() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        assert!(!services::demo::seed(&env.state).await.unwrap(), "second seed does nothing");
        let tenants = control::list_tenants(&env.state).await.unwrap();
        let codes: Vec<_> = tenants.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["acme", "demo"], "{backend:?}");
        assert_eq!(tenants[0].currency, "DZD");
        let demo_sites = sites::list(&env.scope("manager@demo.example", "demo").await).await.unwrap();
        assert_eq!(demo_sites.len(), 3);
        env.finish().await;
    }
}

#[tokio::test]
async fn manager_creates_and_renames_a_site_with_validation() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let scope = env.scope("manager@demo.example", "demo").await;
        let now = env.state.clock.now_ms();
        let site =
            sites::create(&scope, NewSite::parse("nte-01", "Dépôt Nantes", "Nantes").unwrap(), now).await.unwrap();
        assert_eq!(site.code, "NTE-01");

        let again = sites::create(&scope, NewSite::parse("NTE-01", "Autre", "").unwrap(), now).await;
        match again {
            Err(AppError::Validation(errors)) => assert_eq!(errors.0[0].code, "site-code-taken"),
            other => panic!("expected site-code-taken, got {other:?}"),
        }

        env.clock.advance_ms(60_000);
        let renamed =
            sites::rename(&scope, &site.id, SiteName::parse("Dépôt Nantes Est").unwrap(), env.state.clock.now_ms())
                .await
                .unwrap();
        assert_eq!(renamed.name, "Dépôt Nantes Est");
        assert_eq!(renamed.updated_at_ms, site.created_at_ms + 60_000);
        assert_eq!(sites::list(&scope).await.unwrap().len(), 4);
        env.finish().await;
    }
}

#[tokio::test]
async fn another_tenants_site_id_is_not_found() {
    // T2: a site id of acme, used from demo, finds nothing and changes nothing.
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let acme = env.scope("manager@acme.example", "acme").await;
        let acme_site = sites::list(&acme).await.unwrap().remove(0);
        let demo = env.scope("manager@demo.example", "demo").await;
        assert!(matches!(sites::get(&demo, &acme_site.id).await, Err(AppError::NotFound)));
        let rename = sites::rename(&demo, &acme_site.id, SiteName::parse("Pwned").unwrap(), 0).await;
        assert!(matches!(rename, Err(AppError::NotFound)));
        assert_eq!(sites::get(&acme, &acme_site.id).await.unwrap().name, acme_site.name);
        env.finish().await;
    }
}

#[tokio::test]
async fn read_only_roles_cannot_change_sites() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        for email in ["auditor@demo.example", "accountant@demo.example", "technician@demo.example"] {
            let scope = env.scope(email, "demo").await;
            let created = sites::create(&scope, NewSite::parse("X-1", "X", "").unwrap(), 0).await;
            assert!(matches!(created, Err(AppError::Forbidden)), "{email}");
            let any = sites::list(&scope).await.unwrap().remove(0);
            assert!(matches!(
                sites::rename(&scope, &any.id, SiteName::parse("Y").unwrap(), 0).await,
                Err(AppError::Forbidden)
            ));
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn database_refuses_an_empty_site_name_even_past_the_service() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let scope = env.scope("manager@demo.example", "demo").await;
        let direct = sqlx::query("UPDATE sites SET name = $1").bind("   ").execute(scope.db.pool()).await;
        assert!(direct.is_err(), "CHECK constraint must refuse a blank name on {backend:?}");
        env.finish().await;
    }
}

#[tokio::test]
async fn login_rules() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        // A5: unknown user, malformed e-mail and wrong password give the same error.
        for (email, password) in [
            ("nobody@demo.example", DEMO_PASSWORD),
            ("not an email", DEMO_PASSWORD),
            ("manager@demo.example", "wrong password!"),
        ] {
            assert!(matches!(
                auth::authenticate(&env.state, &Default::default(), email, password).await,
                Err(AppError::InvalidCredentials)
            ));
        }
        // The consultant belongs to both tenants.
        let both = auth::authenticate(&env.state, &Default::default(), "Consultant@Atelier.example ", DEMO_PASSWORD)
            .await
            .unwrap();
        assert_eq!(both.memberships.len(), 2);

        // A suspended tenant refuses its only users with the reason, and ends open scopes.
        let acme = TenantCode::parse("acme").unwrap();
        let manager =
            auth::authenticate(&env.state, &Default::default(), "manager@acme.example", DEMO_PASSWORD).await.unwrap();
        control::set_tenant_status(&env.state, &acme, domain::TenantStatus::Suspended, Some("Unpaid subscription"))
            .await
            .unwrap();
        match auth::authenticate(&env.state, &Default::default(), "manager@acme.example", DEMO_PASSWORD).await {
            Err(AppError::TenantSuspended { reason }) => assert_eq!(reason.as_deref(), Some("Unpaid subscription")),
            other => panic!("expected suspension, got {other:?}"),
        }
        assert!(matches!(
            TenantScope::resolve(&env.state, &manager.user.id, "acme").await,
            Err(AppError::TenantSuspended { .. })
        ));
        // Membership is required: a demo user cannot act in acme whatever the code says.
        let demo_manager =
            auth::authenticate(&env.state, &Default::default(), "manager@demo.example", DEMO_PASSWORD).await.unwrap();
        assert!(matches!(
            TenantScope::resolve(&env.state, &demo_manager.user.id, "acme").await,
            Err(AppError::Unauthenticated)
        ));
        assert!(matches!(
            TenantScope::resolve(&env.state, &demo_manager.user.id, "../x").await,
            Err(AppError::Unauthenticated)
        ));
        env.finish().await;
    }
}

#[tokio::test]
async fn created_users_log_in_and_passwords_are_validated() {
    for backend in backends() {
        let env = TestEnv::new(backend).await;
        assert!(NewUser::parse("a@b.fr", "A", "short").is_err());
        let tenant = services::tenancy::create_tenant(
            &env.state,
            &services::tenancy::NewTenant::parse("sarl-x", "SARL X", "FR", None).unwrap(),
        )
        .await
        .unwrap();
        let user = control::create_user(&env.state, NewUser::parse("Zoe@X.fr", "Zoé", "a long enough secret").unwrap())
            .await
            .unwrap();
        control::add_membership(&env.state, &user.id, &TenantCode::parse(&tenant.code).unwrap(), Role::Admin)
            .await
            .unwrap();
        assert!(auth::authenticate(&env.state, &Default::default(), "zoe@x.fr", "a long enough secret").await.is_ok());
        let duplicate =
            control::create_user(&env.state, NewUser::parse("zoe@x.fr", "Z", "another long secret").unwrap()).await;
        assert!(matches!(duplicate, Err(AppError::Conflict("email-taken"))));
        env.finish().await;
    }
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_thirty_minutes() {
    // A4, on the injected clock.
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let email = "accountant@demo.example";
        let meta = services::audit::RequestMeta::default();
        let attempt = |password: &'static str| auth::authenticate(&env.state, &meta, email, password);
        // Nine failures, then an hour passes: the old ones no longer count.
        for _ in 0..9 {
            assert!(matches!(attempt("wrong password").await, Err(AppError::InvalidCredentials)));
        }
        env.clock.advance_ms(61 * 60_000);
        assert!(matches!(attempt("wrong password").await, Err(AppError::InvalidCredentials)));
        assert!(attempt(DEMO_PASSWORD).await.is_ok(), "one recent failure does not lock");

        // Ten failures within the hour lock the account.
        for _ in 0..10 {
            env.clock.advance_ms(60_000);
            assert!(matches!(attempt("wrong password").await, Err(AppError::InvalidCredentials)));
        }
        assert!(matches!(attempt(DEMO_PASSWORD).await, Err(AppError::AccountLocked)), "{backend:?}");
        // To someone without the password, a locked account looks like any failure (A5).
        assert!(matches!(attempt("still wrong").await, Err(AppError::InvalidCredentials)));
        env.clock.advance_ms(29 * 60_000);
        assert!(matches!(attempt(DEMO_PASSWORD).await, Err(AppError::AccountLocked)));
        env.clock.advance_ms(60_000);
        assert!(attempt(DEMO_PASSWORD).await.is_ok(), "unlocked after 30 minutes");
        // Other accounts were never affected.
        assert!(
            auth::authenticate(&env.state, &Default::default(), "manager@demo.example", DEMO_PASSWORD).await.is_ok()
        );
        env.finish().await;
    }
}

/// A company whose database is slow to open (here a server that accepts the connection and never
/// answers) holds up only its own requests: another company's cold database opens meanwhile.
#[tokio::test]
async fn a_company_slow_to_open_holds_up_no_other() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        env.state.tenants.close_all().await;
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = silent.local_addr().unwrap().port();
        let held = tokio::spawn(async move {
            let mut connections = Vec::new();
            while let Ok((connection, _)) = silent.accept().await {
                connections.push(connection);
            }
        });
        let mut slow = control::tenant(&env.state, "acme").await.unwrap().unwrap();
        slow.code = "slow".into();
        slow.db_backend = "postgres".into();
        slow.db_location = format!("postgres://postgres@127.0.0.1:{port}/slow");
        let pools = env.state.tenants.clone();
        let opening = tokio::spawn(async move { pools.get(&slow).await.map(|_| ()) });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(!opening.is_finished(), "the silent server keeps its company opening");

        let demo = control::tenant(&env.state, "demo").await.unwrap().unwrap();
        // Well within the 10 s the silent server keeps the other opening (the pool's acquire timeout).
        let opened = tokio::time::timeout(std::time::Duration::from_secs(5), env.state.tenants.get(&demo)).await;
        assert!(opened.expect("another company's database opens meanwhile").is_ok(), "{backend:?}");
        let scope = env.scope("manager@demo.example", "demo").await;
        assert_eq!(sites::list(&scope).await.unwrap().len(), 3, "{backend:?}");
        opening.abort();
        held.abort();
        env.finish().await;
    }
}
