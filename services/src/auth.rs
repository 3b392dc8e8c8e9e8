//! Identity: password hashing, signing in, failed attempts, second factors, and the session.

pub mod account;
pub mod address_budget;
pub mod attempts;
pub mod current;
pub mod login;
pub mod password;
pub mod second_factor;
pub mod session;
pub mod session_store;
pub mod views;

pub use login::{Authenticated, authenticate};
