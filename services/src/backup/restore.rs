//! `atelier restore`: companies put back from a backup into empty databases, then checked.

use std::path::Path;
use std::time::Instant;

use domain::TenantCode;
use domain::governance::integrity::Report;

use super::manifest::{CompanyEntry, Manifest};
use super::rows::Summary;
use super::{BackupError, CompanyRows, copy};
use crate::control::repo;
use crate::db::{Backend, Db, migrations};
use crate::governance::integrity;
use crate::tenancy::{self, Location};
use crate::{AppError, AppState};

/// One company restored.
#[derive(Debug)]
pub struct Restored {
    pub code: String,
    /// What was put back in the control database; `None` when the company was registered
    /// already (a disaster recovery after the control database's own restore), and only its
    /// database was put back.
    pub rows: Option<Summary>,
    pub milliseconds: u128,
    /// The integrity check of the restored company.
    pub report: Report,
}

/// Restores the company `only`, or every company of the backup in `from`, after checking every
/// file against the manifest. A company is restored only into an empty (or missing) database;
/// if it is not registered here, its control rows come back with it.
pub async fn restore(state: &AppState, from: &Path, only: Option<&TenantCode>) -> Result<Vec<Restored>, BackupError> {
    let manifest = Manifest::read(from)?;
    let backend = state.control.backend();
    if manifest.backend != backend.as_str() {
        return Err(BackupError::Refused(format!(
            "the backup holds {} databases; this installation keeps its companies in {}",
            manifest.backend,
            backend.as_str()
        )));
    }
    let chosen: Vec<&CompanyEntry> = match only {
        Some(code) => {
            let entry = manifest.companies.iter().find(|c| c.code == code.as_str()).ok_or_else(|| {
                let held: Vec<&str> = manifest.companies.iter().map(|c| c.code.as_str()).collect();
                BackupError::Refused(format!("the backup holds no company {code} (it holds: {})", held.join(", ")))
            })?;
            vec![entry]
        }
        None => manifest.companies.iter().collect(),
    };
    // Every file of the chosen companies checked before anything is written.
    for entry in &chosen {
        entry.database.verify(from)?;
        entry.rows.verify(from)?;
    }
    let mut restored = Vec::new();
    for entry in chosen {
        restored.push(company(state, from, entry).await?);
    }
    Ok(restored)
}

async fn company(state: &AppState, dir: &Path, entry: &CompanyEntry) -> Result<Restored, BackupError> {
    let started = Instant::now();
    let code = TenantCode::parse(&entry.code)
        .map_err(|e| BackupError::Refused(format!("company code {:?}: {e}", entry.code)))?;
    let rows_path = entry.rows.path_in(dir)?;
    let rows: CompanyRows =
        serde_json::from_slice(&std::fs::read(&rows_path).map_err(|e| BackupError::io(&rows_path, e))?)
            .map_err(|e| BackupError::Refused(format!("{}: {e}", entry.rows.path)))?;
    if rows.code != entry.code {
        return Err(BackupError::Refused(format!(
            "{}: the rows of {}, not {}",
            entry.rows.path, rows.code, entry.code
        )));
    }
    let registered = repo::get_tenant(state.control.pool(), &code).await?;
    let location = match &registered {
        Some(tenant) => Location::stored(&tenant.db_backend, &tenant.db_location)?,
        None => tenancy::place(state, &code).await?,
    };
    let registered = registered.is_some();
    let target = Target::of(state, &location).await?;
    target.ensure_empty(&code).await?;
    let rows =
        match fill(state, &target, &location, &entry.database.path_in(dir)?, (!registered).then_some(&rows)).await {
            Ok(summary) => summary,
            Err(error) => {
                // A company new here leaves nothing behind; a registered one keeps its (empty) place.
                if !registered {
                    target.remove().await;
                }
                return Err(error);
            }
        };
    let report = integrity::check_company(state, &code).await?;
    Ok(Restored { code: entry.code.clone(), rows, milliseconds: started.elapsed().as_millis(), report })
}

/// Puts the copy in place, brings it to this version's schema, then puts the control rows (if
/// any) back in one transaction.
async fn fill(
    state: &AppState,
    target: &Target,
    location: &Location,
    copy_file: &Path,
    rows: Option<&CompanyRows>,
) -> Result<Option<Summary>, BackupError> {
    copy::load(location.backend, &target.url, target.file.as_deref(), copy_file).await?;
    let db = Db::connect(&target.url, 1).await?;
    let migrated = migrations::migrate_tenant(&db).await;
    db.close().await;
    migrated?;
    let Some(rows) = rows else { return Ok(None) };
    let mut tx = state.control.begin_write().await?;
    let summary = rows.put_back(&mut tx, state.control.backend(), &state.settings.secret_key, location).await?;
    tx.commit().await?;
    Ok(Some(summary))
}

/// The database a company is restored into.
struct Target {
    url: String,
    /// SQLite's file.
    file: Option<std::path::PathBuf>,
}

impl Target {
    async fn of(state: &AppState, location: &Location) -> Result<Self, BackupError> {
        let url = state.tenants.url_of(location)?;
        let file = match location.backend {
            Backend::Sqlite => Some(state.tenants.sqlite_path(location)?),
            Backend::Postgres => {
                crate::db::ensure_postgres_database(&url).await?;
                None
            }
        };
        Ok(Self { url, file })
    }

    /// Refuses a database that holds anything: a restore never mixes with or replaces data.
    async fn ensure_empty(&self, code: &TenantCode) -> Result<(), BackupError> {
        let Some(db) = Db::connect_existing(&self.url).await? else { return Ok(()) };
        let empty = copy::is_empty(&db).await;
        db.close().await;
        if empty? {
            return Ok(());
        }
        Err(BackupError::Refused(format!(
            "the database of {code} is not empty: a company is restored only into an empty database \
             (docs/deploy.md says how to set a damaged one aside)"
        )))
    }

    /// Takes away a database this restore filled, when its control rows could not follow.
    async fn remove(&self) {
        let removed: Result<(), AppError> = match &self.file {
            Some(file) => ["", "-wal", "-shm"].iter().try_for_each(|suffix| {
                match std::fs::remove_file(format!("{}{suffix}", file.display())) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::Internal(e.to_string())),
                    _ => Ok(()),
                }
            }),
            None => crate::db::drop_postgres_database(&self.url).await,
        };
        if let Err(error) = removed {
            tracing::error!(%error, url = %self.url, "a half-restored company's database was not removed");
        }
    }
}
