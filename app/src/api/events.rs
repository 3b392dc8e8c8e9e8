//! The business event log: a page of events, newest first, of the records the reader may read
//! (the service says which).

use domain::events::{EventFilter, EventListing};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    services::{AppError, events},
};

#[server(endpoint = "events_list")]
pub async fn events_list(#[server(flatten)] filter: EventFilter) -> Result<EventListing, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let query = filter.parse().map_err(AppError::from)?;
    Ok(events::list(&state, &scope, &query).await?)
}
