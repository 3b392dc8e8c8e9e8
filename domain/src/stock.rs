//! Stock rules (which lots an outflow takes from, how stock is valued, when a level is low, what
//! to reorder, what looks like an anomaly, how a CSV import is read), the commands the stock forms
//! send and the views the stock pages show.

pub mod alert;
pub mod anomaly;
pub mod commands;
pub mod fifo;
pub mod import;
pub mod movement;
pub mod queries;
pub mod reports;
pub mod valuation;
pub mod views;
