//! Reading CSV files of articles and of opening stock, as spreadsheets export them: comma or
//! semicolon separated, decimal comma or point, UTF-8 or Windows-1252. Every row is checked and
//! every problem reported (line, column, reason) before anything is imported.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::article::{ArticleInput, NewArticle};
use crate::bounds::parse_unit_price;
use crate::error::bounded_text;
use crate::quantity::Quantity;

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;
/// The most problems a report lists (the count covers them all).
pub const MAX_REPORTED: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    Articles,
    OpeningStock,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [Self::Articles, Self::OpeningStock];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Articles => "articles",
            Self::OpeningStock => "opening-stock",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name.trim())
    }

    /// The columns of this kind of file, in the order of the template.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Self::Articles => ARTICLE_COLUMNS,
            Self::OpeningStock => OPENING_COLUMNS,
        }
    }
}

/// One column a file may have: its canonical name, whether it must be there, and the other
/// headings it is recognised by (French, without accents, lower case, `_` for spaces).
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    aliases: &'static [&'static str],
}

const fn col(name: &'static str, required: bool, aliases: &'static [&'static str]) -> Column {
    Column { name, required, aliases }
}

const ARTICLE_COLUMNS: &[Column] = &[
    col("code", true, &["reference", "ref", "code_article"]),
    col("designation", true, &["libelle", "nom", "name", "description"]),
    col("category", false, &["categorie"]),
    col("family", false, &["famille"]),
    col("unit", false, &["unite"]),
    col("purchase_price", false, &["prix_achat", "prix_d_achat", "purchase_price_ht", "prix_achat_ht"]),
    col("sale_price", false, &["prix_vente", "prix_de_vente", "prix_vente_ht"]),
    col("vat_rate", false, &["tva", "taux_tva", "taux_de_tva", "vat"]),
    col("min_stock", false, &["stock_min", "stock_minimum", "minimum", "seuil_mini"]),
    col("max_stock", false, &["stock_max", "stock_maximum", "maximum"]),
];

const OPENING_COLUMNS: &[Column] = &[
    col("article_code", true, &["article", "code_article", "code", "reference"]),
    col("site_code", true, &["site", "code_site", "depot", "entrepot"]),
    col("quantity", true, &["quantite", "qte", "qty"]),
    col("unit_cost", false, &["cout_unitaire", "prix_unitaire", "cout", "cost", "pmp"]),
    col("lot_number", false, &["lot", "numero_lot", "no_lot", "n_lot"]),
    col("expiry", false, &["expiration", "date_expiration", "date_de_peremption", "peremption", "dluo", "dlc"]),
];

/// One problem in a file: where it is (1-based line, column name) and why (a code the
/// interface translates: the field codes of forms, plus those below).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub code: String,
}

/// The problems of a file: the first `MAX_REPORTED`, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub errors: Vec<RowError>,
    pub total: usize,
}

impl Report {
    pub fn add(&mut self, line: u64, column: &str, code: &str) {
        self.total += 1;
        if self.errors.len() < MAX_REPORTED {
            self.errors.push(RowError { line, column: column.to_owned(), code: code.to_owned() });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

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

/// A date as `YYYY-MM-DD` or, as French spreadsheets write it, `DD/MM/YYYY`; returned as
/// `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> { parts.iter().map(|p| p.parse().ok()).collect() };
    let (y, m, d) = if raw.len() == 10 && raw.as_bytes()[4] == b'-' {
        match numbers(raw.split('-').collect()).as_deref() {
            Some([y, m, d]) => (*y, *m, *d),
            _ => return Err("invalid-date"),
        }
    } else if raw.len() == 10 && raw.as_bytes()[2] == b'/' {
        match numbers(raw.split('/').collect()).as_deref() {
            Some([d, m, y]) => (*y, *m, *d),
            _ => return Err("invalid-date"),
        }
    } else {
        return Err("invalid-date");
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("invalid-date"),
    };
    if !(1900..=2999).contains(&y) || d == 0 || d > days {
        return Err("invalid-date");
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// The heading line of a template file for `kind` (semicolons, as French spreadsheets expect).
pub fn template(kind: ImportKind) -> String {
    let names: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    format!("{}\r\n", names.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(report: Report) -> Vec<(u64, String, String)> {
        report.errors.into_iter().map(|e| (e.line, e.column, e.code)).collect()
    }

    #[test]
    fn a_french_spreadsheet_export_in_windows_1252_with_semicolons_and_decimal_commas() {
        let mut bytes =
            b"R\xe9f\xe9rence;D\xe9signation;Cat\xe9gorie;Unit\xe9;Prix d'achat;TVA;Stock min;Stock max\r\n".to_vec();
        bytes.extend_from_slice(b"vis-m8;Vis M8 \xd7 30 inox;Quincaillerie;u;0,18;20 %;100;1 000\r\n");
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(b"CHEV-6;Cheville \xab nylon \xbb 6 mm \x80;Fixation;u;\"0,05\";5,5;;\r\n");
        let articles = read_articles(&bytes).unwrap();
        assert_eq!(articles.len(), 2);
        let (line, vis) = &articles[0];
        assert_eq!((*line, vis.code.as_str(), vis.designation.as_str()), (2, "VIS-M8", "Vis M8 × 30 inox"));
        assert_eq!(
            (vis.purchase_price_minor, vis.vat_rate_bp, vis.max_stock),
            (Some(18), 2000, Some(Quantity::units(1000)))
        );
        let (line, chev) = &articles[1];
        assert_eq!(*line, 4, "lines are counted in the file, blank ones included");
        assert_eq!(chev.designation, "Cheville « nylon » 6 mm €");
        assert_eq!(chev.vat_rate_bp, 550);
    }

    #[test]
    fn utf8_with_a_byte_order_mark_and_commas_with_decimal_points() {
        let text = "\u{feff}code,designation,purchase_price,min_stock\nCÂBLE-1,Câble électrique,\"1,35\",10\nCAB-2,Gaine,0.40,2.5\n";
        let articles = read_articles(text.as_bytes()).unwrap_err();
        // "CÂBLE-1" is not a valid article code (ASCII only); the rest reads fine.
        assert_eq!(errors(articles), vec![(2, "code".into(), "invalid-article-code".into())]);
        let text = "code,designation,purchase_price,min_stock\nCABLE-1,Câble électrique,\"1,35\",10\nCAB-2,Gaine,0.40,\"2,5\"\n";
        let articles = read_articles(text.as_bytes()).unwrap();
        assert_eq!(articles[0].1.purchase_price_minor, Some(135));
        assert_eq!(articles[1].1.min_stock, Quantity::from_milli(2_500).unwrap());
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_column_and_nothing_is_returned() {
        let text = "code;designation;prix_achat;couleur\nA1;Un;1,5;rouge\nA1;Deux;x;bleu\n;Trois;;\n";
        let report = read_articles(text.as_bytes()).unwrap_err();
        assert_eq!(
            errors(report),
            vec![
                (1, "couleur".into(), "unknown-column".into()),
                (3, "purchase_price".into(), "invalid-number".into()),
                (4, "code".into(), "required".into()),
            ]
        );
        let text = "code;designation\nA1;Un\nA1;Deux\n";
        assert_eq!(
            errors(read_articles(text.as_bytes()).unwrap_err()),
            vec![(3, "code".into(), "duplicate-in-file".into())]
        );
    }

    #[test]
    fn missing_columns_empty_files_and_ragged_rows() {
        assert_eq!(errors(read_articles(b"").unwrap_err()), vec![(1, "".into(), "empty-file".into())]);
        assert_eq!(errors(read_articles(b"code;designation\n").unwrap_err()), vec![(2, "".into(), "no-rows".into())]);
        assert_eq!(
            errors(read_opening_stock(b"article;quantite\nA;1\n").unwrap_err()),
            vec![(1, "site_code".into(), "missing-column".into())]
        );
        assert_eq!(
            errors(read_articles(b"code;designation\nA;B;C\n").unwrap_err()),
            vec![(2, "".into(), "too-many-fields".into())]
        );
        // A short row is read with its missing fields empty.
        assert_eq!(
            errors(read_articles(b"code;designation\nA\n").unwrap_err()),
            vec![(2, "designation".into(), "required".into())]
        );
    }

    #[test]
    fn opening_stock_rows_with_lots_and_french_dates() {
        let text = "Article;Site;Quantité;Coût unitaire;Lot;DLUO\nvis-m6;lyon-01;1 500;0,12;L-1;31/12/2027\nGANT;PARIS-01;2,5;;;2027-02-28\n";
        let rows = read_opening_stock(text.as_bytes()).unwrap();
        assert_eq!(
            rows[0].1,
            OpeningRow {
                article_code: "VIS-M6".into(),
                site_code: "LYON-01".into(),
                quantity: Quantity::units(1500),
                unit_cost_minor: Some(12),
                lot_number: Some("L-1".into()),
                expiry: Some("2027-12-31".into()),
            }
        );
        assert_eq!((rows[1].1.quantity, rows[1].1.unit_cost_minor), (Quantity::from_milli(2_500).unwrap(), None));
        let bad = "article;site;quantity;expiry\nA;S;-2;30/02/2027\nA;S;0;2027-13-01\n";
        assert_eq!(
            errors(read_opening_stock(bad.as_bytes()).unwrap_err()),
            vec![
                (2, "quantity".into(), "invalid-quantity".into()),
                (2, "expiry".into(), "invalid-date".into()),
                (3, "quantity".into(), "quantity-not-positive".into()),
                (3, "expiry".into(), "invalid-date".into()),
            ]
        );
    }

    #[test]
    fn dates_both_ways_and_leap_years() {
        assert_eq!(parse_date("29/02/2028"), Ok("2028-02-29".into()));
        assert_eq!(parse_date("29/02/2027"), Err("invalid-date"));
        assert_eq!(parse_date("2027-04-31"), Err("invalid-date"));
        assert_eq!(parse_date("2027-4-1"), Err("invalid-date"));
        assert_eq!(parse_date("1/1/2027"), Err("invalid-date"));
    }

    #[test]
    fn reports_are_capped_but_count_everything() {
        let mut text = String::from("code;designation\n");
        for _ in 0..(MAX_REPORTED + 100) {
            text.push_str(";x\n");
        }
        let report = read_articles(text.as_bytes()).unwrap_err();
        assert_eq!((report.errors.len(), report.total), (MAX_REPORTED, MAX_REPORTED + 100));
    }

    #[test]
    fn hostile_bytes_never_panic() {
        // Fuzz-style: random bytes over an alphabet of separators, quotes, digits, high bytes
        // and line breaks; every outcome is rows or a report, never a panic.
        let alphabet: &[u8] = b";,\"\n\r 0123456789aAzZ-./\xe9\x80\xff\xc3\xa9";
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..3_000 {
            let mut bytes = b"code;designation;min_stock\n".to_vec();
            for _ in 0..(seed % 120) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            match read_articles(&bytes) {
                Ok(rows) => assert!(rows.iter().all(|(line, a)| *line >= 2 && !a.code.is_empty())),
                Err(report) => assert!(report.total >= report.errors.len() && !report.errors.is_empty()),
            }
            let _ = read_opening_stock(&bytes);
        }
    }

    #[test]
    fn a27_neutralised_cells_are_read_back_unchanged() {
        let file = "code;designation;category\r\nA1;'=HYPERLINK(\"http://evil\",\"x\");'-boulons\r\nA2;'quote;-\r\n";
        let articles = read_articles(file.as_bytes()).unwrap();
        assert_eq!(articles[0].1.designation, "=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(articles[0].1.category.as_deref(), Some("-boulons"));
        assert_eq!(articles[1].1.designation, "'quote", "a quote before ordinary text is kept");
        assert_eq!(articles[1].1.category.as_deref(), Some("-"));
    }

    #[test]
    fn templates_list_the_columns() {
        assert!(template(ImportKind::Articles).starts_with("code;designation;category"));
        assert_eq!(
            template(ImportKind::OpeningStock),
            "article_code;site_code;quantity;unit_cost;lot_number;expiry\r\n"
        );
    }
}
