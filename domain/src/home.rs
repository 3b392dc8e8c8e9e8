//! What the home page shows of the company and its user.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub legal_name: Option<String>,
    pub legal_form: Option<String>,
    pub address: Option<String>,
    /// Registration numbers as (Fluent key of the label, value): SIREN, SIRET, VAT and RCS in
    /// France; NIF, NIS, RC and AI in Algeria.
    pub identifiers: Vec<(String, String)>,
    pub sites: i64,
    pub members: i64,
    pub previous_login_local_ms: Option<i64>,
    pub today_local_ms: i64,
    /// Emergency requests no technician has accepted yet, oldest first (for those who run
    /// missions; empty for the others).
    pub emergencies: Vec<crate::mission::views::Emergency>,
    /// The dashboards the user's role reads.
    pub dashboards: Vec<crate::dashboard::Board>,
}
