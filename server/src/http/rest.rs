//! The governance REST API (`/api/governance/*`), for scripts and monitoring: the console's
//! retention, security and feature flags as JSON, authenticated by the company's API tokens
//! (`Authorization: Bearer atl_…`, `api`). Handlers call the same services as the pages, in the
//! same four steps (scope, parse, call, finish); errors are RFC 9457 problem details
//! (`problem`); `/api/openapi.json` describes every route, generated from the handlers
//! (`openapi`).

mod api;
mod body;
mod features;
mod openapi;
pub mod problem;
mod retention;
mod schemas;
mod security;
mod times;

use std::sync::LazyLock;

use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, get, post};

pub use problem::Problem;

use super::router::RouterState;

pub const PREFIX: &str = "/api/governance/";
pub const OPENAPI: &str = domain::governance::api_tokens::OPENAPI_PATH;

/// The largest body a route reads: its JSON is a few fields.
const BODY_LIMIT: usize = 16 * 1024;

/// Every route of the API, with its handlers by method.
pub fn routes() -> Vec<(&'static str, MethodRouter<RouterState>)> {
    let routes = vec![
        ("/api/governance/retention/policies", get(retention::policies)),
        ("/api/governance/retention/status", get(retention::status)),
        ("/api/governance/retention/purge", post(retention::purge)),
        ("/api/governance/security/status", get(security::status)),
        ("/api/governance/security/emergency-mode", post(security::emergency_mode)),
        ("/api/governance/security/thresholds", get(security::thresholds).post(security::save_thresholds)),
        ("/api/governance/features", get(features::list)),
        ("/api/governance/features/check", get(features::check)),
        ("/api/governance/features/toggle", post(features::toggle)),
        ("/api/governance/features/kill-switch", post(features::kill_switch)),
        ("/api/governance/features/rollout", post(features::rollout)),
        (OPENAPI, get(openapi::document)),
    ];
    routes.into_iter().map(|(path, route)| (path, route.layer(DefaultBodyLimit::max(BODY_LIMIT)))).collect()
}

static PATHS: LazyLock<Vec<&'static str>> = LazyLock::new(|| routes().into_iter().map(|(path, _)| path).collect());

/// Whether a path is the API's (its routes, and any other path under its prefix).
pub fn is_rest(path: &str) -> bool {
    path.starts_with(PREFIX) || path == OPENAPI
}

/// Whether the API has a route at this path.
pub fn knows(path: &str) -> bool {
    PATHS.contains(&path)
}
