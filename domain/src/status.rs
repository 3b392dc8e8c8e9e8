//! The platform's public status: the state of each component and the service level objective
//! (SLO) of the last 30 days, computed from the server's own measurements of `/health` and the
//! sign-in page. No company data.

use serde::{Deserialize, Serialize};

/// A request is good when it is answered without a server error within this time (the Apdex
/// threshold "T" of the two routes measured).
pub const APDEX_THRESHOLD_MS: u128 = 500;
/// The objective: this share of good requests, in thousandths (99.5 %).
pub const TARGET_PERMILLE: u64 = 995;
/// The window of the objective.
pub const WINDOW_DAYS: i64 = 30;
/// The error budget burns too fast when the last hour spends it this many times faster than
/// the window allows (at that pace a 30-day budget lasts about two days).
pub const FAST_BURN: u64 = 14;
/// Fewer requests than this in the last hour say nothing about a burn rate.
pub const MIN_HOURLY_REQUESTS: u64 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentState {
    Up,
    Degraded,
    Down,
    /// Not configured on this installation (SMTP without `ATELIER_SMTP_URL`).
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentKind {
    Web,
    ControlDatabase,
    TenantDatabases,
    Scheduler,
    Smtp,
}

impl ComponentState {
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Up => "status-up",
            Self::Degraded => "status-degraded",
            Self::Down => "status-down",
            Self::Off => "status-off",
        }
    }
}

impl ComponentKind {
    pub const ALL: [Self; 5] = [Self::Web, Self::ControlDatabase, Self::TenantDatabases, Self::Scheduler, Self::Smtp];

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Web => "status-web",
            Self::ControlDatabase => "status-control-database",
            Self::TenantDatabases => "status-tenant-databases",
            Self::Scheduler => "status-scheduler",
            Self::Smtp => "status-smtp",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub kind: ComponentKind,
    pub state: ComponentState,
    /// Tenant databases: how many answered, of how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthy: Option<(u32, u32)>,
    /// The scheduler: when its last run finished (UTC epoch ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_run_ms: Option<i64>,
}

/// Requests measured over a period: how many, and how many were good.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requests {
    pub total: u64,
    pub good: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slo {
    pub window_days: i64,
    pub target_permille: u64,
    pub apdex_threshold_ms: u64,
    pub window: Requests,
    /// Good requests of the window in thousandths (1000 with no request).
    pub achieved_permille: u64,
    /// What is left of the window's error budget, in thousandths (negative: overspent).
    pub budget_left_permille: i64,
    pub last_hour: Requests,
    pub burning_fast: bool,
}

impl Slo {
    pub fn of(window: Requests, last_hour: Requests) -> Self {
        let bad = window.total.saturating_sub(window.good);
        let achieved_permille = (window.good * 1000).checked_div(window.total).unwrap_or(1000);
        // The budget is the bad requests the target allows: (1000 - target)/1000 of the total.
        let allowed = window.total * (1000 - TARGET_PERMILLE);
        let budget_left_permille = if allowed == 0 {
            if bad == 0 { 1000 } else { -1000 }
        } else {
            1000 - (bad as i64 * 1000 * 1000) / allowed as i64
        };
        let hour_bad = last_hour.total.saturating_sub(last_hour.good);
        // Bad share of the hour above FAST_BURN times the allowed share.
        let burning_fast = last_hour.total >= MIN_HOURLY_REQUESTS
            && hour_bad * 1000 > FAST_BURN * (1000 - TARGET_PERMILLE) * last_hour.total;
        Self {
            window_days: WINDOW_DAYS,
            target_permille: TARGET_PERMILLE,
            apdex_threshold_ms: APDEX_THRESHOLD_MS as u64,
            window,
            achieved_permille,
            budget_left_permille,
            last_hour,
            burning_fast,
        }
    }
}

/// The status page and `/status.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    /// The worst state of the components that are on.
    pub state: ComponentState,
    pub components: Vec<Component>,
    pub slo: Slo,
    pub checked_at_ms: i64,
}

impl StatusView {
    pub fn new(components: Vec<Component>, slo: Slo, checked_at_ms: i64) -> Self {
        let worst = components.iter().map(|c| c.state).filter(|s| *s != ComponentState::Off).max();
        Self { state: worst.unwrap_or(ComponentState::Up), components, slo, checked_at_ms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requests(total: u64, good: u64) -> Requests {
        Requests { total, good }
    }

    #[test]
    fn the_budget_is_half_a_percent_of_the_window() {
        let none = Slo::of(Requests::default(), Requests::default());
        assert_eq!((none.achieved_permille, none.budget_left_permille, none.burning_fast), (1000, 1000, false));
        // 10,000 requests allow 50 bad ones: 25 spend half the budget, 50 all of it, 75 overspend.
        assert_eq!(Slo::of(requests(10_000, 9_975), Requests::default()).budget_left_permille, 500);
        assert_eq!(Slo::of(requests(10_000, 9_950), Requests::default()).budget_left_permille, 0);
        assert_eq!(Slo::of(requests(10_000, 9_925), Requests::default()).budget_left_permille, -500);
        assert_eq!(Slo::of(requests(10_000, 9_950), Requests::default()).achieved_permille, 995);
    }

    #[test]
    fn a_fast_burn_is_fourteen_times_the_allowed_pace_over_a_busy_hour() {
        // 7 % bad is exactly 14 times 0.5 %: not above it.
        assert!(!Slo::of(requests(1000, 930), requests(1000, 930)).burning_fast);
        assert!(Slo::of(requests(1000, 929), requests(1000, 929)).burning_fast);
        // A quiet hour says nothing.
        assert!(!Slo::of(requests(19, 0), requests(19, 0)).burning_fast);
    }

    #[test]
    fn the_overall_state_is_the_worst_of_the_components_that_are_on() {
        let c = |kind, state| Component { kind, state, healthy: None, last_run_ms: None };
        let slo = Slo::of(Requests::default(), Requests::default());
        let view = StatusView::new(
            vec![c(ComponentKind::Web, ComponentState::Up), c(ComponentKind::Smtp, ComponentState::Off)],
            slo.clone(),
            0,
        );
        assert_eq!(view.state, ComponentState::Up);
        let view = StatusView::new(
            vec![c(ComponentKind::Web, ComponentState::Up), c(ComponentKind::Scheduler, ComponentState::Degraded)],
            slo,
            0,
        );
        assert_eq!(view.state, ComponentState::Degraded);
    }
}
