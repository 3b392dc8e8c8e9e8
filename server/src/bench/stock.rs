//! The stock scenario: one company with 50,000 articles, 20 sites and a million movements;
//! movements per second through the services, the time to import 5,000-row CSV files, and the
//! stock list and article pages under load beside `/health`; then the company's backup and its
//! restore into a new installation.

use std::time::{Duration, Instant};

use domain::Quantity;
use domain::stock::commands::{Receipt, Withdrawal};
use domain::stock::import::ImportKind;
use domain::stock::import::ImportPhase as Phase;
use services::clock::{self};
use services::state::Settings;
use services::stock;
use services::stock::import::{self, Outcome};
use services::stock::volume::{self, Volume};
use services::tenancy::TenantScope;
use services::{AppState, governance};

use super::{BenchOptions, Place, measure, measure_as, print_memory, rss_kib, start_server};

const ARTICLES: usize = 50_000;
const SITES: usize = 20;
const IMPORT_ROWS: usize = 5_000;

pub(crate) async fn open(place: &Place) -> Result<AppState, String> {
    let key = services::secret_box::SecretKey::load_or_create(place.data.path())?;
    let settings = Settings::new(place.data.path().to_path_buf(), place.database_url.clone(), true, key)
        .map_err(|e| e.to_string())?;
    AppState::open(settings, clock::system()).await.map_err(|e| e.to_string())
}

pub(super) async fn manager(state: &AppState) -> Result<TenantScope, String> {
    scope_of(state, "manager@demo.example").await
}

/// A demo user's scope in the demo company.
pub(crate) async fn scope_of(state: &AppState, email: &str) -> Result<TenantScope, String> {
    scope_in(state, email, "demo").await
}

/// A demo user's scope in the company `tenant`.
pub(crate) async fn scope_in(state: &AppState, email: &str, tenant: &str) -> Result<TenantScope, String> {
    let email = domain::Email::parse(email).map_err(|e| e.to_string())?;
    let user = services::control::find_user_by_email(state, &email).await.map_err(|e| e.to_string())?;
    let user = user.ok_or("no such demo user")?;
    TenantScope::resolve(state, &user.id, tenant).await.map_err(|e| e.to_string())
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

pub async fn run(place: &Place, movements: usize, options: &BenchOptions) -> Result<(), String> {
    let state = open(place).await?;
    let scope = manager(&state).await?;
    let now = state.clock.now_ms();
    fill(&scope, movements, now).await?;

    let (one_by_one, concurrent, errors) = movements_per_second(&scope, now).await?;
    let (articles_import, opening_import) = imports(&scope, now).await?;
    let ids = sample_articles(&scope).await?;
    super::alerts::full_check(&state).await?;
    let (checked_in, violations) = integrity_check(&state).await?;
    let restore = super::restore::run(&state, place).await?;
    state.close().await;

    let server = start_server(place).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_kib(server.child.id());
    let base = &server.base;
    let list_pages: Vec<String> =
        (0..50).map(|i| format!("{base}/stock/articles?after={}", volume::article_code(i * ARTICLES / 50))).collect();
    let targets = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /stock/articles (50 pages)".into(), list_pages, true),
        (
            "GET /stock/articles/:id (1,000)".into(),
            ids.iter().map(|id| format!("{base}/stock/articles/{id}")).collect(),
            true,
        ),
    ];
    measure(&server, targets, options).await?;
    let boards = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /dashboards/operations".into(), vec![format!("{base}/dashboards/operations")], true),
        ("GET /dashboards/platform".into(), vec![format!("{base}/dashboards/platform")], true),
    ];
    measure_as(&server, boards, options, "admin@demo.example").await?;
    print_memory(idle, rss_kib(server.child.id()));
    println!(
        "\nmovements recorded through the services: {one_by_one:.0}/s one at a time, {concurrent:.0}/s from 8 users at once"
    );
    if let Some(first) = errors.first() {
        println!("  {} of the concurrent operations failed, e.g. {first}", errors.len());
    }
    println!(
        "CSV import of {IMPORT_ROWS} rows: articles {:.2} s, opening stock {:.2} s",
        articles_import.as_secs_f64(),
        opening_import.as_secs_f64()
    );
    println!(
        "integrity check of the company (every rule, {movements} movements and more): {:.2} s, {violations} violations",
        checked_in.as_secs_f64()
    );
    println!(
        "backup of the company: {:.1} s, {:.0} MB; restore into a new installation, its integrity check included: {:.1} s, {} violations",
        restore.backup.as_secs_f64(),
        restore.bytes as f64 / 1e6,
        restore.restore.as_secs_f64(),
        restore.violations
    );
    Ok(())
}

/// The integrity check of the demo company after everything the scenario wrote: its time, and
/// what it found (nothing, unless something is wrong).
pub(super) async fn integrity_check(state: &AppState) -> Result<(Duration, i64), String> {
    let code = domain::TenantCode::parse("demo").map_err(|e| e.to_string())?;
    let started = Instant::now();
    let report = governance::integrity::check_company(state, &code).await.map_err(|e| e.to_string())?;
    Ok((started.elapsed(), report.violations()))
}

/// The scenario's volume in the demo company: 50,000 articles on 20 sites and `movements`
/// movements, then the planner's statistics refreshed.
pub(super) async fn fill(scope: &TenantScope, movements: usize, now: i64) -> Result<(), String> {
    let err = |e: services::AppError| e.to_string();
    // The benchmark records far more than a person would; the per-user limit is lifted for it.
    governance::set_threshold(&scope.db, "stock_movements_per_minute", 100_000, "bench", now).await.map_err(err)?;
    println!("generating {ARTICLES} articles, {SITES} sites and {movements} movements…");
    let started = Instant::now();
    let volume = Volume { articles: ARTICLES, sites: SITES, sites_per_article: 4, movements };
    let step = (movements / 10).max(1);
    let printed = std::cell::Cell::new(0);
    let report = |written: usize| {
        if written / step > printed.get() {
            printed.set(written / step);
            println!("  {written} movements");
        }
    };
    volume::generate(scope, volume, now, &report).await.map_err(err)?;
    let generated = started.elapsed();
    println!(
        "generated in {:.1} s ({:.0} movements/s in bulk statements)",
        generated.as_secs_f64(),
        per_second(movements, generated)
    );
    let started = Instant::now();
    scope.db.settle_after_bulk_load().await.map_err(err)?;
    println!("statistics refreshed after the bulk load in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Operations per second through `stock::receive`/`withdraw` (a transaction each, with the
/// rate limit and anomaly checks), one at a time, then from 8 tasks at once; with the errors of
/// the concurrent run (there should be none: on SQLite writers queue for their turn).
async fn movements_per_second(scope: &TenantScope, now: i64) -> Result<(f64, f64, Vec<String>), String> {
    let sites = services::sites::list(scope).await.map_err(|e| e.to_string())?;
    let site = sites[0].id.clone();
    let articles: Vec<String> =
        stock::list(scope, &Default::default()).await.map_err(|e| e.to_string())?.into_iter().map(|l| l.id).collect();
    let count = 2_000;
    let started = Instant::now();
    for n in 0..count {
        operation(scope.clone(), articles[n / 2 % articles.len()].clone(), site.clone(), n, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    let one_by_one = per_second(count, started.elapsed());
    let started = Instant::now();
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let (scope, articles, site) = (scope.clone(), articles.clone(), site.clone());
            tokio::spawn(async move {
                let mut errors = Vec::new();
                for n in 0..count / 8 {
                    let article = articles[(t * 3 + n / 2) % articles.len()].clone();
                    if let Err(error) = operation(scope.clone(), article, site.clone(), n, now).await {
                        errors.push(error.to_string());
                    }
                }
                errors
            })
        })
        .collect();
    let mut errors = Vec::new();
    for task in tasks {
        errors.extend(task.await.map_err(|e| e.to_string())?);
    }
    let done = count - errors.len();
    Ok((one_by_one, per_second(done, started.elapsed()), errors))
}

/// A receipt of 5 (even `n`) or a withdrawal of 1 (odd `n`).
async fn operation(scope: TenantScope, article: String, site: String, n: usize, now: i64) -> services::AppResult<()> {
    if n.is_multiple_of(2) {
        let receipt =
            Receipt { article, site, quantity: Quantity::units(5), unit_cost_minor: 100, ..Default::default() };
        stock::receive(&scope, &receipt, now).await.map(|_| ())
    } else {
        let withdrawal = Withdrawal { article, site, quantity: Quantity::units(1), ..Default::default() };
        stock::withdraw(&scope, &withdrawal, now).await.map(|_| ())
    }
}

/// The time to check and import a 5,000-row file of articles, then of their opening stock.
async fn imports(scope: &TenantScope, now: i64) -> Result<(Duration, Duration), String> {
    let mut articles = String::from("code;designation;category;unit;purchase_price;vat_rate;min_stock;max_stock\r\n");
    let mut opening = String::from("article_code;site_code;quantity;unit_cost;lot_number;expiry\r\n");
    for n in 0..IMPORT_ROWS {
        articles.push_str(&format!("IMPORT-{n:05};Article importé n° {n};Import;u;12,50;20;10;100\r\n"));
        opening.push_str(&format!("IMPORT-{n:05};LYON-01;25,5;12,40;LOT-{n};31/12/2027\r\n"));
    }
    let mut timed = Vec::new();
    for (kind, bytes) in [(ImportKind::Articles, articles), (ImportKind::OpeningStock, opening)] {
        let started = Instant::now();
        let outcome = import::run(scope, kind, bytes.as_bytes(), "bench", now, &|_: Phase, _, _| {}).await;
        if outcome != (Outcome::Imported { rows: IMPORT_ROWS }) {
            return Err(format!("the {} import did not go through: {outcome:?}", kind.as_str()));
        }
        timed.push(started.elapsed());
    }
    Ok((timed[0], timed[1]))
}

/// 1,000 article ids spread over the catalogue.
async fn sample_articles(scope: &TenantScope) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    for i in 0..1_000 {
        let filter = domain::stock::queries::StockQuery {
            after: Some(volume::article_code(i * ARTICLES / 1_000)),
            ..Default::default()
        };
        let page = stock::list(scope, &filter).await.map_err(|e| e.to_string())?;
        if let Some(line) = page.first() {
            ids.push(line.id.clone());
        }
    }
    Ok(ids)
}

/// Drops the benchmark's databases on the PostgreSQL server.
pub async fn drop_databases(control_url: &str) {
    if let Err(error) = services::db::drop_postgres_databases(control_url).await {
        eprintln!("could not drop the benchmark databases: {error}");
    }
}
