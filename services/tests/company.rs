//! The company profile through the service, on every configured backend: what it saves, who
//! may save it, what the log keeps, and what the database refuses on its own.

use domain::audit::AuditQuery;
use domain::company::{CompanyProfile, CompanyProfileForm};
use domain::invoicing::mentions::Mention;
use domain::{AuditKind, Country};
use services::audit::RequestMeta;
use services::testing::{TestEnv, backends};
use services::{AppError, audit, company};

fn edited(profile: &CompanyProfile) -> CompanyProfile {
    let form = CompanyProfileForm {
        legal_name: "Atelier Démo SAS".into(),
        bank_account: "FR76 3000 6000 0112 3456 7890 189".into(),
        late_penalty_rate: "10".into(),
        invoice_prefix: "FAC".into(),
        ..CompanyProfileForm::of(profile, ',')
    };
    form.parse(Country::France).expect("valid edit")
}

#[tokio::test]
async fn demo_profiles_are_complete_and_an_admin_edits_one_with_an_audit_entry() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let settings = company::settings(&admin).await.unwrap();
        assert_eq!(settings.missing, [], "{backend:?}: the demo company can invoice");
        assert_eq!(settings.country, Country::France);
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(company::settings(&acme).await.unwrap().missing, []);

        let changed = edited(&settings.profile);
        company::save(&env.state, &RequestMeta::default(), &admin, &changed, env.state.clock.now_ms()).await.unwrap();
        assert_eq!(company::profile(&admin).await.unwrap(), changed, "{backend:?}: read back as saved");

        let filter = AuditQuery { kind: Some(AuditKind::CompanyProfileChanged), ..AuditQuery::default() };
        let entries = audit::page(&env.state, &admin, &filter).await.unwrap().entries;
        assert_eq!(entries.len(), 1);
        assert_eq!(
            entries[0].detail.as_deref(),
            Some("changed=legal_name,late_penalty_rate,invoice_prefix"),
            "{backend:?}: the names of what changed, in the form's order"
        );
        env.finish().await;
    }
}

#[tokio::test]
async fn only_admins_edit_and_read_the_settings() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let profile = company::profile(&admin).await.unwrap();
        for email in ["manager@demo.example", "accountant@demo.example", "auditor@demo.example"] {
            let scope = env.scope(email, "demo").await;
            let saved = company::save(&env.state, &RequestMeta::default(), &scope, &edited(&profile), 0).await;
            assert!(matches!(saved, Err(AppError::Forbidden)), "{backend:?} {email}: {saved:?}");
            assert!(matches!(company::settings(&scope).await, Err(AppError::Forbidden)));
            assert_eq!(company::profile(&scope).await.unwrap(), profile, "everyone reads the identity");
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn a_company_without_a_profile_starts_from_its_name_and_lists_what_it_lacks() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        sqlx::query("DELETE FROM company_profile").execute(admin.db.pool()).await.unwrap();
        let settings = company::settings(&admin).await.unwrap();
        assert_eq!(settings.profile.legal_name, admin.tenant.name);
        assert_eq!(settings.updated_at_local_ms, None);
        assert_eq!(
            settings.missing,
            [
                Mention::SellerAddress,
                Mention::SellerLegalForm,
                Mention::SellerCapital,
                Mention::SellerSiren,
                Mention::SellerRcs
            ]
        );
        env.finish().await;
    }
}

#[tokio::test]
async fn a_stored_value_the_parsers_refuse_is_reported_not_shown() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        sqlx::query("UPDATE company_profile SET siren = '732829321'").execute(admin.db.pool()).await.unwrap();
        let read = company::profile(&admin).await;
        assert!(matches!(&read, Err(AppError::Corrupt(what)) if what.contains("company_profile.siren")), "{read:?}");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_malformed_profiles_on_its_own() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        for update in [
            "UPDATE company_profile SET postcode = '6900A'",
            "UPDATE company_profile SET postcode = '690021'",
            "UPDATE company_profile SET payment_terms_days = 366",
            "UPDATE company_profile SET late_penalty_bp = 0",
            "UPDATE company_profile SET credit_note_prefix = invoice_prefix",
            "UPDATE company_profile SET document_lang = 'de'",
            "UPDATE company_profile SET share_capital_minor = -1",
            "UPDATE company_profile SET bic = 'BNPAFRP'",
            "UPDATE company_profile SET id = 2",
        ] {
            let refused = sqlx::query(update).execute(admin.db.pool()).await;
            assert!(refused.is_err(), "{backend:?}: `{update}` was accepted");
        }
        env.finish().await;
    }
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30])));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg).unwrap();
    bytes
}

#[tokio::test]
async fn a_logo_is_stored_as_a_png_atelier_wrote_and_the_database_refuses_anything_else() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let meta = RequestMeta::default();
        assert!(matches!(company::logo_png(&admin).await, Err(AppError::NotFound)));
        company::set_logo(&env.state, &meta, &admin, &jpeg(1200, 300), 5).await.unwrap();
        let png = company::logo_png(&admin).await.unwrap();
        let stored = image::load_from_memory(&png).unwrap();
        assert_eq!((stored.width(), stored.height()), (800, 200), "{backend:?}: fitted into the header box");
        assert!(png.starts_with(b"\x89PNG"));
        assert_eq!(company::settings(&admin).await.unwrap().logo_version, Some(5));

        let manager = env.scope("manager@demo.example", "demo").await;
        let refused = company::set_logo(&env.state, &meta, &manager, &jpeg(10, 10), 6).await;
        assert!(matches!(refused, Err(AppError::Forbidden)));
        assert_eq!(company::logo_png(&manager).await.unwrap(), png, "every member sees it");
        let svg = company::set_logo(&env.state, &meta, &admin, b"<svg xmlns='http://www.w3.org/2000/svg'/>", 7).await;
        assert!(matches!(&svg, Err(AppError::Validation(e)) if e.0[0].code == "logo-not-an-image"), "{svg:?}");

        let raw =
            sqlx::query("UPDATE company_logo SET png = $1").bind(b"GIF89a....".to_vec()).execute(admin.db.pool()).await;
        assert!(raw.is_err(), "{backend:?}: the database keeps PNGs only");
        company::remove_logo(&env.state, &meta, &admin).await.unwrap();
        assert!(matches!(company::logo_png(&admin).await, Err(AppError::NotFound)));

        let filter = AuditQuery { kind: Some(AuditKind::CompanyProfileChanged), ..AuditQuery::default() };
        let entries = audit::page(&env.state, &admin, &filter).await.unwrap().entries;
        assert_eq!(entries.iter().filter(|e| e.detail.as_deref() == Some("changed=logo")).count(), 2);
        env.finish().await;
    }
}
