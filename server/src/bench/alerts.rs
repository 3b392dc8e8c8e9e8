//! The alerts scenario: the demo company holding the stock, invoicing and missions volumes at
//! once; the time of a full alert check over them (the first, which opens what the data holds,
//! and the steady state a server pays each minute), then the dashboards and alert pages under
//! load beside `/health`.

use std::time::Instant;

use domain::alerts::Cadence;
use services::AppState;
use services::alerts::check;

use super::stock::{manager, open};
use super::{BenchOptions, Place, measure_as, print_memory, rss_kib, start_server};

/// How much of each area the company holds.
#[derive(Clone, Copy, Debug)]
pub struct Volumes {
    pub movements: usize,
    pub invoices: usize,
    pub missions: usize,
}

pub async fn run(place: &Place, volumes: Volumes, options: &BenchOptions) -> Result<(), String> {
    let state = open(place).await?;
    let manager = manager(&state).await?;
    let now = state.clock.now_ms();
    super::stock::fill(&manager, volumes.movements, now).await?;
    super::invoices::fill(&state, volumes.invoices).await?;
    println!("adding {} missions with ten time entries each…", volumes.missions);
    let started = Instant::now();
    services::missions::volume::fill(&state, &manager, volumes.missions, 10, now, &|_| {})
        .await
        .map_err(|e| e.to_string())?;
    manager.db.settle_after_bulk_load().await.map_err(|e| e.to_string())?;
    println!("added in {:.1} s", started.elapsed().as_secs_f64());
    // The ledger's past periods closed now, as the server would at its start.
    let code = domain::TenantCode::parse("demo").map_err(|e| e.to_string())?;
    let started = Instant::now();
    let closed =
        services::invoicing::closures::close_tenant(&state, &code, None, now).await.map_err(|e| e.to_string())?;
    println!("closed {} periods of the ledger in {:.1} s", closed.len(), started.elapsed().as_secs_f64());
    full_check(&state).await?;
    state.close().await;

    let server = start_server(place).await?;
    let idle = rss_kib(server.child.id());
    let base = &server.base;
    let page = |label: &str, path: &str| (label.to_owned(), vec![format!("{base}{path}")], true);
    let targets = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        page("GET /dashboards/operations", "/dashboards/operations"),
        page("GET /dashboards/finance", "/dashboards/finance"),
        page("GET /dashboards/platform", "/dashboards/platform"),
        page("GET /alerts (notifications)", "/alerts"),
        page("GET /alerts/events", "/alerts/events"),
        page("GET /alerts/rules", "/alerts/rules"),
        page("GET /alerts/webhooks", "/alerts/webhooks"),
        page("GET /status (public)", "/status"),
    ];
    measure_as(&server, targets, options, "admin@demo.example").await?;
    print_memory(idle, rss_kib(server.child.id()));
    Ok(())
}

/// The time of a full alert check of the demo company on a scenario's data: the first check
/// opens what the data holds; the second is the steady state a server pays each hour (every
/// condition found again, nothing to open); the third, the rules checked every minute alone.
pub async fn full_check(state: &AppState) -> Result<(), String> {
    let tenant = services::control::tenant(state, "demo").await.map_err(|e| e.to_string())?.ok_or("no demo company")?;
    for (round, cadence) in [("first", None), ("again", None), ("minute rules", Some(Cadence::EveryMinute))] {
        let started = Instant::now();
        let reports = check::check_tenant(state, &tenant, cadence, false, state.clock.now_ms())
            .await
            .map_err(|e| e.to_string())?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let found: Vec<String> = reports
            .iter()
            .filter(|r| r.found > 0 || !r.opened.is_empty() || r.closed > 0)
            .map(|r| format!("{} {} ({} opened)", r.kind.as_str(), r.found, r.opened.len()))
            .collect();
        let found = if found.is_empty() { "nothing found".to_owned() } else { found.join(", ") };
        println!("alert check ({round}): {ms:.0} ms; {found}");
    }
    Ok(())
}
