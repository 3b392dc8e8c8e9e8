//! The browser bundle's files (`/pkg/…`), under the content-hashed names the build gave them
//! (`scripts/assets.mjs`): sent as the build compressed them (brotli or gzip, whichever the
//! browser takes), and kept by browsers for a year since a new build has new names.

use std::path::Path;

use app::assets::Assets;
use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use super::router::RouterState;

/// Where the build writes the names, under the site's `pkg` folder.
pub const NAMES_FILE: &str = "assets.json";

/// The names of this site's bundle; the plain names when the site was not built by
/// `scripts/build.sh` (the server's own tests), or its names are unreadable (logged).
pub fn read(pkg_dir: &Path) -> Assets {
    #[derive(serde::Deserialize)]
    struct Names {
        bundle: String,
        css: String,
    }
    let path = pkg_dir.join(NAMES_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else { return Assets::default() };
    match serde_json::from_str::<Names>(&text) {
        Ok(names) if well_formed(&names.bundle) && well_formed(&names.css) => {
            Assets::new(&names.bundle, &names.css, true)
        }
        _ => {
            tracing::error!("{} is not what scripts/build.sh writes: the bundle keeps its plain names", path.display());
            Assets::default()
        }
    }
}

/// A file name the page may put in an attribute and a URL as it is.
fn well_formed(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
}

/// `/pkg/…` from the site's `pkg` folder, preferring the precompressed copies.
pub fn routes(pkg_dir: &Path, assets: &Assets) -> Router<RouterState> {
    // Hashed names never change content: browsers need not even ask again. Plain names (a site
    // not built by scripts/build.sh) are checked on every use.
    let lifetime = if assets.hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    let files = ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip();
    Router::new().nest_service(
        "/pkg",
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static(lifetime)))
            .service(files),
    )
}
