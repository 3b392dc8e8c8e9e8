//! One database per tenant: where it lives, how it is created, and a pool manager that opens
//! tenant pools lazily, caps how many are open, and closes the idle ones.

mod migration_plan;
mod registration;
pub mod scope;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use domain::TenantCode;
use tokio::sync::OnceCell;

use crate::control::TenantRecord;
use crate::db::{Backend, Db, migrations, url};
use crate::{AppError, AppResult, AppState};
pub use migration_plan::migration_plans;
pub use registration::{NewTenant, create_tenant};
pub use scope::TenantScope;

/// Where a tenant's database lives, as stored in its registry row.
#[derive(Clone, Debug)]
pub struct Location {
    pub backend: Backend,
    /// SQLite: a path relative to the data directory. PostgreSQL: a full URL.
    pub location: String,
}

impl Location {
    /// A location as the registry stores it (`tenants.db_backend`, `tenants.db_location`).
    pub fn stored(backend: &str, location: &str) -> AppResult<Self> {
        let backend = match backend {
            "sqlite" => Backend::Sqlite,
            "postgres" => Backend::Postgres,
            other => return Err(AppError::Internal(format!("unknown tenant backend {other}"))),
        };
        Ok(Self { backend, location: location.to_owned() })
    }
}

/// Creates (if needed) and migrates the database of a new tenant, next to the control database.
pub async fn provision(state: &AppState, code: &TenantCode) -> AppResult<Location> {
    let location = place(state, code).await?;
    let db = Db::connect(&state.tenants.url_of(&location)?, 1).await?;
    let migrated = migrations::migrate_tenant(&db).await;
    db.close().await;
    migrated.map(|()| location)
}

/// Where a new tenant's database goes, next to the control database: a SQLite path in the
/// data directory, or a PostgreSQL database on the control database's server (created empty
/// when missing).
pub async fn place(state: &AppState, code: &TenantCode) -> AppResult<Location> {
    match state.control.backend() {
        Backend::Sqlite => Ok(Location { backend: Backend::Sqlite, location: format!("tenants/{code}.db") }),
        Backend::Postgres => {
            let control_url = &state.settings.database_url;
            let control_name = url::postgres_database(control_url)
                .ok_or_else(|| AppError::Internal("DATABASE_URL names no database".into()))?;
            // Built from a validated TenantCode ([a-z0-9_]), so the name needs no escaping.
            let name = format!("{control_name}__{}", code.database_suffix());
            let location = url::postgres_with_database(control_url, &name)
                .ok_or_else(|| AppError::Internal("DATABASE_URL is not a PostgreSQL URL".into()))?;
            crate::db::ensure_postgres_database(&location).await?;
            Ok(Location { backend: Backend::Postgres, location })
        }
    }
}

/// A tenant's pool, opened by the first request that needs it while later ones for the same
/// tenant wait on the cell, and requests for other tenants go on.
type Slot = Arc<OnceCell<Db>>;

struct OpenPool {
    slot: Slot,
    last_used: Instant,
}

/// Lazily opened, capped, idle-closed pools of the tenant databases.
pub struct TenantPools {
    data_dir: PathBuf,
    max_open: usize,
    connections_per_pool: u32,
    /// Held only to find or insert a slot, never while a database opens.
    open: Mutex<HashMap<String, OpenPool>>,
}

impl TenantPools {
    pub fn new(data_dir: PathBuf, max_open: usize, connections_per_pool: u32) -> Self {
        Self { data_dir, max_open: max_open.max(1), connections_per_pool, open: Mutex::new(HashMap::new()) }
    }

    fn open_pools(&self) -> MutexGuard<'_, HashMap<String, OpenPool>> {
        // Nothing panics while holding it; a poisoned map is still a consistent one.
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn url_of(&self, location: &Location) -> AppResult<String> {
        match location.backend {
            Backend::Sqlite => {
                let path = self.sqlite_path(location)?;
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| AppError::Internal(e.to_string()))?;
                }
                Ok(url::sqlite_file(&path))
            }
            Backend::Postgres => Ok(location.location.clone()),
        }
    }

    /// The file of a SQLite location, in the data directory.
    pub fn sqlite_path(&self, location: &Location) -> AppResult<PathBuf> {
        let relative = std::path::Path::new(&location.location);
        // Registry rows are ours, but a path that climbs out of the data directory is refused
        // all the same.
        if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
            return Err(AppError::Internal(format!(
                "tenant database path {} escapes the data directory",
                location.location
            )));
        }
        Ok(self.data_dir.join(relative))
    }

    /// The pool of a tenant's database, opened (and migrated) on first use. A tenant whose
    /// database is slow to open (a cold file, a distant server) holds up only its own requests.
    pub async fn get(&self, tenant: &TenantRecord) -> AppResult<Db> {
        let slot = self.slot_of(&tenant.code);
        slot.get_or_try_init(|| self.connect(tenant)).await.cloned()
    }

    fn slot_of(&self, code: &str) -> Slot {
        let mut open = self.open_pools();
        if let Some(entry) = open.get_mut(code) {
            entry.last_used = Instant::now();
            return entry.slot.clone();
        }
        if open.len() >= self.max_open {
            // Evict the least recently used pool; requests holding a clone keep working, the
            // pool closes once they are done.
            let oldest = open.iter().min_by_key(|(_, p)| p.last_used).map(|(k, _)| k.clone());
            if let Some(evicted) = oldest.and_then(|k| open.remove(&k)) {
                tokio::spawn(async move { close(&evicted.slot).await });
            }
        }
        let slot = Slot::default();
        open.insert(code.to_owned(), OpenPool { slot: slot.clone(), last_used: Instant::now() });
        slot
    }

    async fn connect(&self, tenant: &TenantRecord) -> AppResult<Db> {
        let url = self.url_of(&Location::stored(&tenant.db_backend, &tenant.db_location)?)?;
        let db = Db::connect(&url, self.connections_per_pool).await?;
        migrations::migrate_tenant(&db).await?;
        Ok(db)
    }

    /// Closes the pools unused for longer than `idle`; returns how many were closed.
    pub async fn close_idle(&self, idle: Duration) -> usize {
        let closing: Vec<OpenPool> = {
            let mut open = self.open_pools();
            let stale: Vec<String> =
                open.iter().filter(|(_, p)| p.last_used.elapsed() >= idle).map(|(k, _)| k.clone()).collect();
            stale.iter().filter_map(|k| open.remove(k)).collect()
        };
        for pool in &closing {
            close(&pool.slot).await;
        }
        closing.len()
    }

    /// Open tenant pools, with (tenant, connections in use, idle connections).
    pub async fn usage(&self) -> Vec<(String, u32, u32)> {
        let open = self.open_pools();
        open.iter()
            .filter_map(|(code, p)| Some((code, p.slot.get()?)))
            .map(|(code, db)| {
                let size = db.pool().size();
                let idle = u32::try_from(db.pool().num_idle()).unwrap_or(u32::MAX);
                (code.clone(), size.saturating_sub(idle), idle)
            })
            .collect()
    }

    pub async fn close_all(&self) {
        let all: Vec<OpenPool> = self.open_pools().drain().map(|(_, p)| p).collect();
        for pool in all {
            close(&pool.slot).await;
        }
    }
}

/// Closes a slot's pool, if it was ever opened.
async fn close(slot: &Slot) {
    if let Some(db) = slot.get() {
        db.close().await;
    }
}
