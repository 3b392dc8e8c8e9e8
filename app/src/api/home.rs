use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub legal_name: Option<String>,
    pub sites: i64,
    pub members: i64,
    pub previous_login_local_ms: Option<i64>,
    pub today_local_ms: i64,
}

#[server(endpoint = "home_view")]
pub async fn home_view() -> Result<HomeOverview, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::TenantRead).await?;
    let f = services::home::figures(&state, &scope).await.map_err(super::ssr::fail)?;
    Ok(HomeOverview {
        legal_name: f.legal_name,
        sites: f.sites,
        members: f.members,
        previous_login_local_ms: f.previous_login_local_ms,
        today_local_ms: f.today_local_ms,
    })
}
