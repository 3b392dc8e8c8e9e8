//! The tenant's legal identity (raison sociale and registration numbers).

pub mod repo;

pub use repo::CompanyProfile;
