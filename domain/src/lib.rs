//! Shared types and pure business rules of Atelier.
//!
//! This crate is compiled into the browser (wasm) as well as the server, so it holds no IO:
//! no database, no clock, no async runtime. Types here *parse* their input (`Email::parse`,
//! `TenantCode::parse`, …): once you hold one, it is valid.

pub mod alerts;
pub mod article;
pub mod audit;
pub mod bounds;
pub mod company;
pub mod country;
pub mod csv_file;
pub mod csv_import;
pub mod customer;
pub mod dashboard;
pub mod decimal;
pub mod device;
pub mod email;
pub mod error;
pub mod events;
pub mod flag;
pub mod format;
pub mod governance;
pub mod hash_chain;
pub mod home;
pub mod identifiers;
pub mod identity;
pub mod input;
pub mod invoicing;
pub mod lang;
pub mod lockout;
pub mod mission;
pub mod money;
pub mod nav;
pub mod party;
pub mod policy;
pub mod quantity;
pub mod role;
pub mod second_factor;
pub mod severity;
pub mod sign_in_rules;
pub mod site;
pub mod status;
pub mod stock;
pub mod tenant;
pub mod timesheet;
pub mod webhooks;

pub use audit::AuditKind;
pub use chrono::NaiveDate;
pub use country::Country;
pub use email::Email;
pub use error::{ErrorDetail, FieldError, ValidationErrors};
pub use flag::Flag;
pub use lang::Lang;
pub use money::{Currency, Money};
pub use policy::{Permission, Policy};
pub use quantity::Quantity;
pub use role::Role;
pub use severity::Severity;
pub use site::{SiteCode, SiteName};
pub use tenant::{TenantCode, TenantStatus};
