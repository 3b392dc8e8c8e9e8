//! `atelier bench --long-load`: ten minutes (or `--minutes`) at 64 connections (or
//! `--connections`) of signed-in users of two companies reading their pages and receiving
//! stock, one request in five a write. Prints each minute's requests, errors, latency and the
//! server's memory, so that a leak or a slow drift shows as a slope.

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::article::{ArticleInput, NewArticle};
use domain::governance::thresholds::{SecurityThresholds, Threshold};
use services::AppState;
use services::audit::RequestMeta;
use services::tenancy::TenantScope;
use tokio::sync::Mutex;

use super::stock::scope_in;
use super::{BenchOptions, Place, open, percentile, rss_kib, session_cookie, start_server};

/// Every this many requests of a connection, one is a write (when its user writes).
const WRITE_EVERY: usize = 5;
/// The server's memory is read this often.
const SAMPLE_EVERY: Duration = Duration::from_secs(10);
/// Left out of the memory's trend: pools and caches filling.
const WARM_UP: Duration = Duration::from_secs(60);

/// A user, the pages they read, and the stock they receive (article, site) if they write.
struct User {
    cookie: String,
    reads: Vec<String>,
    receives: Option<(String, String)>,
}

/// One request's end: when (since the start), how long it took, and whether it succeeded.
type Sample = (Duration, Duration, bool);

pub async fn run(place: &Place, minutes: u64, options: &BenchOptions) -> Result<(), String> {
    let state = open(place).await?;
    let fixture = prepare(&state).await;
    state.close().await;
    let fixture = fixture?;
    let server = start_server(place).await?;
    let mut users = Vec::new();
    for (email, tenant, reads, receives) in fixture {
        let cookie = session_cookie(&server.base, email).await?;
        let reads = reads.into_iter().map(|path| format!("{}{path}", server.base)).collect();
        users.push(User { cookie, reads, receives });
        println!("  {email} ({tenant})");
    }
    let users = Arc::new(users);
    let duration = Duration::from_secs(minutes * 60);
    println!("\n{} connections for {minutes} min, one request in {WRITE_EVERY} a stock receipt\n", options.connections);

    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let started = Instant::now();
    let client =
        reqwest::Client::builder().pool_max_idle_per_host(options.connections).build().map_err(|e| e.to_string())?;
    let workers: Vec<_> = (0..options.connections)
        .map(|worker| {
            let (client, users, samples, base) = (client.clone(), users.clone(), samples.clone(), server.base.clone());
            tokio::spawn(async move {
                let user = &users[worker % users.len()];
                let mut mine = Vec::new();
                for n in worker.. {
                    if started.elapsed() >= duration {
                        break;
                    }
                    let t = Instant::now();
                    let ok = match (&user.receives, n % WRITE_EVERY == 0) {
                        (Some((article, site)), true) => receive(&client, &base, user, article, site, n).await,
                        _ => read(&client, &user.reads[n % user.reads.len()], &user.cookie).await,
                    };
                    mine.push((started.elapsed(), t.elapsed(), ok));
                }
                samples.lock().await.extend(mine);
            })
        })
        .collect();

    let pid = server.child.id();
    let mut memory = Vec::new();
    while started.elapsed() < duration {
        tokio::time::sleep(SAMPLE_EVERY).await;
        memory.push((started.elapsed(), rss_kib(pid).unwrap_or(0)));
    }
    for worker in workers {
        let _ = worker.await;
    }
    let samples = std::mem::take(&mut *samples.lock().await);
    report(&samples, &memory, minutes);
    Ok(())
}

async fn read(client: &reqwest::Client, url: &str, cookie: &str) -> bool {
    let sent = client.get(url).header("Cookie", cookie).header("Accept-Encoding", "br, gzip").send().await;
    match sent {
        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
        Err(_) => false,
    }
}

async fn receive(client: &reqwest::Client, base: &str, user: &User, article: &str, site: &str, n: usize) -> bool {
    let form = [
        ("article", article),
        ("site", site),
        ("quantity", "1"),
        ("unit_cost", "2.50"),
        ("reference", &format!("LONG-{n}")),
    ];
    let sent = client
        .post(format!("{base}/api/receive_stock"))
        .header("Accept", "application/json")
        .header("Cookie", &user.cookie)
        .form(&form)
        .send()
        .await;
    match sent {
        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
        Err(_) => false,
    }
}

/// Per minute: requests, errors, p50 and p95, and the memory at its end; then the memory's
/// trend after the warm-up.
fn report(samples: &[Sample], memory: &[(Duration, u64)], minutes: u64) {
    println!(
        "{:>6} {:>10} {:>9} {:>7} {:>8} {:>8} {:>10}",
        "minute", "requests", "req/s", "errors", "p50 ms", "p95 ms", "RSS MiB"
    );
    for minute in 0..minutes {
        let within = |at: &Duration| at.as_secs() / 60 == minute;
        let mut latencies: Vec<Duration> = samples.iter().filter(|s| within(&s.0)).map(|s| s.1).collect();
        latencies.sort();
        let errors = samples.iter().filter(|s| within(&s.0) && !s.2).count();
        let rss = memory.iter().filter(|m| within(&m.0)).map(|m| m.1).next_back().unwrap_or(0);
        println!(
            "{:>6} {:>10} {:>9.0} {:>7} {:>8.1} {:>8.1} {:>10.1}",
            minute + 1,
            latencies.len(),
            latencies.len() as f64 / 60.0,
            errors,
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.95),
            rss as f64 / 1024.0
        );
    }
    let errors = samples.iter().filter(|s| !s.2).count();
    let warm: Vec<u64> = memory.iter().filter(|m| m.0 >= WARM_UP).map(|m| m.1).collect();
    let mib = |k: u64| k as f64 / 1024.0;
    match (warm.first(), warm.last(), warm.iter().max()) {
        (Some(first), Some(last), Some(max)) => println!(
            "\n{} requests, {errors} errors; memory after the warm-up: {:.1} MiB, at the end {:.1} MiB, at most {:.1} MiB",
            samples.len(),
            mib(*first),
            mib(*last),
            mib(*max)
        ),
        _ => println!("\n{} requests, {errors} errors; too short to see memory after the warm-up", samples.len()),
    }
}

/// The two companies and their users: (company, [admin, manager, accountant, technician]).
const COMPANIES: [(&str, [&str; 4]); 2] = [
    ("demo", ["admin@demo.example", "manager@demo.example", "accountant@demo.example", "technician@demo.example"]),
    ("acme", ["admin@acme.example", "manager@acme.example", "accountant@acme.example", "technician@acme.example"]),
];

/// Who loads the server: (e-mail, company, pages, what they receive). The companies' movement
/// limits are raised to let the writes through.
type Fixture = Vec<(&'static str, &'static str, Vec<String>, Option<(String, String)>)>;

async fn prepare(state: &AppState) -> Result<Fixture, String> {
    let pages = |paths: &[&str]| paths.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    let mut fixture = Fixture::new();
    for (tenant, [admin, manager, accountant, technician]) in COMPANIES {
        let admin_scope = scope_in(state, admin, tenant).await?;
        let mut limits = SecurityThresholds::default().form();
        limits.set(Threshold::MaxStockMovements, "100000".into());
        services::governance::thresholds::save(state, &RequestMeta::default(), &admin_scope, &limits)
            .await
            .map_err(|e| e.to_string())?;
        let manager_scope = scope_in(state, manager, tenant).await?;
        let site = services::sites::list(&manager_scope).await.map_err(|e| e.to_string())?.remove(0).id;
        let article = received_article(state, &manager_scope).await?;
        let article_page = format!("/stock/articles/{article}");
        let manager_pages = pages(&["/", "/stock/articles", &article_page, "/stock", "/missions"]);
        fixture.push((manager, tenant, manager_pages, Some((article, site))));
        fixture.push((accountant, tenant, pages(&["/", "/invoices", "/invoices/customers"]), None));
        fixture.push((technician, tenant, pages(&["/missions", "/missions/time"]), None));
    }
    Ok(fixture)
}

/// The company's first article, or one made for the load where it has none (the demo's second
/// company).
async fn received_article(state: &AppState, manager: &TenantScope) -> Result<String, String> {
    let first: Option<(String,)> = sqlx::query_as("SELECT id FROM articles ORDER BY code LIMIT 1")
        .fetch_optional(manager.db.pool())
        .await
        .map_err(|e| e.to_string())?;
    if let Some((id,)) = first {
        return Ok(id);
    }
    let input = ArticleInput {
        code: "LONG-1",
        designation: "Article de la charge longue",
        category: "",
        family: "",
        unit: "u",
        purchase_price: "2.50",
        sale_price: "",
        vat_rate: "",
        min_stock: "",
        max_stock: "",
        point: Some('.'),
    };
    let article = NewArticle::parse(&input).map_err(|e| format!("{e:?}"))?;
    services::stock::create_article(manager, &article, state.clock.now_ms()).await.map_err(|e| e.to_string())
}
