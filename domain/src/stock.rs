//! Stock rules: which lots an outflow takes from, and how stock is valued.

pub mod fifo;
pub mod valuation;
