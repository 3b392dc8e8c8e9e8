//! Server functions, grouped by area. Each one is thin: authorise, call `services`, map.

pub mod auth;
pub mod error;
pub mod flash;
pub mod home;
pub mod sites;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use error::ApiError;
pub use flash::Flash;
