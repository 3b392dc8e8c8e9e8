//! The names the build gave the browser bundle's files (`scripts/assets.mjs`): content-hashed,
//! so that a page always asks for the files of its own build and browsers may keep them.

use std::sync::Arc;

/// Provided to the page renderer by the server, which reads them once at start (cloned per page:
/// shared text, no copy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The JavaScript and WebAssembly's common name, without extension (`atelier.<hash>`).
    pub bundle: Arc<str>,
    /// The stylesheet's path (`/pkg/atelier.<hash>.css`).
    pub stylesheet: Arc<str>,
    /// Whether the names carry a hash (a site built by `scripts/build.sh`), so that browsers may
    /// keep the files for good.
    pub hashed: bool,
}

impl Assets {
    /// `css` is the stylesheet's file name in `/pkg`.
    pub fn new(bundle: &str, css: &str, hashed: bool) -> Self {
        Self { bundle: bundle.into(), stylesheet: format!("/pkg/{css}").into(), hashed }
    }
}

impl Default for Assets {
    /// The names before the build step that hashes them.
    fn default() -> Self {
        Self::new("atelier", "atelier.css", false)
    }
}
