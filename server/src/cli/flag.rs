//! `atelier flag …`: a company's feature flags (the console also sets rollouts, roles and kill
//! switches).

use clap::Subcommand;
use domain::TenantCode;
use services::AppError;

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum FlagCommand {
    /// Show every flag of a company and whether it is on.
    List {
        #[arg(long)]
        tenant: String,
    },
    /// Turn a flag on or off for a company.
    Set {
        #[arg(long)]
        tenant: String,
        /// The flag's name, e.g. bulk_stock_import.
        name: String,
        /// on or off.
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
}

pub(super) async fn run(command: FlagCommand, config: &Config) -> Result<(), String> {
    use services::governance;
    let state = open(config).await?;
    let tenant_db = |code: String| {
        let state = state.clone();
        async move {
            let code = TenantCode::parse(&code).map_err(|e| format!("tenant: {e}"))?;
            governance::tenant_db(&state, &code).await.map_err(|e| match e {
                AppError::NotFound => format!("no tenant {code}"),
                other => explain(other),
            })
        }
    };
    let result = match command {
        FlagCommand::List { tenant } => match tenant_db(tenant).await {
            Ok(db) => governance::flags::all(&db).await.map_err(explain).map(|flags| {
                for s in flags {
                    let roles: Vec<&str> = s.roles.iter().map(|r| r.as_str()).collect();
                    let state = match (&s.kill, s.enabled) {
                        (Some(kill), _) => format!("KILLED ({})", kill.reason),
                        (None, true) => "on".to_owned(),
                        (None, false) => "off".to_owned(),
                    };
                    let roles = if roles.is_empty() { "all roles".to_owned() } else { roles.join(",") };
                    println!("{:<28} {:<24} {:>3} %  {roles}", s.flag.name(), state, s.rollout_pct);
                }
            }),
            Err(e) => Err(e),
        },
        FlagCommand::Set { tenant, name, state: value } => {
            let flag = domain::Flag::parse(&name).ok_or_else(|| {
                let known: Vec<&str> = domain::Flag::ALL.iter().map(|f| f.name()).collect();
                format!("unknown flag {name}; known flags: {}", known.join(", "))
            });
            match (flag, tenant_db(tenant.clone()).await) {
                (Ok(flag), Ok(db)) => {
                    let on = value == "on";
                    governance::flags::set_on(&db, flag, on, "cli", state.clock.now_ms())
                        .await
                        .map(|()| println!("{} is {value} for {tenant}", flag.name()))
                        .map_err(explain)
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
    };
    state.close().await;
    result
}
