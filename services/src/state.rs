use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::SharedClock;
use crate::db::{Backend, Db, migrations, url};
use crate::tenancy::TenantPools;
use crate::{AppError, AppResult};

/// What the services need to know about the deployment.
#[derive(Clone, Debug)]
pub struct Settings {
    pub data_dir: PathBuf,
    /// The control database; tenants' databases are created next to it.
    pub database_url: String,
    /// Demo mode: demo users may log in with the documented demo password.
    pub demo: bool,
    pub max_tenant_pools: usize,
    pub connections_per_tenant: u32,
    /// A session unused this long ends (default 30 minutes).
    pub session_idle_ms: i64,
    /// A session ends this long after login, however active (default 12 hours).
    pub session_absolute_ms: i64,
    /// Which role holds which permission (`policy/roles.toml` unless another file is given).
    pub policy: domain::Policy,
    /// Seals second-factor secrets at rest.
    pub secret_key: crate::secret_box::SecretKey,
    /// The address users reach (`ATELIER_PUBLIC_URL`), printed in invoices' verification
    /// URLs; without it, the address of the request that issues the invoice.
    pub public_url: Option<String>,
    /// Where critical alerts are e-mailed from (`ATELIER_SMTP_URL`, `ATELIER_SMTP_FROM`); no
    /// e-mail without it.
    pub smtp: Option<crate::mail::SmtpSettings>,
    /// Which hosts webhooks may be sent to: public ones over HTTPS, and loopback too when
    /// `ATELIER_WEBHOOKS_ALLOW_LOOPBACK` says so (tests, a receiver on this machine).
    pub webhook_reach: domain::webhooks::target::Reach,
}

impl Settings {
    /// SQLite under `data_dir` unless `database_url` is given.
    pub fn new(
        data_dir: PathBuf,
        database_url: Option<String>,
        demo: bool,
        secret_key: crate::secret_box::SecretKey,
    ) -> AppResult<Self> {
        std::fs::create_dir_all(&data_dir)
            .map_err(|e| AppError::Internal(format!("data directory {}: {e}", data_dir.display())))?;
        let data_dir = data_dir.canonicalize().map_err(|e| AppError::Internal(e.to_string()))?;
        let database_url = database_url.unwrap_or_else(|| url::sqlite_file(&data_dir.join("control.db")));
        Ok(Self {
            data_dir,
            database_url,
            demo,
            max_tenant_pools: 64,
            connections_per_tenant: 5,
            session_idle_ms: 30 * 60_000,
            session_absolute_ms: 12 * 3_600_000,
            policy: shipped_policy(),
            secret_key,
            public_url: None,
            smtp: None,
            webhook_reach: domain::webhooks::target::Reach::Public,
        })
    }
}

/// The policy shipped in the repository (`policy/roles.toml`), checked by a unit test.
pub fn shipped_policy() -> domain::Policy {
    domain::Policy::parse(SHIPPED_POLICY).expect("policy/roles.toml is valid")
}

pub const SHIPPED_POLICY: &str = include_str!("../../policy/roles.toml");

/// The one application state, shared by the router, the server functions and the CLI.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub control: Db,
    pub tenants: Arc<TenantPools>,
    pub clock: SharedClock,
    /// Password hashing, a bounded number at a time (A25).
    pub hashing: Arc<crate::auth::password::Hashing>,
    /// The SMTP client, when configured.
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// This process's counts of the requests the SLO measures, until they are written.
    pub slo: Arc<crate::status::SloCounters>,
    /// The status page's last computation.
    pub status: Arc<crate::status::StatusCache>,
    /// What each company holds by age, as last counted.
    pub retention: Arc<crate::governance::retention::AgesCache>,
    /// The HTTP client of webhook deliveries.
    pub webhooks: Arc<crate::webhooks::send::Sender>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl AppState {
    /// Connects to the control database and brings its schema up to date.
    pub async fn open(settings: Settings, clock: SharedClock) -> AppResult<Self> {
        if Backend::of_url(&settings.database_url)? == Backend::Postgres {
            crate::db::ensure_postgres_database(&settings.database_url).await?;
        }
        let control = Db::connect(&settings.database_url, 10).await?;
        migrations::migrate_control(&control).await?;
        crate::audit::chain::adopt_unchained(&control).await?;
        let tenants =
            TenantPools::new(settings.data_dir.clone(), settings.max_tenant_pools, settings.connections_per_tenant);
        let mailer = settings.smtp.as_ref().map(crate::mail::Mailer::new).transpose().map_err(AppError::Internal)?;
        let webhooks = crate::webhooks::send::Sender::new(settings.webhook_reach).map_err(AppError::Internal)?;
        Ok(Self {
            settings: Arc::new(settings),
            control,
            tenants: Arc::new(tenants),
            clock,
            hashing: Arc::new(crate::auth::password::Hashing::for_this_machine()),
            mailer: mailer.map(Arc::new),
            slo: Arc::default(),
            status: Arc::default(),
            retention: Arc::default(),
            webhooks: Arc::new(webhooks),
        })
    }

    pub fn backend(&self) -> Backend {
        self.control.backend()
    }

    pub async fn close(&self) {
        self.tenants.close_all().await;
        self.control.close().await;
    }
}
