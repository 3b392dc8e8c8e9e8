//! `atelier backup`: a copy of one company, or of the whole installation, while it runs.

use std::path::Path;

use domain::TenantCode;

use super::manifest::{CompanyEntry, FileEntry, Manifest};
use super::{BackupError, CompanyRows, copy, write_private};
use crate::control::{self, TenantRecord};
use crate::tenancy::Location;
use crate::{AppError, AppState};

/// What a backup wrote: its manifest, and the manifest's own SHA-256 (to keep apart from the
/// folder, so that a changed manifest is noticed too).
#[derive(Debug)]
pub struct Written {
    pub manifest: Manifest,
    pub manifest_sha256: String,
}

/// Backs up the company `only`, or every company and the control database, into the folder
/// `out` (created; if it exists it must be empty).
pub async fn backup(state: &AppState, only: Option<&TenantCode>, out: &Path) -> Result<Written, BackupError> {
    let tenants = match only {
        Some(code) => vec![
            control::tenant(state, code.as_str())
                .await?
                .ok_or_else(|| BackupError::Refused(format!("no company {code}")))?,
        ],
        None => control::list_tenants(state).await?,
    };
    let backend = state.control.backend();
    prepare(out)?;
    let mut manifest = Manifest::new(state.clock.now_ms(), backend.as_str());
    for tenant in &tenants {
        manifest.companies.push(company(state, tenant, out).await?);
    }
    if only.is_none() {
        let path = format!("control.{}", extension(backend));
        copy::dump(&state.control, &state.settings.database_url, &out.join(&path)).await?;
        manifest.control = Some(FileEntry::of(out, &path)?);
    }
    let manifest_sha256 = manifest.write(out)?;
    Ok(Written { manifest, manifest_sha256 })
}

/// One company: its database first, then its control rows (which name its issued invoices).
async fn company(state: &AppState, tenant: &TenantRecord, out: &Path) -> Result<CompanyEntry, BackupError> {
    let location = Location::stored(&tenant.db_backend, &tenant.db_location)?;
    if location.backend != state.control.backend() {
        return Err(BackupError::Refused(format!(
            "{}: its database is on {}, the control database on {}; back it up with that backend's tools",
            tenant.code,
            location.backend.as_str(),
            state.control.backend().as_str()
        )));
    }
    let db = state.tenants.get(tenant).await?;
    let database = format!("companies/{}.{}", tenant.code, extension(location.backend));
    copy::dump(&db, &state.tenants.url_of(&location)?, &out.join(&database)).await?;
    let rows = CompanyRows::read(&state.control, &tenant.code).await?;
    let rows_path = format!("companies/{}.json", tenant.code);
    let json = serde_json::to_vec_pretty(&rows).map_err(|e| AppError::Internal(e.to_string()))?;
    write_private(&out.join(&rows_path), &json)?;
    Ok(CompanyEntry {
        code: tenant.code.clone(),
        name: tenant.name.clone(),
        database: FileEntry::of(out, &database)?,
        rows: FileEntry::of(out, &rows_path)?,
    })
}

fn extension(backend: crate::db::Backend) -> &'static str {
    match backend {
        crate::db::Backend::Sqlite => "db",
        crate::db::Backend::Postgres => "dump",
    }
}

/// Creates the folder and its `companies/`, both for their owner only; an existing folder must
/// be empty, so that nothing of another backup mixes in.
fn prepare(out: &Path) -> Result<(), BackupError> {
    match std::fs::read_dir(out).map(|mut entries| entries.next().is_some()) {
        Ok(true) => {
            return Err(BackupError::Refused(format!(
                "{}: not empty; a backup goes into an empty folder",
                out.display()
            )));
        }
        Ok(false) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BackupError::io(out, e)),
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let companies = out.join("companies");
    builder.create(&companies).map_err(|e| BackupError::io(&companies, e))
}
