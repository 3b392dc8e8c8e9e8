//! Configuration from the environment. Every variable is optional: with none set, Atelier runs
//! the demo on SQLite under `./data`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::http::forwarded::TrustedProxies;

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
    /// `ATELIER_SECRET_KEY`: 64 hexadecimal digits sealing second-factor secrets at rest.
    /// Required unless in demo mode, where one is generated into the data directory.
    pub secret_key: Option<String>,
    /// `ATELIER_POLICY_FILE`: a role policy replacing the built-in `policy/roles.toml`.
    pub policy_file: Option<PathBuf>,
    /// `ATELIER_LOGIN_ATTEMPTS_PER_MINUTE`, default 20: sign-in attempts (passwords and codes)
    /// accepted per client address and minute.
    pub login_attempts_per_minute: u32,
    /// `ATELIER_LOG`, default `info`: a tracing filter such as `info,services=debug`.
    pub log: String,
    /// `ATELIER_METRICS_TOKEN`: when set, `/metrics` answers whoever presents it as a bearer
    /// token (and nobody else); when unset, only clients on this machine.
    pub metrics_token: Option<String>,
    /// `ATELIER_HEADER_TIMEOUT_SECONDS`, default 15: a client must send a request's headers
    /// within this time, and a connection idle this long is closed.
    pub header_timeout: Duration,
    /// `ATELIER_MAX_CONNECTIONS`, default 1024: connections served at once.
    pub max_connections: usize,
    /// `ATELIER_SMTP_URL` and `ATELIER_SMTP_FROM`: where critical alerts are e-mailed from, e.g.
    /// `smtps://user:password@smtp.example.fr` and `Atelier <alertes@example.fr>`; both or none.
    pub smtp: Option<services::mail::SmtpSettings>,
    /// `ATELIER_WEBHOOKS_ALLOW_LOOPBACK`, default `false`: let webhooks be sent to this machine
    /// (`http://127.0.0.1:…`, `[::1]`, `localhost`), for tests and a receiver beside the server.
    /// Private networks stay refused either way.
    pub webhooks_allow_loopback: bool,
    /// `ATELIER_TRUSTED_PROXIES`: the reverse proxies (addresses or ranges, comma-separated, e.g.
    /// `127.0.0.1, 10.0.0.0/8`) whose `X-Forwarded-For` names the client; none by default.
    pub trusted_proxies: TrustedProxies,
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
        let webhooks_allow_loopback = var("ATELIER_WEBHOOKS_ALLOW_LOOPBACK")
            .map_or(Ok(false), |v| parse_bool("ATELIER_WEBHOOKS_ALLOW_LOOPBACK", &v))?;
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
            secret_key: var("ATELIER_SECRET_KEY"),
            policy_file: var("ATELIER_POLICY_FILE").map(PathBuf::from),
            login_attempts_per_minute: u32::try_from(positive("ATELIER_LOGIN_ATTEMPTS_PER_MINUTE", 20)?)
                .map_err(|_| "ATELIER_LOGIN_ATTEMPTS_PER_MINUTE is too large".to_owned())?,
            log: var("ATELIER_LOG").unwrap_or_else(|| "info,sqlx=warn".into()),
            metrics_token: var("ATELIER_METRICS_TOKEN"),
            header_timeout: Duration::from_secs(positive("ATELIER_HEADER_TIMEOUT_SECONDS", 15)?),
            max_connections: usize::try_from(positive("ATELIER_MAX_CONNECTIONS", 1024)?)
                .map_err(|_| "ATELIER_MAX_CONNECTIONS is too large".to_owned())?,
            smtp: match (var("ATELIER_SMTP_URL"), var("ATELIER_SMTP_FROM")) {
                (Some(url), Some(from)) => Some(services::mail::SmtpSettings { url, from }),
                (None, None) => None,
                _ => return Err("ATELIER_SMTP_URL and ATELIER_SMTP_FROM go together: set both, or neither".into()),
            },
            webhooks_allow_loopback,
            trusted_proxies: var("ATELIER_TRUSTED_PROXIES")
                .map_or(Ok(TrustedProxies::default()), |v| TrustedProxies::parse(&v))
                .map_err(|e| format!("ATELIER_TRUSTED_PROXIES: {e}"))?,
        })
    }

    /// What the listener enforces on every connection.
    pub fn limits(&self) -> crate::http::listener::Limits {
        crate::http::listener::Limits {
            header_timeout: self.header_timeout,
            max_connections: self.max_connections,
            shutdown_grace: Duration::from_secs(30),
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    pub fn settings(&self) -> Result<services::state::Settings, String> {
        let mut settings =
            services::state::Settings::new(self.data_dir.clone(), self.database_url.clone(), self.demo, self.key()?)
                .map_err(|e| e.to_string())?;
        settings.session_idle_ms = millis(self.session_idle);
        settings.session_absolute_ms = millis(self.session_absolute);
        settings.public_url = self.public_url.clone();
        settings.smtp = self.smtp.clone();
        if self.webhooks_allow_loopback {
            settings.webhook_reach = domain::webhooks::target::Reach::WithLoopback;
        }
        if let Some(path) = &self.policy_file {
            settings.policy = load_policy(path)?;
        }
        Ok(settings)
    }

    fn key(&self) -> Result<services::secret_box::SecretKey, String> {
        use services::secret_box::SecretKey;
        match (&self.secret_key, self.demo) {
            (Some(text), _) => SecretKey::parse(text).map_err(|e| format!("ATELIER_SECRET_KEY {e}")),
            (None, true) => SecretKey::load_or_create(&self.data_dir),
            (None, false) => Err("ATELIER_SECRET_KEY is required outside demo mode: 64 hexadecimal digits, \
                                  for example from `openssl rand -hex 32`. Keep it: second factors cannot be \
                                  read without it."
                .into()),
        }
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Reads a policy file; any error stops the start with every reason.
pub fn load_policy(path: &std::path::Path) -> Result<domain::Policy, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("policy file {}: {e}", path.display()))?;
    domain::Policy::parse(&text).map_err(|issues| {
        let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
        format!("policy file {} is refused:\n  {}", path.display(), lines.join("\n  "))
    })
}
