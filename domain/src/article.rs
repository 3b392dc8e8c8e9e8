//! Articles: what is kept in stock, as typed into the article form or an imported CSV row.

use serde::{Deserialize, Serialize};

use crate::bounds::parse_unit_price_in;
use crate::decimal::parse_scaled_in;
use crate::error::{ValidationErrors, bounded_text};
use crate::quantity::Quantity;

/// A valid article, ready to store. Prices in minor units, VAT in basis points (20 % = 2000),
/// stock bounds in thousandths of the unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewArticle {
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub family: Option<String>,
    pub unit: String,
    pub purchase_price_minor: Option<i64>,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
    pub min_stock: Quantity,
    pub max_stock: Option<Quantity>,
}

/// The fields of an article as text, in form or CSV column order.
#[derive(Clone, Debug, Default)]
pub struct ArticleInput<'a> {
    pub code: &'a str,
    pub designation: &'a str,
    pub category: &'a str,
    pub family: &'a str,
    pub unit: &'a str,
    pub purchase_price: &'a str,
    pub sale_price: &'a str,
    pub vat_rate: &'a str,
    pub min_stock: &'a str,
    pub max_stock: &'a str,
    /// The decimal mark of the numbers, when known (a CSV file's); a form's is not.
    pub point: Option<char>,
}

fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|s| !s.is_empty())
}

impl NewArticle {
    /// Validates every field and reports all problems at once.
    pub fn parse(input: &ArticleInput<'_>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let code = input.code.trim().to_uppercase();
        if code.is_empty() {
            errors.add("code", "required");
        } else if code.len() > 32 || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b)) {
            errors.add("code", "invalid-article-code");
        }
        let designation = bounded_text(input.designation, 200).map_err(|e| errors.add("designation", e)).ok();
        let mut text = |field: &str, raw: &str, max: usize| match optional(raw) {
            None => None,
            Some(value) => bounded_text(value, max).map_err(|e| errors.add(field, e)).ok(),
        };
        let category = text("category", input.category, 80);
        let family = text("family", input.family, 80);
        let unit = match optional(input.unit) {
            None => Some("u".to_owned()),
            Some(u) => text("unit", u, 12),
        };
        let mut money = |field: &str, raw: &str| match optional(raw) {
            None => None,
            Some(value) => parse_unit_price_in(value, input.point).map_err(|e| errors.add(field, e)).ok(),
        };
        let purchase_price_minor = money("purchase_price", input.purchase_price);
        let sale_price_minor = money("sale_price", input.sale_price);
        let vat_rate_bp = match optional(input.vat_rate).map(|v| v.trim_end_matches('%').trim()) {
            None => Some(2000),
            Some(v) => match parse_scaled_in(v, 2, input.point) {
                Ok(bp) if bp <= 10_000 => Some(bp),
                Ok(_) => {
                    errors.add("vat_rate", "out-of-range");
                    None
                }
                Err(e) => {
                    errors.add("vat_rate", e);
                    None
                }
            },
        };
        let min_stock = match optional(input.min_stock) {
            None => Some(Quantity::ZERO),
            Some(v) => Quantity::parse_count_in(v, input.point).map_err(|e| errors.add("min_stock", e)).ok(),
        };
        let max_stock = match optional(input.max_stock) {
            None => None,
            Some(v) => Quantity::parse_in(v, input.point).map_err(|e| errors.add("max_stock", e)).ok(),
        };
        if let (Some(min), Some(max)) = (min_stock, max_stock)
            && max < min
        {
            errors.add("max_stock", "max-below-min");
        }
        match (designation, unit, vat_rate_bp, min_stock) {
            (Some(designation), Some(unit), Some(vat_rate_bp), Some(min_stock)) if errors.is_empty() => Ok(Self {
                code,
                designation,
                category,
                family,
                unit,
                purchase_price_minor,
                sale_price_minor,
                vat_rate_bp,
                min_stock,
                max_stock,
            }),
            _ => Err(errors),
        }
    }
}

/// The article form as posted: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleForm {
    pub code: String,
    pub designation: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub family: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub purchase_price: String,
    #[serde(default)]
    pub sale_price: String,
    #[serde(default)]
    pub vat_rate: String,
    #[serde(default)]
    pub min_stock: String,
    #[serde(default)]
    pub max_stock: String,
}

impl ArticleForm {
    pub fn input(&self) -> ArticleInput<'_> {
        ArticleInput {
            code: &self.code,
            designation: &self.designation,
            category: &self.category,
            family: &self.family,
            unit: &self.unit,
            purchase_price: &self.purchase_price,
            sale_price: &self.sale_price,
            vat_rate: &self.vat_rate,
            min_stock: &self.min_stock,
            max_stock: &self.max_stock,
            point: None,
        }
    }

    pub fn parse(&self) -> Result<NewArticle, ValidationErrors> {
        NewArticle::parse(&self.input())
    }

    /// The values to put back in a refused form.
    pub fn values(&self) -> [(&'static str, &str); 10] {
        [
            ("code", &self.code),
            ("designation", &self.designation),
            ("category", &self.category),
            ("family", &self.family),
            ("unit", &self.unit),
            ("purchase_price", &self.purchase_price),
            ("sale_price", &self.sale_price),
            ("vat_rate", &self.vat_rate),
            ("min_stock", &self.min_stock),
            ("max_stock", &self.max_stock),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_article_row_is_read() {
        let input = ArticleInput {
            code: "vis-m6 ",
            designation: "Vis M6 × 20 inox",
            category: "Quincaillerie",
            unit: "u",
            purchase_price: "0,12",
            sale_price: "0,25",
            vat_rate: "20 %",
            min_stock: "100",
            max_stock: "1 000",
            ..Default::default()
        };
        let article = NewArticle::parse(&input).unwrap();
        assert_eq!(article.code, "VIS-M6");
        assert_eq!(article.purchase_price_minor, Some(12));
        assert_eq!(article.vat_rate_bp, 2000);
        assert_eq!(article.max_stock, Some(Quantity::units(1000)));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input =
            ArticleInput { code: "a b", vat_rate: "120", min_stock: "10", max_stock: "5", ..Default::default() };
        let errors = NewArticle::parse(&input).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                ("code", "invalid-article-code"),
                ("designation", "required"),
                ("vat_rate", "out-of-range"),
                ("max_stock", "max-below-min"),
            ]
        );
    }
}
