//! Server-only services of Atelier: databases and tenancy, identity, and one module per business
//! area. Each area has a `repo` (the only place with SQL) and a service (rules and transactions).

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod company;
pub mod control;
pub mod dashboards;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod governance;
pub mod home;
pub mod invoicing;
pub mod mail;
pub mod members;
pub mod missions;
pub mod scheduler;
pub mod secret_box;
pub mod sites;
pub mod sso;
pub mod state;
pub mod status;
pub mod stock;
pub mod tenancy;
pub mod timesheets;
pub mod webhooks;

pub use error::{AppError, AppResult};
pub use state::AppState;
#[cfg(feature = "test-support")]
pub mod testing;
