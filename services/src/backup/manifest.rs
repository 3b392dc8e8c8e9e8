//! `manifest.json`: what a backup folder holds, each file with its size and SHA-256, read back
//! only when every file still matches.

use std::io::Read;
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::BackupError;

pub const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "atelier-backup";
const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The version of Atelier that wrote it.
    pub atelier_version: String,
    pub created_at_ms: i64,
    /// `sqlite` or `postgres`: the kind of database copies it holds.
    pub backend: String,
    /// The control database as a whole, in a backup of the whole installation (for a disaster
    /// recovery: docs/deploy.md).
    pub control: Option<FileEntry>,
    pub companies: Vec<CompanyEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyEntry {
    pub code: String,
    pub name: String,
    /// The company's database: a SQLite file, or a `pg_dump` archive (custom format).
    pub database: FileEntry,
    /// Its rows of the control database (registry, members and their accounts, single
    /// sign-on, API tokens, verification ids, emergency mode, audit chain), as JSON.
    pub rows: FileEntry,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Relative to the backup folder.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    pub fn new(created_at_ms: i64, backend: &str) -> Self {
        Self {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            atelier_version: env!("CARGO_PKG_VERSION").to_owned(),
            created_at_ms,
            backend: backend.to_owned(),
            control: None,
            companies: Vec::new(),
        }
    }

    /// Reads `dir/manifest.json`; its files are checked by `FileEntry::verify` before use.
    pub fn read(dir: &Path) -> Result<Self, BackupError> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|e| BackupError::io(&path, e))?;
        let manifest: Self = serde_json::from_str(&text)
            .map_err(|e| BackupError::Refused(format!("{}: not an Atelier backup manifest ({e})", path.display())))?;
        if manifest.format != FORMAT || manifest.format_version != FORMAT_VERSION {
            return Err(BackupError::Refused(format!(
                "{}: format {} version {}, this Atelier reads {FORMAT} version {FORMAT_VERSION}",
                path.display(),
                manifest.format,
                manifest.format_version
            )));
        }
        Ok(manifest)
    }

    pub fn write(&self, dir: &Path) -> Result<String, BackupError> {
        let text = serde_json::to_string_pretty(self).expect("a manifest serialises");
        let path = dir.join(MANIFEST);
        super::write_private(&path, text.as_bytes())?;
        Ok(hex::encode(Sha256::digest(text.as_bytes())))
    }
}

impl FileEntry {
    /// Describes a file written into the backup folder.
    pub fn of(dir: &Path, relative: &str) -> Result<Self, BackupError> {
        let (bytes, sha256) = hash_file(&dir.join(relative))?;
        Ok(Self { path: relative.to_owned(), bytes, sha256 })
    }

    /// The file's path, if it stays inside `dir`.
    pub fn path_in(&self, dir: &Path) -> Result<std::path::PathBuf, BackupError> {
        let relative = Path::new(&self.path);
        if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(BackupError::Refused(format!("manifest names a file outside the backup: {}", self.path)));
        }
        Ok(dir.join(relative))
    }

    /// Checks that the file is inside `dir` and still has its size and hash.
    pub fn verify(&self, dir: &Path) -> Result<(), BackupError> {
        let path = self.path_in(dir)?;
        let (bytes, sha256) = hash_file(&path)?;
        if bytes != self.bytes || sha256 != self.sha256 {
            return Err(BackupError::Refused(format!(
                "{}: does not match the manifest ({bytes} bytes, SHA-256 {sha256}; the manifest says {} bytes, {})",
                self.path, self.bytes, self.sha256
            )));
        }
        Ok(())
    }
}

fn hash_file(path: &Path) -> Result<(u64, String), BackupError> {
    let mut file = std::fs::File::open(path).map_err(|e| BackupError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut bytes = 0;
    loop {
        let read = file.read(&mut buffer).map_err(|e| BackupError::io(path, e))?;
        if read == 0 {
            return Ok((bytes, hex::encode(hasher.finalize())));
        }
        bytes += read as u64;
        hasher.update(&buffer[..read]);
    }
}
