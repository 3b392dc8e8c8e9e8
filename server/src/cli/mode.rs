//! `atelier mode …`: the emergency mode of the whole platform or of one company.

use clap::Subcommand;
use domain::governance::{ModeChange, ModeForm};
use services::AppError;
use services::governance::mode;

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum ModeCommand {
    /// Show the platform's mode and every company's.
    Show,
    /// Set the mode of the whole platform (--platform) or of one company (--tenant X), with the
    /// reason every page will show. NORMAL lifts it.
    Set {
        #[arg(long, conflicts_with = "tenant", required_unless_present = "tenant")]
        platform: bool,
        #[arg(long)]
        tenant: Option<String>,
        /// NORMAL, READ_ONLY, LOCKDOWN or MAINTENANCE.
        mode: String,
        #[arg(long)]
        reason: String,
    },
}

pub(super) async fn run(command: ModeCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let result = match command {
        ModeCommand::Show => show(&state).await,
        ModeCommand::Set { platform: _, tenant, mode: wanted, reason } => {
            match ModeChange::parse(&ModeForm { mode: wanted, reason }) {
                Ok(change) => match mode::set_by_operator(&state, tenant.as_deref(), &change).await {
                    Ok(()) => {
                        let scope = tenant.map_or("the platform".to_owned(), |t| format!("company {t}"));
                        println!("{scope} is now {}: {}", change.mode.as_str(), change.reason);
                        Ok(())
                    }
                    Err(AppError::NotFound) => Err(format!("no tenant {}", tenant.unwrap_or_default())),
                    Err(error) => Err(explain(error)),
                },
                Err(errors) => Err(explain(errors.into())),
            }
        }
    };
    state.close().await;
    result
}

async fn show(state: &services::AppState) -> Result<(), String> {
    let tenants = services::control::list_tenants(state).await.map_err(explain)?;
    let platform = mode::platform(state).await.map_err(explain)?;
    println!("{:<24} {:<12} {}", "platform", platform.mode.as_str(), platform.reason.unwrap_or_default());
    for tenant in &tenants {
        let company = mode::of_tenant(tenant).map_err(explain)?.company;
        println!("{:<24} {:<12} {}", tenant.code, company.mode.as_str(), company.reason.unwrap_or_default());
    }
    Ok(())
}
