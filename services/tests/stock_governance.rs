//! Stock beyond single movements, on every configured backend: anomalies and the per-user rate
//! limit, CSV imports (all or nothing), alerts, reorder suggestions, valuation, lot trace,
//! expiring lots, article changes and the CSV export.

use domain::article::{ArticleInput, NewArticle};
use domain::stock::commands::{Receipt, Transfer, Withdrawal};
use domain::stock::import::ImportKind;
use domain::stock::import::ImportPhase;
use domain::stock::queries::StockQuery;
use domain::{Flag, Lang, Quantity};
use services::clock::Clock;
use services::demo::DEMO_PASSWORD;
use services::stock::import::Outcome;
use services::stock::{self, exports, reports};
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends};
use services::{AppError, auth, governance, sites};

async fn scope_in(env: &TestEnv, email: &str, tenant: &str) -> TenantScope {
    let user = auth::authenticate(&env.state, &Default::default(), email, DEMO_PASSWORD).await.unwrap();
    TenantScope::resolve(&env.state, &user.user.id, tenant).await.unwrap()
}

async fn manager(env: &TestEnv) -> TenantScope {
    scope_in(env, "manager@demo.example", "demo").await
}

async fn new_article(scope: &TenantScope, code: &str, min: &str, max: &str, now: i64) -> String {
    let input = ArticleInput {
        code,
        designation: "Article de test",
        category: "Tests",
        purchase_price: "2,50",
        min_stock: min,
        max_stock: max,
        ..Default::default()
    };
    stock::create_article(scope, &NewArticle::parse(&input).unwrap(), now).await.unwrap()
}

fn receipt(article: &str, site: &str, units: u32, lot: &str, expiry: Option<&str>) -> Receipt {
    Receipt {
        article: article.into(),
        site: site.into(),
        quantity: Quantity::units(units),
        unit_cost_minor: 250,
        lot_number: Some(lot.into()),
        expiry: expiry.map(Into::into),
        reference: None,
    }
}

fn withdrawal(article: &str, site: &str, units: u32) -> Withdrawal {
    Withdrawal { article: article.into(), site: site.into(), quantity: Quantity::units(units), ..Default::default() }
}

async fn progress_ignored(scope: &TenantScope, kind: ImportKind, bytes: &[u8], now: i64) -> Outcome {
    stock::import::run(scope, kind, bytes, "test-import", now, &|_: ImportPhase, _, _| {}).await
}

#[tokio::test]
async fn large_changes_and_night_movements_go_through_and_are_recorded_as_warnings() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let site = sites::list(&m).await.unwrap()[0].id.clone();
        // 10:00 in Lyon: daytime.
        let now = env.clock.now_ms();
        let article = new_article(&m, "ANOM-1", "0", "", now).await;
        let anomalies = async || governance::stock_anomalies(&env.state, &m, None).await.unwrap().events;
        let before = anomalies().await.len();
        stock::receive(&m, &receipt(&article, &site, 100, "A", None), now).await.unwrap();
        stock::withdraw(&m, &withdrawal(&article, &site, 10), now).await.unwrap();
        assert_eq!(anomalies().await.len(), before, "{backend:?}: ordinary");

        // 90 → 30 is a change of two thirds: it goes through, and is recorded.
        stock::withdraw(&m, &withdrawal(&article, &site, 60), now).await.unwrap();
        assert_eq!(stock::level(&m, &article, &site).await.unwrap().0, Quantity::units(30));
        let events = anomalies().await;
        let latest = &events[0];
        assert_eq!((latest.kind.as_str(), latest.severity.as_str()), ("stock-large-change", "WARNING"));
        assert_eq!((latest.before_milli, latest.after_milli), (Some(90_000), Some(30_000)));
        assert_eq!(latest.article_code.as_deref(), Some("ANOM-1"));

        // 22:30 in Lyon (21:30 UTC): a small withdrawal, but at night.
        env.clock.advance_ms(12 * 3_600_000 + 30 * 60_000);
        stock::withdraw(&m, &withdrawal(&article, &site, 1), env.clock.now_ms()).await.unwrap();
        let events = anomalies().await;
        assert_eq!(events[0].kind.as_str(), "stock-unusual-hours", "{backend:?}");
        assert_eq!(events.len(), before + 2);
        env.finish().await;
    }
}

#[tokio::test]
async fn a_user_over_the_movement_rate_limit_is_refused_and_nothing_is_recorded() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let site = sites::list(&m).await.unwrap()[0].id.clone();
        let now = env.clock.now_ms();
        let article = new_article(&m, "RATE-1", "0", "", now).await;
        governance::set_threshold(&m.db, "stock_movements_per_minute", 3, "test", now).await.unwrap();
        for i in 0..3 {
            stock::receive(&m, &receipt(&article, &site, 1, "R", None), now + i).await.unwrap();
        }
        match stock::receive(&m, &receipt(&article, &site, 1, "R", None), now + 10).await {
            Err(AppError::TooManyMovements { limit: 3 }) => {}
            other => panic!("{backend:?}: {other:?}"),
        }
        assert_eq!(stock::level(&m, &article, &site).await.unwrap().0, Quantity::units(3));
        // Another user is not held back by the manager's pace; and a minute later the manager isn't either.
        let technician = scope_in(&env, "technician@demo.example", "demo").await;
        stock::withdraw(&technician, &withdrawal(&article, &site, 1), now + 20).await.unwrap();
        stock::receive(&m, &receipt(&article, &site, 1, "R", None), now + 61_000).await.unwrap();
        // The database refuses a threshold out of its range.
        assert!(governance::set_threshold(&m.db, "stock_movements_per_minute", 0, "test", now).await.is_err());
        env.finish().await;
    }
}

#[tokio::test]
async fn an_article_import_with_any_problem_imports_nothing_and_a_clean_one_imports_everything() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let now = env.clock.now_ms();
        // ACME keeps the import off.
        let acme = scope_in(&env, "manager@acme.example", "acme").await;
        let file = "code;designation;min_stock\nIMP-1;Un;1\n".as_bytes();
        assert_eq!(progress_ignored(&acme, ImportKind::Articles, file, now).await, Outcome::Failed);
        match stock::import::start(&env.state, &acme, ImportKind::Articles, "a.csv", file.to_vec()).await {
            Err(AppError::FeatureClosed { flag: domain::Flag::BulkStockImport, .. }) => {}
            other => panic!("{other:?}"),
        }
        // A technician may not import, even where it is on.
        let technician = scope_in(&env, "technician@demo.example", "demo").await;
        assert!(matches!(
            stock::import::start(&env.state, &technician, ImportKind::Articles, "a.csv", file.to_vec()).await,
            Err(AppError::Forbidden)
        ));

        let m = manager(&env).await;
        let count = |scope: TenantScope| async move {
            let filter = StockQuery { text: Some("imp-".into()), ..Default::default() };
            stock::list(&scope, &filter).await.unwrap().len()
        };
        // Windows-1252, semicolons, decimal commas; one bad price and one code already taken.
        let bad = b"Code;D\xe9signation;Prix d'achat;Stock min\r\nIMP-1;Vis \xe0 bois;0,10;5\r\nIMP-2;Clou;abc;5\r\nVIS-M6;Vis;1;1\r\n";
        match progress_ignored(&m, ImportKind::Articles, bad, now).await {
            Outcome::Refused(report) => {
                let found: Vec<_> =
                    report.errors.iter().map(|e| (e.line, e.column.as_str(), e.code.as_str())).collect();
                assert_eq!(found, vec![(3, "purchase_price", "invalid-number")], "{backend:?}");
            }
            other => panic!("{other:?}"),
        }
        let taken = b"code;designation\nIMP-1;Un\nVIS-M6;Vis\n";
        match progress_ignored(&m, ImportKind::Articles, taken, now).await {
            Outcome::Refused(report) => assert_eq!(report.errors[0].code, "article-code-taken"),
            other => panic!("{other:?}"),
        }
        assert_eq!(count(m.clone()).await, 0, "{backend:?}: nothing imported");

        let mut good = String::from("code,designation,purchase_price,min_stock,max_stock\n");
        for i in 0..1_200 {
            good.push_str(&format!("IMP-{i:04},\"Article {i}, importé\",1.5,10,50\n"));
        }
        let id = stock::import::start(&env.state, &m, ImportKind::Articles, "articles.csv", good.into_bytes())
            .await
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        // Its page may be asked of another app server on the same databases (issue 17).
        let other_server = services::AppState::open((*env.state.settings).clone(), env.clock.clone()).await.unwrap();
        let mut seen_phases = Vec::new();
        let job = loop {
            let job = stock::import::job(&other_server, &m, &id).await.unwrap();
            if seen_phases.last() != Some(&job.phase) {
                seen_phases.push(job.phase);
            }
            if job.phase == ImportPhase::Done {
                break job;
            }
            assert!(std::time::Instant::now() < deadline, "the import never finished");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        assert_eq!(job.outcome, Some(Outcome::Imported { rows: 1_200 }), "{backend:?}");
        assert_eq!((job.total, job.file_name.as_str()), (1_200, "articles.csv"));
        let order = |p: &ImportPhase| ImportPhase::ALL.iter().position(|q| q == p);
        assert!(seen_phases.is_sorted_by_key(order), "{backend:?}: phases shown out of order: {seen_phases:?}");
        // Another company does not see this import, nor a made-up one anybody.
        assert!(matches!(stock::import::job(&env.state, &acme, &id).await, Err(AppError::NotFound)));
        let unknown = uuid::Uuid::new_v4().to_string();
        assert!(matches!(stock::import::job(&other_server, &m, &unknown).await, Err(AppError::NotFound)));
        other_server.close().await;
        let history = stock::import::overview(&env.state, &m).await.unwrap().history;
        assert_eq!((history[0].outcome.as_str(), history[0].row_count), ("imported", 1_200));
        let listed =
            stock::list(&m, &StockQuery { text: Some("IMP-0042".into()), ..Default::default() }).await.unwrap();
        assert_eq!(listed[0].designation, "Article 42, importé");
        env.finish().await;
    }
}

#[tokio::test]
async fn opening_stock_import_checks_articles_and_sites_then_receives_every_row() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let now = env.clock.now_ms();
        let bad = "article;site;quantite;cout_unitaire;lot;dluo\nVIS-M6;LYON-01;10;0,12;L-9;31/12/2027\nNOPE;LYON-01;1;;;\nGANT-T9;MARS-99;1;;;\n";
        match progress_ignored(&m, ImportKind::OpeningStock, bad.as_bytes(), now).await {
            Outcome::Refused(report) => {
                let found: Vec<_> =
                    report.errors.iter().map(|e| (e.line, e.column.as_str(), e.code.as_str())).collect();
                assert_eq!(found, vec![(3, "article_code", "unknown-article"), (4, "site_code", "unknown-site")]);
            }
            other => panic!("{other:?}"),
        }
        let good = "article;site;quantite;cout_unitaire;lot;dluo\nGANT-T9;PARIS-01;12,5;4,00;G-IMP;31/12/2027\nGANT-T9;PARIS-01;2;;;\n";
        assert_eq!(
            progress_ignored(&m, ImportKind::OpeningStock, good.as_bytes(), now).await,
            Outcome::Imported { rows: 2 }
        );
        let gant = stock::list(&m, &StockQuery { text: Some("GANT-T9".into()), ..Default::default() }).await.unwrap();
        let detail = stock::article(&env.state, &m, &gant[0].id).await.unwrap();
        let paris = detail.levels.iter().find(|l| l.site_code == "PARIS-01").unwrap();
        // 12.5 at 4.00 and 2 at the purchase price (3.90).
        assert_eq!((paris.qty_milli, paris.value_minor), (14_500, 5_000 + 780), "{backend:?}");
        let lot = detail.lots.iter().find(|l| l.lot_number.as_deref() == Some("G-IMP")).unwrap();
        assert_eq!(lot.expiry.as_deref(), Some("2027-12-31"));
        env.finish().await;
    }
}

#[tokio::test]
async fn alerts_reorders_valuation_trace_and_expiry() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let sites = sites::list(&m).await.unwrap();
        let (a, b) = (sites[0].id.clone(), sites[1].id.clone());
        let now = env.clock.now_ms();
        let article = new_article(&m, "ALERT-1", "10", "50", now).await;
        // 2026-11-22 today: a lot expiring in 20 days and one in two years.
        stock::receive(&m, &receipt(&article, &a, 4, "RAPPEL-7", Some("2026-12-12")), now).await.unwrap();
        stock::receive(&m, &receipt(&article, &a, 4, "LATER", Some("2028-12-12")), now).await.unwrap();
        let transfer = Transfer {
            article: article.clone(),
            from: a.clone(),
            to: b.clone(),
            quantity: Quantity::units(6),
            reference: Some("TR-9".into()),
        };
        stock::transfer(&m, &transfer, now).await.unwrap();
        let technician = scope_in(&env, "technician@demo.example", "demo").await;
        stock::withdraw(&technician, &withdrawal(&article, &b, 1), now).await.unwrap();

        // A: 2 of minimum 10 is critical; B: 5 is low (half the minimum is not under it).
        let alerts = reports::alerts(&m).await.unwrap();
        let mine = |levels: &[domain::stock::reports::LevelAlert]| {
            levels.iter().filter(|l| l.article_code == "ALERT-1").map(|l| l.qty_milli).collect::<Vec<_>>()
        };
        assert_eq!((mine(&alerts.critical), mine(&alerts.low)), (vec![2_000], vec![5_000]), "{backend:?}");
        let listed = alerts.critical.len() + alerts.low.len();
        assert_eq!(reports::alert_count(&m).await.unwrap(), listed, "the hub counts what the page lists");

        // Reorders bring each level back to its maximum of 50.
        let reorders = reports::reorder(&m, 1_000).await.unwrap();
        let mut mine: Vec<_> = reorders
            .lines
            .iter()
            .filter(|r| r.article_code == "ALERT-1")
            .map(|r| (r.order_milli, r.cost_minor))
            .collect();
        mine.sort_unstable();
        assert_eq!(mine, vec![(45_000, Some(11_250)), (48_000, Some(12_000))]);
        let csv = String::from_utf8(exports::reorder_csv(&m, Lang::Fr, env.clock.now_ms()).await.unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}article_code;designation;site_code;"), "{csv}");
        assert!(csv.contains("ALERT-1;Article de test;"), "{csv}");
        assert!(csv.contains(";45;") && csv.contains(";112,50\r\n"), "{csv}");
        let acme = scope_in(&env, "manager@acme.example", "acme").await;
        assert!(matches!(reports::reorder(&acme, 10).await, Err(AppError::FeatureClosed { .. })));

        // Valuation: the sum of the levels, by site and by category.
        let valuation = reports::valuation(&m).await.unwrap();
        let tests = valuation.by_category.iter().find(|g| g.key == "Tests").unwrap();
        assert_eq!(tests.value_minor, 7 * 250, "{backend:?}");
        assert_eq!(valuation.total_minor, valuation.by_category.iter().map(|g| g.value_minor).sum::<i64>());

        // The recalled lot: received at A, partly moved to B (same number), withdrawn there.
        let trace = reports::lot_trace(&env.state, &m, Some("RAPPEL-7")).await.unwrap();
        let (lots, movements) = (trace.lots, trace.movements);
        assert_eq!(lots.len(), 2);
        assert!(lots.iter().any(|l| l.transferred));
        let kinds: Vec<_> = movements.iter().map(|m| m.kind.as_str()).collect();
        assert_eq!(kinds, vec!["receipt", "transfer-out", "transfer-in", "issue"], "{backend:?}");
        assert!(reports::lot_trace(&env.state, &m, Some("NO-SUCH-LOT")).await.unwrap().lots.is_empty());

        // Expiring within 30 days: RAPPEL-7 only (where it still holds stock), not LATER.
        let soon = reports::expiring(&m, 30, now).await.unwrap();
        let numbers: Vec<_> = soon.iter().filter_map(|l| l.lot_number.as_deref()).collect();
        assert!(numbers.contains(&"RAPPEL-7") && !numbers.contains(&"LATER"), "{numbers:?}");
        assert!(
            reports::expiring(&m, 1_000, now).await.unwrap().iter().any(|l| l.lot_number.as_deref() == Some("LATER"))
        );
        env.finish().await;
    }
}

#[tokio::test]
async fn articles_change_but_keep_their_code_and_the_list_exports_to_csv() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let now = env.clock.now_ms();
        let id = new_article(&m, "EDIT-1", "1", "", now).await;
        let changed = ArticleInput {
            code: "EDIT-1",
            designation: "Désignation revue",
            sale_price: "9,90",
            vat_rate: "5,5",
            ..Default::default()
        };
        stock::update_article(&m, &id, &NewArticle::parse(&changed).unwrap(), true, now).await.unwrap();
        let article = stock::article_fields(&m, &id).await.unwrap();
        assert_eq!(
            (article.designation.as_str(), article.sale_price_minor, article.vat_rate_bp),
            ("Désignation revue", Some(990), 550)
        );
        let recoded = ArticleInput { code: "EDIT-2", ..changed.clone() };
        match stock::update_article(&m, &id, &NewArticle::parse(&recoded).unwrap(), true, now).await {
            Err(AppError::Validation(errors)) => assert_eq!(errors.0[0].code, "article-code-fixed"),
            other => panic!("{other:?}"),
        }
        // Another company's article is not found; an auditor changes nothing.
        let acme = scope_in(&env, "manager@acme.example", "acme").await;
        let parsed = NewArticle::parse(&changed).unwrap();
        assert!(matches!(stock::update_article(&acme, &id, &parsed, true, now).await, Err(AppError::NotFound)));
        let auditor = scope_in(&env, "auditor@demo.example", "demo").await;
        assert!(matches!(stock::update_article(&auditor, &id, &parsed, false, now).await, Err(AppError::Forbidden)));

        let filter = StockQuery { text: Some("EDIT".into()), ..Default::default() };
        let csv =
            String::from_utf8(exports::stock_csv(&m, &filter, Lang::En, env.clock.now_ms()).await.unwrap()).unwrap();
        assert_eq!(
            csv,
            "\u{feff}code,designation,category,unit,quantity,value\r\nEDIT-1,Désignation revue,,u,0,0.00\r\n"
        );
        // Inactive articles leave the list.
        stock::update_article(&m, &id, &parsed, false, now).await.unwrap();
        assert!(stock::list(&m, &filter).await.unwrap().is_empty(), "{backend:?}");
        assert!(governance::flags::open_to(&m, Flag::BulkStockImport).await.unwrap());
        env.finish().await;
    }
}

#[tokio::test]
async fn the_stock_list_pages_by_code_under_every_filter_and_lists_categories() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let m = manager(&env).await;
        let now = env.clock.now_ms();
        let mut file = String::from("code;designation;category;unit;purchase_price;vat_rate;min_stock;max_stock\n");
        for n in 1..=60 {
            let min = if n == 2 { 10 } else { 0 };
            file.push_str(&format!("PG-{n:03};Article paginé {n};Pagination;u;1,00;20;{min};\n"));
        }
        assert_eq!(
            progress_ignored(&m, ImportKind::Articles, file.as_bytes(), now).await,
            Outcome::Imported { rows: 60 }
        );
        let codes = |lines: Vec<domain::stock::views::StockLine>| lines.into_iter().map(|l| l.code).collect::<Vec<_>>();
        let in_category = StockQuery { category: Some("Pagination".into()), ..Default::default() };
        let first = codes(stock::list(&m, &in_category).await.unwrap());
        assert_eq!((first.len(), first[0].as_str(), first[49].as_str()), (50, "PG-001", "PG-050"), "{backend:?}");
        let next = StockQuery { after: Some("PG-050".into()), ..in_category.clone() };
        assert_eq!(
            codes(stock::list(&m, &next).await.unwrap()),
            (51..=60).map(|n| format!("PG-{n:03}")).collect::<Vec<_>>()
        );

        let sites = sites::list(&m).await.unwrap();
        let (here, elsewhere) = (sites[0].id.clone(), sites[1].id.clone());
        let pg2 = first_id(&m, "PG-002").await;
        stock::receive(&m, &receipt(&pg2, &here, 5, "PG-LOT", None), now).await.unwrap();
        let below = StockQuery { below_min: true, ..in_category.clone() };
        let found = stock::list(&m, &below).await.unwrap();
        assert_eq!((found.len(), found[0].code.as_str(), found[0].qty_milli), (1, "PG-002", 5_000), "{backend:?}");
        let at_site =
            |site: &str| StockQuery { site: Some(site.into()), text: Some("pg-002".into()), ..Default::default() };
        assert_eq!(stock::list(&m, &at_site(&here)).await.unwrap()[0].qty_milli, 5_000);
        assert_eq!(stock::list(&m, &at_site(&elsewhere)).await.unwrap()[0].qty_milli, 0);

        let categories = stock::categories(&m).await.unwrap();
        assert!(categories.contains(&"Pagination".to_owned()), "{categories:?}");
        assert!(categories.windows(2).all(|w| w[0] < w[1]), "sorted and distinct: {categories:?}");
        env.finish().await;
    }
}

async fn first_id(scope: &TenantScope, code: &str) -> String {
    stock::list(scope, &StockQuery { text: Some(code.into()), ..Default::default() }).await.unwrap()[0].id.clone()
}
