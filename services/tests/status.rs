//! The public status on every backend: components probed, the SLO computed from the requests
//! measured by every server process, the error budget's fast burn, and a status recomputed at
//! most every 15 seconds.

use domain::status::{ComponentKind, ComponentState};
use services::clock::Clock;
use services::status::{self, SloRoute};
use services::testing::{TestEnv, backends};

fn state_of(view: &domain::status::StatusView, kind: ComponentKind) -> ComponentState {
    view.components.iter().find(|c| c.kind == kind).unwrap().state
}

#[tokio::test]
async fn the_status_probes_each_component_and_counts_every_process_requests() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let now = env.clock.now_ms();
        let first = status::current(&env.state, now).await.unwrap();
        assert_eq!(state_of(&first, ComponentKind::Web), ComponentState::Up, "{backend:?}");
        assert_eq!(state_of(&first, ComponentKind::ControlDatabase), ComponentState::Up);
        let tenants = first.components.iter().find(|c| c.kind == ComponentKind::TenantDatabases).unwrap();
        assert_eq!((tenants.state, tenants.healthy), (ComponentState::Up, Some((2, 2))), "{backend:?}: demo and acme");
        assert_eq!(state_of(&first, ComponentKind::Smtp), ComponentState::Off);
        // No check has run yet: the scheduler is down, and so is the whole.
        assert_eq!(state_of(&first, ComponentKind::Scheduler), ComponentState::Down);
        assert_eq!(first.state, ComponentState::Down);
        assert_eq!((first.slo.window.total, first.slo.achieved_permille), (0, 1000));

        // Two processes measure; each adds its minute to the control database.
        let other = services::AppState::open((*env.state.settings).clone(), env.state.clock.clone()).await.unwrap();
        for _ in 0..300 {
            env.state.slo.record(SloRoute::Health, true);
            other.slo.record(SloRoute::Login, true);
        }
        env.state.slo.record(SloRoute::Health, false);
        status::flush(&env.state, now).await.unwrap();
        status::flush(&other, now).await.unwrap();
        services::alerts::check::scheduled(&env.state, "test", now).await.unwrap();

        // Within 15 seconds the status is served as computed; after, computed again.
        assert_eq!(status::current(&env.state, now + 14_999).await.unwrap(), first);
        let later = status::current(&env.state, now + 15_000).await.unwrap();
        assert_eq!(state_of(&later, ComponentKind::Scheduler), ComponentState::Up, "{backend:?}");
        assert_eq!(later.state, ComponentState::Up);
        assert_eq!((later.slo.window.total, later.slo.window.good), (601, 600), "{backend:?}");
        assert_eq!(later.slo.achieved_permille, 998);
        assert!(!later.slo.burning_fast);
        // 601 requests allow 3.005 bad ones; one spent a third of the budget.
        assert_eq!(later.slo.budget_left_permille, 668);

        // A bad minute: half of 100 sign-ins fail, 51 bad of the hour's 701 (7.3 %, above 14
        // times the 0.5 % allowed). The budget burns too fast.
        for i in 0..100 {
            other.slo.record(SloRoute::Login, i % 2 != 0);
        }
        status::flush(&other, now + 60_000).await.unwrap();
        let burning = status::current(&env.state, now + 60_000).await.unwrap();
        assert!(burning.slo.burning_fast, "{backend:?}: {:?}", burning.slo);
        assert!(burning.slo.budget_left_permille < 0, "51 bad of 701 overspend the 3.5 allowed");

        // Measurements older than the window are forgotten; the scheduler, silent, is late.
        let month = 31 * 86_400_000;
        status::flush(&env.state, now + month).await.unwrap();
        env.state.slo.record(SloRoute::Health, true);
        status::flush(&env.state, now + month).await.unwrap();
        let next_month = status::current(&env.state, now + month).await.unwrap();
        assert_eq!(next_month.slo.window.total, 1, "{backend:?}");
        assert_eq!(state_of(&next_month, ComponentKind::Scheduler), ComponentState::Degraded);
        other.close().await;
        env.finish().await;
    }
}
