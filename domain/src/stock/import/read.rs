//! Reading CSV files of articles and of opening stock, as spreadsheets export them: comma or
//! semicolon separated, decimal comma or point, UTF-8 or Windows-1252. Every row is checked and
//! every problem reported (line, column, reason) before anything is imported.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{ImportKind, MAX_ROWS, Report};
use crate::article::{ArticleInput, NewArticle};
use crate::bounds::parse_unit_price;
use crate::error::bounded_text;
use crate::input::parse_date;
use crate::quantity::Quantity;

/// A file's text: UTF-8 when it is valid UTF-8 (a byte-order mark is dropped), otherwise
/// Windows-1252, which French spreadsheet software writes by default.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "Windows-1252"),
    }
}

/// The character of a Windows-1252 byte (0x80–0x9F differ from Latin-1; the five unassigned
/// bytes are kept as their C1 code points, which the text checks then refuse).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// `;` when the heading line has more semicolons than commas (French exports), else `,`.
pub fn separator(text: &str) -> u8 {
    let heading = text.lines().next().unwrap_or_default();
    let count = |c: char| heading.chars().filter(|&x| x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// A heading as compared with column names: lower case, without accents, `_` between words.
fn normalise(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.trim().to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => '_',
        };
        if c != '_' || !out.ends_with('_') {
            out.push(c);
        }
    }
    out.trim_matches('_').to_owned()
}

/// Which column of `kind` each position of the heading line holds.
fn map_headings(kind: ImportKind, headings: &csv::StringRecord, report: &mut Report) -> Vec<Option<&'static str>> {
    let mut seen = HashSet::new();
    let positions: Vec<Option<&'static str>> = headings
        .iter()
        .map(|h| {
            let key = normalise(h);
            let found = kind.columns().iter().find(|c| c.name == key || c.aliases.contains(&key.as_str()));
            match found {
                Some(column) if !seen.insert(column.name) => {
                    report.add(1, h.trim(), "duplicate-column");
                    None
                }
                Some(column) => Some(column.name),
                None if key.is_empty() => None,
                None => {
                    report.add(1, h.trim(), "unknown-column");
                    None
                }
            }
        })
        .collect();
    for column in kind.columns().iter().filter(|c| c.required && !seen.contains(c.name)) {
        report.add(1, column.name, "missing-column");
    }
    positions
}

/// Rows as (line, column name → text), after the heading line.
struct Rows {
    rows: Vec<(u64, Vec<(&'static str, String)>)>,
}

impl Rows {
    fn read(kind: ImportKind, bytes: &[u8], report: &mut Report) -> Self {
        // Lines end in CRLF in most exports; the reader counts lines by LF and would otherwise
        // report the line before the one at fault.
        let text = decode(bytes).0.replace("\r\n", "\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator(&text))
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headings = match reader.headers() {
            Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => h.clone(),
            _ => {
                report.add(1, "", "empty-file");
                return Self { rows: Vec::new() };
            }
        };
        let positions = map_headings(kind, &headings, report);
        if report.errors.iter().any(|e| e.code == "missing-column") {
            // Rows cannot be read without their required columns: that one problem is enough.
            return Self { rows: Vec::new() };
        }
        let mut rows = Vec::new();
        let mut lines = LineCounter::new(&text);
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    report.add(lines.at(e.position().map_or(0, |p| p.byte())), "", "unreadable-row");
                    continue;
                }
            };
            let line = lines.at(record.position().map_or(0, |p| p.byte()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if rows.len() == MAX_ROWS {
                report.add(line, "", "too-many-rows");
                break;
            }
            if record.len() > positions.len() {
                report.add(line, "", "too-many-fields");
                continue;
            }
            let fields = positions
                .iter()
                .zip(record.iter())
                .filter_map(|(column, value)| column.map(|c| (c, crate::csv_file::restore(value).to_owned())))
                .collect();
            rows.push((line, fields));
        }
        if rows.is_empty() && report.is_empty() {
            report.add(2, "", "no-rows");
        }
        Self { rows }
    }
}

/// The 1-based line of a record from its byte offset, counted as records come (in order). The
/// reader's own line numbers drift after blank lines, which it skips.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self { text: text.as_bytes(), offset: 0, line: 1 }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        // A record starting on blank lines really starts after them.
        start += self.text[start..].iter().take_while(|b| **b == b'\n').count();
        if start > self.offset {
            self.line += self.text[self.offset..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn field<'a>(fields: &'a [(&'static str, String)], name: &str) -> &'a str {
    fields.iter().find(|(c, _)| *c == name).map_or("", |(_, v)| v.as_str())
}

/// Reads a file of articles; the articles with their line, or every problem found.
pub fn read_articles(bytes: &[u8]) -> Result<Vec<(u64, NewArticle)>, Report> {
    let mut report = Report::default();
    let rows = Rows::read(ImportKind::Articles, bytes, &mut report);
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
    let rows = Rows::read(ImportKind::OpeningStock, bytes, &mut report);
    let mut out = Vec::with_capacity(rows.rows.len());
    for (line, fields) in &rows.rows {
        let f = |name| field(fields, name).trim();
        let before = report.total;
        let mut check = |column: &str, result: Result<String, &'static str>| {
            result.map_err(|code| report.add(*line, column, code)).ok()
        };
        let article_code = check("article_code", bounded_text(f("article_code"), 32).map(|c| c.to_uppercase()));
        let site_code = check("site_code", bounded_text(f("site_code"), 16).map(|c| c.to_uppercase()));
        let quantity = Quantity::parse(f("quantity")).map_err(|code| report.add(*line, "quantity", code)).ok();
        let unit_cost_minor = match f("unit_cost") {
            "" => None,
            cost => parse_unit_price(cost).map_err(|code| report.add(*line, "unit_cost", code)).ok(),
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
