//! `atelier tenant …`: register, list, suspend and reactivate companies.

use clap::Subcommand;
use domain::{TenantCode, TenantStatus};
use services::control;
use services::tenancy::{NewTenant, create_tenant};

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum TenantCommand {
    /// Register a company and create its database.
    Create {
        /// Code: 2 to 32 of a-z, 0-9 and '-'.
        #[arg(long)]
        code: String,
        /// Company name.
        #[arg(long)]
        name: String,
        /// FR or DZ (sets the currency: EUR or DZD).
        #[arg(long)]
        country: String,
        /// Time zone, e.g. Europe/Paris (default: the country's).
        #[arg(long)]
        timezone: Option<String>,
    },
    /// List tenants with their status and database.
    List,
    /// Suspend a tenant: its users can no longer sign in to it.
    Suspend {
        code: String,
        /// Shown to the tenant's users at login.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Lift a suspension.
    Activate { code: String },
}

pub(super) async fn run(command: TenantCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let parse_code = |code: &str| TenantCode::parse(code).map_err(|e| format!("code: {e}"));
    let result = match command {
        TenantCommand::Create { code, name, country, timezone } => {
            let new = NewTenant::parse(&code, &name, &country, timezone.as_deref()).map_err(|e| explain(e.into()))?;
            let tenant = create_tenant(&state, &new).await.map_err(explain)?;
            println!(
                "created tenant {} ({}), database {} {}",
                tenant.code, tenant.name, tenant.db_backend, tenant.db_location
            );
            Ok(())
        }
        TenantCommand::List => {
            let tenants = control::list_tenants(&state).await.map_err(explain)?;
            if tenants.is_empty() {
                println!("no tenants");
            }
            for t in tenants {
                let reason = t.suspended_reason.map(|r| format!(" ({r})")).unwrap_or_default();
                println!(
                    "{:<12} {:<10}{reason} {} {} {:<30} {}:{}",
                    t.code, t.status, t.country, t.currency, t.name, t.db_backend, t.db_location
                );
            }
            Ok(())
        }
        TenantCommand::Suspend { code, reason } => {
            control::set_tenant_status(&state, &parse_code(&code)?, TenantStatus::Suspended, reason.as_deref())
                .await
                .map_err(explain)?;
            println!("tenant {code} suspended");
            Ok(())
        }
        TenantCommand::Activate { code } => {
            control::set_tenant_status(&state, &parse_code(&code)?, TenantStatus::Active, None)
                .await
                .map_err(explain)?;
            println!("tenant {code} active");
            Ok(())
        }
    };
    state.close().await;
    result
}
