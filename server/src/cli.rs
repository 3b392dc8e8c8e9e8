//! The admin command line: `atelier [serve]`, `migrate`, `seed-demo`, `tenant …`, `user …`,
//! `policy lint`.

use std::io::BufRead;

use clap::{Parser, Subcommand};
use domain::{Role, TenantCode, TenantStatus};
use services::control::{self, NewTenant, NewUser};
use services::{AppError, AppState, clock};

use crate::config::Config;

#[derive(Parser, Debug)]
#[command(name = "atelier", version, about = "Atelier ERP: the web server and its administration commands")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

impl Cli {
    /// The log filter when `ATELIER_LOG` is not set. A benchmark records thousands of operations
    /// in its own process; their anomaly warnings would bury the figures.
    pub fn default_log(&self) -> Option<&'static str> {
        matches!(self.command, Some(Command::Bench { .. })).then_some("error")
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending migrations to the control database and every tenant database.
    Migrate,
    /// Create the demo tenants and users (once; later runs do nothing).
    SeedDemo,
    /// Manage tenants (companies).
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage companies' single sign-on (OpenID Connect identity providers).
    Sso {
        #[command(subcommand)]
        command: SsoCommand,
    },
    /// A company's feature flags (bulk_stock_import, auto_reorder_suggestions).
    Flag {
        #[command(subcommand)]
        command: FlagCommand,
    },
    /// Check a role policy file.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Measure: start a server on a fresh demo database and load the home page and /health;
    /// with --stock, first fill the demo company with 50,000 articles, 20 sites and 1,000,000
    /// movements, and measure stock pages, movements per second and CSV imports.
    Bench {
        /// Concurrent connections.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Seconds of load per target.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// The stock scenario.
        #[arg(long)]
        stock: bool,
        /// Movements to generate in the stock scenario.
        #[arg(long, default_value_t = 1_000_000)]
        movements: usize,
        /// A PostgreSQL server to run on (a fresh database is created there and dropped after),
        /// e.g. postgres://postgres@127.0.0.1:5432/postgres; default SQLite.
        #[arg(long)]
        postgres: Option<String>,
        /// Instead: this many wrong sign-ins at once, and the server's memory before and after.
        #[arg(long)]
        sign_ins: Option<usize>,
    },
}

#[derive(Subcommand, Debug)]
enum TenantCommand {
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

#[derive(Subcommand, Debug)]
enum SsoCommand {
    /// Register an identity provider for a company. The client secret is read from
    /// ATELIER_SSO_CLIENT_SECRET or the first line of standard input. Its redirect URI is
    /// <public URL>/auth/oidc/callback.
    Add {
        #[arg(long)]
        tenant: String,
        /// Shown on the login page: "Sign in with <label>".
        #[arg(long)]
        label: String,
        /// The issuer URL, exactly as the provider's discovery document states it.
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        client_id: String,
    },
    /// List identity providers.
    List,
    /// Remove an identity provider (its users can no longer sign in through it).
    Remove { id: String },
    /// What happens to an identity no account is linked to yet (both off by default).
    Accounts {
        #[arg(long)]
        tenant: String,
        /// Link it to the existing member with the same, verified, e-mail address.
        #[arg(long)]
        link_by_email: bool,
        /// Create an account (a member with --role) on first sign-in.
        #[arg(long)]
        create_accounts: bool,
        #[arg(long, default_value = "technician")]
        role: String,
    },
}

#[derive(Subcommand, Debug)]
enum FlagCommand {
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

#[derive(Subcommand, Debug)]
enum PolicyCommand {
    /// Report every error and warning of a policy file (default: the built-in policy/roles.toml);
    /// exits with status 1 on errors.
    Lint { file: Option<std::path::PathBuf> },
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Create a user (or add a role to an existing one). The password is read from the first
    /// line of standard input, or from ATELIER_NEW_USER_PASSWORD.
    Create {
        #[arg(long)]
        email: String,
        /// Display name (for a new user).
        #[arg(long)]
        name: Option<String>,
        /// Tenant code to grant the role in.
        #[arg(long)]
        tenant: String,
        /// admin, manager, accountant, technician or auditor.
        #[arg(long)]
        role: String,
    },
    /// Disable an account everywhere; all its sessions end at once.
    Disable { email: String },
    /// Enable a disabled account again.
    Enable { email: String },
    /// Lift a lockout after repeated failed sign-ins.
    Unlock { email: String },
    /// Remove an account's second factor (the user sets up a new one).
    ResetSecondFactor { email: String },
}

async fn open(config: &Config) -> Result<AppState, String> {
    AppState::open(config.settings()?, clock::system()).await.map_err(|e| e.to_string())
}

/// Prints every problem of a refused input, one per line.
fn explain(error: AppError) -> String {
    match error {
        AppError::Validation(errors) => {
            errors.0.iter().map(|e| format!("{}: {}", e.field, e.code)).collect::<Vec<_>>().join("\n")
        }
        other => other.to_string(),
    }
}

pub async fn run(cli: Cli, config: Config) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => crate::serve::run(config).await,
        Command::Migrate => {
            let state = open(&config).await?;
            for tenant in control::list_tenants(&state).await.map_err(explain)? {
                state.tenants.get(&tenant).await.map_err(explain)?;
                println!("tenant {}: up to date", tenant.code);
            }
            println!("control database: up to date");
            state.close().await;
            Ok(())
        }
        Command::SeedDemo => {
            let state = open(&config).await?;
            let seeded = services::demo::seed(&state).await.map_err(explain)?;
            println!("{}", if seeded { "demo data created" } else { "demo data already present: nothing done" });
            state.close().await;
            Ok(())
        }
        Command::Tenant { command } => tenant(command, &config).await,
        Command::User { command } => user(command, &config).await,
        Command::Policy { command: PolicyCommand::Lint { file } } => lint_policy(file.as_deref()),
        Command::Sso { command } => sso(command, &config).await,
        Command::Flag { command } => flag(command, &config).await,
        Command::Bench { connections, seconds, stock, movements, postgres, sign_ins } => {
            let options = crate::bench::BenchOptions {
                connections: connections.max(1),
                seconds: seconds.max(1),
                stock: stock.then_some(movements.max(1)),
                postgres,
                sign_ins,
            };
            crate::bench::run(options).await
        }
    }
}

async fn tenant(command: TenantCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let parse_code = |code: &str| TenantCode::parse(code).map_err(|e| format!("code: {e}"));
    let result = match command {
        TenantCommand::Create { code, name, country, timezone } => {
            let new = NewTenant::parse(&code, &name, &country, timezone.as_deref()).map_err(|e| explain(e.into()))?;
            let tenant = control::create_tenant(&state, &new).await.map_err(explain)?;
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

async fn flag(command: FlagCommand, config: &Config) -> Result<(), String> {
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
            Ok(db) => governance::flags(&db).await.map_err(explain).map(|flags| {
                for (flag, on) in flags {
                    println!("{:<28} {}", flag.name(), if on { "on" } else { "off" });
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
                    governance::set_flag(&db, flag, on, "cli", state.clock.now_ms())
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

/// A secret for a command: from the environment variable `var`, else the first line of
/// standard input (never a command-line argument, which other users can see).
fn read_secret(var: &str, what: &str) -> Result<String, String> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    eprintln!("{what} (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn sso(command: SsoCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let tenant_code = |code: &str| TenantCode::parse(code).map_err(|e| format!("tenant: {e}"));
    let result = match command {
        SsoCommand::Add { tenant, label, issuer, client_id } => match (
            tenant_code(&tenant),
            read_secret("ATELIER_SSO_CLIENT_SECRET", "client secret").map(|s| s.trim().to_owned()),
        ) {
            (Ok(code), Ok(secret)) => services::sso::add_provider(&state, &code, &label, &issuer, &client_id, &secret)
                .await
                .map(|p| println!("provider {} added for {}: \"{}\" ({})", p.id, p.tenant_code, p.label, p.issuer))
                .map_err(explain),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        SsoCommand::List => services::sso::all_providers(&state)
            .await
            .map(|providers| {
                if providers.is_empty() {
                    println!("no identity providers");
                }
                for p in providers {
                    println!("{}  {:<12} {:<20} {} (client {})", p.id, p.tenant_code, p.label, p.issuer, p.client_id);
                }
            })
            .map_err(explain),
        SsoCommand::Remove { id } => services::sso::remove_provider(&state, &id)
            .await
            .map(|()| println!("provider {id} removed"))
            .map_err(explain),
        SsoCommand::Accounts { tenant, link_by_email, create_accounts, role } => {
            match (tenant_code(&tenant), Role::parse(&role).map_err(|e| format!("role: {e}"))) {
                (Ok(code), Ok(role)) => services::sso::set_account_rules(
                    &state,
                    &code,
                    link_by_email,
                    create_accounts,
                    role,
                )
                .await
                .map(|()| {
                    println!(
                        "{tenant}: link by verified e-mail {link_by_email}, create accounts {create_accounts} ({})",
                        role.as_str()
                    )
                })
                .map_err(explain),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
    };
    state.close().await;
    result
}

fn lint_policy(file: Option<&std::path::Path>) -> Result<(), String> {
    let (name, text) = match file {
        Some(path) => {
            (path.display().to_string(), std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => ("built-in policy/roles.toml".to_owned(), services::state::SHIPPED_POLICY.to_owned()),
    };
    let (policy, issues) = domain::Policy::lint(&text);
    for issue in &issues {
        println!("{issue}");
    }
    let errors = issues.iter().filter(|i| i.is_error()).count();
    if errors > 0 || policy.is_none() {
        let known: Vec<&str> = domain::Permission::ALL.iter().map(|p| p.name()).collect();
        println!("known permissions: {}", known.join(", "));
        return Err(format!("{name}: {errors} error(s)"));
    }
    println!("{name}: OK ({} warning(s))", issues.len());
    Ok(())
}

/// The account an administrative command acts on.
async fn account(state: &AppState, email: &str) -> Result<services::control::UserRecord, String> {
    let email = domain::Email::parse(email).map_err(|e| format!("email: {e}"))?;
    control::find_user_by_email(state, &email).await.map_err(explain)?.ok_or_else(|| format!("no account {email}"))
}

async fn user(command: UserCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let meta = services::audit::RequestMeta::new(None, Some("atelier command line"), None);
    let result = match command {
        UserCommand::Create { email, name, tenant, role } => create_user(&state, email, name, tenant, role).await,
        UserCommand::Disable { email } => match account(&state, &email).await {
            Ok(user) => services::auth::account::disable(&state, &meta, &user.id)
                .await
                .map(|ended| println!("{email} disabled; {ended} session(s) ended"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::Enable { email } => match account(&state, &email).await {
            Ok(user) => services::auth::account::enable(&state, &user.id)
                .await
                .map(|()| println!("{email} enabled"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::Unlock { email } => match account(&state, &email).await {
            Ok(user) => services::members::unlock_account(&state, &meta, &user)
                .await
                .map(|()| println!("{email} unlocked"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::ResetSecondFactor { email } => match account(&state, &email).await {
            Ok(user) => services::members::reset_account_second_factor(&state, &meta, &user)
                .await
                .map(|()| println!("{email}: second factor removed"))
                .map_err(explain),
            Err(e) => Err(e),
        },
    };
    state.close().await;
    result
}

async fn create_user(
    state: &AppState,
    email: String,
    name: Option<String>,
    tenant: String,
    role: String,
) -> Result<(), String> {
    let tenant = TenantCode::parse(&tenant).map_err(|e| format!("tenant: {e}"))?;
    let role = Role::parse(&role).map_err(|e| format!("role: {e}"))?;
    let parsed_email = domain::Email::parse(&email).map_err(|e| format!("email: {e}"))?;
    let user = match control::find_user_by_email(state, &parsed_email).await.map_err(explain)? {
        Some(existing) => existing,
        None => {
            let name = name.ok_or("name: required for a new user")?;
            let new = NewUser::parse(&email, &name, &read_secret("ATELIER_NEW_USER_PASSWORD", "password")?)
                .map_err(|e| explain(e.into()))?;
            control::create_user(state, new).await.map_err(explain)?
        }
    };
    control::add_membership(state, &user.id, &tenant, role).await.map_err(explain)?;
    println!("{} is {} in {}", user.email, role.as_str(), tenant);
    Ok(())
}
