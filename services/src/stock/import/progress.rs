//! Where an import stands, kept in the control database so that every app server shows it
//! (issue 17): written by the process that runs the import, read by any.

use std::time::Duration;

use domain::stock::import::{ImportKind, ImportPhase};
use tokio::sync::watch;

use super::{Job, Outcome};
use crate::control::repo::{self, ImportProgressRow};
use crate::{AppError, AppResult, AppState};

/// (phase, rows in the file, rows written).
pub type Counts = (ImportPhase, usize, usize);

/// The running import's counts are written at most this often (its transaction never waits
/// for them).
const WRITE_EVERY: Duration = Duration::from_millis(250);

/// How long an import's page stays after its last change.
const KEPT_MS: i64 = 24 * 3600 * 1000;

pub(super) async fn insert(state: &AppState, job: &Job) -> AppResult<()> {
    let row = ImportProgressRow {
        id: job.id.clone(),
        tenant: job.tenant.clone(),
        user_id: job.user_id.clone(),
        kind: job.kind.as_str().to_owned(),
        file_name: job.file_name.clone(),
        phase: job.phase.as_str().to_owned(),
        total: count(job.total),
        done: count(job.done),
        outcome: None,
        started_at_ms: job.started_at_ms,
        updated_at_ms: job.started_at_ms,
    };
    let mut tx = state.control.begin_write().await?;
    repo::insert_import_progress(&mut *tx, &row).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the latest counts of an import until its runner drops the sender.
pub(super) async fn report(state: AppState, id: String, mut counts: watch::Receiver<Counts>) {
    while counts.changed().await.is_ok() {
        let latest = *counts.borrow_and_update();
        if let Err(error) = write(&state, &id, latest, None).await {
            tracing::warn!(%error, import = %id, "writing an import's progress (its outcome will still be written)");
        }
        tokio::time::sleep(WRITE_EVERY).await;
    }
}

/// The import's last counts and its outcome.
pub(super) async fn finish(state: &AppState, id: &str, (_, total, done): Counts, outcome: &Outcome) {
    let written = match serde_json::to_string(outcome) {
        Ok(json) => write(state, id, (ImportPhase::Done, total, done), Some(&json)).await,
        Err(error) => Err(AppError::Internal(error.to_string())),
    };
    if let Err(error) = written {
        tracing::error!(%error, import = %id, "writing an import's outcome (the company's import history has it)");
    }
}

async fn write(state: &AppState, id: &str, (phase, total, done): Counts, outcome: Option<&str>) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    let counts = (phase.as_str(), count(total), count(done));
    repo::update_import_progress(&mut *tx, id, counts, outcome, state.clock.now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// An import of the company `tenant`, as its page sees it.
pub(super) async fn read(state: &AppState, tenant: &str, id: &str) -> AppResult<Option<Job>> {
    let Some(row) = repo::import_progress(state.control.pool(), id, tenant).await? else { return Ok(None) };
    let corrupt = |column: &str, value: &str| AppError::corrupt(format!("import_progress.{column}"), value);
    let kind = ImportKind::parse(&row.kind).ok_or_else(|| corrupt("kind", &row.kind))?;
    let phase =
        ImportPhase::ALL.into_iter().find(|p| p.as_str() == row.phase).ok_or_else(|| corrupt("phase", &row.phase))?;
    let outcome = match &row.outcome {
        Some(json) => Some(serde_json::from_str::<Outcome>(json).map_err(|_| corrupt("outcome", json))?),
        None => None,
    };
    Ok(Some(Job {
        id: row.id,
        tenant: row.tenant,
        user_id: row.user_id,
        kind,
        file_name: row.file_name,
        phase,
        total: usize::try_from(row.total).unwrap_or_default(),
        done: usize::try_from(row.done).unwrap_or_default(),
        outcome,
        started_at_ms: row.started_at_ms,
    }))
}

/// Forgets the imports a day past their last change; returns how many.
pub async fn forget_past(state: &AppState) -> AppResult<u64> {
    let mut tx = state.control.begin_write().await?;
    let forgotten = repo::forget_import_progress(&mut *tx, state.clock.now_ms() - KEPT_MS).await?;
    tx.commit().await?;
    Ok(forgotten)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
