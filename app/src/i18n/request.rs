//! Where the page's language comes from: on the server the request (cookie, then
//! `Accept-Language`); in the browser the `<html lang>` the server rendered.

#[cfg(feature = "ssr")]
mod imp {
    use domain::Lang;
    use leptos::prelude::use_context;

    pub fn request_lang() -> Lang {
        let Some(parts) = use_context::<http::request::Parts>() else { return Lang::En };
        let header = |name: http::header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
        Lang::of_request(header(http::header::COOKIE), header(http::header::ACCEPT_LANGUAGE))
    }
}

#[cfg(not(feature = "ssr"))]
mod imp {
    use domain::Lang;

    pub fn request_lang() -> Lang {
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
}

pub use imp::request_lang;
