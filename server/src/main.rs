//! The Atelier server binary: the web application and its admin command line.

use clap::Parser;
use server::{cli, config};

// Measured by `atelier bench` (docs/testing.md): with glibc's allocator, a fifth of a signed-in
// page's time went to malloc and free across the runtime's and SQLite's threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    if args.needs_no_config() {
        return exit(cli::run_offline(args));
    }
    let config = match config::Config::from_env() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("configuration error: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let log = match args.default_log() {
        Some(quiet) if std::env::var_os("ATELIER_LOG").is_none() => quiet,
        _ => &config.log,
    };
    init_tracing(log);
    exit(cli::run(args, config).await)
}

fn exit(result: Result<(), String>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_tracing(filter: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_ansi(ansi).init();
}
