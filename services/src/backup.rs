//! Backups of a running installation and restores of companies from them (docs/deploy.md): a
//! folder holding each company's database copy and its rows of the control database, the
//! control database as a whole in a backup of everything, and a manifest of their SHA-256.

mod copy;
mod manifest;
mod restore;
mod rows;
mod take;

use std::path::Path;

use crate::AppError;
pub use manifest::{CompanyEntry, FileEntry, Manifest};
pub use restore::{Restored, restore};
pub use rows::{CompanyRows, Summary};
pub use take::{Written, backup};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// What the operator must know to go on: a file that does not match its manifest, a
    /// company that already has data, a missing tool…
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    App(#[from] AppError),
}

impl BackupError {
    fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Refused(format!("{}: {error}", path.display()))
    }
}

impl From<sqlx::Error> for BackupError {
    fn from(error: sqlx::Error) -> Self {
        Self::App(error.into())
    }
}

/// Writes a new file readable by its owner only: backups hold password hashes and sealed
/// secrets.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| BackupError::io(path, e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| BackupError::io(path, e))
}
