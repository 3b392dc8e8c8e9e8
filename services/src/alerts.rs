//! Alert rules and alerts (`domain::alerts`): the rules a company's admins tune, the checks that
//! open and close alerts (`check`), and what each member sees of them: the bell's count, the
//! notifications page, the acknowledgement.

pub mod check;
pub mod mails;
mod repo;

use std::collections::HashMap;

use domain::alerts::RuleKind;
use domain::alerts::rules::{RuleSettings, parse_roles_text};
use domain::alerts::views::{AlertLine, AlertListing, AlertQuery, BELL_CAP, Bell, PAGE_SIZE, RuleView, Stamp};
use domain::{AuditKind, Permission, Severity};

use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// A stored rule, checked as it is read.
fn stored_rule(row: &repo::RuleRow) -> AppResult<RuleSettings> {
    let kind = RuleKind::parse(&row.kind).map_err(|_| AppError::corrupt("alert_rules.kind", &row.kind))?;
    let severity =
        Severity::parse(&row.severity).ok_or_else(|| AppError::corrupt("alert_rules.severity", &row.severity))?;
    let roles = parse_roles_text(&row.roles).ok_or_else(|| AppError::corrupt("alert_rules.roles", &row.roles))?;
    let threshold = row
        .threshold
        .map(|t| u32::try_from(t).map_err(|_| AppError::corrupt("alert_rules.threshold", t)))
        .transpose()?;
    if threshold.is_some() != kind.unit().is_some() {
        return Err(AppError::corrupt("alert_rules.threshold", row.threshold));
    }
    Ok(RuleSettings { kind, enabled: row.enabled == 1, threshold, severity, roles })
}

/// The company's rules in `RuleKind::ALL` order (a rule missing from the table is corruption:
/// the migration seeds every one).
async fn rules_of(db: &crate::db::Db) -> AppResult<Vec<(RuleSettings, repo::RuleRow)>> {
    let rows = repo::rules(db.pool()).await?;
    RuleKind::ALL
        .into_iter()
        .map(|kind| {
            let row = rows
                .iter()
                .find(|r| r.kind == kind.as_str())
                .ok_or_else(|| AppError::corrupt("alert_rules", kind.as_str()))?;
            Ok((stored_rule(row)?, row.clone()))
        })
        .collect()
}

/// The rules page: each rule, its open alerts, who last changed it.
pub async fn rules(state: &AppState, scope: &TenantScope) -> AppResult<Vec<RuleView>> {
    scope.require(Permission::AlertsManage)?;
    let open: HashMap<String, i64> = repo::open_counts(scope.db.pool()).await?.into_iter().collect();
    let names = crate::members::names(state, scope).await?;
    rules_of(&scope.db)
        .await?
        .into_iter()
        .map(|(settings, row)| {
            let changed = row.updated_by.as_ref().map(|by| Stamp {
                who: names.get(by).cloned().unwrap_or_else(|| "—".into()),
                at_local_ms: scope.local_ms(row.updated_at_ms),
            });
            let open = open.get(settings.kind.as_str()).copied().unwrap_or(0);
            Ok(RuleView { open: u32::try_from(open).unwrap_or(u32::MAX), settings, changed })
        })
        .collect()
}

/// Saves a rule's settings; audited. The alerts already open keep what they said (their
/// severity and roles); the next check applies the new threshold, and a rule turned off has
/// its open alerts closed by it.
pub async fn update_rule(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    rule: &RuleSettings,
    now_ms: i64,
) -> AppResult<()> {
    scope.require(Permission::AlertsManage)?;
    let roles = rule.roles_text();
    let change = repo::RuleChange {
        kind: rule.kind.as_str(),
        enabled: rule.enabled,
        threshold: rule.threshold.map(i64::from),
        severity: rule.severity.as_str(),
        roles: &roles,
        by: &scope.user.id,
        at_ms: now_ms,
    };
    let mut tx = scope.db.begin_write().await?;
    if repo::update_rule(&mut *tx, &change).await? != 1 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    let threshold = rule.threshold.map_or_else(|| "-".to_owned(), |t| t.to_string());
    let detail = format!(
        "{}: enabled={} threshold={threshold} severity={} roles={}",
        rule.kind.as_str(),
        rule.enabled,
        rule.severity.as_str(),
        roles.trim_matches(',')
    );
    let event = Event::new(AuditKind::AlertRuleChanged).tenant(&scope.tenant.code).user(&scope.user.id).detail(detail);
    audit::record(state, meta, event).await
}

/// The rules whose alerts the reader may see (those of records they may read), as stored.
fn readable_rules(scope: &TenantScope) -> Vec<&'static str> {
    RuleKind::ALL.into_iter().filter(|k| scope.allows(k.read_permission())).map(RuleKind::as_str).collect()
}

/// The header's bell: open alerts addressed to the reader since they last looked.
pub async fn bell(scope: &TenantScope) -> AppResult<Bell> {
    let rules = readable_rules(scope);
    if rules.is_empty() {
        return Ok(Bell::default());
    }
    let to = repo::Addressed { role: scope.role, rules: &rules };
    let unread = repo::count_unread(scope.db.pool(), &to, &scope.user.id, i64::from(BELL_CAP) + 1).await?;
    Ok(Bell { unread: u32::try_from(unread).unwrap_or(u32::MAX) })
}

/// A page of the reader's notifications, newest first. Showing the first page marks what it
/// shows as read (the bell then counts only what opens later).
pub async fn notifications(state: &AppState, scope: &TenantScope, query: &AlertQuery) -> AppResult<AlertListing> {
    let rules = readable_rules(scope);
    if rules.is_empty() {
        return Ok(AlertListing { lines: Vec::new(), next: None, open_only: query.open_only, ..links(scope) });
    }
    let to = repo::Addressed { role: scope.role, rules: &rules };
    let pool = scope.db.pool();
    let seen = repo::seen_up_to(pool, &scope.user.id).await?;
    let mut rows = repo::page(pool, &to, query.open_only, query.before, PAGE_SIZE + 1).await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    });
    if query.before.is_none()
        && let Some(newest) = rows.first().map(|r| r.id).filter(|id| *id > seen)
    {
        let mut tx = scope.db.begin_write().await?;
        repo::mark_seen(&mut *tx, &scope.user.id, newest).await?;
        tx.commit().await?;
    }
    let names = crate::members::names(state, scope).await?;
    let lines = rows.into_iter().map(|r| line(scope, &names, r, seen)).collect::<AppResult<_>>()?;
    Ok(AlertListing { lines, next: next.flatten(), open_only: query.open_only, ..links(scope) })
}

/// An empty listing that says which other alert pages the reader may open.
fn links(scope: &TenantScope) -> AlertListing {
    AlertListing {
        lines: Vec::new(),
        next: None,
        open_only: true,
        can_edit_rules: scope.allows(Permission::AlertsManage),
        can_read_webhooks: scope.allows(Permission::WebhooksRead),
    }
}

fn line(scope: &TenantScope, names: &HashMap<String, String>, r: repo::AlertRow, seen: i64) -> AppResult<AlertLine> {
    let rule = RuleKind::parse(&r.rule).map_err(|_| AppError::corrupt("alerts.rule", &r.rule))?;
    let severity = Severity::parse(&r.severity).ok_or_else(|| AppError::corrupt("alerts.severity", &r.severity))?;
    let acknowledged = match (r.acknowledged_by, r.acknowledged_at_ms) {
        (Some(by), Some(at)) => Some(Stamp {
            who: names.get(&by).cloned().unwrap_or_else(|| "—".into()),
            at_local_ms: scope.local_ms(at),
        }),
        _ => None,
    };
    Ok(AlertLine {
        id: r.id,
        rule,
        severity,
        href: rule.href(&r.subject_id),
        subject: r.subject,
        opened_at_local_ms: scope.local_ms(r.opened_at_ms),
        closed_at_local_ms: r.closed_at_ms.map(|t| scope.local_ms(t)),
        acknowledged,
        unread: r.id > seen,
    })
}

/// Acknowledges alert `id` for everyone it is addressed to. An alert of another company is not
/// in this one's database (not found); one not addressed to the reader's role, or about records
/// they may not read, is refused; one already acknowledged keeps its first acknowledgement.
pub async fn acknowledge(scope: &TenantScope, id: i64, now_ms: i64) -> AppResult<()> {
    let mut tx = scope.db.begin_write().await?;
    let row = repo::alert(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    let rule = RuleKind::parse(&row.rule).map_err(|_| AppError::corrupt("alerts.rule", &row.rule))?;
    let addressed = parse_roles_text(&row.roles).is_some_and(|roles| roles.contains(&scope.role));
    if !addressed || !scope.allows(rule.read_permission()) {
        return Err(AppError::Conflict("alert-not-addressed"));
    }
    if !repo::acknowledge(&mut *tx, id, &scope.user.id, now_ms).await? {
        return Err(AppError::Conflict("alert-already-acknowledged"));
    }
    tx.commit().await?;
    Ok(())
}
