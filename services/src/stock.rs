//! Stock: articles, movements and their levels, the views of the stock pages, reports, CSV
//! imports and exports. Levels and lots change only through movements, inside the database.

pub mod articles;
pub mod exports;
mod guard;
pub mod import;
pub mod movements;
mod repo;
pub mod reports;
pub mod views;
pub mod volume;

pub use articles::{create_article, update_article};
pub use movements::{adjust, receive, reverse, transfer, withdraw};
pub use views::{PAGE_SIZE, article, article_fields, categories, hub, level, list};

use domain::Quantity;
use domain::stock::movement::MovementKind;

use crate::{AppError, AppResult};

/// A quantity read from the database, which keeps it within the bounds; anything else is
/// reported, never replaced.
pub(crate) fn stored_quantity(column: &str, milli: i64) -> AppResult<Quantity> {
    Quantity::from_milli(milli).ok_or_else(|| AppError::corrupt(column, milli))
}

/// A movement kind read from the database (its CHECK lists the same names).
pub(crate) fn stored_kind(name: &str) -> AppResult<MovementKind> {
    MovementKind::parse(name).ok_or_else(|| AppError::corrupt("stock_movements.kind", name))
}
