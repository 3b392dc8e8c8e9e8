//! What an external review found open in the services and the databases, each shut and tried
//! again on every configured backend: re-authentication (A24), shared accounts (A26), CSV cells
//! (A27), money and quantity bounds (A30) and history that only grows (A31).

use domain::article::{ArticleInput, NewArticle};
use domain::audit::AuditQuery;
use domain::bounds::{MAX_LEVEL_MILLI, MAX_UNIT_PRICE_MINOR, MAX_VALUE_MINOR};
use domain::stock::commands::{Receipt, Withdrawal};
use domain::stock::queries::StockQuery;
use domain::{AuditKind, Lang, Quantity};
use services::audit::{self, RequestMeta};
use services::auth::{account, attempts, second_factor};
use services::clock::Clock;
use services::control::UserRecord;
use services::db::Backend;
use services::demo::DEMO_PASSWORD;
use services::members;
use services::stock::{self, exports, reports};
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends};
use services::{AppError, auth, sites};

fn meta() -> RequestMeta {
    RequestMeta::new(Some("192.0.2.9".into()), Some("test-agent"), Some("req-hardening"))
}

async fn user(env: &TestEnv, email: &str) -> UserRecord {
    auth::authenticate(&env.state, &meta(), email, DEMO_PASSWORD).await.expect("demo login").user
}

async fn scope(env: &TestEnv, email: &str, tenant: &str) -> TenantScope {
    TenantScope::resolve(&env.state, &user(env, email).await.id, tenant).await.unwrap()
}

fn field(result: Result<impl std::fmt::Debug, AppError>) -> (String, String) {
    match result {
        Err(AppError::Validation(e)) => (e.0[0].field.clone(), e.0[0].code.clone()),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// A24: thirty wrong passwords given to re-authentications lock the account like thirty wrong
/// sign-ins would, each is audited, and the right one no longer works until the lock ends.
#[tokio::test]
async fn a24_wrong_reauthentications_count_like_wrong_sign_ins() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = user(&env, "manager@demo.example").await;
        let m = meta();
        for i in 0..30 {
            let wrong = match i % 3 {
                0 => {
                    let change =
                        account::PasswordChange { current: "guess", new: "a new long passphrase", end_others: false };
                    account::change_password(&env.state, &m, &manager, &change, "").await.map(|_| ())
                }
                1 => attempts::reauthenticate(&env.state, &m, &manager, "guess", "password").await,
                _ => second_factor::regenerate_recovery_codes(&env.state, &m, &manager, "guess").await.map(|_| ()),
            };
            assert!(matches!(wrong, Err(AppError::Validation(_)) | Err(AppError::AccountLocked)), "{wrong:?}");
        }
        let right = attempts::reauthenticate(&env.state, &m, &manager, DEMO_PASSWORD, "password").await;
        assert!(matches!(right, Err(AppError::AccountLocked)), "{backend:?}: {right:?}");
        let signing_in = auth::authenticate(&env.state, &m, "manager@demo.example", DEMO_PASSWORD).await;
        assert!(matches!(signing_in, Err(AppError::AccountLocked)), "the lock is the account's");
        let admin = scope(&env, "admin@demo.example", "demo").await;
        let filter =
            AuditQuery { kind: Some(AuditKind::LoginFailed), who: Some("manager@".into()), ..AuditQuery::default() };
        let failures = audit::page(&env.state, &admin, &filter).await.unwrap().entries;
        let reauths = failures.iter().filter(|e| e.detail.as_deref() == Some("reauthentication")).count();
        assert_eq!(reauths, 10, "audited until the lock, then refused without checking");
        let locks = AuditQuery { kind: Some(AuditKind::AccountLocked), ..AuditQuery::default() };
        assert_eq!(audit::page(&env.state, &admin, &locks).await.unwrap().entries.len(), 1);
        // Once the lock has passed, the right password works again.
        env.clock.advance_ms(31 * 60_000);
        attempts::reauthenticate(&env.state, &m, &manager, DEMO_PASSWORD, "password").await.unwrap();
        // A throttled address is refused before any check.
        let throttled = RequestMeta { throttled: true, ..meta() };
        let refused = attempts::reauthenticate(&env.state, &throttled, &manager, DEMO_PASSWORD, "password").await;
        assert!(matches!(refused, Err(AppError::TooManyAttempts)));
        env.finish().await;
    }
}

/// A26: an account shared by two companies cannot be unlocked or have its second factor reset by
/// one company's admin; the platform operator can, and every company's log shows it. An account
/// of one company only is its admin's to unlock.
#[tokio::test]
async fn a26_one_companys_admin_never_acts_on_a_shared_account() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let consultant = user(&env, "consultant@atelier.example").await;
        for _ in 0..10 {
            let _ = auth::authenticate(&env.state, &meta(), "consultant@atelier.example", "wrong password").await;
        }
        let demo_admin = scope(&env, "admin@demo.example", "demo").await;
        let refused = members::unlock(&env.state, &meta(), &demo_admin, &consultant.id).await;
        assert!(matches!(refused, Err(AppError::Conflict("member-shared-account"))), "{refused:?}");
        let refused = members::reset_second_factor(&env.state, &meta(), &demo_admin, &consultant.id).await;
        assert!(matches!(refused, Err(AppError::Conflict("member-shared-account"))), "{refused:?}");
        let still = auth::authenticate(&env.state, &meta(), "consultant@atelier.example", DEMO_PASSWORD).await;
        assert!(matches!(still, Err(AppError::AccountLocked)), "nothing was lifted");
        let listed = members::overview(&env.state, &demo_admin).await.unwrap().members;
        assert!(listed.iter().find(|m| m.id == consultant.id).unwrap().shared, "the page says why");

        // The platform operator's unlock is recorded in both companies' logs.
        members::unlock_account(&env.state, &meta(), &consultant).await.unwrap();
        auth::authenticate(&env.state, &meta(), "consultant@atelier.example", DEMO_PASSWORD).await.unwrap();
        let acme_admin = scope(&env, "admin@acme.example", "acme").await;
        for admin in [&demo_admin, &acme_admin] {
            let unlocks = AuditQuery { kind: Some(AuditKind::AccountUnlocked), ..AuditQuery::default() };
            let seen = audit::page(&env.state, admin, &unlocks).await.unwrap().entries;
            assert_eq!(seen.len(), 1, "{}", admin.tenant.code);
            assert_eq!(seen[0].subject.as_deref(), Some("consultant@atelier.example"));
            assert_eq!(seen[0].detail.as_deref(), Some(members::PLATFORM_OPERATOR));
        }

        // A member of this company only: its admin unlocks it.
        let technician = user(&env, "technician@demo.example").await;
        members::unlock(&env.state, &meta(), &demo_admin, &technician.id).await.unwrap();
        env.finish().await;
    }
}

async fn new_article(scope: &TenantScope, env: &TestEnv, code: &str, designation: &str) -> String {
    let input = ArticleInput { code, designation, unit: "u", ..Default::default() };
    stock::create_article(scope, &NewArticle::parse(&input).unwrap(), env.clock.now_ms()).await.unwrap()
}

/// A27: a formula in an article's name leaves the export neutralised, and reading the export
/// back as an import gives the name unchanged.
#[tokio::test]
async fn a27_exported_formulas_are_neutralised_and_read_back_unchanged() {
    let env = TestEnv::with_demo(Backend::Sqlite).await;
    let manager = scope(&env, "manager@demo.example", "demo").await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"x\")";
    new_article(&manager, &env, "ZZ-EVIL", evil).await;
    new_article(&manager, &env, "ZZ-MINUS", "-2+3 boulons").await;
    let filter = StockQuery { text: Some("ZZ-".into()), ..StockQuery::default() };
    for lang in [Lang::Fr, Lang::En] {
        let file = exports::stock_csv(&manager, &filter, lang, env.clock.now_ms()).await.unwrap();
        let text = String::from_utf8(file.clone()).unwrap();
        assert!(text.contains("'=HYPERLINK("), "{text}");
        assert!(text.contains("'-2+3 boulons"), "{text}");
        assert!(!text.contains(",=") && !text.contains(";=") && !text.contains("\"=HYPERLINK"), "{text}");
        // The export's code and designation cells, as they are, imported as articles.
        let separator = if lang == Lang::Fr { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new().delimiter(separator).from_reader(&file[3..]);
        let mut import = String::from("code;designation\r\n");
        for record in reader.records() {
            let record = record.unwrap();
            import.push_str(&format!("{};\"{}\"\r\n", &record[0], record[1].replace('"', "\"\"")));
        }
        let articles = domain::stock::import::read_articles(import.as_bytes()).unwrap();
        let names: Vec<&str> = articles.iter().map(|(_, a)| a.designation.as_str()).collect();
        assert_eq!(names, [evil, "-2+3 boulons"], "{lang:?}");
    }
    env.finish().await;
}

/// A30: the reviewer's receipt (a billion units at 92,233,720,368,547,758.07) and every other
/// amount past the bounds is refused with a field error, and the valuation keeps working.
#[tokio::test]
async fn a30_amounts_past_the_bounds_are_refused_and_the_valuation_keeps_working() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = scope(&env, "manager@demo.example", "demo").await;
        let article = new_article(&manager, &env, "BIG-1", "Machine").await;
        let site = sites::list(&manager).await.unwrap()[0].id.clone();
        let now = env.clock.now_ms();
        let receipt = |milli: i64, cost: i64| Receipt {
            article: article.clone(),
            site: site.clone(),
            quantity: Quantity::from_milli(milli).unwrap(),
            unit_cost_minor: cost,
            ..Receipt::default()
        };
        assert_eq!(domain::bounds::parse_unit_price("92233720368547758.07"), Err("amount-too-large"));
        let billion = 1_000_000_000_000;
        let cases = [
            (receipt(billion, i64::MAX), ("unit_cost", "amount-too-large")),
            (receipt(billion, MAX_UNIT_PRICE_MINOR), ("unit_cost", "stock-value-too-large")),
        ];
        for (r, expected) in cases {
            assert_eq!(field(stock::receive(&manager, &r, now).await), (expected.0.into(), expected.1.into()));
        }
        // Up to the level's value bound, then one more cent is refused.
        let at_bound = receipt(10_000_000, MAX_UNIT_PRICE_MINOR);
        stock::receive(&manager, &at_bound, now).await.unwrap();
        assert_eq!(
            field(stock::receive(&manager, &receipt(1, 1_000), now).await),
            ("quantity".into(), "stock-value-too-large".into())
        );
        let valuation = reports::valuation(&manager).await.unwrap();
        let demo_stock = valuation.by_site.iter().skip(1).map(|g| g.value_minor).sum::<i64>()
            + valuation.by_site[0].value_minor
            - MAX_VALUE_MINOR;
        assert!(valuation.by_site[0].value_minor >= MAX_VALUE_MINOR, "the level at the bound is counted");
        // A second and third level at the bound still add up exactly.
        for other in sites::list(&manager).await.unwrap().iter().skip(1) {
            stock::receive(&manager, &Receipt { site: other.id.clone(), ..at_bound.clone() }, now).await.unwrap();
        }
        let total = reports::valuation(&manager).await.unwrap().total_minor;
        assert_eq!(total, demo_stock + 3 * MAX_VALUE_MINOR, "exact, neither capped nor wrapped");
        let list = stock::list(&manager, &StockQuery::default()).await.unwrap();
        assert_eq!(list.iter().find(|l| l.code == "BIG-1").unwrap().value_minor, 3 * MAX_VALUE_MINOR);
        // The database refuses the same bounds when asked directly.
        let pool = manager.db.pool();
        let raw = |qty: i64, value: i64| {
            sqlx::query(
                "INSERT INTO stock_movements (operation_id, kind, article_id, site_id, qty_milli, value_minor, user_id, at_ms) \
                 VALUES ('by-hand', 'receipt', $1, $2, $3, $4, 'someone', 0)",
            )
            .bind(article.clone())
            .bind(site.clone())
            .bind(qty)
            .bind(value)
            .execute(pool)
        };
        assert!(raw(MAX_LEVEL_MILLI + 1, 0).await.is_err(), "{backend:?}: a movement past the bound");
        assert!(raw(1, MAX_VALUE_MINOR + 1).await.is_err(), "{backend:?}: a value past the bound");
        assert!(raw(1, 1).await.is_err(), "{backend:?}: a level past its value bound");
        let article_raw = sqlx::query("UPDATE articles SET sale_price_minor = $1 WHERE id = $2")
            .bind(MAX_UNIT_PRICE_MINOR + 1)
            .bind(&article)
            .execute(pool)
            .await;
        assert!(article_raw.is_err(), "{backend:?}: a price past the bound");
        env.finish().await;
    }
}

/// A31: movements are never replaced, levels and lots change only through movements, and the
/// audit log only grows, whatever SQL is typed by hand.
#[tokio::test]
async fn a31_history_cannot_be_rewritten_in_sql() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = scope(&env, "manager@demo.example", "demo").await;
        let article = new_article(&manager, &env, "HIST-1", "Historique").await;
        let all_sites = sites::list(&manager).await.unwrap();
        let (site, other_site) = (all_sites[0].id.clone(), all_sites[1].id.clone());
        let receipt = Receipt {
            article: article.clone(),
            site: site.clone(),
            quantity: Quantity::units(5),
            unit_cost_minor: 100,
            lot_number: Some("L-1".into()),
            ..Receipt::default()
        };
        stock::receive(&manager, &receipt, env.clock.now_ms()).await.unwrap();
        let pool = manager.db.pool();
        let (seq, lot): (i64, String) = sqlx::query_as("SELECT seq, lot_id FROM stock_movements WHERE article_id = $1")
            .bind(&article)
            .fetch_one(pool)
            .await
            .unwrap();
        let mut attempts: Vec<(&str, String)> = vec![
            ("level update", "UPDATE stock_levels SET qty_milli = 99000".into()),
            (
                "level insert",
                format!(
                    "INSERT INTO stock_levels (article_id, site_id, qty_milli) VALUES ('{article}', '{other_site}', 1)"
                ),
            ),
            ("level delete", "DELETE FROM stock_levels".into()),
            ("lot update", "UPDATE lots SET remaining_milli = 99000".into()),
            ("lot renumbered", "UPDATE lots SET lot_number = 'OTHER'".into()),
            ("lot delete", "DELETE FROM lots".into()),
            (
                "full lot inserted",
                format!(
                    "INSERT INTO lots (id, article_id, site_id, received_at_ms, unit_cost_minor, remaining_milli) \
                     VALUES ('fake', '{article}', '{site}', 0, 0, 5000)"
                ),
            ),
        ];
        match backend {
            Backend::Sqlite => attempts.extend([
                (
                    "movement replaced",
                    format!(
                        "INSERT OR REPLACE INTO stock_movements (seq, operation_id, kind, article_id, site_id, \
                         qty_milli, value_minor, user_id, at_ms) VALUES ({seq}, 'x', 'receipt', '{article}', '{site}', \
                         1, 0, 'someone', 0)"
                    ),
                ),
                (
                    "negative movement kept by OR IGNORE",
                    format!(
                        "INSERT OR IGNORE INTO stock_movements (operation_id, kind, article_id, site_id, lot_id, \
                         qty_milli, value_minor, user_id, at_ms) VALUES ('x', 'issue', '{article}', '{site}', '{lot}', \
                         -9000, 0, 'someone', 0)"
                    ),
                ),
                ("lot replaced", format!("INSERT OR REPLACE INTO lots (id, article_id, site_id, received_at_ms, unit_cost_minor, remaining_milli) VALUES ('{lot}', '{article}', '{site}', 0, 0, 0)")),
            ]),
            Backend::Postgres => attempts.extend([
                (
                    "movement upserted",
                    format!(
                        "INSERT INTO stock_movements (seq, operation_id, kind, article_id, site_id, qty_milli, \
                         value_minor, user_id, at_ms) VALUES ({seq}, 'x', 'receipt', '{article}', '{site}', 1, 0, \
                         'someone', 0) ON CONFLICT (seq) DO UPDATE SET qty_milli = 99000"
                    ),
                ),
                ("movements truncated", "TRUNCATE stock_movements CASCADE".into()),
                ("levels truncated", "TRUNCATE stock_levels".into()),
            ]),
        }
        for (what, sql) in &attempts {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: {what} must be refused");
        }
        if backend == Backend::Sqlite {
            // A new movement written with OR REPLACE is just a movement: the trigger no longer
            // lets the conflict clause replace its level with an empty one.
            sqlx::query(&format!(
                "INSERT OR REPLACE INTO stock_movements (operation_id, kind, article_id, site_id, qty_milli, \
                 value_minor, user_id, at_ms) VALUES ('x', 'receipt', '{article}', '{site}', 1000, 0, 'someone', 0)"
            ))
            .execute(pool)
            .await
            .unwrap();
        }
        // Everything still agrees: the level and the lot are what the movements say.
        let (level,): (i64,) = sqlx::query_as("SELECT qty_milli FROM stock_levels WHERE article_id = $1")
            .bind(&article)
            .fetch_one(pool)
            .await
            .unwrap();
        let (moved,): (i64,) =
            sqlx::query_as("SELECT CAST(SUM(qty_milli) AS BIGINT) FROM stock_movements WHERE article_id = $1")
                .bind(&article)
                .fetch_one(pool)
                .await
                .unwrap();
        let (remaining, number): (i64, String) =
            sqlx::query_as("SELECT remaining_milli, lot_number FROM lots WHERE id = $1")
                .bind(&lot)
                .fetch_one(pool)
                .await
                .unwrap();
        let expected = if backend == Backend::Sqlite { 6_000 } else { 5_000 };
        assert_eq!((level, moved, remaining, number.as_str()), (expected, expected, 5_000, "L-1"), "{backend:?}");
        // The service's own writes still go through.
        let withdrawal = Withdrawal { article, site, quantity: Quantity::units(2), ..Default::default() };
        stock::withdraw(&manager, &withdrawal, env.clock.now_ms()).await.unwrap();

        let control = env.state.control.pool();
        let _ = auth::authenticate(&env.state, &meta(), "manager@demo.example", "a wrong password").await;
        for sql in ["UPDATE audit_events SET detail = 'nothing happened'", "DELETE FROM audit_events"] {
            assert!(sqlx::query(sql).execute(control).await.is_err(), "{backend:?}: {sql}");
        }
        let replace = match backend {
            Backend::Sqlite => {
                "INSERT OR REPLACE INTO audit_events (id, at_ms, kind) SELECT id, 0, 'logout' FROM audit_events LIMIT 1"
            }
            Backend::Postgres => "TRUNCATE audit_events",
        };
        assert!(sqlx::query(replace).execute(control).await.is_err(), "{backend:?}: {replace}");
        env.finish().await;
    }
}
