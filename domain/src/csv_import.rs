//! Reading CSV files as spreadsheets export them: comma or semicolon separated, UTF-8 or
//! Windows-1252, headings in English or French, line numbers as the file counts them. Each
//! import (articles, opening stock, customers) names its columns and checks its rows; every
//! problem is reported (line, column, reason) before anything is written.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The most problems a report lists (the count covers them all).
pub const MAX_REPORTED: usize = 500;

/// One column a file may have: its canonical name, whether it must be there, and the other
/// headings it is recognised by (French, without accents, lower case, `_` for spaces).
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub aliases: &'static [&'static str],
}

pub const fn col(name: &'static str, required: bool, aliases: &'static [&'static str]) -> Column {
    Column { name, required, aliases }
}

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

/// Which of `columns` each position of the heading line holds.
fn map_headings(columns: &[Column], headings: &csv::StringRecord, report: &mut Report) -> Vec<Option<&'static str>> {
    let mut seen = HashSet::new();
    let positions: Vec<Option<&'static str>> = headings
        .iter()
        .map(|h| {
            let key = normalise(h);
            let found = columns.iter().find(|c| c.name == key || c.aliases.contains(&key.as_str()));
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
    for column in columns.iter().filter(|c| c.required && !seen.contains(c.name)) {
        report.add(1, column.name, "missing-column");
    }
    positions
}

/// Rows as (line, column name → text), after the heading line, and the decimal mark the file's
/// separator implies (`;` files write `1,5`, `,` files `1.5`).
pub struct Rows {
    pub rows: Vec<(u64, Vec<(&'static str, String)>)>,
    pub point: Option<char>,
}

impl Rows {
    /// Reads at most `max_rows` rows of `columns` (blank rows skipped).
    pub fn read(columns: &[Column], bytes: &[u8], max_rows: usize, report: &mut Report) -> Self {
        // Lines end in CRLF in most exports; the reader counts lines by LF and would otherwise
        // report the line before the one at fault.
        let text = decode(bytes).0.replace("\r\n", "\n");
        let separator = separator(&text);
        let point = Some(if separator == b';' { ',' } else { '.' });
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headings = match reader.headers() {
            Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => h.clone(),
            _ => {
                report.add(1, "", "empty-file");
                return Self { rows: Vec::new(), point };
            }
        };
        let positions = map_headings(columns, &headings, report);
        if report.errors.iter().any(|e| e.code == "missing-column") {
            // Rows cannot be read without their required columns: that one problem is enough.
            return Self { rows: Vec::new(), point };
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
            if rows.len() == max_rows {
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
        Self { rows, point }
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

/// The text of column `name` in a row (empty when the file has no such column).
pub fn field<'a>(fields: &'a [(&'static str, String)], name: &str) -> &'a str {
    fields.iter().find(|(c, _)| *c == name).map_or("", |(_, v)| v.as_str())
}
