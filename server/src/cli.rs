//! The admin command line: `atelier [serve]`, `migrate`, `seed-demo`, `bench`, `close`, `archive`,
//! `verify`, `check`, `backup`, `restore`, and one module per verb with subcommands (`tenant`, `user`, `sso`, `flag`, `mode`,
//! `policy`, `alerts`, `personal-data`).

mod alerts;
mod audit;
mod backup;
mod check;
mod flag;
mod ledger;
mod migrate;
mod mode;
mod personal_data;
mod policy;
mod sso;
mod tenant;
mod user;

use std::io::BufRead;

use clap::{Parser, Subcommand};
use services::{AppError, AppState, clock};

use self::alerts::AlertsCommand;
use self::audit::AuditCommand;
use self::flag::FlagCommand;
use self::mode::ModeCommand;
use self::personal_data::PersonalDataCommand;
use self::policy::PolicyCommand;
use self::sso::SsoCommand;
use self::tenant::TenantCommand;
use self::user::UserCommand;
use crate::config::Config;

#[derive(Parser, Debug)]
#[command(name = "atelier", version, about = "Atelier ERP: the web server and its administration commands")]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

impl Cli {
    /// Whether the command runs without configuration (`atelier verify`, for an auditor's
    /// machine with nothing else of Atelier).
    pub fn needs_no_config(&self) -> bool {
        match &self.command {
            Some(Command::Verify { .. }) => true,
            Some(Command::Audit { command }) => command.needs_no_config(),
            _ => false,
        }
    }

    /// The log filter when `ATELIER_LOG` is not set. A benchmark records thousands of operations
    /// in its own process; their anomaly warnings would bury the figures.
    pub fn default_log(&self) -> Option<&'static str> {
        matches!(self.command, Some(Command::Bench { .. } | Command::CrashLoop { .. })).then_some("error")
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending migrations to the control database and every tenant database.
    Migrate {
        /// Only say what would be applied, to which database; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
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
    /// The audit log's hash chains: `atelier audit verify [--tenant X | --platform | --file F]`,
    /// `atelier audit export --tenant X --out F.jsonl`.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Emergency modes (`atelier mode set --platform|--tenant X MODE --reason …`, `atelier mode show`).
    Mode {
        #[command(subcommand)]
        command: ModeCommand,
    },
    /// Personal data (GDPR): `atelier personal-data export EMAIL --out F.json`,
    /// `anonymise EMAIL --yes`, `anonymise-customer --tenant X --customer ID --yes`.
    PersonalData {
        #[command(subcommand)]
        command: PersonalDataCommand,
    },
    /// The alert checks (`atelier alerts run [--tenant X] [--dry-run]`).
    Alerts {
        #[command(subcommand)]
        command: AlertsCommand,
    },
    /// Close a period of a company's inalterable ledger (a day, a month or a year, once over),
    /// or with --due every period due, as the server's scheduler does.
    Close {
        #[arg(long)]
        tenant: String,
        /// 2026-03-10 (a day), 2026-03 (a month) or 2026 (a fiscal year).
        #[arg(long, required_unless_present = "due", conflicts_with = "due")]
        period: Option<String>,
        #[arg(long)]
        due: bool,
    },
    /// Write the archive of a period of a company's ledger into a folder: its entries as JSON
    /// lines, every invoice's and credit note's PDF, and a manifest.
    Archive {
        #[arg(long)]
        tenant: String,
        /// 2026-03-10 (a day), 2026-03 (a month) or 2026 (a fiscal year).
        #[arg(long)]
        period: String,
        /// The folder to write (created; it must be empty if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Check an archive folder offline: every hash, the chain, every PDF. Opens no database and
    /// reads no configuration; prints OK or the first problem.
    Verify {
        /// The archive folder (holding manifest.json).
        dir: std::path::PathBuf,
    },
    /// Check the integrity of one company (or of every one, and the platform's audit chain):
    /// stock levels and lots against their movements, invoice numbers, PDFs against their
    /// hashes, the hash chains, missions' states, approved time. Prints each rule and every
    /// violation; fails when one is found.
    Check {
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Back up one company (--tenant) or every company and the control database into a new
    /// folder while the server runs: SQLite copies (VACUUM INTO) or pg_dump archives, each
    /// company's control rows, and manifest.json with every file's SHA-256.
    Backup {
        #[arg(long)]
        tenant: Option<String>,
        /// The folder to write (created; it must be empty if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Restore one company (--tenant) or every company of a backup, each into an empty
    /// database, after checking every file against the manifest; then run the integrity check
    /// on it. A company not registered here comes back with its members, settings and audit
    /// chain.
    Restore {
        /// The backup folder (holding manifest.json).
        #[arg(long)]
        from: std::path::PathBuf,
        #[arg(long)]
        tenant: Option<String>,
    },
    /// A test of crash safety: start a server on a fresh demo database, kill it with SIGKILL at a
    /// random moment while three users write through it, check the company (integrity check,
    /// every acknowledged write present) and start it again, this many times. Fails at the
    /// first problem.
    CrashLoop {
        #[arg(long, default_value_t = 50)]
        iterations: usize,
        /// A PostgreSQL server to run on (a fresh database is created there and dropped after);
        /// default SQLite.
        #[arg(long)]
        postgres: Option<String>,
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
        /// Instead: issue this many 20-line invoices, time the PDF, and load the invoice pages.
        #[arg(long)]
        invoices: Option<usize>,
        /// Instead: this many missions with ten time entries each; approve a week of 40
        /// entries, and load the mission list, mission pages and the weeks of time.
        #[arg(long)]
        missions: Option<usize>,
        /// Instead: the stock, invoicing and missions volumes in one company (--movements,
        /// --invoices, default 100,000, --missions, default 50,000); time a full alert check and
        /// load the dashboards and alert pages.
        #[arg(long)]
        alerts: bool,
        /// Instead: this many sessions that ended over a year ago; time the emergency mode and
        /// feature flag checks, load the pages beside /health, then purge the sessions while the
        /// server is under load.
        #[arg(long)]
        governance: Option<usize>,
        /// Instead: Lighthouse's mobile scores (slow 4G, 4× CPU) of the sign-in page, the stock
        /// list, the invoice list and the technician's missions (needs scripts/setup.sh --browser,
        /// scripts/build.sh and `source scripts/env.sh`).
        #[arg(long)]
        lighthouse: bool,
        /// Instead: this many minutes (default 10) of signed-in users of two companies reading
        /// pages and receiving stock at --connections 64, with the server's memory each minute.
        #[arg(long, num_args = 0..=1, default_missing_value = "10")]
        long_load: Option<u64>,
    },
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

/// The commands that need no configuration.
pub fn run_offline(cli: Cli) -> Result<(), String> {
    match cli.command {
        Some(Command::Verify { dir }) => ledger::verify(&dir),
        Some(Command::Audit { command }) => audit::verify_offline(&command),
        _ => Err("this command needs the configuration".into()),
    }
}

pub async fn run(cli: Cli, config: Config) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => crate::serve::run(config).await,
        Command::Migrate { dry_run } => migrate::run(dry_run, &config).await,
        Command::SeedDemo => {
            let state = open(&config).await?;
            let seeded = services::demo::seed(&state).await.map_err(explain)?;
            println!("{}", if seeded { "demo data created" } else { "demo data already present: nothing done" });
            state.close().await;
            Ok(())
        }
        Command::Tenant { command } => tenant::run(command, &config).await,
        Command::User { command } => user::run(command, &config).await,
        Command::Policy { command: PolicyCommand::Lint { file } } => policy::lint(file.as_deref()),
        Command::Sso { command } => sso::run(command, &config).await,
        Command::Flag { command } => flag::run(command, &config).await,
        Command::Audit { command } => audit::run(command, &config).await,
        Command::Alerts { command } => alerts::run(command, &config).await,
        Command::Mode { command } => mode::run(command, &config).await,
        Command::PersonalData { command } => personal_data::run(command, &config).await,
        Command::Close { tenant, period, due: _ } => ledger::close(&tenant, period.as_deref(), &config).await,
        Command::Archive { tenant, period, out } => ledger::archive(&tenant, &period, &out, &config).await,
        Command::Verify { dir } => ledger::verify(&dir),
        Command::Check { tenant } => check::run(tenant.as_deref(), &config).await,
        Command::CrashLoop { iterations, postgres } => {
            crate::crash_loop::run(crate::crash_loop::Options { iterations: iterations.max(1), postgres }).await
        }
        Command::Backup { tenant, out } => backup::backup(tenant.as_deref(), &out, &config).await,
        Command::Restore { from, tenant } => backup::restore(&from, tenant.as_deref(), &config).await,
        Command::Bench {
            connections,
            seconds,
            stock,
            movements,
            postgres,
            sign_ins,
            invoices,
            missions,
            alerts,
            governance,
            lighthouse,
            long_load,
        } => {
            let options = crate::bench::BenchOptions {
                connections: connections.max(1),
                seconds: seconds.max(1),
                stock: stock.then_some(movements.max(1)),
                postgres,
                sign_ins,
                invoices: invoices.map(|n| n.max(1)),
                missions: missions.map(|n| n.max(1)),
                alerts: alerts.then(|| crate::bench::alerts::Volumes {
                    movements: movements.max(1),
                    invoices: invoices.unwrap_or(100_000).max(1),
                    missions: missions.unwrap_or(50_000).max(1),
                }),
                governance,
                lighthouse,
                long_load: long_load.map(|m| m.max(1)),
            };
            crate::bench::run(options).await
        }
    }
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
