//! Customers through the service, on every configured backend: the list and its paging,
//! changes, refusals, the CSV round trip, the invoicing flag, and what the database refuses.

use domain::customer::views::CustomerQuery;
use domain::customer::{Customer, CustomerForm};
use domain::{Country, Lang};
use services::governance;
use services::invoicing::customers;
use services::testing::{TestEnv, backends, code};
use services::{AppError, tenancy::TenantScope};

fn french(name: &str, postcode: &str) -> Customer {
    CustomerForm {
        kind: "business".into(),
        legal_name: name.into(),
        street: "4 place Bellecour".into(),
        postcode: postcode.into(),
        city: "Lyon".into(),
        siren: "552 100 554".into(),
        ..CustomerForm::default()
    }
    .parse(Country::France)
    .unwrap()
}

#[tokio::test]
async fn the_list_pages_by_name_and_searches_in_every_script() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let now = env.state.clock.now_ms();
        for i in 0..120 {
            customers::create(&accountant, &french(&format!("Client {i:03}"), "69002"), now).await.unwrap();
        }
        customers::create(&accountant, &french("Élodie Énergie", "69003"), now).await.unwrap();
        let mut seen = Vec::new();
        let mut query = CustomerQuery::default();
        loop {
            let page = customers::list(&accountant, &query).await.unwrap();
            assert_eq!(page.total, 125, "with the demo's four");
            seen.extend(page.lines.iter().map(|l| l.legal_name.clone()));
            match page.next {
                Some(after) => query.after = Some(after),
                None => break,
            }
        }
        assert_eq!(seen.len(), 125, "{backend:?}: every customer once");
        assert_eq!(seen[..2], ["Boulangerie Martin", "Client 000"]);
        assert_eq!(seen.last().map(String::as_str), Some("Élodie Énergie"), "by lower-cased bytes on both backends");
        let found = customers::list(&accountant, &CustomerQuery::parse(Some("ÉLODIE"), None).unwrap()).await.unwrap();
        assert_eq!(found.lines.iter().map(|l| l.legal_name.as_str()).collect::<Vec<_>>(), ["Élodie Énergie"]);
        let by_siren = CustomerQuery::parse(Some("552100554"), None).unwrap();
        assert_eq!(customers::list(&accountant, &by_siren).await.unwrap().lines.len(), 50);
        let nothing = CustomerQuery::parse(Some("100%_"), None).unwrap();
        assert!(customers::list(&accountant, &nothing).await.unwrap().lines.is_empty(), "wildcards are text");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_customer_is_created_changed_and_deleted_with_clear_refusals() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let now = env.state.clock.now_ms();
        assert_eq!(
            code(customers::create(&manager, &french("BOULANGERIE MARTIN", "69002"), now).await),
            "customer-exists",
            "the demo's Boulangerie Martin"
        );
        let id = customers::create(&manager, &french("Boulangerie Martin", "69003"), now).await.unwrap();

        let mut changed = french("Boulangerie Martin & Fils", "69003");
        changed.email = Some(domain::Email::parse("compta@martin.example").unwrap());
        customers::update(&manager, &id, &changed, now + 1_000).await.unwrap();
        let details = customers::details(&manager, &id).await.unwrap();
        assert_eq!(details.customer, changed, "{backend:?}: read back as saved");
        assert!(details.updated_at_local_ms > details.created_at_local_ms);

        let other = customers::create(&manager, &french("Autre", "69003"), now).await.unwrap();
        assert_eq!(code(customers::update(&manager, &other, &changed, now).await), "customer-exists");
        assert_eq!(code(customers::update(&manager, "no-such-id", &changed, now).await), "not-found");

        // Another company's customer is not found from here (T2).
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(customers::details(&acme, &id).await), "not-found");
        assert_eq!(code(customers::delete(&acme, &id).await), "not-found");

        let auditor = env.scope("auditor@demo.example", "demo").await;
        assert!(!customers::details(&auditor, &id).await.unwrap().can_manage);
        assert_eq!(code(customers::delete(&auditor, &id).await), "forbidden");
        let technician = env.scope("technician@demo.example", "demo").await;
        assert_eq!(code(customers::list(&technician, &CustomerQuery::default()).await), "forbidden");

        customers::delete(&manager, &id).await.unwrap();
        assert_eq!(code(customers::details(&manager, &id).await), "not-found");
        env.finish().await;
    }
}

/// The admin of a new Algerian company with no customer yet (the demo's have invoices, which
/// keep their customers).
async fn new_algerian_company(env: &TestEnv) -> TenantScope {
    use services::control::{self, NewUser};
    let tenant = services::tenancy::create_tenant(
        &env.state,
        &services::tenancy::NewTenant::parse("sarl-dz", "SARL DZ", "DZ", None).unwrap(),
    )
    .await
    .unwrap();
    let user =
        control::create_user(&env.state, NewUser::parse("admin@dz.example", "Amina", "a long enough secret").unwrap())
            .await
            .unwrap();
    let code = domain::TenantCode::parse(&tenant.code).unwrap();
    control::add_membership(&env.state, &user.id, &code, domain::Role::Admin).await.unwrap();
    TenantScope::resolve(&env.state, &user.id, &tenant.code).await.unwrap()
}

#[tokio::test]
async fn an_export_imports_again_and_a_bad_file_writes_nothing() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = new_algerian_company(&env).await;
        let file = "Raison sociale;Forme juridique;Adresse;Code postal;Ville;NIF;RC\n\
                    SARL Sahel;SARL;12 rue Didouche Mourad;16000;Alger;001516000000001;16/00-1234567 B 05\n\
                    Karim Benali;;Cité 5 juillet;16100;Alger;;\n";
        assert_eq!(customers::import(&admin, file.as_bytes(), 1).await.unwrap(), 2);
        let again = customers::import(&admin, file.as_bytes(), 2).await;
        match again {
            Err(AppError::FileRefused(report)) => {
                assert_eq!(report.total, 2, "both already known");
                assert_eq!((report.errors[0].line, report.errors[0].code.as_str()), (2, "customer-exists"));
            }
            other => panic!("{backend:?}: expected a refused file, got {other:?}"),
        }
        let bad = "legal_name;street;postcode;city\nA;1 rue;16000;Alger\nB;2 rue;160;Alger\n";
        assert!(matches!(customers::import(&admin, bad.as_bytes(), 3).await, Err(AppError::FileRefused(_))));
        let listed = customers::list(&admin, &CustomerQuery::default()).await.unwrap();
        assert_eq!(listed.total, 2, "{backend:?}: nothing of a refused file is written");

        for lang in Lang::ALL {
            let exported = customers::export_csv(&admin, lang, 7).await.unwrap();
            let demo_admin = env.scope("admin@demo.example", "demo").await;
            // The file of an Algerian company carries NIFs: a French company refuses them.
            assert!(matches!(customers::import(&demo_admin, &exported, 4).await, Err(AppError::FileRefused(_))));
            sqlx::query("DELETE FROM customers").execute(admin.db.pool()).await.unwrap();
            assert_eq!(customers::import(&admin, &exported, 5).await.unwrap(), 2, "{lang:?}");
            let back = customers::list(&admin, &CustomerQuery::default()).await.unwrap();
            assert_eq!(without_ids(&back), without_ids(&listed), "{backend:?} {lang:?}: the same customers");
        }
        let huge = vec![b'a'; domain::customer::import::MAX_FILE_BYTES + 1];
        assert_eq!(code(customers::import(&admin, &huge, 6).await), "file-too-large");
        env.finish().await;
    }
}

/// A listing's lines without their ids (an import gives new ones; nothing else may change).
fn without_ids(listing: &domain::customer::views::CustomerListing) -> Vec<(String, String, Option<String>)> {
    listing.lines.iter().map(|l| (l.legal_name.clone(), l.city.clone(), l.identifier.clone())).collect()
}

#[tokio::test]
async fn with_invoicing_off_nothing_is_written_and_reading_works() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let id = customers::create(&admin, &french("Avant", "69002"), 1).await.unwrap();
        governance::flags::set_on(&admin.db, domain::Flag::Invoicing, false, "test", 2).await.unwrap();
        assert_eq!(code(customers::create(&admin, &french("Après", "69002"), 3).await), "feature-off");
        assert_eq!(code(customers::update(&admin, &id, &french("Après", "69002"), 3).await), "feature-off");
        assert_eq!(code(customers::delete(&admin, &id).await), "feature-off");
        let file = "legal_name;street;postcode;city\nX;1 rue;69002;Lyon\n";
        assert_eq!(code(customers::import(&admin, file.as_bytes(), 3).await), "feature-off");
        assert_eq!(customers::list(&admin, &CustomerQuery::default()).await.unwrap().total, 5, "the demo's and one");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_inconsistent_customers_on_its_own() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let id = customers::create(&admin, &french("Boulangerie Martin", "69009"), 1).await.unwrap();
        for update in [
            "UPDATE customers SET postcode = '6900A'",
            "UPDATE customers SET kind = 'friend'",
            "UPDATE customers SET kind = 'individual'",
            "UPDATE customers SET siret = '30326504500011'",
            "UPDATE customers SET vat_number = 'FR40303265045'",
            "UPDATE customers SET delivery_street = '1 rue du Port'",
            "UPDATE customers SET payment_terms_days = 400",
            "UPDATE customers SET legal_name = ' '",
        ] {
            let sql = format!("{update} WHERE id = '{id}'");
            let refused = sqlx::query(&sql).execute(admin.db.pool()).await;
            assert!(refused.is_err(), "{backend:?}: `{sql}` was accepted");
        }
        assert_eq!(customers::details(&admin, &id).await.unwrap().customer, french("Boulangerie Martin", "69009"));
        env.finish().await;
    }
}
