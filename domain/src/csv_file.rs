//! The CSV files Atelier writes, in one writer: the separator and decimal mark spreadsheets of
//! the reader's language expect, CRLF line ends, a byte-order mark, and cells that a spreadsheet
//! would run as a formula neutralised (A27, OWASP "CSV injection"): a cell beginning with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is written after a single quote, which spreadsheets
//! show as text. Numbers such as `-12,5` are left alone. Imports read such cells back unchanged
//! (`restore`), so a file exported and imported again keeps every value.

use std::borrow::Cow;

use crate::Lang;

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, ['.', ',']);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_some_and(all_digits) && parts.next().is_none_or(all_digits)
}

/// Whether a cell must be written after a quote: it could start a formula, or it already starts
/// with a quote before such a cell (so that `restore` undoes exactly one quote).
fn needs_quote(cell: &str) -> bool {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => !is_plain_number(cell),
        Some('\'') => needs_quote(&cell[1..]),
        _ => false,
    }
}

/// A cell as it is written to a file.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// A cell of an imported file as it was before `neutralise`.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// A CSV file being written; `finish` gives its bytes.
pub struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
    point: char,
}

/// A file could not be written (only a bug can cause it: the output is memory).
#[derive(Debug, thiserror::Error)]
#[error("CSV writing failed: {0}")]
pub struct CsvError(String);

impl CsvFile {
    /// Semicolons and a decimal comma for French readers, commas and a decimal point otherwise.
    pub fn new(lang: Lang) -> Self {
        let (separator, point) = match lang {
            Lang::Fr => (b';', ','),
            Lang::En => (b',', '.'),
        };
        let writer =
            csv::WriterBuilder::new().delimiter(separator).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        Self { writer, point }
    }

    /// The decimal mark of this file's numbers.
    pub fn point(&self) -> char {
        self.point
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), CsvError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| neutralise(c.as_ref()).into_owned()).collect();
        self.writer.write_record(&cells).map_err(|e| CsvError(e.to_string()))
    }

    /// The file's bytes: UTF-8 after a byte-order mark, so that spreadsheets read accents right.
    pub fn finish(self) -> Result<Vec<u8>, CsvError> {
        let body = self.writer.into_inner().map_err(|e| CsvError(e.to_string()))?;
        Ok([b"\xEF\xBB\xBF".as_slice(), &body].concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a27_formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://evil\",\"x\")"), "'=HYPERLINK(\"http://evil\",\"x\")");
        for cell in ["+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "-", "=", "-1e3", "-1,2,3"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Vis M6", "-12,5", "-3.25", "12", "", "a=b", "'quoted", "O'Brien"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
        // A quote before a formula gets a second one, so that reading it back is exact.
        assert_eq!(neutralise("'=1"), "''=1");
    }

    #[test]
    fn a27_restore_undoes_neutralise_for_any_cell() {
        let alphabet = ['=', '+', '-', '@', '\t', '\r', '\'', '1', ',', 'a', ' '];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..50_000 {
            let mut cell = String::new();
            for _ in 0..(seed % 6) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                cell.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let written = neutralise(&cell);
            assert_eq!(restore(&written), cell, "{cell:?} → {written:?}");
            assert!(!written.starts_with(FORMULA_STARTS) || is_plain_number(&written), "{written:?}");
        }
    }

    #[test]
    fn files_follow_the_readers_conventions() {
        let mut file = CsvFile::new(Lang::Fr);
        file.row(["code", "designation"]).unwrap();
        file.row(["A1", "=1+1"]).unwrap();
        assert_eq!(file.point(), ',');
        assert_eq!(file.finish().unwrap(), b"\xEF\xBB\xBFcode;designation\r\nA1;'=1+1\r\n");
        let mut file = CsvFile::new(Lang::En);
        file.row(["a;b", "c,d"]).unwrap();
        assert_eq!(file.finish().unwrap(), b"\xEF\xBB\xBFa;b,\"c,d\"\r\n");
    }
}
