//! The HTTP side: the router and the layers every request goes through.

pub mod access;
pub mod answer;
pub mod assets;
pub mod audit_files;
pub mod body_limit;
pub mod client;
pub mod company_logo;
pub mod compression;
pub mod cross_site;
pub mod customer_files;
pub mod dashboard_files;
pub mod forwarded;
pub mod health;
pub mod invoice_files;
pub mod ledger_files;
pub mod listener;
pub mod metrics;
pub mod page_guard;
pub mod personal_data_files;
pub mod request_id;
pub mod rest;
pub mod router;
pub mod security_headers;
pub mod sso;
pub mod stock_files;
pub mod unavailable;
