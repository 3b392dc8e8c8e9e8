//! The integrity check of a company (`domain::governance::integrity`): each rule recomputed
//! from the records it follows from. Run from the console in the background (its progress and
//! report stored in the company's database, so that any server process shows them) or by the
//! platform operator's `atelier check`, in the foreground; each run is audited.

mod repo;
mod rules;

use domain::governance::integrity::{IntegrityPage, Report, Rule, RunView};
use domain::governance::retention::{PURGE_STALE_MS, PurgeStatus};
use domain::{AuditKind, Permission, TenantCode};

use crate::audit::{self, Event, RequestMeta};
use crate::control::TenantRecord;
use crate::members::PLATFORM_OPERATOR;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The runs the page lists.
const LISTED: i64 = 10;

/// The integrity page: the latest runs.
pub async fn page(state: &AppState, scope: &TenantScope) -> AppResult<IntegrityPage> {
    scope.require(Permission::GovernanceRead)?;
    let names = crate::members::names(state, scope).await?;
    let now = state.clock.now_ms();
    let runs = repo::latest(scope.db.pool(), LISTED).await?;
    let runs = runs.into_iter().map(|row| view(scope, &names, row, now)).collect::<AppResult<_>>()?;
    Ok(IntegrityPage { runs })
}

/// A run of the company, as its page shows it (with its report once done).
pub async fn progress(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<RunView> {
    scope.require(Permission::GovernanceRead)?;
    let row = repo::run(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    let names = crate::members::names(state, scope).await?;
    view(scope, &names, row, state.clock.now_ms())
}

/// Starts a check asked for from the console; returns the run's id for its progress page.
/// Reading is all it does to the company's data, so admins and auditors may run it, in every
/// emergency mode; one runs at a time.
pub async fn start(state: &AppState, meta: &RequestMeta, scope: &TenantScope) -> AppResult<String> {
    scope.require(Permission::GovernanceRead)?;
    let id = begin(state, &scope.db, Some(&scope.user.id)).await?;
    let (state, meta, tenant, user) = (state.clone(), meta.clone(), scope.tenant.clone(), scope.user.id.clone());
    let run_id = id.clone();
    tokio::spawn(async move {
        if let Err(error) = execute(&state, &meta, &tenant, &run_id, Some(&user)).await {
            tracing::warn!(run = run_id, %error, "integrity check stopped");
        }
    });
    Ok(id)
}

/// The platform operator's check of one company, in the foreground: recorded and audited like
/// the console's, and listed on its page.
pub async fn check_company(state: &AppState, code: &TenantCode) -> AppResult<Report> {
    let tenant = crate::control::tenant(state, code.as_str()).await?.ok_or(AppError::NotFound)?;
    let db = state.tenants.get(&tenant).await?;
    let id = begin(state, &db, None).await?;
    execute(state, &RequestMeta::default(), &tenant, &id, None).await
}

/// Records a run as started, once no other is (a run whose server stopped is ended first).
async fn begin(state: &AppState, db: &crate::db::Db, by: Option<&str>) -> AppResult<String> {
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = db.begin_write().await?;
    repo::end_interrupted(&mut *tx, now - PURGE_STALE_MS, now).await?;
    if repo::running(&mut *tx, now - PURGE_STALE_MS).await?.is_some() {
        return Err(AppError::Conflict("integrity-running"));
    }
    repo::insert(&mut *tx, &id, by, now).await.map_err(|e| {
        if crate::db::is_unique_violation(&e) { AppError::Conflict("integrity-running") } else { e.into() }
    })?;
    tx.commit().await?;
    Ok(id)
}

/// Every rule in turn, the progress written before each; then the report stored and the run
/// audited (`by` None: the platform operator).
async fn execute(
    state: &AppState,
    meta: &RequestMeta,
    tenant: &TenantRecord,
    id: &str,
    by: Option<&str>,
) -> AppResult<Report> {
    let outcome = rules_of(state, tenant, id).await;
    // The company's database is asked for again: a long run must not hold a pool the server
    // closed as idle.
    let db = state.tenants.get(tenant).await?;
    let now = state.clock.now_ms();
    // The end, like the progress, queues with the company's other writers (SQLite's write turn).
    let mut tx = db.begin_write().await?;
    match &outcome {
        Ok(report) => {
            let json = serde_json::to_string(report).map_err(|e| AppError::Internal(e.to_string()))?;
            repo::finish(&mut *tx, id, Ok((&json, report.rules.len() as i64, report.violations())), now).await?;
        }
        Err(error) => repo::finish(&mut *tx, id, Err(error.code()), now).await?,
    }
    tx.commit().await?;
    let detail = match &outcome {
        Ok(report) => summary(report),
        Err(error) => format!("stopped: {}", error.code()),
    };
    let mut event = Event::new(AuditKind::IntegrityChecked).tenant(&tenant.code);
    event = match by {
        Some(user) => event.user(user).detail(detail),
        None => event.detail(format!("{PLATFORM_OPERATOR}: {detail}")),
    };
    audit::record(state, meta, event).await?;
    outcome
}

async fn rules_of(state: &AppState, tenant: &TenantRecord, id: &str) -> AppResult<Report> {
    let currency = domain::Currency::parse(&tenant.currency)
        .map_err(|_| AppError::corrupt("tenants.currency", &tenant.currency))?;
    let mut report = Report { currency, rules: Vec::with_capacity(Rule::ALL.len()) };
    for (done, rule) in Rule::ALL.into_iter().enumerate() {
        let db = state.tenants.get(tenant).await?;
        let now = state.clock.now_ms();
        let mut tx = db.begin_write().await?;
        repo::advance(&mut *tx, id, done as i64, rule.key(), report.violations(), now).await?;
        tx.commit().await?;
        report.rules.push(rules::check(rule, state, tenant, &db).await?);
    }
    Ok(report)
}

/// The audit entry's detail: the count, then each rule that does not hold.
fn summary(report: &Report) -> String {
    let broken: Vec<String> =
        report.rules.iter().filter(|r| !r.holds()).map(|r| format!("{} {}", r.rule.key(), r.violations)).collect();
    match broken.as_slice() {
        [] => format!("{} rules hold", report.rules.len()),
        _ => format!("{} violations: {}", report.violations(), broken.join(", ")),
    }
}

fn view(
    scope: &TenantScope,
    names: &std::collections::HashMap<String, String>,
    row: repo::RunRow,
    now_ms: i64,
) -> AppResult<RunView> {
    let corrupt = |what: &str, value: &str| AppError::corrupt(format!("integrity_runs.{what}"), value);
    let report = match &row.report {
        Some(json) => Some(serde_json::from_str::<Report>(json).map_err(|_| corrupt("report", json))?),
        None => None,
    };
    Ok(RunView {
        status: PurgeStatus::of(&row.status, row.heartbeat_ms, now_ms).ok_or_else(|| corrupt("status", &row.status))?,
        by: row.started_by.as_ref().and_then(|id| names.get(id)).cloned().unwrap_or_default(),
        started_local_ms: scope.local_ms(row.started_at_ms),
        finished_local_ms: row.finished_at_ms.map(|t| scope.local_ms(t)),
        rules_done: row.rules_done,
        current: row.current_rule.as_deref().and_then(Rule::parse),
        violations: row.violations,
        report,
        error: row.error,
        id: row.id,
    })
}
