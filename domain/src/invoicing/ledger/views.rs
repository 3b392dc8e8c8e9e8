//! What the ledger page shows: the chain's head, the closures with their hashes, the drafts
//! dated in closed periods, the years to export, and the accounts the exports post to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::closure::PeriodKind;
use crate::Currency;
use crate::invoicing::fec::accounts::AccountsForm;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureRow {
    pub seq: i64,
    pub hash: String,
    pub kind: PeriodKind,
    pub period: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub documents: i64,
    /// Invoiced net of credit notes, VAT included.
    pub turnover_minor: i64,
    pub payments_minor: i64,
    pub perpetual_turnover_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleDraft {
    pub id: String,
    pub issue_date: NaiveDate,
    pub customer: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerView {
    pub head_seq: i64,
    pub head_hash: String,
    pub closed_through: Option<NaiveDate>,
    /// Closures of months and years, newest first (at most [`CLOSURES_SHOWN`]).
    pub periods: Vec<ClosureRow>,
    /// Closures of days, newest first (at most [`CLOSURES_SHOWN`]), and how many in all.
    pub days: Vec<ClosureRow>,
    pub days_total: i64,
    pub stale_drafts: Vec<StaleDraft>,
    /// Fiscal years with entries, newest first (this year at least).
    pub years: Vec<i32>,
    pub currency: Currency,
    /// The FEC is French.
    pub fec: bool,
    pub accounts: AccountsForm,
    pub can_close: bool,
    pub can_edit_accounts: bool,
    pub today: NaiveDate,
}

/// How many closures of each sort the page lists (a year is 365 daily closures).
pub const CLOSURES_SHOWN: i64 = 60;
