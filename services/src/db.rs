//! Database connections for both backends through sqlx's `Any` driver.
//!
//! Queries are written once with `$n` placeholders, which SQLite and PostgreSQL both accept.
//! Backend differences live in the migrations and in this module (pragmas, write transactions).

pub mod migrations;
pub mod url;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::{AppError, AppResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> AppResult<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(AppError::Internal("DATABASE_URL must start with sqlite: or postgres://".into()))
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// SQLite settings applied to every connection. WAL lets readers proceed during a write;
/// `synchronous=FULL` makes a committed invoice survive a power cut.
const SQLITE_PRAGMAS: &str =
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";

/// PostgreSQL settings applied to every connection. Just-in-time compilation pays off for long
/// analytic queries, not for ours: when the planner's estimates are high (after a bulk load,
/// before statistics catch up), it spent 600 ms compiling a 2 ms stock-list query.
const POSTGRES_SETTINGS: &str = "SET jit = off";
/// The errors of opening a database that is not there: SQLite's file, PostgreSQL's database.
const SQLITE_CANTOPEN: &str = "14";
const POSTGRES_NO_DATABASE: &str = "3D000";

/// How long a request waits for a connection. Past it the database is as good as away (down,
/// unreachable, every connection stuck), and the user is told so (503) rather than kept waiting.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a SQLite writer waits for its turn in this process before giving up, like the
/// busy timeout does between processes.
const WRITE_TURN_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time and its busy handler is not fair: under eight concurrent
    /// writers the stock benchmark saw one wait past the 5 s busy timeout and fail with
    /// "database is locked". Writers of this process therefore queue here first, first come
    /// first served; the busy timeout remains for other processes (the admin CLI).
    write_turns: Option<Arc<Mutex<()>>>,
}

/// A write transaction. It reads and writes like the connection it holds, and on SQLite it
/// also holds this process's write turn until it commits or is dropped (rolled back).
pub struct WriteTx {
    // Field order matters: the transaction ends before the turn passes to the next writer.
    tx: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> AppResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

impl Db {
    pub async fn connect(url: &str, max_connections: u32) -> AppResult<Self> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .min_connections(0)
            .idle_timeout(Duration::from_secs(300))
            .acquire_timeout(ACQUIRE_TIMEOUT);
        let settings = match backend {
            Backend::Sqlite => SQLITE_PRAGMAS,
            Backend::Postgres => POSTGRES_SETTINGS,
        };
        options = options.after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute(settings).await?;
                Ok(())
            })
        });
        let pool = options.connect(url).await?;
        let write_turns = (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(())));
        let db = Self { pool, backend, write_turns };
        db.verify_settings().await?;
        Ok(db)
    }

    /// Connects to a database only if it exists, creating nothing (a SQLite file is opened
    /// read-write without `mode=rwc`); `None` when there is no such database.
    pub async fn connect_existing(url: &str) -> AppResult<Option<Self>> {
        match Self::connect(&url.replace("mode=rwc", "mode=rw"), 1).await {
            Ok(db) => Ok(Some(db)),
            Err(AppError::Database(sqlx::Error::Database(error)))
                if matches!(error.code().as_deref(), Some(SQLITE_CANTOPEN | POSTGRES_NO_DATABASE)) =>
            {
                Ok(None)
            }
            Err(error) => Err(error),
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write. On SQLite it waits for this process's write turn,
    /// then takes the write lock at once (`BEGIN IMMEDIATE`), so a writer never fails half-way
    /// with `SQLITE_BUSY` when it upgrades its read lock.
    pub async fn begin_write(&self) -> AppResult<WriteTx> {
        let turn = match &self.write_turns {
            Some(turns) => Some(
                tokio::time::timeout(WRITE_TURN_TIMEOUT, turns.clone().lock_owned())
                    .await
                    .map_err(|_| AppError::from(sqlx::Error::PoolTimedOut))?,
            ),
            None => None,
        };
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _turn: turn })
    }

    /// Starts a transaction that only reads and sees the database as it was at its first read,
    /// whatever commits meanwhile (the integrity check compares records read by several
    /// statements). SQLite's deferred transaction already does in WAL mode; PostgreSQL needs
    /// REPEATABLE READ (its default gives each statement its own snapshot).
    pub async fn begin_snapshot(&self) -> AppResult<Transaction<'static, Any>> {
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN DEFERRED",
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        };
        Ok(self.pool.begin_with(begin).await?)
    }

    /// Refreshes the planner's statistics after a bulk load, as autovacuum (PostgreSQL) or an
    /// operator (SQLite) eventually would; on PostgreSQL also marks pages all-visible.
    pub async fn settle_after_bulk_load(&self) -> AppResult<()> {
        let statement = match self.backend {
            Backend::Sqlite => "ANALYZE",
            Backend::Postgres => "VACUUM ANALYZE",
        };
        sqlx::query(statement).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn ping(&self) -> AppResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Refuses to start on a SQLite connection without WAL, foreign keys or a busy timeout:
    /// each silently weakens integrity or concurrency.
    async fn verify_settings(&self) -> AppResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        let (journal,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *conn).await?;
        let (foreign_keys,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(&mut *conn).await?;
        let (busy_timeout,): (i64,) = sqlx::query_as("PRAGMA busy_timeout").fetch_one(&mut *conn).await?;
        if !journal.eq_ignore_ascii_case("wal") || foreign_keys != 1 || busy_timeout < 1000 {
            return Err(AppError::Internal(format!(
                "SQLite settings not applied: journal_mode={journal}, foreign_keys={foreign_keys}, busy_timeout={busy_timeout}"
            )));
        }
        Ok(())
    }
}

/// Creates the PostgreSQL database named in `url` if it does not exist yet, through the
/// server's `postgres` maintenance database. The name comes from our own configuration and is
/// quoted as an identifier.
pub async fn ensure_postgres_database(url: &str) -> AppResult<()> {
    let name =
        url::postgres_database(url).ok_or_else(|| AppError::Internal("DATABASE_URL names no database".into()))?;
    if name == "postgres" {
        return Ok(());
    }
    if name.contains('"') || name.len() > 63 {
        return Err(AppError::Internal(format!("unusable database name {name:?}")));
    }
    let maintenance_url = url::postgres_with_database(url, "postgres")
        .ok_or_else(|| AppError::Internal("DATABASE_URL is not a PostgreSQL URL".into()))?;
    let maintenance = Db::connect(&maintenance_url, 1).await?;
    let (exists,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(maintenance.pool())
        .await?;
    if exists == 0 {
        tracing::info!(database = name, "creating the control database");
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(maintenance.pool()).await?;
    }
    maintenance.close().await;
    Ok(())
}

/// Drops the PostgreSQL database named in `url` and those of its tenants (`<name>__<tenant>`):
/// for throw-away environments (tests, benchmarks), never for a real installation.
pub async fn drop_postgres_databases(url: &str) -> AppResult<()> {
    let name = url::postgres_database(url).ok_or_else(|| AppError::Internal("not a PostgreSQL URL".into()))?;
    let admin = maintenance(url).await?;
    let names: Vec<(String,)> = sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname LIKE $1")
        .bind(format!("{name}%"))
        .fetch_all(admin.pool())
        .await?;
    let mut dropped = Ok(());
    for (db,) in names {
        dropped = dropped.and(drop_named(&admin, &db).await);
    }
    admin.close().await;
    dropped
}

/// Drops the one PostgreSQL database named in `url` (a restore's that could not complete).
pub async fn drop_postgres_database(url: &str) -> AppResult<()> {
    let name = url::postgres_database(url).ok_or_else(|| AppError::Internal("not a PostgreSQL URL".into()))?;
    let admin = maintenance(url).await?;
    let dropped = drop_named(&admin, name).await;
    admin.close().await;
    dropped
}

/// The server's `postgres` maintenance database.
async fn maintenance(url: &str) -> AppResult<Db> {
    let admin_url = url::postgres_with_database(url, "postgres")
        .ok_or_else(|| AppError::Internal("not a PostgreSQL URL".into()))?;
    Db::connect(&admin_url, 1).await
}

async fn drop_named(admin: &Db, name: &str) -> AppResult<()> {
    // Names come from our own configuration or pg_database; quoted all the same.
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", name.replace('"', "\"\"")))
        .execute(admin.pool())
        .await?;
    Ok(())
}

/// True when a database error is a unique-constraint violation (both backends).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            matches!(db.kind(), sqlx::error::ErrorKind::UniqueViolation)
        }
        _ => false,
    }
}

/// A CHECK constraint refused the statement (for stock: a level or lot would go negative).
pub fn is_check_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            matches!(db.kind(), sqlx::error::ErrorKind::CheckViolation)
                // SQLite: a RAISE in a trigger (SQLITE_CONSTRAINT_TRIGGER) standing in for a CHECK
                // that INSERT OR IGNORE could otherwise skip (tenant migration 0004).
                || (db.code().as_deref() == Some("1811") && db.message() == STOCK_BELOW_ZERO)
        }
        _ => false,
    }
}

/// The message of the SQLite trigger that refuses a movement taking a level or lot below zero.
const STOCK_BELOW_ZERO: &str = "stock below zero";

#[cfg(all(test, feature = "test-support"))]
mod tests {
    use super::*;

    /// Sixteen writers at once, each holding the write lock for a while: all of them commit.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_writers_queue_for_their_turn() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}?mode=rwc", dir.path().join("turns.db").display());
        let db = Db::connect(&url, 8).await.unwrap();
        sqlx::query("CREATE TABLE turns (writer INTEGER, step INTEGER)").execute(db.pool()).await.unwrap();
        let writers = (0..16).map(|writer| {
            let db = db.clone();
            tokio::spawn(async move {
                for step in 0..10 {
                    let mut tx = db.begin_write().await?;
                    sqlx::query("INSERT INTO turns (writer, step) VALUES ($1, $2)")
                        .bind(writer)
                        .bind(step)
                        .execute(&mut *tx)
                        .await?;
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    tx.commit().await?;
                }
                AppResult::Ok(())
            })
        });
        for writer in writers.collect::<Vec<_>>() {
            writer.await.unwrap().unwrap();
        }
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM turns").fetch_one(db.pool()).await.unwrap();
        assert_eq!(rows, 160);
    }
}
