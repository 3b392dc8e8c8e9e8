use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Serialize;
use services::AppState;

/// How long a database check answers `/health`: a load balancer polling it many times a second
/// costs one query a second, and an outage shows within that.
const FRESH: Duration = Duration::from_secs(1);

/// The longest a check may take before the database counts as unreachable.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// The control database's last known reachability and when it was checked. One request checks
/// at a time; the others answer with the last result meanwhile, never queueing on a database
/// that does not answer. Until the first check ends, the database counts as unreachable.
#[derive(Clone, Default)]
pub struct Liveness(Arc<Checks>);

#[derive(Default)]
pub struct Checks {
    last: tokio::sync::Mutex<Option<Instant>>,
    reachable: AtomicBool,
}

impl Liveness {
    async fn reachable(&self, state: &AppState) -> bool {
        let known = || self.0.reachable.load(Ordering::Relaxed);
        let Ok(mut last) = self.0.last.try_lock() else { return known() };
        if last.is_some_and(|at| at.elapsed() < FRESH) {
            return known();
        }
        let reachable = matches!(tokio::time::timeout(CHECK_TIMEOUT, state.control.ping()).await, Ok(Ok(())));
        self.0.reachable.store(reachable, Ordering::Relaxed);
        *last = Some(Instant::now());
        reachable
    }
}

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    version: &'static str,
    database: DatabaseHealth,
}

#[derive(Serialize)]
struct DatabaseHealth {
    reachable: bool,
    backend: &'static str,
}

/// `GET /health`: 200 when the control database answered within the last second, 503 otherwise.
pub async fn health(
    State(state): State<AppState>,
    Extension(liveness): Extension<Liveness>,
) -> (StatusCode, Json<Health>) {
    let reachable = liveness.reachable(&state).await;
    let status = if reachable { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = Health {
        status: if reachable { "ok" } else { "unavailable" },
        version: env!("CARGO_PKG_VERSION"),
        database: DatabaseHealth { reachable, backend: state.backend().as_str() },
    };
    (status, Json(body))
}

/// `GET /status.json`: the status page for machines (each component, the SLO of 30 days); 200
/// whatever the state, which is in the body.
pub async fn status(
    State(state): State<AppState>,
) -> Result<Json<domain::status::StatusView>, crate::http::answer::Refusal> {
    Ok(Json(services::status::current(&state, state.clock.now_ms()).await?))
}
