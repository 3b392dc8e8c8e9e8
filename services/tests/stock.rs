//! Stock movements on every configured backend: levels follow movements, FIFO, valuation,
//! and negative stock is impossible — through the service, under concurrency, and in raw SQL.

use domain::Quantity;
use domain::article::{ArticleInput, NewArticle};
use domain::stock::commands::{Count, Receipt, Reversal, Transfer, Withdrawal};
use services::clock::Clock;
use services::demo::DEMO_PASSWORD;
use services::stock;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends};
use services::{AppError, auth, sites};

async fn scope(env: &TestEnv, email: &str) -> TenantScope {
    let user = auth::authenticate(&env.state, &Default::default(), email, DEMO_PASSWORD).await.unwrap();
    TenantScope::resolve(&env.state, &user.user.id, "demo").await.unwrap()
}

struct Fixture {
    env: TestEnv,
    manager: TenantScope,
    article: String,
    site_a: String,
    site_b: String,
}

async fn fixture(backend: services::db::Backend) -> Fixture {
    let env = TestEnv::with_demo(backend).await;
    let manager = scope(&env, "manager@demo.example").await;
    let input = ArticleInput {
        code: "TEST-ART",
        designation: "Article de test",
        unit: "u",
        min_stock: "10",
        ..Default::default()
    };
    let article =
        stock::create_article(&manager, &NewArticle::parse(&input).unwrap(), env.clock.now_ms()).await.unwrap();
    let all = sites::list(&manager).await.unwrap();
    let (site_a, site_b) = (all[0].id.clone(), all[1].id.clone());
    Fixture { env, manager, article, site_a, site_b }
}

fn receipt(f: &Fixture, units: u32, cost: i64, lot: &str, expiry: Option<&str>) -> Receipt {
    Receipt {
        article: f.article.clone(),
        site: f.site_a.clone(),
        quantity: Quantity::units(units),
        unit_cost_minor: cost,
        lot_number: Some(lot.into()),
        expiry: expiry.map(Into::into),
        reference: Some("BL-1".into()),
    }
}

fn withdrawal(f: &Fixture, units: u32) -> Withdrawal {
    Withdrawal {
        article: f.article.clone(),
        site: f.site_a.clone(),
        quantity: Quantity::units(units),
        ..Default::default()
    }
}

#[tokio::test]
async fn receipts_and_withdrawals_keep_levels_fifo_and_weighted_average_cost() {
    for backend in backends() {
        let f = fixture(backend).await;
        let now = f.env.clock.now_ms();
        stock::receive(&f.manager, &receipt(&f, 10, 200, "L-LATE", Some("2027-06-01")), now).await.unwrap();
        stock::receive(&f.manager, &receipt(&f, 30, 400, "L-SOON", Some("2027-01-01")), now + 1).await.unwrap();
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap(), (Quantity::units(40), 14_000));

        // A technician withdraws 35: the lot expiring first goes first (30), then 5 of the other.
        let technician = scope(&f.env, "technician@demo.example").await;
        stock::withdraw(&technician, &withdrawal(&f, 35), now + 2).await.unwrap();
        let (qty, value) = stock::level(&f.manager, &f.article, &f.site_a).await.unwrap();
        assert_eq!(qty, Quantity::units(5));
        assert_eq!(value, 14_000 - 35 * 350, "{backend:?}: out at the average cost of 3.50");

        // Refused beyond what is there, with both quantities; nothing changes.
        match stock::withdraw(&technician, &withdrawal(&f, 6), now + 3).await {
            Err(AppError::InsufficientStock { available, requested }) => {
                assert_eq!((available, requested), (Quantity::units(5), Quantity::units(6)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap().0, Quantity::units(5));
        // The auditor reads but cannot move anything.
        let auditor = scope(&f.env, "auditor@demo.example").await;
        assert!(matches!(stock::withdraw(&auditor, &withdrawal(&f, 1), now).await, Err(AppError::Forbidden)));
        assert!(matches!(
            stock::receive(&technician, &receipt(&f, 1, 1, "X", None), now).await,
            Err(AppError::Forbidden)
        ));
        f.env.finish().await;
    }
}

#[tokio::test]
async fn transfers_adjustments_and_reversals() {
    for backend in backends() {
        let f = fixture(backend).await;
        let now = f.env.clock.now_ms();
        let received = stock::receive(&f.manager, &receipt(&f, 20, 100, "L1", None), now).await.unwrap();
        let transfer = Transfer {
            article: f.article.clone(),
            from: f.site_a.clone(),
            to: f.site_b.clone(),
            quantity: Quantity::units(8),
            reference: Some("TR-1".into()),
        };
        stock::transfer(&f.manager, &transfer, now).await.unwrap();
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap(), (Quantity::units(12), 1_200));
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_b).await.unwrap(), (Quantity::units(8), 800));

        // A count of 10 at site A posts −2.
        let count = |reason: &str| Count {
            article: f.article.clone(),
            site: f.site_a.clone(),
            counted: Quantity::units(10),
            reason: reason.into(),
        };
        assert!(stock::adjust(&f.manager, &count("inventaire"), now).await.unwrap().is_some());
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap().0, Quantity::units(10));
        assert!(stock::adjust(&f.manager, &count("recompte"), now).await.unwrap().is_none());

        // The receipt cannot be reversed: its stock has been used since.
        let reversal = |operation: &str, reason: &str| Reversal { operation: operation.into(), reason: reason.into() };
        assert!(matches!(
            stock::reverse(&f.manager, &reversal(&received, "erreur"), now).await,
            Err(AppError::Conflict("stock-already-used"))
        ));
        // A fresh receipt can, once.
        let wrong = stock::receive(&f.manager, &receipt(&f, 5, 100, "L2", None), now).await.unwrap();
        stock::reverse(&f.manager, &reversal(&wrong, "saisie en double"), now).await.unwrap();
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap().0, Quantity::units(10));
        assert!(matches!(
            stock::reverse(&f.manager, &reversal(&wrong, "encore"), now).await,
            Err(AppError::Conflict("already-reversed"))
        ));
        f.env.finish().await;
    }
}

#[tokio::test]
async fn two_concurrent_withdrawals_of_the_last_units_exactly_one_wins() {
    for backend in backends() {
        let f = fixture(backend).await;
        let now = f.env.clock.now_ms();
        for round in 0..5 {
            stock::receive(&f.manager, &receipt(&f, 3, 100, &format!("L{round}"), None), now).await.unwrap();
            let technician = scope(&f.env, "technician@demo.example").await;
            let (first, second) = (withdrawal(&f, 3), withdrawal(&f, 3));
            let (a, b) =
                tokio::join!(stock::withdraw(&f.manager, &first, now), stock::withdraw(&technician, &second, now),);
            assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{backend:?} round {round}: {a:?} {b:?}");
            let loser = if a.is_err() { a } else { b };
            assert!(
                matches!(loser, Err(AppError::InsufficientStock { available, requested }) if available == Quantity::ZERO && requested == Quantity::units(3)),
                "{loser:?}"
            );
            assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap().0, Quantity::ZERO);
        }
        f.env.finish().await;
    }
}

#[tokio::test]
async fn the_database_itself_refuses_negative_stock_and_changed_movements() {
    for backend in backends() {
        let f = fixture(backend).await;
        let now = f.env.clock.now_ms();
        stock::receive(&f.manager, &receipt(&f, 2, 100, "L1", None), now).await.unwrap();
        let pool = f.manager.db.pool();
        // Typed by hand: taking 5 out of a level of 2 is refused by the database.
        let raw = sqlx::query(
            "INSERT INTO stock_movements (operation_id, kind, article_id, site_id, qty_milli, value_minor, user_id, at_ms) \
             VALUES ('by-hand', 'issue', $1, $2, -5000, 0, 'someone', 0)",
        )
        .bind(&f.article)
        .bind(&f.site_a)
        .execute(pool)
        .await;
        assert!(raw.is_err(), "{backend:?}: a negative level must be impossible");
        let (negative,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stock_negative").fetch_one(pool).await.unwrap();
        assert_eq!(negative, 0);
        // Movements are never edited or deleted.
        assert!(sqlx::query("UPDATE stock_movements SET qty_milli = 1").execute(pool).await.is_err());
        assert!(sqlx::query("DELETE FROM stock_movements").execute(pool).await.is_err());
        // Nor can a level be pushed below zero directly.
        assert!(sqlx::query("UPDATE stock_levels SET qty_milli = -1").execute(pool).await.is_err());
        assert_eq!(stock::level(&f.manager, &f.article, &f.site_a).await.unwrap().0, Quantity::units(2));
        f.env.finish().await;
    }
}
