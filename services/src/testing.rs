//! Throw-away environments for tests: a fresh data directory on SQLite, or fresh databases on
//! the PostgreSQL server named by `ATELIER_TEST_DATABASE_URL`.

use std::sync::Arc;

use crate::clock::{ManualClock, SharedClock};
use crate::db::{Backend, url};
use crate::state::Settings;
use crate::{AppState, demo};

/// 2026-11-22T09:00:00Z, a Sunday morning in Lyon and Algiers.
pub const TEST_EPOCH_MS: i64 = 1_795_338_000_000;

pub struct TestEnv {
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub backend: Backend,
    _dir: tempfile::TempDir,
    /// The control database URL on PostgreSQL, dropped (with its tenants' databases) at the end.
    postgres_cleanup: Option<String>,
}

/// The backends to run a test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    match std::env::var("ATELIER_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => all.push(Backend::Postgres),
        _ => eprintln!("ATELIER_TEST_DATABASE_URL not set: PostgreSQL tests SKIPPED"),
    }
    all
}

impl TestEnv {
    pub async fn new(backend: Backend) -> Self {
        Self::with_key(backend, crate::secret_box::SecretKey::generate()).await
    }

    /// A fresh environment sealing secrets with `key` (another installation of the same
    /// organisation, as a restore needs).
    pub async fn with_key(backend: Backend, key: crate::secret_box::SecretKey) -> Self {
        let server = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(std::env::var("ATELIER_TEST_DATABASE_URL").expect("ATELIER_TEST_DATABASE_URL")),
        };
        Self::build(server, key).await
    }

    /// A fresh environment on the PostgreSQL server reached at `server_url` (through a proxy
    /// a test can cut, say).
    pub async fn on_postgres(server_url: &str) -> Self {
        Self::build(Some(server_url.to_owned()), crate::secret_box::SecretKey::generate()).await
    }

    /// SQLite without a server URL, else fresh databases on that PostgreSQL server.
    async fn build(server: Option<String>, key: crate::secret_box::SecretKey) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let backend = if server.is_some() { Backend::Postgres } else { Backend::Sqlite };
        let (database_url, postgres_cleanup) = match server {
            None => (None, None),
            Some(admin_url) => {
                // AppState::open creates this database on first use.
                let name = format!("atelier_t{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
                let url = url::postgres_with_database(&admin_url, &name).expect("postgres URL with a database");
                (Some(url.clone()), Some(url))
            }
        };
        let clock = ManualClock::at(TEST_EPOCH_MS);
        let settings = Settings::new(dir.path().join("data"), database_url, true, key).expect("settings");
        let shared: SharedClock = clock.clone();
        let state = AppState::open(settings, shared).await.expect("open state");
        Self { state, clock, backend, _dir: dir, postgres_cleanup }
    }

    /// A fresh environment with the demo tenants and users.
    pub async fn with_demo(backend: Backend) -> Self {
        let env = Self::new(backend).await;
        demo::seed(&env.state).await.expect("demo seed");
        env
    }

    /// A demo user's scope in a demo company, signed in with the demo password.
    pub async fn scope(&self, email: &str, tenant: &str) -> crate::tenancy::TenantScope {
        let user = crate::auth::authenticate(&self.state, &Default::default(), email, demo::DEMO_PASSWORD)
            .await
            .expect("demo login");
        crate::tenancy::TenantScope::resolve(&self.state, &user.user.id, tenant).await.expect("scope")
    }

    /// Closes the pools and drops the PostgreSQL databases this environment created.
    pub async fn finish(self) {
        self.state.close().await;
        if let Some(url) = self.postgres_cleanup
            && let Err(error) = crate::db::drop_postgres_databases(&url).await
        {
            eprintln!("test databases of {url} not dropped: {error}");
        }
    }
}

/// The code an authenticator app shows at `at_ms` for a secret given as base32 text, as a user
/// would type it.
pub fn totp_code(secret_base32: &str, at_ms: i64) -> String {
    let secret = totp_rs::Secret::Encoded(secret_base32.to_owned()).to_bytes().expect("base32 secret");
    let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 0, 30, secret, None, String::new());
    totp.generate(u64::try_from(at_ms / 1000).expect("positive time"))
}

/// The code a refusal shows: the first field's for a validation error, else the error's own.
/// Panics on success, which the caller expected to be refused.
pub fn code<T: std::fmt::Debug>(result: Result<T, crate::AppError>) -> String {
    match result {
        Err(crate::AppError::Validation(errors)) => errors.0[0].code.clone(),
        Err(other) => other.code().to_owned(),
        Ok(value) => panic!("accepted: {value:?}"),
    }
}
