//! Setting the HTTP status of the page being rendered (a no-op once in the browser).

#[cfg(feature = "ssr")]
mod imp {
    pub fn set(status: u16) {
        if let (Some(options), Ok(status)) =
            (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status))
        {
            options.set_status(status);
        }
    }
}

#[cfg(not(feature = "ssr"))]
mod imp {
    pub fn set(_status: u16) {}
}

pub use imp::set;
