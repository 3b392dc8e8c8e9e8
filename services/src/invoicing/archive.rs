//! The archive of a period (`atelier archive`, the download of the closures page): the ledger
//! entries it holds as JSON lines, every document's PDF, and a manifest with the chain's ends.
//! `verify` (the `atelier verify` verb) checks such a folder with no database and no
//! configuration; `docs/verification.md` says how to write one's own verifier.
//!
//! The entries are a contiguous stretch of the chain: from the first entry dated in the period
//! to the last one, with whatever lies between (a payment of another date, a closure), so that
//! every link can be checked; the manifest gives the hash before the first, to join the
//! archive of the period before.

mod repo;
mod tar;
pub mod verify;

use std::fs::File;
use std::io::Write;
use std::path::Path;

use domain::Permission;
use domain::invoicing::ledger::EntryKind;
use domain::invoicing::ledger::closure::Period;
use serde::{Deserialize, Serialize};

use super::ledger;
use crate::db::Db;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

pub const FORMAT: &str = "atelier-archive/1";
pub const MANIFEST: &str = "manifest.json";
pub const LEDGER: &str = "ledger.jsonl";
const DOCUMENTS: &str = "documents";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub company: String,
    pub period: String,
    pub ledger: LedgerFile,
    pub documents: Vec<DocumentFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerFile {
    pub file: String,
    pub entries: i64,
    pub first_seq: i64,
    /// The hash before the first entry (the genesis for a company's first archive).
    pub previous: String,
    pub last_seq: i64,
    /// The last entry's hash.
    pub head: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFile {
    pub number: String,
    pub file: String,
    pub sha256: String,
}

/// Writes the archive of `period` into `out`, which must not exist or be empty, for the
/// signed-in accountant or auditor.
pub async fn write_for(scope: &TenantScope, period: Period, out: &Path) -> AppResult<Manifest> {
    scope.require(Permission::LedgerRead)?;
    write(&scope.db, &scope.tenant.name, period, out).await
}

/// The archive of `period` as one tar file, for a download: written in a scratch folder, then
/// packed into a temporary file whose handle is returned, the scratch removed (the file itself
/// is unlinked as soon as it is open: nothing stays behind once it is sent).
pub async fn tarball(scope: &TenantScope, period: Period) -> AppResult<(String, File)> {
    let scratch = std::env::temp_dir().join(format!("atelier-archive-{}", uuid::Uuid::new_v4()));
    let folder = scratch.join("archive");
    let written = write_for(scope, period, &folder).await;
    let name = format!("{}-{}", scope.tenant.code, period.label());
    let packed = match written {
        Ok(_) => {
            let (folder, tar_path, prefix) = (folder.clone(), scratch.join("archive.tar"), name.clone());
            tokio::task::spawn_blocking(move || -> std::io::Result<File> {
                let mut out = std::io::BufWriter::new(File::create(&tar_path)?);
                tar::write(&folder, &prefix, &mut out)?;
                out.flush()?;
                let file = File::open(&tar_path)?;
                std::fs::remove_file(&tar_path)?;
                Ok(file)
            })
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(format!("packing the archive: {e}")))
        }
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_dir_all(&scratch);
    Ok((format!("{name}.tar"), packed?))
}

/// Writes the archive of `period` of the company `company` (its name) into `out`.
pub async fn write(db: &Db, company: &str, period: Period, out: &Path) -> AppResult<Manifest> {
    let io = |e: std::io::Error| AppError::Internal(format!("writing the archive in {}: {e}", out.display()));
    if out.exists() && std::fs::read_dir(out).map_err(io)?.next().is_some() {
        return Err(AppError::Conflict("archive-folder-not-empty"));
    }
    let (first, last) =
        repo::span(db.pool(), &period.start.to_string(), &period.end.to_string()).await?.ok_or(AppError::NotFound)?;
    std::fs::create_dir_all(out.join(DOCUMENTS)).map_err(io)?;
    let mut lines = std::io::BufWriter::new(std::fs::File::create(out.join(LEDGER)).map_err(io)?);
    let mut documents = Vec::new();
    let mut manifest_ledger = LedgerFile {
        file: LEDGER.into(),
        entries: 0,
        first_seq: first,
        previous: String::new(),
        last_seq: last,
        head: String::new(),
    };
    let mut after = first - 1;
    while after < last {
        let rows = ledger::page(db, after, 500.min(last - after)).await?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let entity_id = row.entity_id.clone();
            let entry = ledger::entry(row)?;
            if entry.seq == first {
                manifest_ledger.previous = entry.previous.clone();
            }
            if matches!(entry.kind, EntryKind::Invoice | EntryKind::CreditNote) {
                let pdf = repo::pdf(db.pool(), &entity_id)
                    .await?
                    .ok_or_else(|| AppError::corrupt("invoice_pdfs", &entity_id))?;
                let file = format!("{DOCUMENTS}/{}.pdf", entry.entity);
                std::fs::write(out.join(&file), &pdf).map_err(io)?;
                documents.push(DocumentFile {
                    number: entry.entity.clone(),
                    file,
                    sha256: documents::sha256_hex(&pdf),
                });
            }
            serde_json::to_writer(&mut lines, &entry).map_err(|e| AppError::Internal(e.to_string()))?;
            lines.write_all(b"\n").map_err(io)?;
            manifest_ledger.entries += 1;
            manifest_ledger.head = entry.hash.clone();
            after = entry.seq;
        }
    }
    lines.flush().map_err(io)?;
    let manifest = Manifest {
        format: FORMAT.into(),
        company: company.to_owned(),
        period: period.label(),
        ledger: manifest_ledger,
        documents,
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| AppError::Internal(e.to_string()))?;
    std::fs::write(out.join(MANIFEST), text + "\n").map_err(io)?;
    Ok(manifest)
}
