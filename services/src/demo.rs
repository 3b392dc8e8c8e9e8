//! Demo data: two companies, one user per role in each, one user in both, a few sites.
//! Seeded once (a marker in the control database); every demo user is flagged `is_demo`, so
//! the demo password works only while the server runs in demo mode.

mod customers;
mod invoices;
mod missions;

use domain::article::{ArticleInput, NewArticle};
use domain::company::CompanyProfileForm;
use domain::site::NewSite;
use domain::{Email, Role, TenantCode};

use crate::company;
use crate::control::{self, NewUser, repo};
use crate::tenancy::{NewTenant, create_tenant};
use crate::{AppError, AppResult, AppState, sites, tenancy::TenantScope};

/// The documented password of every demo account (demo mode only).
pub const DEMO_PASSWORD: &str = "atelier-demo-2026";
const SEEDED_MARKER: &str = "demo_seeded_at_ms";
/// Where `scripts/run.sh` serves the demo: printed in the demo invoices' verification
/// addresses unless `ATELIER_PUBLIC_URL` says otherwise.
const DEMO_ADDRESS: &str = "http://127.0.0.1:3000";

/// A demo account and its roles, as (tenant code, role).
pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub roles: &'static [(&'static str, Role)],
}

const fn user(email: &'static str, name: &'static str, roles: &'static [(&'static str, Role)]) -> DemoUser {
    DemoUser { email, name, roles }
}

pub const DEMO_USERS: &[DemoUser] = &[
    user("admin@demo.example", "Élise Lambert", &[("demo", Role::Admin)]),
    user("manager@demo.example", "Camille Martin", &[("demo", Role::Manager)]),
    user("accountant@demo.example", "Sophie Bernard", &[("demo", Role::Accountant)]),
    user("technician@demo.example", "Karim Haddad", &[("demo", Role::Technician)]),
    user("technician2@demo.example", "Hugo Petit", &[("demo", Role::Technician)]),
    user("auditor@demo.example", "Luc Moreau", &[("demo", Role::Auditor)]),
    user("admin@acme.example", "Yacine Benali", &[("acme", Role::Admin)]),
    user("manager@acme.example", "Amina Khelifi", &[("acme", Role::Manager)]),
    user("accountant@acme.example", "Rachid Mansouri", &[("acme", Role::Accountant)]),
    user("technician@acme.example", "Samir Boudiaf", &[("acme", Role::Technician)]),
    user("auditor@acme.example", "Leïla Hamidi", &[("acme", Role::Auditor)]),
    user("consultant@atelier.example", "Nadia Ferhat", &[("demo", Role::Manager), ("acme", Role::Manager)]),
];

fn demo_profile() -> CompanyProfileForm {
    CompanyProfileForm {
        legal_name: "Atelier Démo SARL".into(),
        legal_form: "SARL".into(),
        share_capital: "20000".into(),
        street: "12 rue de la République".into(),
        postcode: "69002".into(),
        city: "Lyon".into(),
        email: "compta@demo.example".into(),
        phone: "04 78 00 00 00".into(),
        siren: "732 829 320".into(),
        siret: "732 829 320 00074".into(),
        vat_number: "FR44732829320".into(),
        rcs_city: "Lyon".into(),
        bank_account: "FR76 3000 6000 0112 3456 7890 189".into(),
        bic: "AGRIFRPP".into(),
        payment_terms: "30".into(),
        late_penalty_rate: "12,15".into(),
        hourly_rate: "55".into(),
        invoice_prefix: "F".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    }
}

fn acme_profile() -> CompanyProfileForm {
    CompanyProfileForm {
        legal_name: "ACME Algérie SPA".into(),
        legal_form: "SPA".into(),
        share_capital: "1000000".into(),
        street: "Zone industrielle, lot 12".into(),
        postcode: "16012".into(),
        city: "Rouiba".into(),
        email: "comptabilite@acme.example".into(),
        phone: "+213 21 00 00 00".into(),
        nif: "000216001234567".into(),
        nis: "098716010123456".into(),
        rc: "16/00-0123456 B 18".into(),
        ai: "16012345678".into(),
        bank_account: "007 99999 0000123456 78".into(),
        payment_terms: "30".into(),
        invoice_prefix: "FA".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    }
}

const DEMO_SITES: &[(&str, &str, &str, &str)] = &[
    ("demo", "LYON-01", "Entrepôt Lyon Gerland", "Lyon"),
    ("demo", "PARIS-01", "Dépôt Paris Nord", "Saint-Denis"),
    ("demo", "MRS-01", "Agence Marseille", "Marseille"),
    ("acme", "ALG-01", "Entrepôt Alger Rouiba", "Rouiba"),
    ("acme", "ORN-01", "Dépôt Oran", "Oran"),
];

/// Seeds the demo once. Returns false if it had already been seeded.
#[tracing::instrument(skip_all)]
pub async fn seed(state: &AppState) -> AppResult<bool> {
    if repo::get_setting(state.control.pool(), SEEDED_MARKER).await?.is_some() {
        return Ok(false);
    }
    for (code, name, country, profile) in
        [("demo", "Atelier Démo SARL", "FR", demo_profile()), ("acme", "ACME Algérie SPA", "DZ", acme_profile())]
    {
        let new = NewTenant::parse(code, name, country, None).map_err(AppError::Validation)?;
        let tenant = match repo::get_tenant(state.control.pool(), &new.code).await? {
            Some(existing) => existing,
            None => create_tenant(state, &new).await?,
        };
        let db = state.tenants.get(&tenant).await?;
        let profile = profile.parse(new.country).map_err(AppError::Validation)?;
        company::seed(db.pool(), new.country, &profile, state.clock.now_ms()).await?;
    }
    let mut first_user_per_tenant = std::collections::HashMap::new();
    for DemoUser { email, name, roles } in DEMO_USERS {
        let parsed = Email::parse(email).map_err(|e| AppError::Internal(e.into()))?;
        let user = match control::find_user_by_email(state, &parsed).await? {
            Some(user) => user,
            None => {
                let mut new = NewUser::parse(email, name, DEMO_PASSWORD).map_err(AppError::Validation)?;
                new.is_demo = true;
                control::create_user(state, new).await?
            }
        };
        for (tenant, role) in roles.iter() {
            let code = TenantCode::parse(tenant).map_err(|e| AppError::Internal(e.into()))?;
            control::add_membership(state, &user.id, &code, *role).await?;
            if *role == Role::Admin {
                first_user_per_tenant.entry(*tenant).or_insert_with(|| user.id.clone());
            }
        }
    }
    for (tenant, code, name, city) in DEMO_SITES {
        let admin = first_user_per_tenant.get(tenant).ok_or_else(|| AppError::Internal("no demo admin".into()))?;
        let scope = TenantScope::resolve(state, admin, tenant).await?;
        let site = NewSite::parse(code, name, city).map_err(AppError::Validation)?;
        match sites::create(&scope, site, state.clock.now_ms()).await {
            Ok(_) | Err(AppError::Validation(_)) => {} // already there from an interrupted seed
            Err(e) => return Err(e),
        }
    }
    let demo_admin = first_user_per_tenant.get("demo").ok_or_else(|| AppError::Internal("no demo admin".into()))?;
    seed_stock(state, &TenantScope::resolve(state, demo_admin, "demo").await?).await?;
    let base_url = state.settings.public_url.clone().unwrap_or_else(|| DEMO_ADDRESS.to_owned());
    for (tenant, admin) in &first_user_per_tenant {
        let scope = TenantScope::resolve(state, admin, tenant).await?;
        customers::seed(state, &scope).await?;
        invoices::seed(state, &scope, &base_url).await?;
        if *tenant == "demo" {
            missions::seed(state, &scope).await?;
        }
    }
    repo::set_setting(state.control.pool(), SEEDED_MARKER, &state.clock.now_ms().to_string()).await?;
    Ok(true)
}

const fn article(
    code: &'static str,
    designation: &'static str,
    category: &'static str,
    unit: &'static str,
    prices: (&'static str, &'static str),
    bounds: (&'static str, &'static str),
) -> ArticleInput<'static> {
    ArticleInput {
        code,
        designation,
        category,
        family: "",
        unit,
        purchase_price: prices.0,
        sale_price: prices.1,
        vat_rate: "20",
        min_stock: bounds.0,
        max_stock: bounds.1,
        point: Some(','),
    }
}

const DEMO_ARTICLES: &[ArticleInput<'static>] = &[
    article("VIS-M6", "Vis M6 × 20 inox", "Quincaillerie", "u", ("0,12", "0,25"), ("200", "2000")),
    article("CAB-R2V", "Câble R2V 3G2,5", "Électricité", "m", ("1,35", "2,40"), ("100", "500")),
    article("GANT-T9", "Gants de protection T9", "EPI", "paire", ("3,90", "6,50"), ("20", "100")),
    article("SIL-310", "Silicone sanitaire 310 ml", "Consommables", "u", ("4,20", "7,90"), ("12", "60")),
];

/// Opening stock of the demo, imported as a company would import its spreadsheet.
const DEMO_OPENING_STOCK: &str = "article_code;site_code;quantity;unit_cost;lot_number;expiry
VIS-M6;LYON-01;1500;0,12;L-2611;
VIS-M6;PARIS-01;400;0,11;L-2609;
CAB-R2V;LYON-01;80;1,35;BOB-17;
GANT-T9;LYON-01;50;3,90;G-2610;
SIL-310;LYON-01;24;4,20;S-0427;2027-03-31
";

async fn seed_stock(state: &AppState, scope: &TenantScope) -> AppResult<()> {
    let now = state.clock.now_ms();
    for input in DEMO_ARTICLES {
        let article = NewArticle::parse(input).map_err(AppError::Validation)?;
        crate::stock::create_article(scope, &article, now).await?;
    }
    // The demo company shows every stock feature; ACME keeps the optional ones off.
    for flag in domain::Flag::ALL {
        crate::governance::flags::set_on(&scope.db, *flag, true, "demo", now).await?;
    }
    let import_id = uuid::Uuid::new_v4().to_string();
    let kind = domain::stock::import::ImportKind::OpeningStock;
    let outcome =
        crate::stock::import::run(scope, kind, DEMO_OPENING_STOCK.as_bytes(), &import_id, now, &|_, _, _| {}).await;
    match outcome {
        crate::stock::import::Outcome::Imported { .. } => Ok(()),
        other => Err(AppError::Internal(format!("demo opening stock: {other:?}"))),
    }
}
