//! `atelier bench --governance N`: what the emergency mode and feature flag checks cost a request
//! (in the process, and as page throughput beside `/health`), the retention page over N sessions
//! ended over a year ago, two reads of the REST API with a token, then the purge of those
//! sessions while the server is under load: its rows a second and the pages' latency meanwhile.

use std::time::{Duration, Instant};

use domain::Flag;
use domain::governance::api_tokens::{NewToken, TokenScope};
use domain::governance::retention::PurgeStatus;
use services::governance::{api_tokens, flags, mode, retention};

use super::{BenchOptions, Place, load, measure_with, percentile, start_server, stock};

const ADMIN: &str = "admin@demo.example";

pub async fn run(place: &Place, sessions: usize, options: &BenchOptions) -> Result<(), String> {
    let state = stock::open(place).await?;
    let admin = stock::scope_of(&state, ADMIN).await?;
    let started = Instant::now();
    seed_sessions(&state, &admin.user.id, sessions).await?;
    println!("{sessions} sessions ended 400 days ago written in {:.1} s", started.elapsed().as_secs_f64());

    // In the process: the mode is read with the company's registry row every request reads
    // anyway, so its check is a comparison; a flag is one query of the company's database.
    let rounds = 20_000;
    let t = Instant::now();
    for _ in 0..rounds {
        mode::check_write(&admin).map_err(|e| e.to_string())?;
    }
    let mode_ns = t.elapsed().as_nanos() as f64 / f64::from(rounds);
    let t = Instant::now();
    for _ in 0..rounds {
        flags::require(&admin, Flag::StockMovements).await.map_err(|e| e.to_string())?;
    }
    let flag_us = t.elapsed().as_secs_f64() * 1e6 / f64::from(rounds);
    println!("emergency mode check: {mode_ns:.1} ns (a comparison); feature flag check: {flag_us:.1} µs (one query)");
    // Today's automatic purge is taken by the benchmark, so that the server leaves these
    // sessions to the purge measured below.
    let claimed =
        services::scheduler::claim(&state, retention::DAILY, "atelier bench", chrono::Utc::now().timestamp_millis())
            .await
            .map_err(|e| e.to_string())?;
    if claimed.is_none() {
        return Err("today's automatic purge was already claimed".into());
    }
    // The REST API's reads, with a token as a monitoring script would hold.
    let new = NewToken { name: "bench".into(), scope: TokenScope::Read, days: 30 };
    let token = api_tokens::create(&state, &Default::default(), &admin, &new).await.map_err(|e| e.to_string())?;
    state.close().await;

    let server = start_server(place).await?;
    let url = |path: &str| vec![format!("{}{path}", server.base)];
    let session = super::cookie(&super::session_cookie(&server.base, ADMIN).await?);
    let bearer = Some(("Authorization", format!("Bearer {token}")));
    let targets = vec![
        ("GET /health".into(), url("/health"), None),
        ("GET / (home: mode only)".into(), url("/"), session.clone()),
        ("GET /stock/import (mode and a flag)".into(), url("/stock/import"), session.clone()),
        ("GET /governance/retention".into(), url("/governance/retention"), session.clone()),
        ("GET /governance/personal-data?q=lyon".into(), url("/governance/personal-data?q=lyon"), session),
        ("GET /api/governance/features".into(), url("/api/governance/features"), bearer.clone()),
        ("GET /api/…/security/status".into(), url("/api/governance/security/status"), bearer),
    ];
    measure_with(targets, options).await?;
    purge_under_load(place, &server.base, options).await
}

/// Writes `count` sessions of the demo company that ended 400 days ago, in transactions of ten
/// thousand.
async fn seed_sessions(state: &services::AppState, user_id: &str, count: usize) -> Result<(), String> {
    let ended = chrono::Utc::now().timestamp_millis() - 400 * 86_400_000;
    let mut left = count;
    while left > 0 {
        let n = left.min(10_000);
        retention::write_ended_sessions(state, user_id, Some("demo"), ended, n).await.map_err(|e| e.to_string())?;
        left -= n;
    }
    Ok(())
}

/// Starts the purge as the admin, then loads the home page and `/health` in windows of two
/// seconds until it ends, printing each window's latency and the purge's progress.
async fn purge_under_load(place: &Place, base: &str, options: &BenchOptions) -> Result<(), String> {
    let cookie = super::session_cookie(base, ADMIN).await?;
    let client = reqwest::Client::new();
    let started = Instant::now();
    let response = client
        .post(format!("{base}/api/start_retention_purge"))
        .header("Accept", "application/json")
        .header("Cookie", &cookie)
        .form(&[("data_type", "session_tokens"), ("confirm", "on")])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!(
            "the purge was refused: {} {}",
            response.status(),
            response.text().await.unwrap_or_default()
        ));
    }
    let state = stock::open(place).await?;
    let admin = stock::scope_of(&state, ADMIN).await?;
    let page = retention::page(&state, &admin, None).await.map_err(|e| e.to_string())?;
    let id = page.purges.first().map(|p| p.id.clone()).ok_or("no purge started")?;
    println!(
        "\npurge of the ended sessions under load ({} connections on the home page and /health)",
        options.connections
    );
    println!("{:>8} {:>12} {:>9} {:>9} {:>9} {:>7}", "at s", "deleted", "req/s", "p50 ms", "p95 ms", "errors");
    let urls = vec![format!("{base}/"), format!("{base}/health")];
    loop {
        let run = load(urls.clone(), super::cookie(&cookie), options.connections, 2).await;
        let purge = retention::progress(&state, &admin, &id).await.map_err(|e| e.to_string())?;
        println!(
            "{:>8.1} {:>12} {:>9.0} {:>9.2} {:>9.2} {:>7}",
            started.elapsed().as_secs_f64(),
            purge.done,
            run.requests as f64 / run.elapsed.as_secs_f64(),
            percentile(&run.latencies, 0.50),
            percentile(&run.latencies, 0.95),
            run.errors
        );
        if purge.status != PurgeStatus::Running {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "purge {}: {} rows in {seconds:.1} s, {:.0} rows/s (measured to the window it ended in)",
                purge.status.as_str(),
                purge.done,
                purge.done as f64 / seconds
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(3600) {
            return Err("the purge did not end within an hour".into());
        }
    }
    state.close().await;
    Ok(())
}
