//! Configuration from the environment. Every variable is optional: with none set, Atelier runs
//! the demo on SQLite under `./data`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `ATELIER_DATA_DIR`, default `./data`: SQLite databases and generated files.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`: a `postgres://` URL to keep the control database (and create tenant
    /// databases) on PostgreSQL; unset means SQLite in the data directory.
    pub database_url: Option<String>,
    /// `ATELIER_DEMO`, default `true`: seed the demo tenants on first start and accept the demo
    /// password. Set it to `false` in production.
    pub demo: bool,
    /// `LEPTOS_SITE_ADDR`, default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `ATELIER_PUBLIC_URL`: the address users reach; an `https://` one makes the session cookie
    /// `Secure` with the `__Host-` prefix.
    pub public_url: Option<String>,
    /// `ATELIER_SESSION_IDLE_MINUTES`, default 30.
    pub session_idle: Duration,
    /// `ATELIER_SESSION_ABSOLUTE_HOURS`, default 12.
    pub session_absolute: Duration,
    /// `ATELIER_LOG`, default `info`: a tracing filter such as `info,services=debug`.
    pub log: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn parse_bool(name: &str, raw: &str) -> Result<bool, String> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("{name} must be true or false, not {raw:?}")),
    }
}

fn positive(name: &str, default: u64) -> Result<u64, String> {
    var(name).map_or(Ok(default), |v| {
        v.parse::<u64>().ok().filter(|n| *n > 0).ok_or(format!("{name} must be a positive whole number, not {v:?}"))
    })
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let demo = var("ATELIER_DEMO").map_or(Ok(true), |v| parse_bool("ATELIER_DEMO", &v))?;
        let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr.parse().map_err(|_| format!("LEPTOS_SITE_ADDR must be host:port, not {addr:?}"))?;
        let idle = positive("ATELIER_SESSION_IDLE_MINUTES", 30)?;
        let absolute = positive("ATELIER_SESSION_ABSOLUTE_HOURS", 12)?;
        let database_url = var("DATABASE_URL");
        if let Some(url) = &database_url
            && services::db::Backend::of_url(url).is_err()
        {
            return Err("DATABASE_URL must be a postgres:// or sqlite: URL".into());
        }
        Ok(Self {
            data_dir: var("ATELIER_DATA_DIR").map_or_else(|| PathBuf::from("data"), PathBuf::from),
            database_url,
            demo,
            addr,
            public_url: var("ATELIER_PUBLIC_URL"),
            session_idle: Duration::from_secs(idle * 60),
            session_absolute: Duration::from_secs(absolute * 3600),
            log: var("ATELIER_LOG").unwrap_or_else(|| "info,sqlx=warn".into()),
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    pub fn settings(&self) -> Result<services::state::Settings, String> {
        services::state::Settings::new(self.data_dir.clone(), self.database_url.clone(), self.demo)
            .map_err(|e| e.to_string())
    }
}
