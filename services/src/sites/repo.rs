//! SQL of the sites.

use domain::site::Site;
use sqlx::{AnyExecutor, FromRow};

#[derive(FromRow)]
struct SiteRow {
    id: String,
    code: String,
    name: String,
    city: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
}

impl From<SiteRow> for Site {
    fn from(r: SiteRow) -> Self {
        Self {
            id: r.id,
            code: r.code,
            name: r.name,
            city: r.city,
            created_at_ms: r.created_at_ms,
            updated_at_ms: r.updated_at_ms,
        }
    }
}

const COLUMNS: &str = "id, code, name, city, created_at_ms, updated_at_ms";

pub async fn list<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<Site>, sqlx::Error> {
    let rows: Vec<SiteRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM sites ORDER BY code")).fetch_all(db).await?;
    Ok(rows.into_iter().map(Site::from).collect())
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<Site>, sqlx::Error> {
    let row: Option<SiteRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM sites WHERE id = $1")).bind(id).fetch_optional(db).await?;
    Ok(row.map(Site::from))
}

pub async fn code_exists<'e>(db: impl AnyExecutor<'e>, code: &str) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sites WHERE code = $1").bind(code).fetch_one(db).await?;
    Ok(n > 0)
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, site: &Site, created_by: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("INSERT INTO sites ({COLUMNS}, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&site.id)
        .bind(&site.code)
        .bind(&site.name)
        .bind(&site.city)
        .bind(site.created_at_ms)
        .bind(site.updated_at_ms)
        .bind(created_by)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn rename<'e>(db: impl AnyExecutor<'e>, id: &str, name: &str, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE sites SET name = $1, updated_at_ms = $2 WHERE id = $3")
        .bind(name)
        .bind(now_ms)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

pub async fn count<'e>(db: impl AnyExecutor<'e>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sites").fetch_one(db).await?;
    Ok(n)
}
