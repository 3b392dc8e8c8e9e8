//! The dashboards of the reader's role.

use domain::dashboard::views::BoardPage;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::dashboard::Board,
    services::{AppError, dashboards},
};

/// A board by its name in the address (`operations`, `finance`, `platform`); the service
/// checks that the reader's role may read it.
#[server(endpoint = "dashboard")]
pub async fn dashboard(board: String) -> Result<BoardPage, ApiError> {
    let (state, scope) = ssr::scope(Permission::TenantRead).await?;
    let board = Board::parse(board.trim()).ok_or(AppError::NotFound)?;
    Ok(dashboards::board(&state, &scope, board).await?)
}
