//! The API's OpenAPI 3.1 document (`GET /api/openapi.json`), generated from the handlers'
//! declarations; a test checks it against the routes the server has.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{features, retention, security};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Atelier governance API",
        description = "A company's governance console as JSON: retention, security and feature flags. \
                       Authenticate with one of the company's API tokens (`Authorization: Bearer atl_…`), \
                       created by its admins at Governance → API tokens. Errors are RFC 9457 problem details.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        retention::policies,
        retention::status,
        retention::purge,
        security::status,
        security::emergency_mode,
        security::thresholds,
        security::save_thresholds,
        features::list,
        features::check,
        features::toggle,
        features::kill_switch,
        features::rollout,
    ),
    modifiers(&Bearer),
    tags(
        (name = "retention", description = "How long each kind of data is kept, and purges"),
        (name = "security", description = "Security status, emergency mode and thresholds"),
        (name = "features", description = "Feature flags, rollout and kill switches"),
    )
)]
struct Document;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("A company's API token, scoped read or admin"))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Written once: the document does not change while the server runs.
static JSON: LazyLock<String> =
    LazyLock::new(|| Document::openapi().to_pretty_json().expect("the OpenAPI document serialises"));

pub fn json() -> &'static str {
    &JSON
}

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=3600")], json())
}
