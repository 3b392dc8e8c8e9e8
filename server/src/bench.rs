//! `atelier bench`: starts a real server process on a fresh demo database, measures its idle
//! memory, then loads the home page and `/health` in the same run and prints throughput and
//! latency percentiles. A measurement, never a test: nothing here asserts.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

pub struct BenchOptions {
    pub connections: usize,
    pub seconds: u64,
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

async fn start_server(data: &tempfile::TempDir) -> Result<Server, String> {
    let port = free_port()?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let child = Command::new(exe)
        .arg("serve")
        .env("ATELIER_DATA_DIR", data.path())
        .env_remove("DATABASE_URL")
        .env("ATELIER_DEMO", "true")
        .env("ATELIER_LOG", "warn")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
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

/// Signs in as the demo manager and returns the session cookie.
async fn session_cookie(base: &str) -> Result<String, String> {
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().map_err(|e| e.to_string())?;
    let response = client
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[("email", "manager@demo.example"), ("password", services::demo::DEMO_PASSWORD)])
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

async fn load(url: String, cookie: Option<String>, options: &BenchOptions) -> Run {
    let client = reqwest::Client::builder().pool_max_idle_per_host(options.connections).build().expect("client");
    let results = Arc::new(Mutex::new((Vec::new(), 0_usize)));
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..options.connections)
        .map(|_| {
            let (client, url, cookie, results) = (client.clone(), url.clone(), cookie.clone(), results.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let mut request = client.get(&url);
                    if let Some(cookie) = &cookie {
                        request = request.header("Cookie", cookie);
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

pub async fn run(options: BenchOptions) -> Result<(), String> {
    let data = tempfile::tempdir().map_err(|e| e.to_string())?;
    println!("seeding a fresh demo database, then restarting the server on it…");
    // The first start hashes every demo password (argon2, 19 MiB each), memory the allocator keeps;
    // a restarted server shows what a running installation costs.
    drop(start_server(&data).await?);
    let server = start_server(&data).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_kib(server.child.id());
    let cookie = session_cookie(&server.base).await?;
    // Warm-up: open the tenant pool and fill caches, as a real server would be.
    let _ = load(format!("{}/", server.base), Some(cookie.clone()), &BenchOptions { connections: 4, seconds: 1 }).await;

    println!("\n{} connections, {} s per target\n", options.connections, options.seconds);
    println!(
        "{:<24} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "target", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"
    );
    for (label, path, auth) in [("GET /health", "/health", false), ("GET / (home, signed in)", "/", true)] {
        let run = load(format!("{}{path}", server.base), auth.then(|| cookie.clone()), &options).await;
        println!(
            "{label:<24} {:>10} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7}",
            run.requests,
            run.requests as f64 / run.elapsed.as_secs_f64(),
            percentile(&run.latencies, 0.50),
            percentile(&run.latencies, 0.95),
            percentile(&run.latencies, 0.99),
            run.errors
        );
    }
    let loaded = rss_kib(server.child.id());
    let mib = |k: Option<u64>| k.map_or("?".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
    println!("\nserver memory (RSS): idle {}, after load {}", mib(idle), mib(loaded));
    Ok(())
}
