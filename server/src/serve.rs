//! `atelier serve`: open the databases, seed the demo if asked, serve until SIGTERM or Ctrl-C.

use std::time::Duration;

use leptos::config::get_configuration;
use services::{AppState, clock, demo};

use crate::config::Config;
use crate::http::router;

pub async fn run(config: Config) -> Result<(), String> {
    let state = AppState::open(config.settings()?, clock::system()).await.map_err(|e| e.to_string())?;
    if config.demo {
        demo::seed(&state).await.map_err(|e| format!("demo seed: {e}"))?;
    }
    let mut leptos_options = get_configuration(None).map_err(|e| e.to_string())?.leptos_options;
    leptos_options.site_addr = config.addr;
    let names = std::path::Path::new(&*leptos_options.site_root)
        .join(&*leptos_options.site_pkg_dir)
        .join(crate::http::assets::NAMES_FILE);
    if !names.exists() {
        tracing::warn!("{} is missing: pages will not hydrate. Build with scripts/build.sh.", names.display());
    }

    let app = router::build(state.clone(), &config, leptos_options);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tokio::spawn(maintenance(state.clone()));
    tokio::spawn(alert_checks(state.clone()));
    tokio::spawn(webhook_deliveries(state.clone()));
    tokio::spawn(slo_flush(state.clone()));
    print_banner(&config, &state);

    crate::http::listener::serve(listener, app, config.limits(), shutdown_signal()).await;
    if let Err(error) = services::status::flush(&state, state.clock.now_ms()).await {
        tracing::warn!(%error, "writing the last SLO measurements");
    }
    tracing::info!("shutting down: closing database pools");
    state.close().await;
    Ok(())
}

fn print_banner(config: &Config, state: &AppState) {
    println!();
    println!("  Atelier is running at http://{}", config.addr);
    println!("  data: {} ({})", state.settings.data_dir.display(), state.backend().as_str());
    if config.demo {
        println!("  demo mode: every demo account uses the password  {}", demo::DEMO_PASSWORD);
        for user in demo::DEMO_USERS {
            let roles: Vec<String> = user.roles.iter().map(|(t, r)| format!("{} in {t}", r.as_str())).collect();
            println!("    {:<28} {}", user.email, roles.join(", "));
        }
    }
    println!();
}

/// Closes tenant pools nobody used for a while, forgets sign-in attempts no budget counts any
/// more and imports a day past their end; once a day (the first tick of the day that no
/// other process claimed), deletes the sessions that ended a year ago (their retention); every
/// hour (and at start), closes the ledger periods that are due.
async fn maintenance(state: AppState) {
    let holder = process_name(&state);
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    for round in 0u64.. {
        tick.tick().await;
        if round % 12 == 0 {
            close_due_periods(&state).await;
        }
        match services::governance::retention::scheduled(&state, &holder).await {
            Ok(None | Some(0)) => {}
            Ok(Some(deleted)) => tracing::info!(deleted, "deleted the sessions past their retention"),
            Err(error) => tracing::warn!(%error, "deleting the sessions past their retention"),
        }
        match services::auth::address_budget::forget_past(&state).await {
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "forgetting past sign-in attempts"),
        }
        if let Err(error) = services::stock::import::progress::forget_past(&state).await {
            tracing::warn!(%error, "forgetting imports finished a day ago");
        }
        let closed = state.tenants.close_idle(Duration::from_secs(900)).await;
        if closed > 0 {
            tracing::info!(closed, "closed idle tenant pools");
        }
    }
}

/// The alert checks: every 15 seconds, this process claims the current minute's (and hour's)
/// checks unless another server process on the same database already has, so each period runs
/// once whichever process gets there first, and within 15 seconds of its start.
async fn alert_checks(state: AppState) {
    use services::alerts::check;
    let holder = process_name(&state);
    let mut tick = tokio::time::interval(Duration::from_secs(15));
    loop {
        tick.tick().await;
        match check::scheduled(&state, &holder, state.clock.now_ms()).await {
            Ok(runs) => {
                for run in runs {
                    let Some(outcomes) = run.outcomes else { continue };
                    for o in &outcomes {
                        if let Err(error) = &o.result {
                            tracing::warn!(job = run.job.name, tenant = %o.tenant, %error, "alert checks");
                        }
                        if let Err(error) = &o.mails {
                            tracing::warn!(job = run.job.name, tenant = %o.tenant, %error, "alert e-mails");
                        }
                    }
                    tracing::debug!(job = run.job.name, summary = check::summary(&outcomes), "alert checks");
                }
            }
            Err(error) => tracing::warn!(%error, "alert checks"),
        }
    }
}

/// Webhook deliveries: every 5 seconds, this process sends what is due in every company (each
/// delivery claimed by one process at a time).
async fn webhook_deliveries(state: AppState) {
    let holder = process_name(&state);
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        match services::webhooks::send::round(&state, &holder, state.clock.now_ms()).await {
            Ok(rounds) => {
                for (tenant, sent) in rounds {
                    match sent {
                        Ok(sent) if sent.delivered + sent.failed > 0 => {
                            tracing::debug!(%tenant, delivered = sent.delivered, failed = sent.failed, "webhooks")
                        }
                        Ok(_) => {}
                        Err(error) => tracing::warn!(%tenant, %error, "webhook deliveries"),
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "webhook deliveries"),
        }
    }
}

/// How this process names itself in the claims it takes in the databases.
fn process_name(state: &AppState) -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "localhost".into());
    format!("{host} pid {} since {}", std::process::id(), state.clock.now_ms())
}

/// Every minute, this process's counts of the requests the SLO measures join the others' in the
/// control database.
async fn slo_flush(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    tick.tick().await;
    loop {
        tick.tick().await;
        if let Err(error) = services::status::flush(&state, state.clock.now_ms()).await {
            tracing::warn!(%error, "writing the SLO measurements (kept for the next minute)");
        }
    }
}

/// The scheduled closures of every active company whose mode lets scheduled work write. A company whose closure fails is logged
/// and tried again at the next round; the others go on.
async fn close_due_periods(state: &AppState) {
    let tenants = match services::control::list_tenants(state).await {
        Ok(tenants) => tenants,
        Err(error) => return tracing::warn!(%error, "listing companies for the closures"),
    };
    for tenant in tenants.into_iter().filter(services::governance::mode::jobs_may_write) {
        let Ok(code) = domain::TenantCode::parse(&tenant.code) else { continue };
        match services::invoicing::closures::close_tenant(state, &code, None, state.clock.now_ms()).await {
            Ok(closed) if !closed.is_empty() => {
                tracing::info!(tenant = %code, closed = closed.len(), "closed ledger periods")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(tenant = %code, %error, "closing ledger periods"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("signal received: finishing requests in flight");
}
