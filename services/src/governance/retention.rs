//! A company's retention: what it holds of each kind by age, what a purge would delete (a dry
//! run), the purges its admins start (in the background, in batches, their progress stored and
//! audited), and the server's own purge of ended sessions a year after their end.

mod repo;

use domain::governance::retention::{
    AgeCounts, Cutoffs, DataType, DryRun, PURGE_BATCH, PURGE_STALE_MS, PolicyView, PurgeForm, PurgeStatus, PurgeView,
    RetentionPage, purgeable,
};
use domain::governance::thresholds::Limited;
use domain::{AuditKind, NaiveDate, Permission};
use repo::Source;

use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The purges the page lists.
const LISTED: i64 = 10;

/// How long a count of ages serves: counting passes over every dated record (a million
/// sessions take most of a second), and ages move by the day.
const AGES_FRESH_MS: i64 = 60_000;

/// What each company holds by age, as last counted (at most a minute ago; forgotten when one of
/// this process's purges ends).
#[derive(Default)]
pub struct AgesCache(tokio::sync::Mutex<std::collections::HashMap<String, (i64, Vec<PolicyView>)>>);

/// The retention page, with the dry run of `dry_run` (a kind's key) when asked for.
pub async fn page(state: &AppState, scope: &TenantScope, dry_run: Option<&str>) -> AppResult<RetentionPage> {
    scope.require(Permission::GovernanceRead)?;
    let now = state.clock.now_ms();
    let dry_run = match dry_run {
        Some(key) => {
            let data_type =
                DataType::parse(key).ok_or_else(|| AppError::field("data_type", "retention-unknown-type"))?;
            Some(check(state, scope, data_type, now).await?)
        }
        None => None,
    };
    let (counted_at, policies) = policies(state, scope, now).await?;
    let names = crate::members::names(state, scope).await?;
    let purges = repo::purges(scope.db.pool(), LISTED).await?;
    let purges = purges.into_iter().map(|p| view(scope, &names, p, now)).collect::<AppResult<_>>()?;
    Ok(RetentionPage {
        policies,
        counted_local_ms: scope.local_ms(counted_at),
        dry_run,
        purges,
        can_purge: scope.allows(Permission::GovernanceRetention),
    })
}

/// Every kind's ages, counted at most a minute ago, and when they were.
async fn policies(state: &AppState, scope: &TenantScope, now_ms: i64) -> AppResult<(i64, Vec<PolicyView>)> {
    let mut cache = state.retention.0.lock().await;
    if let Some((at, policies)) =
        cache.get(&scope.tenant.code).filter(|(at, _)| (0..AGES_FRESH_MS).contains(&(now_ms - at)))
    {
        return Ok((*at, policies.clone()));
    }
    let mut policies = Vec::with_capacity(DataType::ALL.len());
    for data_type in DataType::ALL {
        policies.push(PolicyView { data_type: *data_type, counts: ages(state, scope, *data_type, now_ms).await? });
    }
    cache.insert(scope.tenant.code.clone(), (now_ms, policies.clone()));
    Ok((now_ms, policies))
}

/// What the company holds of a kind by age; None when the product holds no such data.
async fn ages(state: &AppState, scope: &TenantScope, data_type: DataType, now_ms: i64) -> AppResult<Option<AgeCounts>> {
    let Some(source) = repo::source(data_type) else { return Ok(None) };
    let cut = data_type.cutoffs(now_ms);
    let code = &scope.tenant.code;
    let counts = if source.by_day {
        let (active_from, eligible_before) = cut.days();
        let a = repo::ages(pool_of(state, scope, &source), &source, active_from, eligible_before, code).await?;
        AgeCounts::new(a.active.unwrap_or(0), a.eligible.unwrap_or(0), a.total, day_ms(a.oldest)?, day_ms(a.newest)?)
    } else {
        let a = repo::ages(pool_of(state, scope, &source), &source, cut.active_from_ms, cut.eligible_before_ms, code)
            .await?;
        let local = |t: Option<i64>| t.map(|t| scope.local_ms(t));
        AgeCounts::new(a.active.unwrap_or(0), a.eligible.unwrap_or(0), a.total, local(a.oldest), local(a.newest))
    };
    Ok(Some(counts))
}

/// What a purge of `data_type` would delete now, or why it is refused.
pub async fn check(state: &AppState, scope: &TenantScope, data_type: DataType, now_ms: i64) -> AppResult<DryRun> {
    scope.require(Permission::GovernanceRead)?;
    let cut = data_type.cutoffs(now_ms);
    let refused = purgeable(data_type.key()).err().map(str::to_owned);
    let mut dry = DryRun {
        data_type,
        eligible_before: cut.eligible_before,
        rows: 0,
        oldest_local_ms: None,
        newest_local_ms: None,
        refused,
    };
    let Some(source) = repo::source(data_type) else { return Ok(dry) };
    let code = &scope.tenant.code;
    if source.by_day {
        let before = cut.eligible_before.to_string();
        let e = repo::eligible(pool_of(state, scope, &source), &source, before, code).await?;
        (dry.rows, dry.oldest_local_ms, dry.newest_local_ms) = (e.count, day_ms(e.oldest)?, day_ms(e.newest)?);
    } else {
        let e = repo::eligible(pool_of(state, scope, &source), &source, cut.eligible_before_ms, code).await?;
        let local = |t: Option<i64>| t.map(|t| scope.local_ms(t));
        (dry.rows, dry.oldest_local_ms, dry.newest_local_ms) = (e.count, local(e.oldest), local(e.newest));
    }
    Ok(dry)
}

/// The database that holds the kind: the control database (the company's sessions and audit
/// log) or the company's own.
fn pool_of<'a>(state: &'a AppState, scope: &'a TenantScope, source: &Source) -> &'a sqlx::AnyPool {
    if source.control { state.control.pool() } else { scope.db.pool() }
}

/// A stored `YYYY-MM-DD` (already the company's local day) as local milliseconds: its midnight.
fn day_ms(day: Option<String>) -> AppResult<Option<i64>> {
    let Some(day) = day else { return Ok(None) };
    let parsed: NaiveDate = day.parse().map_err(|_| AppError::corrupt("retention date", &day))?;
    Ok(parsed.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis()))
}

/// Starts a purge an admin confirmed: refused for a kind the law or the product keeps, when
/// nothing is past its retention, while another purge of the company runs, or past the user's
/// bulk operations for the hour. Returns
/// the purge's id for its progress page.
pub async fn start(state: &AppState, meta: &RequestMeta, scope: &TenantScope, form: &PurgeForm) -> AppResult<String> {
    scope.require(Permission::GovernanceRetention)?;
    let data_type = form.parse()?;
    let now = state.clock.now_ms();
    // Checked again below, in the transaction that starts it: this one spares the limit a
    // purge that could not start.
    if repo::running(scope.db.pool(), now - PURGE_STALE_MS).await?.is_some() {
        return Err(AppError::Conflict("retention-purge-running"));
    }
    // A purge with nothing to delete (a form posted again) is refused before the limit counts it.
    let dry = check(state, scope, data_type, now).await?;
    if dry.rows == 0 {
        return Err(AppError::Conflict("retention-nothing-to-purge"));
    }
    crate::governance::thresholds::admit(scope, Limited::RetentionPurge, now).await?;
    let row = repo::PurgeRow {
        id: uuid::Uuid::new_v4().to_string(),
        data_type: data_type.key().to_owned(),
        status: "running".to_owned(),
        eligible_before: dry.eligible_before.to_string(),
        total: dry.rows,
        done: 0,
        started_by: scope.user.id.clone(),
        started_at_ms: now,
        heartbeat_ms: now,
        finished_at_ms: None,
        error: None,
    };
    let mut tx = scope.db.begin_write().await?;
    repo::end_interrupted(&mut *tx, now - PURGE_STALE_MS, now).await?;
    if repo::running(&mut *tx, now - PURGE_STALE_MS).await?.is_some() {
        return Err(AppError::Conflict("retention-purge-running"));
    }
    repo::insert_purge(&mut *tx, &row).await.map_err(|e| {
        if crate::db::is_unique_violation(&e) { AppError::Conflict("retention-purge-running") } else { e.into() }
    })?;
    tx.commit().await?;
    let detail = format!("{}: {} rows before {}", row.data_type, row.total, row.eligible_before);
    let event =
        Event::new(AuditKind::RetentionPurgeStarted).tenant(&scope.tenant.code).user(&scope.user.id).detail(detail);
    if let Err(error) = audit::record(state, meta, event).await {
        // Not audited, not run: the purge is ended at once, deleting nothing.
        repo::finish(scope.db.pool(), &row.id, Some(error.code()), state.clock.now_ms()).await?;
        return Err(error);
    }

    let (state, meta, scope, id) = (state.clone(), meta.clone(), scope.clone(), row.id.clone());
    let cut = data_type.cutoffs(now);
    tokio::spawn(async move { run(&state, &meta, &scope, &id, data_type, cut).await });
    Ok(row.id)
}

/// The purge's batches until nothing is left, each in its own write transaction with its
/// progress; then its end, audited. A mode that stops the admin's writes stops it between
/// batches.
async fn run(state: &AppState, meta: &RequestMeta, scope: &TenantScope, id: &str, data_type: DataType, cut: Cutoffs) {
    let mut deleted = 0_i64;
    let outcome = loop {
        let n = match batch(state, scope, id, data_type, cut).await {
            Ok(n) => n,
            Err(error) => break Err(error),
        };
        deleted += n;
        // A short batch found the last rows.
        if n < PURGE_BATCH {
            break Ok(());
        }
        if let Err(error) = still_writable(state, scope).await {
            break Err(error);
        }
        // Let the company's other writers in between two batches.
        tokio::task::yield_now().await;
    };
    let now = state.clock.now_ms();
    let code = outcome.as_ref().err().map(AppError::code);
    if let Err(error) = &outcome {
        tracing::warn!(purge = id, %error, "retention purge stopped");
    }
    let finished = match state.tenants.get(&scope.tenant).await {
        Ok(db) => repo::finish(db.pool(), id, code, now).await.map_err(AppError::from),
        Err(error) => Err(error),
    };
    if let Err(error) = finished {
        tracing::warn!(purge = id, %error, "recording the end of a retention purge");
    }
    state.retention.0.lock().await.remove(&scope.tenant.code);
    let kind = if outcome.is_ok() { AuditKind::RetentionPurged } else { AuditKind::RetentionPurgeFailed };
    let mut detail = format!("{}: {deleted} rows deleted before {}", data_type.key(), cut.eligible_before);
    if let Some(code) = code {
        detail.push_str(&format!(" ({code})"));
    }
    let event = Event::new(kind).tenant(&scope.tenant.code).user(&scope.user.id).detail(detail);
    if let Err(error) = audit::record(state, meta, event).await {
        tracing::warn!(purge = id, %error, "auditing the end of a retention purge");
    }
}

/// Deletes one batch; returns how many rows it deleted. The company's database is asked for
/// again each time: a long purge must not hold a pool the server closed as idle.
async fn batch(state: &AppState, scope: &TenantScope, id: &str, data_type: DataType, cut: Cutoffs) -> AppResult<i64> {
    let now = state.clock.now_ms();
    let before = cut.eligible_before_ms;
    let db = state.tenants.get(&scope.tenant).await?;
    match data_type {
        DataType::SecurityLogs => {
            let mut tx = db.begin_write().await?;
            let n = repo::delete_security_events(&mut *tx, before, PURGE_BATCH).await? as i64;
            repo::advance(&mut *tx, id, n, now).await?;
            tx.commit().await?;
            Ok(n)
        }
        DataType::SessionTokens => {
            let mut tx = state.control.begin_write().await?;
            let n = repo::delete_sessions(&mut *tx, &scope.tenant.code, before, PURGE_BATCH).await? as i64;
            tx.commit().await?;
            // The sessions live in the control database: the progress follows in the company's.
            repo::advance(db.pool(), id, n, now).await?;
            Ok(n)
        }
        other => Err(AppError::field("data_type", purgeable(other.key()).err().unwrap_or("retention-unknown-type"))),
    }
}

/// Refuses to go on when the company's or the platform's mode now stops the admin's writes.
async fn still_writable(state: &AppState, scope: &TenantScope) -> AppResult<()> {
    let tenant = crate::control::tenant(state, &scope.tenant.code).await?.ok_or(AppError::NotFound)?;
    let modes = crate::governance::mode::of_tenant(&tenant)?;
    modes.stops_writes_of(scope.role).map_or(Ok(()), |state| Err(crate::governance::mode::stopped(state)))
}

/// A purge of the company, as its page shows it.
pub async fn progress(state: &AppState, scope: &TenantScope, id: &str) -> AppResult<PurgeView> {
    scope.require(Permission::GovernanceRead)?;
    let row = repo::purge(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    let names = crate::members::names(state, scope).await?;
    view(scope, &names, row, state.clock.now_ms())
}

fn view(
    scope: &TenantScope,
    names: &std::collections::HashMap<String, String>,
    p: repo::PurgeRow,
    now_ms: i64,
) -> AppResult<PurgeView> {
    let corrupt = |what: &str, value: &str| AppError::corrupt(format!("retention_purges.{what}"), value);
    Ok(PurgeView {
        data_type: DataType::parse(&p.data_type).ok_or_else(|| corrupt("data_type", &p.data_type))?,
        status: PurgeStatus::of(&p.status, p.heartbeat_ms, now_ms).ok_or_else(|| corrupt("status", &p.status))?,
        eligible_before: p.eligible_before.parse().map_err(|_| corrupt("eligible_before", &p.eligible_before))?,
        total: p.total,
        done: p.done,
        by: names.get(&p.started_by).cloned().unwrap_or_default(),
        started_local_ms: scope.local_ms(p.started_at_ms),
        finished_local_ms: p.finished_at_ms.map(|t| scope.local_ms(t)),
        error: p.error,
        id: p.id,
    })
}

/// The server's own purge, once a day: the cut-off of a retention is a day, so a day's run
/// takes all that became due. Claimed in the control database, so that one server process runs
/// it (the first after midnight UTC, or at its start).
pub const DAILY: crate::scheduler::Job = crate::scheduler::Job { name: "retention-daily", period_ms: 86_400_000 };

/// Runs the day's purge unless another process (or this one) already has: the sessions of
/// every company (or none) a year after their end. Returns how many went, None when not this
/// process's turn.
pub async fn scheduled(state: &AppState, holder: &str) -> AppResult<Option<i64>> {
    let now = state.clock.now_ms();
    let Some(claim) = crate::scheduler::claim(state, DAILY, holder, now).await? else { return Ok(None) };
    let outcome = purge_ended_sessions(state).await;
    let summary = match &outcome {
        Ok(deleted) => format!("session_tokens: {deleted} rows deleted"),
        Err(error) => format!("failed: {error}"),
    };
    crate::scheduler::finish(state, &claim, &summary, state.clock.now_ms()).await?;
    outcome.map(Some)
}

/// Sessions of every company (or none) a year after their end, in batches, audited on the
/// platform's chain when some went. Returns how many went.
pub async fn purge_ended_sessions(state: &AppState) -> AppResult<i64> {
    let cut = DataType::SessionTokens.cutoffs(state.clock.now_ms());
    let mut deleted = 0_i64;
    loop {
        let mut tx = state.control.begin_write().await?;
        let n = repo::delete_ended_sessions(&mut *tx, cut.eligible_before_ms, PURGE_BATCH).await? as i64;
        tx.commit().await?;
        deleted += n;
        if n < PURGE_BATCH {
            break;
        }
        tokio::task::yield_now().await;
    }
    if deleted > 0 {
        let detail = format!("session_tokens: {deleted} rows deleted before {} (automatic)", cut.eligible_before);
        let meta = RequestMeta::new(None, Some("atelier scheduled work"), None);
        audit::record(state, &meta, Event::new(AuditKind::RetentionPurged).detail(detail)).await?;
    }
    Ok(deleted)
}

/// Writes `count` sessions of a member (in `tenant`, or in no company) that ended at
/// `ended_ms`, as a year of sign-ins leaves them: what the benchmark and the tests purge.
pub async fn write_ended_sessions(
    state: &AppState,
    user_id: &str,
    tenant: Option<&str>,
    ended_ms: i64,
    count: usize,
) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    repo::insert_ended_sessions(&mut tx, user_id, tenant, ended_ms, count).await?;
    tx.commit().await
}
