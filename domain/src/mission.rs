//! Field-service missions: a customer's job, from the request to the invoice, moved through
//! its states by the people allowed to (`state`), with the forms that create and move it
//! (`commands`) and what its pages show (`views`).

pub mod commands;
pub mod invoice;
pub mod state;
pub mod views;
