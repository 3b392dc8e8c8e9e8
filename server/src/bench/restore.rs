//! The benchmark company backed up while nothing else runs, then restored into a new
//! installation sharing its key: the times an operator plans a backup window and a recovery by.

use std::time::{Duration, Instant};

use domain::TenantCode;
use services::AppState;
use services::backup;

use super::{Place, stock};

pub(super) struct Times {
    pub backup: Duration,
    pub bytes: u64,
    /// The restore, its integrity check included.
    pub restore: Duration,
    pub violations: i64,
}

pub(super) async fn run(state: &AppState, place: &Place) -> Result<Times, String> {
    let code = TenantCode::parse("demo").map_err(|e| e.to_string())?;
    let folder = place.data.path().join("backup");
    let started = Instant::now();
    let written = backup::backup(state, Some(&code), &folder).await.map_err(|e| e.to_string())?;
    let backup = started.elapsed();
    let bytes = written.manifest.companies.iter().map(|c| c.database.bytes + c.rows.bytes).sum();

    let data = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::copy(place.data.path().join("secret.key"), data.path().join("secret.key")).map_err(|e| e.to_string())?;
    let database_url = place.database_url.as_ref().map(|url| {
        let name = services::db::url::postgres_database(url).unwrap_or("atelier_bench");
        services::db::url::postgres_with_database(url, &format!("{name}_restored")).unwrap_or_default()
    });
    let elsewhere = Place { data, database_url };
    let target = stock::open(&elsewhere).await?;
    let started = Instant::now();
    let restored = backup::restore(&target, &folder, Some(&code)).await.map_err(|e| e.to_string());
    let restore = started.elapsed();
    target.close().await;
    if let Some(url) = &elsewhere.database_url {
        stock::drop_databases(url).await;
    }
    let violations = restored?.iter().map(|r| r.report.violations()).sum();
    Ok(Times { backup, bytes, restore, violations })
}
