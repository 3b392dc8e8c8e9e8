//! What the draft pages show.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Category;
use crate::Currency;
use crate::invoicing::line::{Discount, LineAmounts, LinePrice};
use crate::invoicing::mentions::Mention;
use crate::invoicing::payment::PaymentMethod;
use crate::invoicing::totals::Totals;
use crate::invoicing::vat::VatRate;
use crate::quantity::Quantity;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftLineView {
    pub id: String,
    pub position: i64,
    pub designation: String,
    pub unit: String,
    pub quantity: Quantity,
    pub unit_price_minor: i64,
    pub discount: Discount,
    pub vat: VatRate,
    pub amounts: LineAmounts,
}

impl DraftLineView {
    pub fn price(&self) -> LinePrice {
        LinePrice {
            quantity: self.quantity,
            unit_price_minor: self.unit_price_minor,
            discount: self.discount,
            vat: self.vat,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub category: Category,
    pub payment_method: Option<PaymentMethod>,
    pub exemption: Option<String>,
    pub currency: Currency,
    pub lines: Vec<DraftLineView>,
    /// None while the draft has no line.
    pub totals: Option<Totals>,
    /// The legal mentions an invoice from it would still lack.
    pub missing: Vec<Mention>,
    /// The rates a line may take in the company's country.
    pub vat_rates: Vec<VatRate>,
    pub can_edit: bool,
    pub can_issue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub customer_name: String,
    pub issue_date: NaiveDate,
    pub lines: i64,
    pub total_minor: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftListing {
    pub drafts: Vec<DraftSummary>,
    pub currency: Currency,
    pub can_edit: bool,
}

/// An article's fields, to fill a new line with (the price and rate stay editable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePrefill {
    pub article_id: String,
    pub code: String,
    pub designation: String,
    pub unit: String,
    pub unit_price_minor: Option<i64>,
    /// None when the article's rate is not one of the company's country.
    pub vat: Option<VatRate>,
}
