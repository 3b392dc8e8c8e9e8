//! The outcome of a form posted without JavaScript. The server function stores it in the
//! session, the browser follows the redirect back to the page, and the page shows it once.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// Which form on the page it belongs to.
    pub form: String,
    /// Fluent key of the success message.
    pub ok: Option<String>,
    pub error: Option<ApiError>,
    /// The values typed, so a refused form comes back filled in (passwords never are).
    pub values: Vec<(String, String)>,
}

impl Flash {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Takes (and removes) the pending flash of the session. Most page views have none: removing
/// only what is there keeps them from rewriting the session row (a removal marks it changed).
#[server(endpoint = "take_flash")]
pub async fn take_flash() -> Result<Option<Flash>, ApiError> {
    use services::auth::keys::FLASH;
    let session = super::ssr::session().await?;
    let internal = |_| ApiError::new("internal");
    let flash = session.get::<Flash>(FLASH).await.map_err(internal)?;
    if flash.is_some() {
        session.remove::<Flash>(FLASH).await.map_err(internal)?;
    }
    Ok(flash)
}
