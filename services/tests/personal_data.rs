//! Personal data (GDPR) on every configured backend: a member's export holds what the company
//! holds about them and nothing that opens their account; a departed member's erasure keeps
//! their records under their id and closes every way back in; the platform operator exports
//! and erases across companies; a customer contact's erasure leaves its issued invoices exactly
//! as issued; and the databases refuse the raw SQL that would bring erased data back.

use domain::governance::personal_data::{ErasureForm, ErasureRefusal, anonymised_email};
use domain::invoicing::draft::{Category, DraftHeader};
use domain::mission::commands::NewMission;
use domain::mission::state::Action;
use domain::mission::state::Priority;
use services::audit::RequestMeta;
use services::governance::personal_data;
use services::missions::transitions;
use services::tenancy::TenantScope;
use services::testing::{TEST_EPOCH_MS, TestEnv, backends, code};

const NOW: i64 = TEST_EPOCH_MS;

fn meta() -> RequestMeta {
    RequestMeta::new(Some("198.51.100.9".into()), Some("Mozilla/5.0"), None)
}

fn confirmed(id: &str) -> ErasureForm {
    ErasureForm { id: id.into(), confirm: "on".into() }
}

async fn count(pool: &sqlx::AnyPool, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_one(pool).await.unwrap()
}

async fn text(pool: &sqlx::AnyPool, sql: &str, id: &str) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>(sql).bind(id).fetch_one(pool).await.unwrap()
}

/// A raw statement the database must refuse, naming `why`.
async fn refused(pool: &sqlx::AnyPool, sql: &str, id: &str, why: &str) {
    let error = sqlx::query(sql).bind(id).execute(pool).await.expect_err(sql).to_string();
    assert!(error.contains(why), "{sql}: {error}");
}

async fn user_id(env: &TestEnv, email: &str) -> String {
    text(env.state.control.pool(), "SELECT id FROM users WHERE email = $1", email).await.unwrap()
}

async fn customer_id(scope: &TenantScope, name: &str) -> String {
    text(scope.db.pool(), "SELECT id FROM customers WHERE legal_name = $1", name).await.unwrap()
}

#[tokio::test]
async fn a_member_export_holds_what_the_company_holds_about_them() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let karim = user_id(&env, "technician@demo.example").await;
        services::members::unlock(&env.state, &meta(), &admin, &karim).await.unwrap();
        sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at_ms, tenant_code, started_at_ms, client_ip) \
             VALUES ('s-karim-secret-session-id', $1, '{}', $2, 'demo', $3, '203.0.113.7')",
        )
        .bind(&karim)
        .bind(NOW + 3_600_000)
        .bind(NOW)
        .execute(env.state.control.pool())
        .await
        .unwrap();

        let file = personal_data::export_member(&env.state, &meta(), &admin, &karim).await.unwrap();
        assert_eq!(file.file_name, format!("personal-data-demo-{}.json", &karim.replace('-', "")[..8]));
        let export: serde_json::Value = serde_json::from_slice(&file.body).unwrap();
        assert_eq!(export["format"], "atelier-personal-data/1");
        assert_eq!(export["exported_by"], "admin@demo.example");
        assert_eq!(export["account"]["email"], "technician@demo.example");
        assert_eq!(export["account"]["has_password"], true);
        assert!(export.get("platform_audit").is_none(), "a company sees only its own");
        let company = &export["companies"][0];
        assert_eq!(export["companies"].as_array().unwrap().len(), 1);
        assert_eq!(company["membership"]["company"], "demo");
        assert_eq!(company["membership"]["role"], "technician");
        let held = |key: &str| company[key].as_array().unwrap_or_else(|| panic!("{key}")).len();
        let entries =
            count(admin.db.pool(), "SELECT COUNT(*) FROM time_entries WHERE technician_id = $1", &karim).await;
        assert!(entries > 0);
        assert_eq!(held("time_entries") as i64, entries);
        assert!(held("missions_assigned") > 0 && held("mission_steps") > 0);
        assert!(
            company["audit"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["kind"] == "account-unlocked" && e["by_this_person"] == false),
            "the company's audit entries about them are in the export"
        );
        assert!(company["time_entries"][0]["work_date"].is_string());
        // nothing that opens the account: no password hash, no session id, no second-factor seed
        let raw = String::from_utf8(file.body.clone()).unwrap();
        let hash =
            text(env.state.control.pool(), "SELECT password_hash FROM users WHERE id = $1", &karim).await.unwrap();
        assert!(!raw.contains(&hash) && !raw.contains("$argon2"));
        assert!(!raw.contains("s-karim-secret-session-id"));
        assert_eq!(company["sessions"][0]["client_ip"], "203.0.113.7");
        // audited, and counted as a bulk operation
        let audited = "SELECT COUNT(*) FROM audit_events WHERE kind = 'personal-data-exported' AND subject = $1";
        assert_eq!(count(env.state.control.pool(), audited, "technician@demo.example").await, 1);
        let limited = "SELECT COUNT(*) FROM rate_limited_actions WHERE kind = 'personal-data-export' AND user_id = $1";
        assert_eq!(count(admin.db.pool(), limited, &admin.user.id).await, 1);

        // another company's member is not found; an auditor reads the page but exports nothing
        let acme_admin = user_id(&env, "admin@acme.example").await;
        assert_eq!(code(personal_data::export_member(&env.state, &meta(), &admin, &acme_admin).await), "not-found");
        let auditor = env.scope("auditor@demo.example", "demo").await;
        assert_eq!(code(personal_data::export_member(&env.state, &meta(), &auditor, &karim).await), "forbidden");
        let page = personal_data::page(&env.state, &auditor, None).await.unwrap();
        assert!(!page.can_manage && page.members.iter().any(|m| m.id == karim));
        env.finish().await;
    }
}

#[tokio::test]
async fn a_departed_member_is_erased_for_good_and_their_records_stay() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let hugo = user_id(&env, "technician2@demo.example").await;
        services::members::unlock(&env.state, &meta(), &admin, &hugo).await.unwrap();
        let consultant = user_id(&env, "consultant@atelier.example").await;
        let (control, tenant) = (env.state.control.pool(), admin.db.pool());
        let time_sql = "SELECT COUNT(*) FROM time_entries WHERE technician_id = $1";
        let entries = count(tenant, time_sql, &hugo).await;
        let audit_sql = "SELECT COUNT(*) FROM audit_events WHERE subject = $1";
        let audited = count(control, audit_sql, "technician2@demo.example").await;
        assert!(entries > 0 && audited > 0);

        // refusals: unconfirmed, oneself, an account another company shares, another company's
        let unconfirmed = ErasureForm { id: hugo.clone(), confirm: String::new() };
        let outcome = personal_data::anonymise_member(&env.state, &meta(), &admin, &unconfirmed).await;
        assert_eq!(code(outcome), "personal-data-confirm-required");
        let outcome = personal_data::anonymise_member(&env.state, &meta(), &admin, &confirmed(&admin.user.id)).await;
        assert_eq!(code(outcome), "personal-data-self");
        let outcome = personal_data::anonymise_member(&env.state, &meta(), &admin, &confirmed(&consultant)).await;
        assert_eq!(code(outcome), "member-shared-account");
        let acme_tech = user_id(&env, "technician@acme.example").await;
        let outcome = personal_data::anonymise_member(&env.state, &meta(), &admin, &confirmed(&acme_tech)).await;
        assert_eq!(code(outcome), "not-found");
        let page = personal_data::page(&env.state, &admin, None).await.unwrap();
        let line = |id: &str| page.members.iter().find(|m| m.id == id).unwrap().clone();
        assert_eq!(line(&consultant).not_erasable, Some(ErasureRefusal::SharedAccount));
        assert_eq!(line(&admin.user.id).not_erasable, Some(ErasureRefusal::OwnAccount));
        assert_eq!(line(&hugo).not_erasable, None);

        personal_data::anonymise_member(&env.state, &meta(), &admin, &confirmed(&hugo)).await.unwrap();
        let email = anonymised_email(&hugo);
        assert_eq!(text(control, "SELECT email FROM users WHERE id = $1", &hugo).await.unwrap(), email);
        let name = text(control, "SELECT display_name FROM users WHERE id = $1", &hugo).await.unwrap();
        assert!(name.starts_with("anonymised-") && !name.contains("Hugo"), "{name}");
        assert_eq!(text(control, "SELECT password_hash FROM users WHERE id = $1", &hugo).await, None);
        for table in ["sessions", "totp_secrets", "recovery_codes", "sso_identities", "login_failures"] {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1");
            assert_eq!(count(control, &sql, &hugo).await, 0, "{table}");
        }
        // the records stay, under the same id; the audit log is never rewritten, and still holds
        assert_eq!(count(tenant, time_sql, &hugo).await, entries);
        assert_eq!(count(control, audit_sql, "technician2@demo.example").await, audited);
        let erased_sql = "SELECT COUNT(*) FROM audit_events WHERE kind = 'user-anonymised' AND subject = $1";
        assert_eq!(count(control, erased_sql, &email).await, 1);
        let chain = services::audit::check_chain(&env.state, &admin).await.unwrap();
        assert!(chain.broken.is_none());
        // no way back in, by the application or by SQL
        let login = services::auth::authenticate(
            &env.state,
            &meta(),
            "technician2@demo.example",
            services::demo::DEMO_PASSWORD,
        )
        .await;
        assert!(login.is_err());
        let again = personal_data::anonymise_member(&env.state, &meta(), &admin, &confirmed(&hugo)).await;
        assert_eq!(code(again), "personal-data-already-anonymised");
        refused(control, "UPDATE users SET email = 'hugo@demo.example' WHERE id = $1", &hugo, "user-anonymised").await;
        refused(control, "UPDATE users SET display_name = 'Hugo Petit' WHERE id = $1", &hugo, "user-anonymised").await;
        refused(control, "UPDATE users SET password_hash = 'x' WHERE id = $1", &hugo, "user-anonymised").await;
        refused(control, "UPDATE users SET disabled_at_ms = NULL WHERE id = $1", &hugo, "user-anonymised").await;
        refused(control, "UPDATE users SET anonymised_at_ms = NULL WHERE id = $1", &hugo, "user-anonymised").await;
        refused(
            control,
            "INSERT INTO sessions (id, user_id, data, expires_at_ms) VALUES ('s-hugo', $1, '{}', 99999999999999)",
            &hugo,
            "user-anonymised",
        )
        .await;
        // an erasure that leaves a personal field is refused too
        let karim = user_id(&env, "technician@demo.example").await;
        refused(control, "UPDATE users SET anonymised_at_ms = 1 WHERE id = $1", &karim, "user-anonymised").await;
        env.finish().await;
    }
}

#[tokio::test]
async fn the_operator_exports_and_erases_an_account_across_companies() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let demo = env.scope("admin@demo.example", "demo").await;
        let acme = env.scope("admin@acme.example", "acme").await;
        let consultant =
            services::control::user(&env.state, &user_id(&env, "consultant@atelier.example").await).await.unwrap();
        // a threshold changed by the account names it by e-mail
        sqlx::query(
            "INSERT INTO thresholds (name, value, updated_at_ms, updated_by) VALUES ('admin_actions_per_minute', 40, 0, $1) \
             ON CONFLICT (name) DO UPDATE SET updated_by = excluded.updated_by",
        )
        .bind(&consultant.email)
            .execute(acme.db.pool())
            .await
            .unwrap();

        let file = personal_data::export_account(&env.state, &meta(), &consultant).await.unwrap();
        let export: serde_json::Value = serde_json::from_slice(&file.body).unwrap();
        assert_eq!(export["exported_by"], "platform-operator");
        let companies: Vec<&str> = export["companies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["membership"]["company"].as_str().unwrap())
            .collect();
        assert_eq!(companies.len(), 2);
        assert!(companies.contains(&"demo") && companies.contains(&"acme"));
        assert!(export["platform_audit"].is_array());
        let audited = "SELECT COUNT(*) FROM audit_events WHERE kind = 'personal-data-exported' AND subject = $1";
        assert_eq!(count(env.state.control.pool(), audited, &consultant.email).await, 2, "in each company's log");

        let new_email = personal_data::anonymise_account(&env.state, &meta(), &consultant).await.unwrap();
        assert_eq!(new_email, anonymised_email(&consultant.id));
        let memberships = "SELECT COUNT(*) FROM memberships WHERE user_id = $1";
        assert_eq!(count(env.state.control.pool(), memberships, &consultant.id).await, 2, "links are kept");
        let by_sql = "SELECT updated_by FROM thresholds WHERE name = $1";
        let by = text(acme.db.pool(), by_sql, "admin_actions_per_minute").await.unwrap();
        assert_eq!(by, new_email);
        let erased = "SELECT COUNT(*) FROM audit_events WHERE kind = 'user-anonymised' AND subject = $1";
        assert_eq!(count(env.state.control.pool(), erased, &new_email).await, 2);
        for scope in [&demo, &acme] {
            assert!(services::audit::check_chain(&env.state, scope).await.unwrap().broken.is_none());
        }
        let again = personal_data::anonymise_account(&env.state, &meta(), &consultant).await;
        assert_eq!(code(again), "personal-data-already-anonymised");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_customer_contact_is_erased_and_its_invoices_stay_as_issued() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let pool = admin.db.pool();
        let renee = customer_id(&admin, "Renée Dupont").await;
        let invoice_sql = "SELECT document || pdf_sha256 FROM invoices WHERE customer_id = $1 AND status = 'issued'";
        let issued = text(pool, invoice_sql, &renee).await.unwrap();
        assert!(issued.contains("Renée Dupont") && issued.contains("8 rue Ney"));

        // her plumbing is still to be done: the work needs her address
        let outcome = personal_data::anonymise_customer(&env.state, &meta(), &admin, &confirmed(&renee)).await;
        assert_eq!(code(outcome), "personal-data-customer-missions");
        let open = text(
            pool,
            "SELECT id FROM missions WHERE customer_id = $1 AND state NOT IN ('invoiced', 'cancelled')",
            &renee,
        )
        .await
        .unwrap();
        transitions::apply(&manager, &open, Action::Cancel, Some("La cliente a déménagé."), NOW).await.unwrap();

        personal_data::anonymise_customer(&env.state, &meta(), &admin, &confirmed(&renee)).await.unwrap();
        let name = text(pool, "SELECT legal_name FROM customers WHERE id = $1", &renee).await.unwrap();
        assert!(name.starts_with("anonymised-"), "{name}");
        assert_eq!(text(pool, "SELECT street FROM customers WHERE id = $1", &renee).await.unwrap(), "-");
        assert_eq!(text(pool, "SELECT email FROM customers WHERE id = $1", &renee).await, None);
        assert_eq!(text(pool, "SELECT city FROM customers WHERE id = $1", &renee).await.unwrap(), "Lyon");
        let search = text(pool, "SELECT search_text FROM customers WHERE id = $1", &renee).await.unwrap();
        assert!(!search.contains("dupont") && !search.contains("renee"), "{search}");
        let missions = "SELECT COUNT(*) FROM missions WHERE customer_id = $1 AND anonymised_at IS NOT NULL \
                        AND street = '-' AND caller_phone IS NULL AND search_text NOT LIKE '%dupont%'";
        assert_eq!(count(pool, missions, &renee).await, 2, "both her missions, closed ones included");
        // the issued invoice is exactly as issued: her legal identity, its document and PDF hash
        assert_eq!(text(pool, invoice_sql, &renee).await.unwrap(), issued);
        let audited = "SELECT COUNT(*) FROM audit_events WHERE kind = 'customer-anonymised' AND subject = $1";
        assert_eq!(count(env.state.control.pool(), audited, &renee).await, 1);

        // nothing brings her back: the application, then raw SQL
        let again = personal_data::anonymise_customer(&env.state, &meta(), &admin, &confirmed(&renee)).await;
        assert_eq!(code(again), "personal-data-already-anonymised");
        let mut details = services::invoicing::customers::details(&admin, &renee).await.unwrap().customer;
        details.legal_name = "Renée Dupont".into();
        let restored = services::invoicing::customers::update(&admin, &renee, &details, NOW).await;
        assert_eq!(code(restored), "customer-anonymised");
        let why = "customer-anonymised";
        refused(pool, "UPDATE customers SET legal_name = 'Renée Dupont' WHERE id = $1", &renee, why).await;
        refused(pool, "UPDATE customers SET email = 'renee@example.org' WHERE id = $1", &renee, why).await;
        refused(pool, "UPDATE customers SET anonymised_at = NULL WHERE id = $1", &renee, why).await;
        // her missions are closed: once erased, they change no more
        let closed = "mission-closed";
        refused(pool, "UPDATE missions SET caller_phone = '0600000000' WHERE customer_id = $1", &renee, closed).await;
        refused(pool, "UPDATE missions SET street = '8 rue Ney' WHERE customer_id = $1", &renee, closed).await;
        // marking a customer erased without erasing it is refused
        let bakery = customer_id(&admin, "Boulangerie Martin").await;
        refused(pool, "UPDATE customers SET anonymised_at = 1 WHERE id = $1", &bakery, why).await;
        // an erased person is no one to bill or visit: no new draft, no new mission
        let header = DraftHeader {
            customer: renee.clone(),
            issue_date: None,
            due_date: None,
            category: Category::Services,
            payment_method: None,
            exemption: None,
        };
        assert_eq!(code(services::invoicing::drafts::create(&admin, &header, NOW).await), "not-found");
        let site = text(pool, "SELECT min(id) FROM sites WHERE id <> $1", "").await.unwrap();
        let mission = NewMission {
            customer: renee.clone(),
            title: "Nouvelle visite".into(),
            description: None,
            address: None,
            site,
            priority: Priority::Normal,
            planned_start: None,
            planned_minutes: None,
            technician: None,
            customer_reference: None,
            hourly_rate_minor: None,
            caller: None,
        };
        let refused = services::missions::create(&env.state, &manager, &mission, NOW).await;
        assert_eq!(code(refused), "unknown-customer");
        // another company's customer is not found; a manager may not erase
        let acme = env.scope("admin@acme.example", "acme").await;
        let outcome = personal_data::anonymise_customer(&env.state, &meta(), &acme, &confirmed(&bakery)).await;
        assert_eq!(code(outcome), "not-found");
        let outcome = personal_data::anonymise_customer(&env.state, &meta(), &manager, &confirmed(&bakery)).await;
        assert_eq!(code(outcome), "forbidden");
        // the page finds her by her city, erased
        let page = personal_data::page(&env.state, &admin, Some("lyon")).await.unwrap();
        assert!(page.customers.iter().any(|c| c.id == renee && c.anonymised && c.email.is_none()));
        env.finish().await;
    }
}
