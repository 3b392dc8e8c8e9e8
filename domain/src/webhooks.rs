//! Webhooks: an admin registers an address and the kinds of business events it is sent; each
//! such event is then delivered to it as a JSON POST signed as Standard Webhooks says
//! (`signature`), tried again further and further apart when the receiver fails (`delivery`),
//! and only ever to a public HTTPS host (`target`).

pub mod commands;
pub mod delivery;
pub mod signature;
pub mod target;
pub mod views;
