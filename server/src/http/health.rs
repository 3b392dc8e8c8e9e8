use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use services::AppState;

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

/// `GET /health`: 200 when the control database answers, 503 otherwise.
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let reachable = state.control.ping().await.is_ok();
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
