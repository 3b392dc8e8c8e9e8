//! Migrations embedded in the binary, one set per database kind and backend.
//!
//! A database migrated by a newer version (a blue/green switch rolled back) is accepted: the
//! migrations this binary does not know are left as they are, so the previous version keeps
//! running on it. That holds because every migration is one the previous version tolerates
//! (docs/deploy.md): it adds, and never removes or renames what that version still uses.

use std::collections::HashMap;

use sqlx::migrate::Migrator;

use super::{Backend, Db};
use crate::AppResult;

static CONTROL_SQLITE: Migrator = Migrator { ignore_missing: true, ..sqlx::migrate!("../migrations/control/sqlite") };
static CONTROL_POSTGRES: Migrator =
    Migrator { ignore_missing: true, ..sqlx::migrate!("../migrations/control/postgres") };
static TENANT_SQLITE: Migrator = Migrator { ignore_missing: true, ..sqlx::migrate!("../migrations/tenant/sqlite") };
static TENANT_POSTGRES: Migrator = Migrator { ignore_missing: true, ..sqlx::migrate!("../migrations/tenant/postgres") };

/// The two kinds of database, each with its own migrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Control,
    Tenant,
}

fn migrator(kind: Kind, backend: Backend) -> &'static Migrator {
    match (kind, backend) {
        (Kind::Control, Backend::Sqlite) => &CONTROL_SQLITE,
        (Kind::Control, Backend::Postgres) => &CONTROL_POSTGRES,
        (Kind::Tenant, Backend::Sqlite) => &TENANT_SQLITE,
        (Kind::Tenant, Backend::Postgres) => &TENANT_POSTGRES,
    }
}

pub async fn migrate_control(db: &Db) -> AppResult<()> {
    migrator(Kind::Control, db.backend()).run(db.pool()).await?;
    Ok(())
}

pub async fn migrate_tenant(db: &Db) -> AppResult<()> {
    migrator(Kind::Tenant, db.backend()).run(db.pool()).await?;
    Ok(())
}

/// What migrating a database would do, found without changing anything (`migrate --dry-run`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// How many migrations the database recorded (none: a new database).
    pub applied: usize,
    /// The migrations this binary would apply, oldest first: (version, description).
    pub pending: Vec<(i64, String)>,
    /// Applied by a newer version, unknown to this one: left as they are.
    pub newer: Vec<i64>,
    /// Applied from other contents than this binary's: migrating stops on them.
    pub altered: Vec<i64>,
}

/// The plan for a database that does not exist yet: every migration.
pub fn plan_for_new(kind: Kind, backend: Backend) -> Plan {
    let pending = migrator(kind, backend).iter().map(|m| (m.version, m.description.to_string())).collect();
    Plan { pending, ..Plan::default() }
}

pub async fn plan(db: &Db, kind: Kind) -> AppResult<Plan> {
    let applied: HashMap<i64, Vec<u8>> = applied(db).await?.into_iter().collect();
    let migrator = migrator(kind, db.backend());
    let mut plan = Plan { applied: applied.len(), ..Plan::default() };
    for migration in migrator.iter() {
        match applied.get(&migration.version) {
            None => plan.pending.push((migration.version, migration.description.to_string())),
            Some(checksum) if checksum[..] != migration.checksum[..] => plan.altered.push(migration.version),
            Some(_) => {}
        }
    }
    plan.newer = applied.keys().copied().filter(|v| !migrator.iter().any(|m| m.version == *v)).collect();
    plan.newer.sort_unstable();
    Ok(plan)
}

/// The migrations a database recorded as applied, with their checksums (none before the first).
async fn applied(db: &Db) -> AppResult<Vec<(i64, Vec<u8>)>> {
    let exists = match db.backend() {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_name = '_sqlx_migrations' AND table_schema = current_schema()"
        }
    };
    let (tables,): (i64,) = sqlx::query_as(exists).fetch_one(db.pool()).await?;
    if tables == 0 {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(db.pool())
        .await?)
}
