//! `atelier alerts run`: the alert checks on demand, printing what they find.

use clap::Subcommand;
use domain::TenantCode;
use services::AppError;
use services::alerts::check::{self, RuleReport, TenantOutcome};

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum AlertsCommand {
    /// Check every rule of every active company (or of one) now, opening and closing alerts;
    /// with --dry-run, only print what would change. With --scheduled, do instead what one
    /// server process does each minute: run each job whose period nobody has claimed yet.
    Run {
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long, conflicts_with = "scheduled")]
        dry_run: bool,
        #[arg(long, conflicts_with = "tenant")]
        scheduled: bool,
    },
}

pub(super) async fn run(command: AlertsCommand, config: &Config) -> Result<(), String> {
    let AlertsCommand::Run { tenant, dry_run, scheduled } = command;
    let only = tenant.as_deref().map(TenantCode::parse).transpose().map_err(|e| format!("tenant: {e}"))?;
    let state = open(config).await?;
    let now = state.clock.now_ms();
    let result = if scheduled {
        let holder = format!("cli pid {}", std::process::id());
        check::scheduled(&state, &holder, now).await.map_err(explain).map(|runs| {
            for run in runs {
                match run.outcomes {
                    Some(outcomes) => println!("{}: ran ({})", run.job.name, check::summary(&outcomes)),
                    None => println!("{}: already claimed for this period", run.job.name),
                }
            }
        })
    } else {
        match check::check_all(&state, only.as_ref(), None, dry_run, now).await {
            Ok(outcomes) => print(&outcomes, dry_run),
            Err(AppError::NotFound) => Err(format!("no active tenant {}", tenant.unwrap_or_default())),
            Err(other) => Err(explain(other)),
        }
    };
    state.close().await;
    result
}

fn print(outcomes: &[TenantOutcome], dry_run: bool) -> Result<(), String> {
    let (open, close) = if dry_run { ("would open", "would close") } else { ("opened", "closed") };
    let mut failed = 0;
    for outcome in outcomes {
        println!("{}", outcome.tenant);
        match &outcome.result {
            Ok(reports) => reports.iter().for_each(|r| print_rule(r, open, close)),
            Err(error) => {
                failed += 1;
                println!("  failed: {error}");
            }
        }
        match &outcome.mails {
            Ok(mails) if mails.sent + mails.failed > 0 => {
                println!("  e-mails: {} sent, {} not sent (tried again later)", mails.sent, mails.failed)
            }
            Ok(_) => {}
            Err(error) => println!("  e-mails failed: {error}"),
        }
    }
    if failed > 0 { Err(format!("{failed} companies could not be checked")) } else { Ok(()) }
}

fn print_rule(r: &RuleReport, open: &str, close: &str) {
    if !r.enabled {
        println!(
            "  {:<24} off{}",
            r.kind.as_str(),
            if r.closed > 0 { format!(", {close} {}", r.closed) } else { String::new() }
        );
        return;
    }
    println!("  {:<24} {} found, {open} {}, {close} {}", r.kind.as_str(), r.found, r.opened.len(), r.closed);
    for subject in &r.opened {
        println!("    + {subject}");
    }
}
