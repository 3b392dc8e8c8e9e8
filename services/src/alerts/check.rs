//! The checks: for each rule of a company, the conditions that hold now against the alerts
//! open, opening one alert per new condition and closing those whose condition ended. Run by
//! the server's scheduler (`scheduled`: each period once, whichever server process claims it)
//! and by `atelier alerts run`.

use std::collections::BTreeMap;

use domain::alerts::due::{self, Condition};
use domain::alerts::rules::RuleSettings;
use domain::alerts::{Cadence, RuleKind};
use domain::events::MAX_SUBJECT;
use domain::format::iso_day;
use domain::mission::views::reference;
use domain::stock::alert::{Alert, alert};

use super::mails;
use super::repo::{self, conditions};
use crate::control::TenantRecord;
use crate::db::Db;
use crate::scheduler::{self, Job};
use crate::stock::stored_quantity;
use crate::{AppError, AppResult, AppState};

/// What one rule's check found and changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleReport {
    pub kind: RuleKind,
    pub enabled: bool,
    /// Conditions that hold now.
    pub found: usize,
    /// The subjects of the alerts opened (or that a dry run would open).
    pub opened: Vec<String>,
    /// Alerts closed (or that a dry run would close).
    pub closed: usize,
}

/// Checks one company's rules of `cadence` (all of them when None). A dry run writes nothing.
pub async fn check_tenant(
    state: &AppState,
    tenant: &TenantRecord,
    cadence: Option<Cadence>,
    dry_run: bool,
    now_ms: i64,
) -> AppResult<Vec<RuleReport>> {
    let zone = crate::clock::stored_zone(&tenant.timezone)?;
    let db = state.tenants.get(tenant).await?;
    let mut reports = Vec::new();
    for (rule, _) in super::rules_of(&db).await? {
        if cadence.is_some_and(|c| c != rule.kind.cadence()) {
            continue;
        }
        let found = if rule.enabled { conditions(state, tenant, &db, &rule, zone, now_ms).await? } else { Vec::new() };
        let open: BTreeMap<String, i64> =
            repo::open_of_rule(db.pool(), rule.kind.as_str()).await?.into_iter().collect();
        let count = found.len();
        let changes = due::changes(found, &open);
        if !dry_run && (!changes.open.is_empty() || !changes.close.is_empty()) {
            let mail_to =
                if changes.open.is_empty() { Vec::new() } else { mails::recipients(state, tenant, &rule).await? };
            apply(&db, &rule, &changes, &mail_to, now_ms).await?;
        }
        reports.push(RuleReport {
            kind: rule.kind,
            enabled: rule.enabled,
            found: count,
            opened: changes.open.into_iter().map(|c| c.subject).collect(),
            closed: changes.close.len(),
        });
    }
    Ok(reports)
}

/// Opens and closes alerts in one transaction, with the e-mails of those it opens.
async fn apply(
    db: &Db,
    rule: &RuleSettings,
    changes: &due::Changes,
    mail_to: &[(String, String)],
    now_ms: i64,
) -> AppResult<()> {
    let roles = rule.roles_text();
    let mut tx = db.begin_write().await?;
    for condition in &changes.open {
        let alert = repo::NewAlert {
            rule: rule.kind.as_str(),
            subject_id: &condition.subject_id,
            subject: &condition.subject,
            severity: rule.severity.as_str(),
            roles: &roles,
            at_ms: now_ms,
        };
        let id = repo::open(&mut *tx, &alert).await?;
        mails::queue(&mut tx, id, mail_to, now_ms).await?;
    }
    for id in &changes.close {
        repo::close(&mut *tx, *id, now_ms).await?;
    }
    tx.commit().await
}

fn condition(subject_id: String, subject: String) -> Condition {
    Condition { subject_id, subject: subject.chars().take(MAX_SUBJECT).collect() }
}

fn threshold(rule: &RuleSettings) -> AppResult<u32> {
    rule.threshold.ok_or_else(|| AppError::corrupt("alert_rules.threshold", rule.kind.as_str()))
}

/// The conditions of `rule` that hold at `now_ms`.
async fn conditions(
    state: &AppState,
    tenant: &TenantRecord,
    db: &Db,
    rule: &RuleSettings,
    zone: chrono_tz::Tz,
    now_ms: i64,
) -> AppResult<Vec<Condition>> {
    let pool = db.pool();
    let mission = |m: conditions::MissionRow| condition(m.id, format!("{} · {}", reference(m.number), m.title));
    Ok(match rule.kind {
        RuleKind::EmergencyPending => {
            let cutoff = due::since_cutoff_ms(now_ms, threshold(rule)?);
            conditions::emergencies_waiting(pool, cutoff).await?.into_iter().map(mission).collect()
        }
        RuleKind::MissionBlocked => {
            let cutoff = due::since_cutoff_ms(now_ms, threshold(rule)?);
            conditions::blocked(pool, cutoff).await?.into_iter().map(mission).collect()
        }
        RuleKind::InvoiceOverdue | RuleKind::InvoiceLongOverdue => {
            let today = crate::clock::local_day(zone, now_ms)?;
            let cutoff = iso_day(due::overdue_cutoff(today, threshold(rule)?));
            conditions::overdue(pool, &cutoff)
                .await?
                .into_iter()
                .map(|i| condition(i.id, format!("{} · {}", i.number, i.customer)))
                .collect()
        }
        RuleKind::StockCritical => {
            let mut critical = Vec::new();
            for l in conditions::low_levels(pool).await? {
                let level = stored_quantity("stock_levels.qty_milli", l.qty_milli)?;
                let minimum = stored_quantity("articles.min_stock_milli", l.min_stock_milli)?;
                if alert(level, minimum) == Some(Alert::Critical) {
                    critical.push(condition(
                        format!("{}@{}", l.article_id, l.site_id),
                        format!("{} · {}", l.article_code, l.site_code),
                    ));
                }
            }
            critical
        }
        RuleKind::TimesheetsUnapproved => {
            let cutoff = due::days_elapsed_cutoff_ms(now_ms, threshold(rule)?);
            let waiting = conditions::time_waiting(pool, cutoff).await?;
            if waiting.is_empty() {
                return Ok(Vec::new());
            }
            let members = crate::control::repo::members_of(state.control.pool(), &tenant.code).await?;
            let name = |id: &str| {
                members.iter().find(|m| m.id == id).map_or_else(|| "—".to_owned(), |m| m.display_name.clone())
            };
            waiting
                .into_iter()
                .map(|(technician, _)| {
                    let n = name(&technician);
                    condition(technician, n)
                })
                .collect()
        }
    })
}

/// One company's outcome of a round of checks.
pub struct TenantOutcome {
    pub tenant: String,
    pub result: AppResult<Vec<RuleReport>>,
    /// The alert e-mails sent after the check (none on a dry run).
    pub mails: AppResult<mails::Sent>,
}

/// Checks every active company (or only `only`); a company whose check fails is reported and the
/// others go on.
pub async fn check_all(
    state: &AppState,
    only: Option<&domain::TenantCode>,
    cadence: Option<Cadence>,
    dry_run: bool,
    now_ms: i64,
) -> AppResult<Vec<TenantOutcome>> {
    let mut outcomes = Vec::new();
    for tenant in crate::control::list_tenants(state).await? {
        if !tenant.is_active() || only.is_some_and(|code| code.as_str() != tenant.code) {
            continue;
        }
        // A dry run writes nothing: it runs whatever the mode.
        if !dry_run && !crate::governance::mode::jobs_may_write(&tenant) {
            if only.is_some() {
                let stopped = Err(crate::governance::mode::jobs_stopped(&tenant));
                outcomes.push(TenantOutcome {
                    tenant: tenant.code,
                    result: stopped,
                    mails: Ok(mails::Sent::default()),
                });
            }
            continue;
        }
        let result = check_tenant(state, &tenant, cadence, dry_run, now_ms).await;
        let mails = match dry_run {
            true => Ok(mails::Sent::default()),
            false => match state.tenants.get(&tenant).await {
                Ok(db) => mails::deliver(state, &tenant, &db, now_ms).await,
                Err(error) => Err(error),
            },
        };
        outcomes.push(TenantOutcome { tenant: tenant.code, result, mails });
    }
    if only.is_some() && outcomes.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(outcomes)
}

/// The scheduled jobs: the minute-based rules every minute, the others every hour.
pub const EVERY_MINUTE: Job = Job { name: "alerts-every-minute", period_ms: 60_000 };
pub const HOURLY: Job = Job { name: "alerts-hourly", period_ms: 3_600_000 };

/// A job of a scheduled round: None when another process had claimed its period.
pub struct ScheduledRun {
    pub job: Job,
    pub outcomes: Option<Vec<TenantOutcome>>,
}

/// What the server's scheduler does each minute: for each job whose current period nobody has
/// claimed, claim it, check every company, record the outcome.
pub async fn scheduled(state: &AppState, holder: &str, now_ms: i64) -> AppResult<Vec<ScheduledRun>> {
    let mut runs = Vec::new();
    for (job, cadence) in [(EVERY_MINUTE, Cadence::EveryMinute), (HOURLY, Cadence::Hourly)] {
        let Some(claim) = scheduler::claim(state, job, holder, now_ms).await? else {
            runs.push(ScheduledRun { job, outcomes: None });
            continue;
        };
        let outcomes = check_all(state, None, Some(cadence), false, now_ms).await;
        let summary = match &outcomes {
            Ok(outcomes) => summary(outcomes),
            Err(error) => format!("failed: {error}"),
        };
        scheduler::finish(state, &claim, &summary, state.clock.now_ms()).await?;
        runs.push(ScheduledRun { job, outcomes: Some(outcomes?) });
    }
    Ok(runs)
}

/// One line of what a round did: companies checked, alerts opened and closed, failures.
pub fn summary(outcomes: &[TenantOutcome]) -> String {
    let (mut opened, mut closed, mut failed, mut sent) = (0, 0, Vec::new(), mails::Sent::default());
    for outcome in outcomes {
        match &outcome.result {
            Ok(reports) => {
                opened += reports.iter().map(|r| r.opened.len()).sum::<usize>();
                closed += reports.iter().map(|r| r.closed).sum::<usize>();
            }
            Err(error) => failed.push(format!("{}: {error}", outcome.tenant)),
        }
        match &outcome.mails {
            Ok(mails) => {
                sent.sent += mails.sent;
                sent.failed += mails.failed;
            }
            Err(error) => failed.push(format!("{} (e-mails): {error}", outcome.tenant)),
        }
    }
    let mut line = format!("{} companies checked, {opened} alerts opened, {closed} closed", outcomes.len());
    if sent != mails::Sent::default() {
        line.push_str(&format!(", {} e-mails sent, {} not sent", sent.sent, sent.failed));
    }
    if !failed.is_empty() {
        line.push_str(&format!("; failed: {}", failed.join("; ")));
    }
    line
}
