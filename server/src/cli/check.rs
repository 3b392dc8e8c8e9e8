//! `atelier check [--tenant X]`: the integrity check of one company or of every one (and the
//! platform's audit chain), printed rule by rule; fails when anything does not hold.

use domain::TenantCode;
use domain::audit::chain::PLATFORM_CHAIN;
use domain::governance::integrity::Report;
use services::audit::chain;
use services::control;
use services::governance::integrity;

use super::{explain, open};
use crate::config::Config;

pub(super) async fn run(tenant: Option<&str>, config: &Config) -> Result<(), String> {
    let code = tenant.map(TenantCode::parse).transpose().map_err(|e| format!("tenant: {e}"))?;
    let state = open(config).await?;
    let result = check(&state, code.as_ref()).await;
    state.close().await;
    match result? {
        0 => Ok(()),
        n => Err(format!("{n} violations found")),
    }
}

/// Checks and prints; returns the number of violations.
async fn check(state: &services::AppState, code: Option<&TenantCode>) -> Result<i64, String> {
    let codes = match code {
        Some(code) => vec![code.clone()],
        None => {
            let tenants = control::list_tenants(state).await.map_err(explain)?;
            tenants
                .iter()
                .map(|t| TenantCode::parse(&t.code).map_err(|e| format!("tenant {}: {e}", t.code)))
                .collect::<Result<_, _>>()?
        }
    };
    let mut violations = 0;
    for code in &codes {
        let report = integrity::check_company(state, code).await.map_err(|e| match e {
            services::AppError::NotFound => format!("no tenant {code}"),
            other => explain(other),
        })?;
        print(code.as_str(), &report);
        violations += report.violations();
    }
    if code.is_none() {
        let platform = chain::check(&state.control, PLATFORM_CHAIN, chrono_tz::UTC).await.map_err(explain)?;
        match platform.broken {
            None => println!("platform: audit-log ok ({} entries)", platform.entries),
            Some(broken) => {
                violations += 1;
                println!("platform: audit-log BROKEN at entry {}: {}", broken.seq, broken.explanation);
            }
        }
    }
    Ok(violations)
}

pub(super) fn print(tenant: &str, report: &Report) {
    for outcome in &report.rules {
        let verdict = if outcome.holds() { "ok" } else { "VIOLATED" };
        println!(
            "{tenant}: {} {verdict} ({} checked, {} violations)",
            outcome.rule.key(),
            outcome.checked,
            outcome.violations
        );
        for v in &outcome.shown {
            println!("  {} {}: expected {}, found {}", v.finding, v.subject, v.expected, v.found);
        }
        let unshown = outcome.violations - outcome.shown.len() as i64;
        if unshown > 0 {
            println!("  … and {unshown} more");
        }
    }
}
