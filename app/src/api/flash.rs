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
    /// A form refused outside a server function (a plain route of the server).
    #[cfg(feature = "ssr")]
    pub fn refused(form: &str, error: &services::AppError) -> Self {
        Self { form: form.to_owned(), ok: None, error: Some(ApiError::of(error)), values: Vec::new() }
    }

    /// A form done outside a server function, with the values its message shows.
    #[cfg(feature = "ssr")]
    pub fn done(form: &str, ok_key: &str, values: &[(&str, String)]) -> Self {
        let values = values.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        Self { form: form.to_owned(), ok: Some(ok_key.to_owned()), error: None, values }
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Takes (and removes) the pending flash of the session. Most page views have none, and then
/// the session is not rewritten. A page showing one is shown once: it may hold what a form
/// returned only to be seen once (recovery codes, a new token).
#[server(endpoint = "take_flash")]
pub async fn take_flash() -> Result<Option<Flash>, ApiError> {
    let session = super::ssr::session().await?;
    let flash = services::auth::session::take_flash(&session).await?;
    if flash.is_some() {
        super::ssr::no_store();
    }
    Ok(flash)
}
