//! Invoice drafts: what their forms send and the commands they parse into. A draft has no
//! number and changes freely; its totals are always computed here (`Totals::of`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::line::{Discount, LinePrice};
use super::payment::PaymentMethod;
use super::vat::VatRate;
use crate::Country;
use crate::bounds::parse_unit_price;
use crate::error::{FieldError, ValidationErrors, bounded_text};
pub use crate::input::parse_day;
use crate::input::{optional, optional_text, parse_id};
use crate::quantity::Quantity;

pub const MAX_DESIGNATION: usize = 200;
pub const MAX_UNIT: usize = 12;
pub const MAX_EXEMPTION: usize = 200;

/// What an invoice sells (a French mention since the e-invoicing reform; it also decides
/// when VAT becomes due).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Goods,
    Services,
    Mixed,
}

impl Category {
    pub const ALL: [Self; 3] = [Self::Goods, Self::Services, Self::Mixed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Goods => "goods",
            Self::Services => "services",
            Self::Mixed => "mixed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw.trim()).ok_or("invalid-category")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Goods => "category-goods",
            Self::Services => "category-services",
            Self::Mixed => "category-mixed",
        }
    }
}

/// A draft's header: who, when, what, how it is to be paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftHeader {
    pub customer: String,
    /// None: today.
    pub issue_date: Option<NaiveDate>,
    /// None: from the customer's terms, or the company's.
    pub due_date: Option<NaiveDate>,
    pub category: Category,
    pub payment_method: Option<PaymentMethod>,
    /// Why a line at 0 % carries no VAT (e.g. « TVA non applicable, art. 293 B du CGI »).
    pub exemption: Option<String>,
}

impl DraftHeader {
    /// The issue and due dates a draft is stored with: the issue date `today` unless given, the
    /// due date `terms_days` after it unless given, and never before it.
    pub fn dates(&self, today: NaiveDate, terms_days: u16) -> Result<(NaiveDate, NaiveDate), FieldError> {
        let issue = self.issue_date.unwrap_or(today);
        let due = match self.due_date {
            Some(due) => due,
            None => issue
                .checked_add_days(chrono::Days::new(u64::from(terms_days)))
                .ok_or_else(|| FieldError { field: "issue_date".into(), code: "invalid-date".into() })?,
        };
        if due < issue {
            return Err(FieldError { field: "due_date".into(), code: "due-before-issue".into() });
        }
        Ok((issue, due))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftForm {
    /// Set when editing.
    pub id: String,
    pub customer: String,
    pub issue_date: String,
    pub due_date: String,
    pub category: String,
    pub payment_method: String,
    pub exemption: String,
}

impl DraftForm {
    pub fn parse(&self) -> Result<DraftHeader, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let customer = errors.check("customer", parse_id(&self.customer));
        let issue_date = errors.check("issue_date", optional(&self.issue_date, parse_day));
        let due_date = errors.check("due_date", optional(&self.due_date, parse_day));
        let category = errors.check("category", Category::parse(&self.category));
        let payment_method = errors.check("payment_method", optional(&self.payment_method, PaymentMethod::parse));
        let exemption = errors.check("exemption", optional_text(&self.exemption, MAX_EXEMPTION));
        if let (Some(Some(issue)), Some(Some(due))) = (issue_date, due_date)
            && due < issue
        {
            errors.add("due_date", "due-before-issue");
        }
        let header = (|| {
            Some(DraftHeader {
                customer: customer?,
                issue_date: issue_date?,
                due_date: due_date?,
                category: category?,
                payment_method: payment_method?,
                exemption: exemption?,
            })
        })();
        match header {
            Some(header) if errors.is_empty() => Ok(header),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("customer", &self.customer),
            ("issue_date", &self.issue_date),
            ("due_date", &self.due_date),
            ("category", &self.category),
            ("payment_method", &self.payment_method),
            ("exemption", &self.exemption),
        ]
    }
}

/// One line of a draft: from an article (its designation, unit, price and rate prefilled by
/// the page) or free text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftLine {
    pub article: Option<String>,
    pub designation: String,
    pub unit: String,
    pub price: LinePrice,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineForm {
    /// The draft the line belongs to.
    pub draft: String,
    pub article: String,
    pub designation: String,
    pub unit: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
}

impl LineForm {
    /// Reads a line of an invoice from a seller in `country`: quantity and price more than
    /// zero, a discount up to 100 %, a VAT rate of the country, an amount within bounds.
    pub fn parse(&self, country: Country) -> Result<(String, DraftLine), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let draft = errors.check("draft", parse_id(&self.draft));
        let article = errors.check("article", optional(&self.article, parse_id));
        let designation = errors.check("designation", bounded_text(&self.designation, MAX_DESIGNATION));
        let unit =
            errors.check("unit", bounded_text(if self.unit.trim().is_empty() { "u" } else { &self.unit }, MAX_UNIT));
        let quantity = errors.check("quantity", Quantity::parse(&self.quantity));
        let unit_price = errors.check("unit_price", parse_unit_price(&self.unit_price).and_then(positive_price));
        let discount = errors.check("discount", Discount::parse(&self.discount));
        let vat = errors.check("vat_rate", VatRate::parse(&self.vat_rate, country));
        if let (Some(quantity), Some(unit_price_minor), Some(discount), Some(vat)) =
            (quantity, unit_price, discount, vat)
        {
            let price = LinePrice { quantity, unit_price_minor, discount, vat };
            match (draft, article, designation, unit, price.amounts()) {
                (Some(draft), Some(article), Some(designation), Some(unit), Ok(_)) if errors.is_empty() => {
                    return Ok((draft, DraftLine { article, designation, unit, price }));
                }
                (.., Err(code)) => errors.add("quantity", code),
                _ => {}
            }
        }
        Err(errors)
    }

    pub fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("article", &self.article),
            ("designation", &self.designation),
            ("unit", &self.unit),
            ("quantity", &self.quantity),
            ("unit_price", &self.unit_price),
            ("discount", &self.discount),
            ("vat_rate", &self.vat_rate),
        ]
    }
}

fn positive_price(minor: i64) -> Result<i64, &'static str> {
    if minor > 0 { Ok(minor) } else { Err("line-not-positive") }
}

#[cfg(test)]
mod tests;
pub mod views;
