//! Stock rules: which lots an outflow takes from, how stock is valued, when a level is low,
//! what to reorder, what looks like an anomaly, and how a CSV import is read.

pub mod alert;
pub mod anomaly;
pub mod fifo;
pub mod import;
pub mod valuation;
