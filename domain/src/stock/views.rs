//! What the stock pages show: the list, an article's page and its edit form, the stock hub.
//! Built by `services::stock::views`; quantities in thousandths of the unit, money in minor
//! units of the company's currency, times in the company's local time.

use serde::{Deserialize, Serialize};

use super::movement::MovementKind;
use crate::Currency;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLine {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub unit: String,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub below_min: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockListing {
    pub lines: Vec<StockLine>,
    /// The `after` of the next page, when there is one.
    pub next: Option<String>,
    /// (id, code, name) of the sites, for the filter.
    pub sites: Vec<(String, String, String)>,
    pub categories: Vec<String>,
    pub currency: Currency,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelView {
    pub site_id: String,
    pub site_code: String,
    pub site_name: String,
    pub qty_milli: i64,
    pub value_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotView {
    pub id: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry: Option<String>,
    pub remaining_milli: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementView {
    pub seq: i64,
    pub operation: String,
    /// Shown on the first leg of an operation that is neither a reversal nor reversed yet.
    pub reversible: bool,
    pub at_local_ms: i64,
    pub kind: MovementKind,
    pub site_code: String,
    pub qty_milli: i64,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub who: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDetails {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub unit: String,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    pub levels: Vec<LevelView>,
    pub lots: Vec<LotView>,
    pub movements: Vec<MovementView>,
    pub active: bool,
    pub currency: Currency,
    pub can_receive: bool,
    pub can_withdraw: bool,
}

/// An article's fields as stored, for the edit form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFieldsView {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub family: Option<String>,
    pub unit: String,
    pub purchase_price_minor: Option<i64>,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    pub active: bool,
}

/// What the stock hub offers this user in this company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockHubView {
    pub can_create: bool,
    pub can_import: bool,
    pub import_on: bool,
    pub reorder_on: bool,
    pub alerts: usize,
}
