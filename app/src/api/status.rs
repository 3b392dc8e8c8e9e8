//! The platform's public status (no sign-in, no company data).

use domain::status::StatusView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use super::ssr;

#[server(endpoint = "platform_status")]
pub async fn platform_status() -> Result<StatusView, ApiError> {
    let state = ssr::state()?;
    Ok(services::status::current(&state, state.clock.now_ms()).await?)
}
