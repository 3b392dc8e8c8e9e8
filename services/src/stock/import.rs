//! CSV imports of articles and of opening stock (behind the company flag `bulk_stock_import`).
//! Every row is checked first, against the file's own rules and then against the database;
//! any problem refuses the whole file with its report, and nothing is written. A valid file is
//! written in one transaction. Imports run in the background so their page can show progress.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use domain::stock::import::{self as csv_import, ImportKind, Report};
use domain::stock::valuation;
use domain::{Flag, Permission};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::repo;
use crate::governance;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Checking,
    Writing,
    Done,
}

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
    /// Its stable name, kept in the import history.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Imported { .. } => "imported",
            Self::Refused(_) => "refused",
            Self::Failed => "failed",
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
    pub phase: Phase,
    /// Rows in the file, once read.
    pub total: usize,
    /// Rows written so far.
    pub done: usize,
    pub outcome: Option<Outcome>,
    pub started_at_ms: i64,
}

/// Imports of this server process: running ones, and finished ones for a while (their outcome
/// is also kept in the company's import history).
#[derive(Default)]
pub struct ImportJobs {
    jobs: Mutex<HashMap<String, Job>>,
}

/// How many finished imports are kept for their pages.
const KEPT: usize = 200;

impl ImportJobs {
    fn insert(&self, job: Job) {
        let mut jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        if jobs.len() >= KEPT {
            let oldest = jobs.values().filter(|j| j.phase == Phase::Done).min_by_key(|j| j.started_at_ms);
            if let Some(id) = oldest.map(|j| j.id.clone()) {
                jobs.remove(&id);
            }
        }
        jobs.insert(job.id.clone(), job);
    }

    fn update(&self, id: &str, change: impl FnOnce(&mut Job)) {
        if let Some(job) = self.jobs.lock().unwrap_or_else(|p| p.into_inner()).get_mut(id) {
            change(job);
        }
    }

    fn get(&self, id: &str) -> Option<Job> {
        self.jobs.lock().unwrap_or_else(|p| p.into_inner()).get(id).cloned()
    }
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
        phase: Phase::Checking,
        total: 0,
        done: 0,
        outcome: None,
        started_at_ms: state.clock.now_ms(),
    };
    state.imports.insert(job.clone());
    let (state, scope) = (state.clone(), scope.clone());
    tokio::spawn(async move {
        let jobs = state.imports.clone();
        let progress = |phase, total, done| jobs.update(&job.id, |j| (j.phase, j.total, j.done) = (phase, total, done));
        let outcome = run(&scope, kind, &bytes, &job.id, state.clock.now_ms(), &progress).await;
        record(&state, &scope, &job, &outcome).await;
        jobs.update(&job.id, |j| {
            j.phase = Phase::Done;
            j.outcome = Some(outcome);
        });
    });
    Ok(id)
}

async fn check_allowed(scope: &TenantScope) -> AppResult<()> {
    scope.require(Permission::StockImport)?;
    if !governance::enabled(scope, Flag::BulkStockImport).await? {
        return Err(AppError::FeatureOff(Flag::BulkStockImport.name()));
    }
    Ok(())
}

/// An import as its page may see it: only within its company.
pub fn job(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<Job> {
    scope.require(Permission::StockRead)?;
    state.imports.get(id).filter(|j| j.tenant == scope.tenant.code).ok_or(AppError::NotFound)
}

/// The company's latest imports.
pub async fn history(scope: &TenantScope) -> AppResult<Vec<repo::ImportRow>> {
    scope.require(Permission::StockRead)?;
    Ok(repo::recent_imports(scope.db.pool(), 20).await?)
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
        outcome: outcome.name().to_owned(),
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
pub type Progress<'a> = &'a (dyn Fn(Phase, usize, usize) + Send + Sync);

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
        ImportKind::Articles => import_articles(scope, bytes, now_ms, progress).await,
        ImportKind::OpeningStock => import_opening_stock(scope, bytes, import_id, now_ms, progress).await,
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

enum Refusal {
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

/// Rows are written in one transaction; progress is reported every this many rows.
const PROGRESS_EVERY: usize = 250;

async fn import_articles(
    scope: &TenantScope,
    bytes: &[u8],
    now_ms: i64,
    progress: Progress<'_>,
) -> Result<usize, Refusal> {
    check_allowed(scope).await?;
    let articles = csv_import::read_articles(bytes).map_err(Refusal::Report)?;
    progress(Phase::Checking, articles.len(), 0);
    let existing: HashSet<String> =
        repo::article_codes(scope.db.pool()).await?.into_iter().map(|(code, _, _)| code).collect();
    let mut report = Report::default();
    for (line, article) in &articles {
        if existing.contains(&article.code) {
            report.add(*line, "code", "article-code-taken");
        }
    }
    if !report.is_empty() {
        return Err(Refusal::Report(report));
    }
    let mut tx = scope.db.begin_write().await?;
    for (i, (_, article)) in articles.iter().enumerate() {
        repo::insert_article(&mut *tx, &Uuid::new_v4().to_string(), article, now_ms).await?;
        if i % PROGRESS_EVERY == 0 {
            progress(Phase::Writing, articles.len(), i);
        }
    }
    tx.commit().await?;
    Ok(articles.len())
}

async fn import_opening_stock(
    scope: &TenantScope,
    bytes: &[u8],
    import_id: &str,
    now_ms: i64,
    progress: Progress<'_>,
) -> Result<usize, Refusal> {
    check_allowed(scope).await?;
    let rows = csv_import::read_opening_stock(bytes).map_err(Refusal::Report)?;
    progress(Phase::Checking, rows.len(), 0);
    let articles: HashMap<String, (String, Option<i64>)> =
        repo::article_codes(scope.db.pool()).await?.into_iter().map(|(code, id, price)| (code, (id, price))).collect();
    let sites: HashMap<String, String> = repo::site_codes(scope.db.pool()).await?.into_iter().collect();
    let mut report = Report::default();
    for (line, row) in &rows {
        if !articles.contains_key(&row.article_code) {
            report.add(*line, "article_code", "unknown-article");
        }
        if !sites.contains_key(&row.site_code) {
            report.add(*line, "site_code", "unknown-site");
        }
    }
    if !report.is_empty() {
        return Err(Refusal::Report(report));
    }
    check_bounds(scope, &rows, &articles, &sites).await?;
    let reference = format!("import-{}", &import_id[..8.min(import_id.len())]);
    let mut tx = scope.db.begin_write().await?;
    let mut written = 0;
    for chunk in rows.chunks(repo::BATCH_ROWS) {
        // One operation and one lot per row, so that one wrong row can be reversed on its own.
        let ids: Vec<(String, String)> =
            chunk.iter().map(|_| (Uuid::new_v4().to_string(), Uuid::new_v4().to_string())).collect();
        let mut lots = Vec::with_capacity(chunk.len());
        let mut movements = Vec::with_capacity(chunk.len());
        for ((_, row), (operation, lot)) in chunk.iter().zip(&ids) {
            let (article, price) = &articles[&row.article_code];
            let site = &sites[&row.site_code];
            let unit_cost = unit_cost(row, *price);
            lots.push(repo::NewLot {
                id: lot,
                article,
                site,
                lot_number: row.lot_number.as_deref(),
                expiry: row.expiry.as_deref(),
                unit_cost_minor: unit_cost,
                origin: None,
                at_ms: now_ms,
            });
            movements.push(repo::MovementRow {
                operation,
                kind: "receipt",
                article,
                site,
                lot: Some(lot),
                qty_milli: row.quantity.milli(),
                // Checked by `check_bounds`.
                value_minor: valuation::receipt_value(row.quantity, unit_cost).unwrap_or_default(),
                reason: None,
                reference: Some(&reference),
                reverses: None,
                user_id: &scope.user.id,
                at_ms: now_ms,
            });
        }
        repo::insert_lots(&mut *tx, &lots).await?;
        repo::insert_movements(&mut *tx, &movements).await?;
        written += chunk.len();
        progress(Phase::Writing, rows.len(), written);
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// A row's cost: its own, else the article's purchase price, else nothing (a gift, a sample).
fn unit_cost(row: &csv_import::OpeningRow, article_price: Option<i64>) -> i64 {
    row.unit_cost_minor.or(article_price).unwrap_or(0)
}

/// A30: every row's value, and every level once the file's rows are added to it, stay within the
/// business bounds; otherwise each row at fault is reported and nothing is written.
async fn check_bounds(
    scope: &TenantScope,
    rows: &[(u64, csv_import::OpeningRow)],
    articles: &HashMap<String, (String, Option<i64>)>,
    sites: &HashMap<String, String>,
) -> Result<(), Refusal> {
    let ids: Vec<&str> = rows
        .iter()
        .map(|(_, row)| articles[&row.article_code].0.as_str())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut levels: HashMap<(String, String), (i64, i64)> = HashMap::new();
    for chunk in ids.chunks(repo::BATCH_ROWS) {
        for (article, site, qty, value) in repo::levels_of_articles(scope.db.pool(), chunk).await? {
            levels.insert((article, site), (qty, value));
        }
    }
    let mut report = Report::default();
    for (line, row) in rows {
        let (article, price) = &articles[&row.article_code];
        let Some(value) = valuation::receipt_value(row.quantity, unit_cost(row, *price)) else {
            report.add(*line, "quantity", "stock-value-too-large");
            continue;
        };
        let level = levels.entry((article.clone(), sites[&row.site_code].clone())).or_default();
        match domain::bounds::check_level(level.0, level.1, row.quantity.milli(), value) {
            Ok(()) => *level = (level.0 + row.quantity.milli(), level.1 + value),
            Err(code) => report.add(*line, "quantity", code),
        }
    }
    if report.is_empty() { Ok(()) } else { Err(Refusal::Report(report)) }
}
