//! CSV imports: the import page's data and an import's progress. The file itself is posted as
//! multipart form data to `POST /stock/import/upload` (a plain route of the server).

use domain::stock::import::{ImportKind, Report};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastImport {
    pub id: String,
    pub kind: String,
    pub file_name: Option<String>,
    pub row_count: i64,
    pub outcome: String,
    pub error_count: i64,
    pub who: String,
    pub at_local_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOverviewView {
    pub can_import: bool,
    pub enabled: bool,
    pub history: Vec<PastImport>,
}

#[server(endpoint = "import_overview")]
pub async fn import_overview() -> Result<ImportOverviewView, ApiError> {
    use domain::{Flag, Permission};
    let (state, scope) = super::ssr::scope(Permission::StockRead).await?;
    let enabled = services::governance::enabled(&scope, Flag::BulkStockImport).await.map_err(super::ssr::fail)?;
    let history = services::stock::import::history(&scope).await.map_err(super::ssr::fail)?;
    let names = services::members::names(&state, &scope).await.map_err(super::ssr::fail)?;
    Ok(ImportOverviewView {
        can_import: scope.allows(Permission::StockImport),
        enabled,
        history: history
            .into_iter()
            .map(|i| PastImport {
                who: names.get(&i.user_id).cloned().unwrap_or_default(),
                at_local_ms: scope.local_ms(i.started_at_ms),
                id: i.id,
                kind: i.kind,
                file_name: i.file_name,
                row_count: i.row_count,
                outcome: i.outcome,
                error_count: i.error_count,
            })
            .collect(),
    })
}

/// An import's progress and, once done, its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgressView {
    pub kind: ImportKind,
    pub file_name: String,
    /// `checking`, `writing` or `done`.
    pub phase: String,
    pub total: usize,
    pub done: usize,
    /// Done: `imported`, `refused` or `failed`.
    pub outcome: Option<String>,
    pub imported: usize,
    pub report: Report,
}

#[server(endpoint = "import_progress")]
pub async fn import_progress(id: String) -> Result<ImportProgressView, ApiError> {
    use services::stock::import::{Outcome, Phase};
    let (state, scope) = super::ssr::scope(domain::Permission::StockRead).await?;
    let job = services::stock::import::job(&state, &scope, &id).map_err(super::ssr::fail)?;
    let phase = match job.phase {
        Phase::Checking => "checking",
        Phase::Writing => "writing",
        Phase::Done => "done",
    };
    let imported = match job.outcome {
        Some(Outcome::Imported { rows }) => rows,
        _ => 0,
    };
    let outcome = job.outcome.as_ref().map(|o| o.name().to_owned());
    let report = match job.outcome {
        Some(Outcome::Refused(report)) => report,
        _ => Report::default(),
    };
    Ok(ImportProgressView {
        kind: job.kind,
        file_name: job.file_name,
        phase: phase.to_owned(),
        total: job.total,
        done: job.done,
        outcome,
        imported,
        report,
    })
}
