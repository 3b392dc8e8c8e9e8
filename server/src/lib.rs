//! The Atelier server: configuration, the HTTP router and its layers, and the admin CLI.

pub mod bench;
pub mod cli;
pub mod config;
pub mod crash_loop;
pub mod http;
pub mod serve;
