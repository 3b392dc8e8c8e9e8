//! The names the build gave the browser bundle's files (`scripts/assets.mjs`): content-hashed,
//! so that a page always asks for the files of its own build and browsers may keep them.

/// Provided to the page renderer by the server, which reads them once at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The JavaScript and WebAssembly's common name, without extension (`atelier.<hash>`).
    pub bundle: String,
    /// The stylesheet's file name (`atelier.<hash>.css`).
    pub css: String,
    /// Whether the names carry a hash (a site built by `scripts/build.sh`), so that browsers may
    /// keep the files for good.
    pub hashed: bool,
}

impl Default for Assets {
    /// The names before the build step that hashes them.
    fn default() -> Self {
        Self { bundle: "atelier".into(), css: "atelier.css".into(), hashed: false }
    }
}

impl Assets {
    pub fn stylesheet(&self) -> String {
        format!("/pkg/{}", self.css)
    }
}
