//! What the profile's settings page shows.

use serde::{Deserialize, Serialize};

use super::CompanyProfile;
use crate::country::Country;
use crate::invoicing::mentions::Mention;
use crate::money::Currency;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSettings {
    pub country: Country,
    pub currency: Currency,
    pub profile: CompanyProfile,
    /// What every invoice would still lack: empty once the company can invoice.
    pub missing: Vec<Mention>,
    /// The logo's last change (its address carries it, so a browser fetches a new one), if
    /// there is a logo.
    pub logo_version: Option<i64>,
    /// Set once the profile has been saved from this page (never, for a company created by
    /// the command line).
    pub updated_at_local_ms: Option<i64>,
}
