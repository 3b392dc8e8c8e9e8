//! Reading CSV files of articles and of opening stock (through `crate::csv_import`). Every row
//! is checked and every problem reported (line, column, reason) before anything is imported.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{ImportKind, MAX_ROWS};
use crate::article::{ArticleInput, NewArticle};
use crate::bounds::parse_unit_price_in;
use crate::csv_import::{Report, Rows, field};
use crate::error::bounded_text;
use crate::input::parse_date;
use crate::quantity::Quantity;

/// Reads a file of articles; the articles with their line, or every problem found.
pub fn read_articles(bytes: &[u8]) -> Result<Vec<(u64, NewArticle)>, Report> {
    let mut report = Report::default();
    let rows = Rows::read(ImportKind::Articles.columns(), bytes, MAX_ROWS, &mut report);
    let mut codes = HashSet::new();
    let mut articles = Vec::with_capacity(rows.rows.len());
    for (line, fields) in &rows.rows {
        let f = |name| field(fields, name);
        let input = ArticleInput {
            code: f("code"),
            designation: f("designation"),
            category: f("category"),
            family: f("family"),
            unit: f("unit"),
            purchase_price: f("purchase_price"),
            sale_price: f("sale_price"),
            vat_rate: f("vat_rate"),
            min_stock: f("min_stock"),
            max_stock: f("max_stock"),
            point: rows.point,
        };
        match NewArticle::parse(&input) {
            Ok(article) if !codes.insert(article.code.clone()) => report.add(*line, "code", "duplicate-in-file"),
            Ok(article) => articles.push((*line, article)),
            Err(errors) => errors.0.iter().for_each(|e| report.add(*line, &e.field, &e.code)),
        }
    }
    if report.is_empty() { Ok(articles) } else { Err(report) }
}

/// One row of opening stock: codes as typed (upper-cased), the quantity, and what is optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningRow {
    pub article_code: String,
    pub site_code: String,
    pub quantity: Quantity,
    /// None: the article's purchase price is used.
    pub unit_cost_minor: Option<i64>,
    pub lot_number: Option<String>,
    /// `YYYY-MM-DD`.
    pub expiry: Option<String>,
}

/// Reads a file of opening stock; the rows with their line, or every problem found. Whether the
/// articles and sites exist is for the caller to check.
pub fn read_opening_stock(bytes: &[u8]) -> Result<Vec<(u64, OpeningRow)>, Report> {
    let mut report = Report::default();
    let rows = Rows::read(ImportKind::OpeningStock.columns(), bytes, MAX_ROWS, &mut report);
    let mut out = Vec::with_capacity(rows.rows.len());
    for (line, fields) in &rows.rows {
        let f = |name| field(fields, name).trim();
        let before = report.total;
        let mut check = |column: &str, result: Result<String, &'static str>| {
            result.map_err(|code| report.add(*line, column, code)).ok()
        };
        let article_code = check("article_code", bounded_text(f("article_code"), 32).map(|c| c.to_uppercase()));
        let site_code = check("site_code", bounded_text(f("site_code"), 16).map(|c| c.to_uppercase()));
        let quantity =
            Quantity::parse_in(f("quantity"), rows.point).map_err(|code| report.add(*line, "quantity", code)).ok();
        let unit_cost_minor = match f("unit_cost") {
            "" => None,
            cost => parse_unit_price_in(cost, rows.point).map_err(|code| report.add(*line, "unit_cost", code)).ok(),
        };
        // A30: the row's value is checked here; what the article's price gives, by the import.
        if let (Some(quantity), Some(cost)) = (quantity, unit_cost_minor)
            && crate::stock::valuation::receipt_value(quantity, cost).is_none()
        {
            report.add(*line, "unit_cost", "stock-value-too-large");
        }
        let lot_number = match f("lot_number") {
            "" => None,
            lot => bounded_text(lot, 64).map_err(|code| report.add(*line, "lot_number", code)).ok(),
        };
        let expiry = match f("expiry") {
            "" => None,
            date => parse_date(date).map_err(|code| report.add(*line, "expiry", code)).ok(),
        };
        if report.total == before
            && let (Some(article_code), Some(site_code), Some(quantity)) = (article_code, site_code, quantity)
        {
            out.push((*line, OpeningRow { article_code, site_code, quantity, unit_cost_minor, lot_number, expiry }));
        }
    }
    if report.is_empty() { Ok(out) } else { Err(report) }
}

#[cfg(test)]
mod tests;
