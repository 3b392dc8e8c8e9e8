//! `atelier bench`: starts a real server process on a fresh demo database, measures its idle
//! memory, then loads pages and `/health` in the same run and prints throughput and latency
//! percentiles. With `--stock`, the demo company is first filled with a realistic volume and
//! the stock pages, movements per second and CSV imports are measured; with `--invoices`, PDF
//! rendering, invoices issued per second and the invoice pages; with `--governance`, the cost of
//! the mode and flag checks and a purge of ended sessions under load; with `--lighthouse`,
//! Lighthouse's mobile scores of the pages phones use most; with `--long-load`, ten minutes of
//! mixed reads and writes and the server's memory over time. A measurement, never a test:
//! nothing here asserts.

pub mod alerts;
mod governance;
mod invoices;
mod lighthouse;
mod long_load;
mod missions;
mod restore;
mod sign_ins;
mod stock;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

pub(crate) use stock::{open, scope_of};

pub struct BenchOptions {
    pub connections: usize,
    pub seconds: u64,
    /// The stock scenario, with this many movements.
    pub stock: Option<usize>,
    /// A PostgreSQL server URL; SQLite when None.
    pub postgres: Option<String>,
    /// The sign-in scenario: this many wrong sign-ins at once.
    pub sign_ins: Option<usize>,
    /// The invoicing scenario, with this many invoices issued.
    pub invoices: Option<usize>,
    /// The missions scenario, with this many missions (and ten entries each).
    pub missions: Option<usize>,
    /// The alerts scenario: the stock, invoicing and missions volumes in one company.
    pub alerts: Option<alerts::Volumes>,
    /// The governance scenario, with this many sessions ended over a year ago.
    pub governance: Option<usize>,
    /// Lighthouse's scores of the pages phones use most.
    pub lighthouse: bool,
    /// The long load, for this many minutes.
    pub long_load: Option<u64>,
}

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
    killed: bool,
}

impl Server {
    /// Kills the process at once (SIGKILL), as a power cut or the out-of-memory killer would.
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.killed = true;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.killed {
            return;
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Where the benchmark's databases are: a data directory, and a control database URL when on
/// PostgreSQL.
pub struct Place {
    data: tempfile::TempDir,
    database_url: Option<String>,
}

impl Place {
    /// A fresh data directory, and a fresh database on the PostgreSQL server at `postgres`.
    pub(crate) fn new(postgres: Option<&str>) -> Result<Self, String> {
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let database_url = match postgres {
            None => None,
            Some(server) => {
                let name = format!("atelier_bench_{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
                Some(
                    services::db::url::postgres_with_database(server, &name)
                        .ok_or("--postgres must be a postgres:// URL")?,
                )
            }
        };
        Ok(Self { data, database_url })
    }

    pub(crate) fn backend_name(&self) -> &'static str {
        if self.database_url.is_some() { "PostgreSQL" } else { "SQLite" }
    }

    /// Drops the PostgreSQL databases it created (the data directory goes with the value).
    pub(crate) async fn drop_databases(&self) {
        if let Some(url) = &self.database_url {
            stock::drop_databases(url).await;
        }
    }
}

pub(crate) async fn start_server(place: &Place) -> Result<Server, String> {
    let port = free_port()?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command
        .arg("serve")
        .env("ATELIER_DATA_DIR", place.data.path())
        .env_remove("DATABASE_URL")
        .env("ATELIER_DEMO", "true")
        .env("ATELIER_LOG", "warn")
        // The load comes from one address; the per-address budget has its own tests.
        .env("ATELIER_LOGIN_ATTEMPTS_PER_MINUTE", "1000000")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null());
    if let Some(url) = &place.database_url {
        command.env("DATABASE_URL", url);
    }
    let child = command.spawn().map_err(|e| format!("cannot start the server: {e}"))?;
    let server = Server { child, base: format!("http://127.0.0.1:{port}"), killed: false };
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client.get(format!("{}/health", server.base)).send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("the server did not answer /health within a minute".into())
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")?.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Signs in as a demo user and returns the session cookie.
pub(crate) async fn session_cookie(base: &str, email: &str) -> Result<String, String> {
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().map_err(|e| e.to_string())?;
    let response = client
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[("email", email), ("password", services::demo::DEMO_PASSWORD)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .ok_or_else(|| "login returned no session cookie".into())
}

struct Run {
    requests: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

/// The header a request proves who it is with: the session's cookie, or an API token.
type Credential = Option<(&'static str, String)>;

fn cookie(value: &str) -> Credential {
    Some(("Cookie", value.to_owned()))
}

/// Loads the URLs (each connection goes through them in turn) for `seconds`.
async fn load(urls: Vec<String>, credential: Credential, connections: usize, seconds: u64) -> Run {
    let client = reqwest::Client::builder().pool_max_idle_per_host(connections).build().expect("client");
    let urls = Arc::new(urls);
    let results = Arc::new(Mutex::new((Vec::new(), 0_usize)));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|worker| {
            let (client, urls, credential, results) =
                (client.clone(), urls.clone(), credential.clone(), results.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                let mut next = worker * 7;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    // As browsers ask: the answer is compressed (and its compression measured).
                    let mut request = client.get(&urls[next % urls.len()]).header("Accept-Encoding", "br, gzip");
                    next += 1;
                    if let Some((name, value)) = &credential {
                        request = request.header(*name, value);
                    }
                    match request.send().await {
                        Ok(r) if r.status().is_success() => {
                            let _ = r.bytes().await;
                            latencies.push(t.elapsed());
                        }
                        _ => errors += 1,
                    }
                }
                let mut all = results.lock().await;
                all.0.extend(latencies);
                all.1 += errors;
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.await;
    }
    let elapsed = started.elapsed();
    let (mut latencies, errors) = std::mem::take(&mut *results.lock().await);
    latencies.sort();
    Run { requests: latencies.len(), errors, elapsed, latencies }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// A page to load: its label, its URLs, and whether it needs the signed-in cookie.
type Target = (String, Vec<String>, bool);

async fn measure(server: &Server, targets: Vec<Target>, options: &BenchOptions) -> Result<(), String> {
    measure_as(server, targets, options, "manager@demo.example").await
}

/// `measure`, signed in as the demo user `email`.
async fn measure_as(server: &Server, targets: Vec<Target>, options: &BenchOptions, email: &str) -> Result<(), String> {
    let session = session_cookie(&server.base, email).await?;
    let targets = targets
        .into_iter()
        .map(|(label, urls, auth)| (label, urls, auth.then(|| cookie(&session)).flatten()))
        .collect();
    measure_with(targets, options).await
}

/// Loads each target in turn, each with its own credential, and prints a line for each, with
/// its throughput as a share of the run's ceiling.
async fn measure_with(targets: Vec<(String, Vec<String>, Credential)>, options: &BenchOptions) -> Result<(), String> {
    let ceiling = ceiling(options).await?;
    // Warm-up: open the tenant pool and fill caches, as a real server would be.
    for (_, urls, credential) in &targets {
        let _ = load(urls.clone(), credential.clone(), 4, 1).await;
    }
    println!("\n{} connections, {} s per target\n", options.connections, options.seconds);
    println!(
        "{:<34} {:>10} {:>9} {:>8} {:>9} {:>9} {:>9} {:>7}",
        "target", "requests", "req/s", "ceiling", "p50 ms", "p95 ms", "p99 ms", "errors"
    );
    println!("{:<34} {:>10} {:>9.0} {:>7.0}%", "bare axum handler (the ceiling)", "", ceiling.0, 100.0);
    for (label, urls, credential) in targets {
        let run = load(urls, credential, options.connections, options.seconds).await;
        let per_second = run.requests as f64 / run.elapsed.as_secs_f64();
        println!(
            "{label:<34} {:>10} {:>9.0} {:>7.1}% {:>9.2} {:>9.2} {:>9.2} {:>7}",
            run.requests,
            per_second,
            per_second / ceiling.0 * 100.0,
            percentile(&run.latencies, 0.50),
            percentile(&run.latencies, 0.95),
            percentile(&run.latencies, 0.99),
            run.errors
        );
    }
    Ok(())
}

/// Requests a second of a bare axum handler (no layer, no database) served by the benchmark
/// itself, loaded like every target: the most this machine and this load generator can do, once
/// a run.
#[derive(Clone, Copy)]
struct Ceiling(f64);

static CEILING: tokio::sync::OnceCell<Ceiling> = tokio::sync::OnceCell::const_new();

async fn ceiling(options: &BenchOptions) -> Result<Ceiling, String> {
    let measured = CEILING
        .get_or_try_init(|| async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
            let url = format!("http://{}/", listener.local_addr().map_err(|e| e.to_string())?);
            let app = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
            let server = tokio::spawn(async move { axum::serve(listener, app).await });
            let _ = load(vec![url.clone()], None, 4, 1).await;
            let run = load(vec![url], None, options.connections, options.seconds).await;
            server.abort();
            Ok::<_, String>(Ceiling(run.requests as f64 / run.elapsed.as_secs_f64()))
        })
        .await?;
    Ok(*measured)
}

pub async fn run(options: BenchOptions) -> Result<(), String> {
    let place = Place::new(options.postgres.as_deref())?;
    println!("backend: {}", place.backend_name());
    println!("seeding a fresh demo database…");
    // Seeded here rather than by a first server start: that start would also close the ledger's
    // past periods, before the invoicing scenarios write two years of invoices into them. (Its
    // argon2 hashes of every demo password, memory the allocator keeps, stay out of the server's
    // figures either way.)
    let state = stock::open(&place).await?;
    services::demo::seed(&state).await.map_err(|e| format!("demo seed: {e}"))?;
    state.close().await;
    let outcome = match (options.stock, options.sign_ins, options.invoices, options.missions) {
        _ if let Some(volumes) = options.alerts => alerts::run(&place, volumes, &options).await,
        _ if let Some(sessions) = options.governance => governance::run(&place, sessions, &options).await,
        _ if options.lighthouse => lighthouse::run(&place).await,
        _ if let Some(minutes) = options.long_load => long_load::run(&place, minutes, &options).await,
        (Some(movements), ..) => stock::run(&place, movements, &options).await,
        (None, Some(count), ..) => sign_ins::run(&place, count).await,
        (None, None, Some(count), _) => invoices::run(&place, count, &options).await,
        (None, None, None, Some(count)) => missions::run(&place, count, &options).await,
        (None, None, None, None) => home(&place, &options).await,
    };
    place.drop_databases().await;
    outcome
}

async fn home(place: &Place, options: &BenchOptions) -> Result<(), String> {
    let server = start_server(place).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_kib(server.child.id());
    let url = |path: &str| vec![format!("{}{path}", server.base)];
    let targets =
        vec![("GET /health".into(), url("/health"), false), ("GET / (home, signed in)".into(), url("/"), true)];
    measure(&server, targets, options).await?;
    print_memory(idle, rss_kib(server.child.id()));
    Ok(())
}

fn print_memory(idle: Option<u64>, loaded: Option<u64>) {
    let mib = |k: Option<u64>| k.map_or("?".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
    println!("\nserver memory (RSS): idle {}, after load {}", mib(idle), mib(loaded));
}
