//! Copies of a database in use, and their way back into an empty one: SQLite's `VACUUM INTO`
//! (one read transaction, so writers go on and the copy is of one moment) and the file put in
//! place; PostgreSQL's `pg_dump` (one snapshot) and `pg_restore` (one transaction: all or
//! nothing).

use std::path::Path;
use std::process::{Command, Stdio};

use super::BackupError;
use crate::db::{Backend, Db};

/// Writes a copy of `db` (whose URL is `url`) to `dest`, which must not exist.
pub async fn dump(db: &Db, url: &str, dest: &Path) -> Result<(), BackupError> {
    match db.backend() {
        Backend::Sqlite => {
            let target = dest.to_str().ok_or_else(|| BackupError::Refused(format!("{}: not UTF-8", dest.display())))?;
            sqlx::query("VACUUM INTO $1").bind(target).execute(db.pool()).await.map_err(crate::AppError::from)?;
            restrict(dest)
        }
        Backend::Postgres => {
            let dest = dest.to_string_lossy();
            let args = ["--format=custom", "--no-owner", "--no-privileges", "--file", &dest];
            run("pg_dump", &args, url).await?;
            restrict(Path::new(dest.as_ref()))
        }
    }
}

/// Puts the copy `src` into the empty database of `url` (SQLite: the file `path`).
pub async fn load(backend: Backend, url: &str, path: Option<&Path>, src: &Path) -> Result<(), BackupError> {
    match (backend, path) {
        (Backend::Sqlite, Some(path)) => {
            is_sqlite(src)?;
            // Copied beside, then renamed: a reader never sees half a database.
            let partial = path.with_extension("db.restoring");
            std::fs::copy(src, &partial).map_err(|e| BackupError::io(&partial, e))?;
            std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| BackupError::io(&partial, e))?;
            for stale in ["db-wal", "db-shm"] {
                let _ = std::fs::remove_file(path.with_extension(stale));
            }
            std::fs::rename(&partial, path).map_err(|e| BackupError::io(path, e))?;
            restrict(path)
        }
        (Backend::Postgres, _) => {
            let src = src.to_string_lossy();
            let args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", &src];
            run("pg_restore", &args, url).await
        }
        (Backend::Sqlite, None) => Err(BackupError::Refused("a SQLite database without a file".into())),
    }
}

/// Refuses a file that does not start as every SQLite database does (opening one would fail
/// only after the pool's whole timeout).
fn is_sqlite(file: &Path) -> Result<(), BackupError> {
    use std::io::Read;
    let mut header = [0; 16];
    let read = std::fs::File::open(file).and_then(|mut f| f.read_exact(&mut header));
    match read {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        Ok(()) | Err(_) => Err(BackupError::Refused(format!("{}: not a SQLite database", file.display()))),
    }
}

/// Whether a database holds no table at all (a missing one is empty too).
pub async fn is_empty(db: &Db) -> Result<bool, BackupError> {
    let sql = match db.backend() {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
    };
    let (tables,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.map_err(crate::AppError::from)?;
    Ok(tables == 0)
}

/// Runs a PostgreSQL client tool on the database of `url`; its password, if any, goes through
/// the environment rather than the command line that other users of the machine can read.
async fn run(program: &str, args: &[&str], url: &str) -> Result<(), BackupError> {
    let mut parsed = ::url::Url::parse(url).map_err(|e| BackupError::Refused(format!("database URL: {e}")))?;
    let password = parsed.password().map(percent_decoded);
    let _ = parsed.set_password(None);
    let mut command = Command::new(program);
    command.args(args).arg("--dbname").arg(parsed.as_str()).stdin(Stdio::null());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    // A dump takes as long as the database is big: on a blocking thread, not a server's.
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(|e| BackupError::Refused(format!("{program}: {e}")))?;
    let output = output.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => BackupError::Refused(format!(
            "{program} is not installed: install PostgreSQL's client tools (Debian: postgresql-client), \
             of the server's major version or newer"
        )),
        _ => BackupError::Refused(format!("{program}: {e}")),
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(BackupError::Refused(format!(
        "{program} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    )))
}

/// Copies hold password hashes and sealed secrets: readable by their owner only.
fn restrict(path: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| BackupError::io(path, e))?;
    }
    Ok(())
}

/// A URL's user information is percent-encoded; the environment takes it as it is.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%').then(|| text.get(at + 1..at + 3)).flatten();
        match escaped.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                at += 3;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_is_given_decoded() {
        assert_eq!(super::percent_decoded("p%40ss%2Bw0rd+%"), "p@ss+w0rd+%");
    }
}
