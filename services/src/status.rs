//! The platform's status (`domain::status`): each component's state, and the SLO of the last 30
//! days from the server's own measurements. Counted in memory per request, added to the control
//! database every minute (so several processes make one figure), and computed at most every
//! 15 seconds: the status page costs nothing per visit.

mod repo;

use std::time::Duration;

use domain::status::{Component, ComponentKind, ComponentState, Requests, Slo, StatusView, WINDOW_DAYS};
use tokio::sync::Mutex;

use crate::alerts::check::EVERY_MINUTE;
use crate::{AppResult, AppState};

/// How long a computed status is served again.
const FRESH_MS: i64 = 15_000;
/// A tenant database or the SMTP server that does not answer within this time is down.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
/// The scheduler is late when its last run finished longer ago than this.
const SCHEDULER_LATE_MS: i64 = 3 * 60_000;

/// The routes the SLO counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SloRoute {
    Health,
    Login,
}

impl SloRoute {
    fn as_str(self) -> &'static str {
        match self {
            Self::Health => "health",
            Self::Login => "login",
        }
    }
}

/// This process's counts since the last flush: (total, good) per route, under one lock so that
/// a flush never sees a request counted good but not yet counted.
#[derive(Debug, Default)]
pub struct SloCounters(std::sync::Mutex<[(u64, u64); 2]>);

impl SloCounters {
    /// One request answered: good when without a server error within the Apdex threshold.
    pub fn record(&self, route: SloRoute, good: bool) {
        let mut counts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (total, good_count) = &mut counts[route as usize];
        *total += 1;
        *good_count += u64::from(good);
    }

    fn take(&self, route: SloRoute) -> (u64, u64) {
        let mut counts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        std::mem::take(&mut counts[route as usize])
    }

    fn put_back(&self, route: SloRoute, (total, good): (u64, u64)) {
        let mut counts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let slot = &mut counts[route as usize];
        slot.0 += total;
        slot.1 += good;
    }
}

/// Adds this process's counts to the minute `now_ms` falls in, and forgets measurements older
/// than the window. Counts that cannot be written are put back for the next flush.
pub async fn flush(state: &AppState, now_ms: i64) -> AppResult<()> {
    let minute = now_ms.div_euclid(60_000);
    for route in [SloRoute::Health, SloRoute::Login] {
        let (total, good) = state.slo.take(route);
        if total == 0 {
            continue;
        }
        let written = repo::add(state.control.pool(), minute, route.as_str(), total as i64, good as i64).await;
        if let Err(error) = written {
            state.slo.put_back(route, (total, good));
            return Err(error.into());
        }
    }
    repo::forget_before(state.control.pool(), minute - (WINDOW_DAYS + 1) * 24 * 60).await?;
    Ok(())
}

/// The last computed status, and when.
#[derive(Debug, Default)]
pub struct StatusCache(Mutex<Option<StatusView>>);

/// The status now (at most 15 seconds old).
pub async fn current(state: &AppState, now_ms: i64) -> AppResult<StatusView> {
    let mut cached = state.status.0.lock().await;
    if let Some(view) = cached.as_ref().filter(|v| now_ms - v.checked_at_ms < FRESH_MS) {
        return Ok(view.clone());
    }
    let view = compute(state, now_ms).await?;
    *cached = Some(view.clone());
    Ok(view)
}

async fn compute(state: &AppState, now_ms: i64) -> AppResult<StatusView> {
    let minute = now_ms.div_euclid(60_000);
    let control_up = state.control.ping().await.is_ok();
    let mut components = vec![
        component(ComponentKind::Web, ComponentState::Up),
        component(ComponentKind::ControlDatabase, if control_up { ComponentState::Up } else { ComponentState::Down }),
    ];
    if !control_up {
        let slo = Slo::of(Requests::default(), Requests::default());
        for kind in [ComponentKind::TenantDatabases, ComponentKind::Scheduler] {
            components.push(component(kind, ComponentState::Down));
        }
        components.push(smtp(state).await);
        return Ok(StatusView::new(components, slo, now_ms));
    }
    components.push(tenants(state).await?);
    components.push(scheduler(state, now_ms).await?);
    components.push(smtp(state).await);
    let requests = |(total, good): (i64, i64)| Requests { total: total.max(0) as u64, good: good.max(0) as u64 };
    let window = requests(repo::since(state.control.pool(), minute - WINDOW_DAYS * 24 * 60).await?);
    let last_hour = requests(repo::since(state.control.pool(), minute - 60).await?);
    let slo = Slo::of(window, last_hour);
    if slo.burning_fast {
        // The platform operator's alert: an error in the log (and the status page says so).
        tracing::error!(
            bad = last_hour.total - last_hour.good,
            total = last_hour.total,
            "the error budget is burning too fast: more than 7 % of /health and sign-in requests failed or were slow in the last hour"
        );
    }
    Ok(StatusView::new(components, slo, now_ms))
}

fn component(kind: ComponentKind, state: ComponentState) -> Component {
    Component { kind, state, healthy: None, last_run_ms: None }
}

/// Each active company's database answers a trivial query (a cold one is opened, which is the
/// point); a few down make the component degraded, all down make it down.
async fn tenants(state: &AppState) -> AppResult<Component> {
    let tenants: Vec<_> = crate::control::list_tenants(state).await?.into_iter().filter(|t| t.is_active()).collect();
    let mut healthy = 0u32;
    for tenant in &tenants {
        let probe = async { state.tenants.get(tenant).await?.ping().await };
        if matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Ok(()))) {
            healthy += 1;
        }
    }
    let total = u32::try_from(tenants.len()).unwrap_or(u32::MAX);
    let up = match healthy {
        h if h == total => ComponentState::Up,
        0 => ComponentState::Down,
        _ => ComponentState::Degraded,
    };
    Ok(Component { healthy: Some((healthy, total)), ..component(ComponentKind::TenantDatabases, up) })
}

async fn scheduler(state: &AppState, now_ms: i64) -> AppResult<Component> {
    let last = crate::scheduler::last_run(state, EVERY_MINUTE).await?;
    let finished = last.and_then(|l| l.finished_at_ms);
    let up = match finished {
        Some(at) if now_ms - at <= SCHEDULER_LATE_MS => ComponentState::Up,
        Some(_) => ComponentState::Degraded,
        None => ComponentState::Down,
    };
    Ok(Component { last_run_ms: finished, ..component(ComponentKind::Scheduler, up) })
}

async fn smtp(state: &AppState) -> Component {
    let up = match &state.mailer {
        None => ComponentState::Off,
        Some(mailer) => match tokio::time::timeout(PROBE_TIMEOUT, mailer.reachable()).await {
            Ok(true) => ComponentState::Up,
            _ => ComponentState::Down,
        },
    };
    component(ComponentKind::Smtp, up)
}
