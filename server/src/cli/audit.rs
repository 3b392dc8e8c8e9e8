//! `atelier audit …`: the audit log's hash chains, checked in the database or in an exported
//! file (on any machine: no configuration, no database), and exported.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use domain::audit::chain::{ChainCheck, PLATFORM_CHAIN};
use domain::audit::export::{Format, check_file};
use services::audit::{chain, export};

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum AuditCommand {
    /// Check a company's chain (--tenant X), the platform's (--platform), every chain (neither),
    /// or an exported file (--file audit.jsonl|audit.csv, without configuration). Exits with 1
    /// when a chain breaks, naming the first event (or line) that does not hold.
    Verify {
        #[arg(long, conflicts_with_all = ["platform", "file"])]
        tenant: Option<String>,
        #[arg(long, conflicts_with = "file")]
        platform: bool,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Write a company's chain (--tenant X) or the platform's (--platform) to a file, CSV or
    /// JSON lines after its name's extension.
    Export {
        #[arg(long, conflicts_with = "platform", required_unless_present = "platform")]
        tenant: Option<String>,
        #[arg(long)]
        platform: bool,
        #[arg(long)]
        out: PathBuf,
    },
}

impl AuditCommand {
    pub(super) fn needs_no_config(&self) -> bool {
        matches!(self, Self::Verify { file: Some(_), .. })
    }
}

/// `atelier audit verify --file F`.
pub(super) fn verify_offline(command: &AuditCommand) -> Result<(), String> {
    let AuditCommand::Verify { file: Some(path), .. } = command else {
        return Err("this command needs the configuration".into());
    };
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let checked = check_file(&bytes, format_of(path)?).map_err(|problem| format!("BROKEN: {problem}"))?;
    println!(
        "OK: chain {} — {} events, head {}",
        checked.chain.as_deref().unwrap_or("(empty)"),
        checked.entries,
        checked.head
    );
    Ok(())
}

fn format_of(path: &Path) -> Result<Format, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Format::of_name(&name).ok_or_else(|| format!("{name}: a .csv or .jsonl file"))
}

pub(super) async fn run(command: AuditCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let result = match command {
        AuditCommand::Verify { tenant, platform, .. } => {
            let chains = match (tenant, platform) {
                (Some(code), _) => vec![known(&state, &code).await?],
                (None, true) => vec![PLATFORM_CHAIN.to_owned()],
                (None, false) => chain::chains(&state.control).await.map_err(explain)?,
            };
            verify(&state, &chains).await
        }
        AuditCommand::Export { tenant, out, .. } => {
            let name = match tenant {
                Some(code) => known(&state, &code).await?,
                None => PLATFORM_CHAIN.to_owned(),
            };
            let bytes =
                export::bytes(&state.control, &name, format_of(&out)?, domain::Lang::En).await.map_err(explain)?;
            std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!("chain {name} written to {}", out.display());
            Ok(())
        }
    };
    state.close().await;
    result
}

async fn known(state: &services::AppState, code: &str) -> Result<String, String> {
    let tenant = services::control::tenant(state, code).await.map_err(explain)?;
    tenant.map(|t| t.code).ok_or_else(|| format!("no tenant {code}"))
}

async fn verify(state: &services::AppState, chains: &[String]) -> Result<(), String> {
    let mut broken = 0;
    for name in chains {
        let checked: ChainCheck = chain::check(&state.control, name, chrono_tz::UTC).await.map_err(explain)?;
        match checked.broken {
            None => println!("OK: chain {name} — {} events, head {}", checked.entries, checked.head),
            Some(b) => {
                broken += 1;
                let event = b.event_id.map(|id| format!(" (event id {id}, {})", b.kind.unwrap_or_default()));
                println!("BROKEN: chain {name} — {}{}", b.explanation, event.unwrap_or_default());
            }
        }
    }
    if broken > 0 { Err(format!("{broken} chain(s) broken")) } else { Ok(()) }
}
