//! Server functions, grouped by area. Each reads in four steps (see `ssr`): scope, parse the
//! command, call the service, finish.

#[cfg(feature = "ssr")]
pub mod access;
pub mod alerts;
pub mod audit;
pub mod auth;
pub mod company;
pub mod customers;
pub mod dashboards;
pub mod drafts;
pub mod error;
pub mod events;
pub mod flash;
pub mod governance;
pub mod home;
pub mod invoices;
pub mod ledger;
pub mod members;
pub mod missions;
pub mod second_factor;
pub mod security;
pub mod sites;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod status;
pub mod stock;
pub mod stock_articles;
pub mod stock_import;
pub mod stock_reports;
pub mod time;
pub mod verify;
pub mod webhooks;

pub use error::ApiError;
pub use flash::Flash;
