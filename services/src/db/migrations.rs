//! Migrations embedded in the binary, one set per database kind and backend.

use sqlx::migrate::Migrator;

use super::{Backend, Db};
use crate::AppResult;

static CONTROL_SQLITE: Migrator = sqlx::migrate!("../migrations/control/sqlite");
static CONTROL_POSTGRES: Migrator = sqlx::migrate!("../migrations/control/postgres");
static TENANT_SQLITE: Migrator = sqlx::migrate!("../migrations/tenant/sqlite");
static TENANT_POSTGRES: Migrator = sqlx::migrate!("../migrations/tenant/postgres");

pub async fn migrate_control(db: &Db) -> AppResult<()> {
    let migrator = match db.backend() {
        Backend::Sqlite => &CONTROL_SQLITE,
        Backend::Postgres => &CONTROL_POSTGRES,
    };
    migrator.run(db.pool()).await?;
    Ok(())
}

pub async fn migrate_tenant(db: &Db) -> AppResult<()> {
    let migrator = match db.backend() {
        Backend::Sqlite => &TENANT_SQLITE,
        Backend::Postgres => &TENANT_POSTGRES,
    };
    migrator.run(db.pool()).await?;
    Ok(())
}
