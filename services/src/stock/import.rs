//! CSV imports of articles and of opening stock (behind the company flag `bulk_stock_import`).
//! Every row is checked first, against the file's own rules and then against the database;
//! any problem refuses the whole file with its report, and nothing is written. A valid file is
//! written in one transaction (`write`). Imports run in the background so their page can show
//! progress.

pub mod progress;
mod write;

use domain::stock::import::{ImportKind, ImportOutcome, ImportPhase, Report};
use domain::stock::reports::{ImportOverviewView, ImportProgressView, PastImport};
use domain::{Flag, Permission};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::repo;
use crate::governance;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, members};

/// How an import ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Every row was written.
    Imported { rows: usize },
    /// The file has problems; nothing was written.
    Refused(Report),
    /// The database failed while writing; nothing was written.
    Failed,
}

impl Outcome {
    /// What the import history keeps of it.
    pub fn kind(&self) -> ImportOutcome {
        match self {
            Self::Imported { .. } => ImportOutcome::Imported,
            Self::Refused(_) => ImportOutcome::Refused,
            Self::Failed => ImportOutcome::Failed,
        }
    }
}

/// An import's progress, as its page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    pub id: String,
    pub tenant: String,
    pub user_id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub phase: ImportPhase,
    /// Rows in the file, once read.
    pub total: usize,
    /// Rows written so far.
    pub done: usize,
    pub outcome: Option<Outcome>,
    pub started_at_ms: i64,
}

/// The largest file accepted (about 100,000 rows of a wide article file).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Starts importing a file in the background; returns the import's id for its progress page.
pub async fn start(
    state: &AppState,
    scope: &TenantScope,
    kind: ImportKind,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<String> {
    check_allowed(scope).await?;
    let action = domain::governance::thresholds::Limited::StockImport;
    crate::governance::thresholds::admit(scope, action, state.clock.now_ms()).await?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::field("file", "file-too-large"));
    }
    if bytes.is_empty() {
        return Err(AppError::field("file", "required"));
    }
    let id = Uuid::new_v4().to_string();
    let job = Job {
        id: id.clone(),
        tenant: scope.tenant.code.clone(),
        user_id: scope.user.id.clone(),
        kind,
        file_name: file_name.chars().filter(|c| !c.is_control()).take(200).collect(),
        phase: ImportPhase::Checking,
        total: 0,
        done: 0,
        outcome: None,
        started_at_ms: state.clock.now_ms(),
    };
    progress::insert(state, &job).await?;
    let (state, scope) = (state.clone(), scope.clone());
    tokio::spawn(async move {
        let (counts, seen) = tokio::sync::watch::channel((ImportPhase::Checking, 0, 0));
        let reporter = tokio::spawn(progress::report(state.clone(), job.id.clone(), seen));
        let report_to = |phase: ImportPhase, total: usize, done: usize| {
            counts.send_replace((phase, total, done));
        };
        let outcome = run(&scope, kind, &bytes, &job.id, state.clock.now_ms(), &report_to).await;
        let last = *counts.borrow();
        drop(counts);
        // Its last write lands before the outcome's.
        let _ = reporter.await;
        record(&state, &scope, &job, &outcome).await;
        progress::finish(&state, &job.id, last, &outcome).await;
    });
    Ok(id)
}

pub(super) async fn check_allowed(scope: &TenantScope) -> AppResult<()> {
    scope.require(Permission::StockImport)?;
    governance::flags::require(scope, Flag::BulkStockImport).await
}

/// An import as its page may see it, from whichever app server runs it: only within its
/// company.
pub async fn job(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<Job> {
    scope.require(Permission::StockRead)?;
    progress::read(state, &scope.tenant.code, id).await?.ok_or(AppError::NotFound)
}

/// An import's page: its progress, then its outcome.
pub async fn view(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<ImportProgressView> {
    let job = job(state, scope, id).await?;
    let imported = match job.outcome {
        Some(Outcome::Imported { rows }) => rows,
        _ => 0,
    };
    let outcome = job.outcome.as_ref().map(Outcome::kind);
    let report = match job.outcome {
        Some(Outcome::Refused(report)) => report,
        _ => Report::default(),
    };
    Ok(ImportProgressView {
        kind: job.kind,
        file_name: job.file_name,
        phase: job.phase,
        total: job.total,
        done: job.done,
        outcome,
        imported,
        report,
    })
}

/// The import page: whether this user may import, whether the company has turned imports on,
/// and the company's latest imports.
pub async fn overview(state: &AppState, scope: &TenantScope) -> AppResult<ImportOverviewView> {
    scope.require(Permission::StockRead)?;
    let names = members::names(state, scope).await?;
    let mut history = Vec::new();
    for i in repo::recent_imports(scope.db.pool(), 20).await? {
        history.push(PastImport {
            who: names.get(&i.user_id).cloned().unwrap_or_default(),
            at_local_ms: scope.local_ms(i.started_at_ms),
            kind: ImportKind::parse(&i.kind).ok_or_else(|| AppError::corrupt("stock_imports.kind", &i.kind))?,
            outcome: ImportOutcome::parse(&i.outcome)
                .ok_or_else(|| AppError::corrupt("stock_imports.outcome", &i.outcome))?,
            id: i.id,
            file_name: i.file_name,
            row_count: i.row_count,
            error_count: i.error_count,
        });
    }
    Ok(ImportOverviewView {
        can_import: scope.allows(Permission::StockImport),
        closed: governance::flags::closed_to(scope, Flag::BulkStockImport).await?,
        history,
    })
}

async fn record(state: &AppState, scope: &TenantScope, job: &Job, outcome: &Outcome) {
    let (rows, errors) = match outcome {
        Outcome::Imported { rows } => (*rows, 0),
        Outcome::Refused(report) => (0, report.total),
        Outcome::Failed => (0, 0),
    };
    let row = repo::ImportRow {
        id: job.id.clone(),
        kind: job.kind.as_str().to_owned(),
        file_name: Some(job.file_name.clone()).filter(|n| !n.is_empty()),
        row_count: i64::try_from(rows).unwrap_or(i64::MAX),
        outcome: outcome.kind().as_str().to_owned(),
        error_count: i64::try_from(errors).unwrap_or(i64::MAX),
        user_id: scope.user.id.clone(),
        started_at_ms: job.started_at_ms,
        finished_at_ms: state.clock.now_ms(),
    };
    if let Err(error) = repo::insert_import(scope.db.pool(), &row).await {
        tracing::error!(%error, "recording an import");
    }
}

/// Reports progress: (phase, rows in the file, rows written).
pub type Progress<'a> = &'a (dyn Fn(ImportPhase, usize, usize) + Send + Sync);

/// Checks and imports a whole file now (the background task, tests and the benchmark call it).
pub async fn run(
    scope: &TenantScope,
    kind: ImportKind,
    bytes: &[u8],
    import_id: &str,
    now_ms: i64,
    progress: Progress<'_>,
) -> Outcome {
    let result = match kind {
        ImportKind::Articles => write::articles(scope, bytes, import_id, now_ms, progress).await,
        ImportKind::OpeningStock => write::opening_stock(scope, bytes, import_id, now_ms, progress).await,
    };
    match result {
        Ok(rows) => Outcome::Imported { rows },
        Err(Refusal::Report(report)) => Outcome::Refused(report),
        Err(Refusal::Failed(error)) => {
            tracing::error!(%error, "import failed");
            Outcome::Failed
        }
    }
}

pub(super) enum Refusal {
    Report(Report),
    Failed(AppError),
}

impl From<AppError> for Refusal {
    fn from(error: AppError) -> Self {
        Self::Failed(error)
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Self {
        Self::Failed(error.into())
    }
}
