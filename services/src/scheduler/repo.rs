//! SQL of the scheduled runs (control database).

use sqlx::{AnyExecutor, FromRow};

/// Moves the job's row to `period` if it is behind it (or creates it): one statement, so two
/// processes claiming the same period cannot both succeed.
pub async fn claim<'e>(
    db: impl AnyExecutor<'e>,
    job: &str,
    period: i64,
    holder: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO scheduled_runs (job, period, holder, started_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (job) DO UPDATE SET period = excluded.period, holder = excluded.holder, \
             started_at_ms = excluded.started_at_ms, finished_at_ms = NULL, outcome = NULL \
         WHERE scheduled_runs.period < excluded.period",
    )
    .bind(job)
    .bind(period)
    .bind(holder)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct Finished<'a> {
    pub job: &'a str,
    pub period: i64,
    pub holder: &'a str,
    pub outcome: &'a str,
}

/// Records the end of a run, unless a later period has been claimed meanwhile.
pub async fn finish<'e>(db: impl AnyExecutor<'e>, f: &Finished<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE scheduled_runs SET finished_at_ms = $1, outcome = $2 WHERE job = $3 AND period = $4 AND holder = $5",
    )
    .bind(now_ms)
    .bind(f.outcome)
    .bind(f.job)
    .bind(f.period)
    .bind(f.holder)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct LastRun {
    pub period: i64,
    pub holder: String,
    pub started_at_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub outcome: Option<String>,
}

pub async fn last_run<'e>(db: impl AnyExecutor<'e>, job: &str) -> Result<Option<LastRun>, sqlx::Error> {
    sqlx::query_as("SELECT period, holder, started_at_ms, finished_at_ms, outcome FROM scheduled_runs WHERE job = $1")
        .bind(job)
        .fetch_optional(db)
        .await
}
