//! SQL of the SLO's measurements (control database, migration 0008).

use sqlx::AnyExecutor;

/// Adds a process's counts of a minute to what others may already have written.
pub async fn add<'e>(
    db: impl AnyExecutor<'e>,
    minute: i64,
    route: &str,
    total: i64,
    good: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO slo_minutes (minute, route, total, good) VALUES ($1, $2, $3, $4) ON CONFLICT (minute, route) \
         DO UPDATE SET total = slo_minutes.total + excluded.total, good = slo_minutes.good + excluded.good",
    )
    .bind(minute)
    .bind(route)
    .bind(total)
    .bind(good)
    .execute(db)
    .await?;
    Ok(())
}

/// (total, good) of every route since `minute`.
pub async fn since<'e>(db: impl AnyExecutor<'e>, minute: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT), CAST(COALESCE(SUM(good), 0) AS BIGINT) FROM slo_minutes \
         WHERE minute >= $1",
    )
    .bind(minute)
    .fetch_one(db)
    .await
}

/// Measurements older than the window are of no use.
pub async fn forget_before<'e>(db: impl AnyExecutor<'e>, minute: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM slo_minutes WHERE minute < $1").bind(minute).execute(db).await?.rows_affected())
}
