//! The FEC as a file: the header and the 18 columns, tab-separated, CRLF, `AAAAMMJJ` dates,
//! decimal commas, ISO-8859-15.

use chrono::{Datelike, NaiveDate};

use super::{COLUMNS, Line};

/// `SIRENFECAAAAMMJJ.txt`, dated the last day of the fiscal year.
pub fn file_name(siren: &str, year_end: NaiveDate) -> String {
    format!("{siren}FEC{}.txt", day(year_end))
}

/// The FEC file's bytes: the header, then one line per entry line, in ISO-8859-15.
pub fn write(lines: &[Line]) -> Vec<u8> {
    let mut text = COLUMNS.join("\t");
    text.push_str("\r\n");
    for line in lines {
        let (aux, aux_label) = line.auxiliary.clone().unwrap_or_default();
        let (letter, letter_date) = match &line.letter {
            Some((code, date)) => (code.clone(), day(*date)),
            None => (String::new(), String::new()),
        };
        let fields = [
            line.journal.code().to_owned(),
            line.journal.label().to_owned(),
            format!("{}{:06}", line.journal.code(), line.number),
            day(line.date),
            line.account.clone(),
            line.account_label.to_owned(),
            aux,
            aux_label,
            line.piece.clone(),
            day(line.piece_date),
            line.label.clone(),
            amount(line.debit),
            amount(line.credit),
            letter,
            letter_date,
            day(line.date),
            String::new(),
            String::new(),
        ];
        let cleaned: Vec<String> = fields.iter().map(|f| clean(f)).collect();
        text.push_str(&cleaned.join("\t"));
        text.push_str("\r\n");
    }
    latin9(&text)
}

pub(super) fn day(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// `1234,56`: a decimal comma, no grouping.
pub(super) fn amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// A field of free text: no tab nor line break (they separate fields and records), and the
/// typographic signs of the documents in their plain form.
pub(super) fn clean(field: &str) -> String {
    field
        .chars()
        .map(|c| match c {
            '\t' | '\r' | '\n' => ' ',
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{202f}' | '\u{2009}' => ' ',
            '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .collect()
}

/// Text in ISO-8859-15: Latin-1 but for eight signs (€, Š, š, Ž, ž, Œ, œ, Ÿ in place of ¤, ¦,
/// ¨, ´, ¸, ¼, ½, ¾); anything else becomes `?`.
pub fn latin9(text: &str) -> Vec<u8> {
    const REPLACED: [u8; 8] = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE];
    text.chars()
        .map(|c| match c {
            '€' => 0xA4,
            'Š' => 0xA6,
            'š' => 0xA8,
            'Ž' => 0xB4,
            'ž' => 0xB8,
            'Œ' => 0xBC,
            'œ' => 0xBD,
            'Ÿ' => 0xBE,
            c if (c as u32) < 0x80 => c as u8,
            c if (0xA0..=0xFF).contains(&(c as u32)) && !REPLACED.contains(&(c as u8)) => c as u8,
            _ => b'?',
        })
        .collect()
}
