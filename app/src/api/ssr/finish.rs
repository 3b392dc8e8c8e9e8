//! Step four of a form's server function: the outcome for the page that posted it, with
//! JavaScript (the action's value) or without (a flash in the session and a redirect back).

use leptos::prelude::*;
use services::AppError;

use crate::api::{ApiError, Flash};

/// True for a form posted by the browser itself (no JavaScript): it will be redirected back to
/// the page, so errors travel in the session rather than in the response.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false)
}

/// Ends a form's server function: maps the result and, for a plain form post, leaves the
/// outcome in the session for the page the browser is sent back to (`ok_key` names the success
/// message, `values` what was typed, to fill a refused form again).
pub async fn finish<T>(
    form: &str,
    result: Result<T, AppError>,
    ok_key: &str,
    values: &[(&str, &str)],
) -> Result<T, ApiError> {
    let result = result.map_err(ApiError::from);
    if is_plain_form_post() {
        let flash = Flash {
            form: form.to_owned(),
            ok: result.is_ok().then(|| ok_key.to_owned()),
            error: result.as_ref().err().cloned(),
            values: values.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        };
        services::auth::session::put_flash(&super::session().await?, &flash).await?;
        if result.is_err()
            && let Some(back) = referer_path()
        {
            leptos_axum::redirect(&back);
        }
    }
    result
}

/// The page a plain form was posted from, as a local path without the error parameters the
/// server-function layer would otherwise append (the error travels in the session instead).
fn referer_path() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    let uri: http::Uri = referer.parse().ok()?;
    let query: Vec<&str> =
        uri.query().unwrap_or_default().split('&').filter(|p| !p.is_empty() && !p.starts_with("__")).collect();
    let path = if query.is_empty() { uri.path().to_owned() } else { format!("{}?{}", uri.path(), query.join("&")) };
    domain::nav::safe_next(Some(&path))
}
