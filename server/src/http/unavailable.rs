//! The page a browser gets when the database does not answer: in the reader's language, with
//! status 503 and `Retry-After`, and nothing about the cause (that goes to the log).

use app::assets::Assets;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;

/// Seconds a browser or a monitor is asked to wait before trying again.
const RETRY_AFTER_SECONDS: &str = "5";

/// `assets` names the stylesheet of this build (the page's request carries them).
pub fn page(headers: &HeaderMap, assets: Option<&Assets>) -> Response {
    let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let lang = Lang::of_request(header(header::COOKIE), header(header::ACCEPT_LANGUAGE));
    let i18n = app::i18n::I18n { lang };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"{}\"><title>{} · {}</title></head>\
         <body><main class=\"unavailable\"><h1>{}</h1><p>{}</p><p>{}</p></main></body></html>",
        lang.tag(),
        assets.cloned().unwrap_or_default().stylesheet,
        escape(&i18n.t("unavailable-title")),
        escape(&i18n.t("app-name")),
        escape(&i18n.t("unavailable-title")),
        escape(&i18n.t("error-unavailable")),
        escape(&i18n.t("unavailable-retry")),
    );
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, Html(html)).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
