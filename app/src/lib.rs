//! The Leptos interface of Atelier: pages, components and the server functions they call.
//!
//! Built twice: as an rlib with `ssr` for the server, and as a cdylib with `hydrate` for the
//! browser. Server-function bodies only exist in the `ssr` build.
//!
//! Leptos runs in *islands* mode: pages are rendered on the server and stay plain HTML (every
//! form works without JavaScript); only components marked `#[island]` are hydrated, which keeps
//! the browser bundle small however many pages the ERP grows.

pub mod api;
pub mod app;
pub mod assets;
pub mod components;
pub mod http_status;
pub mod i18n;
pub mod pages;

pub use app::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious people) know the page is now interactive.
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-hydrated", "true");
    }
}
