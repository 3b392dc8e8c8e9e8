//! Document numbers: a company's prefix per series, the fiscal year, and a sequence that is
//! gapless per series and year (`F-2026-00042`). Taking the next number is the database's
//! job, inside the issuing transaction; writing and reading one is this module's.

use serde::{Deserialize, Serialize};

/// Digits the sequence is padded to; larger sequences simply grow.
const PAD: usize = 5;
const PREFIX_MAX: usize = 10;

/// Invoices and credit notes are numbered in separate series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Series {
    Invoice,
    CreditNote,
}

impl Series {
    pub const ALL: [Self; 2] = [Self::Invoice, Self::CreditNote];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit-note",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    pub fn default_prefix(self) -> SeriesPrefix {
        SeriesPrefix(
            match self {
                Self::Invoice => "F",
                Self::CreditNote => "AV",
            }
            .to_owned(),
        )
    }
}

/// A series prefix: 1 to 10 capital letters and digits, starting with a letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SeriesPrefix(String);

impl SeriesPrefix {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let prefix = raw.trim().to_uppercase();
        let ok = (1..=PREFIX_MAX).contains(&prefix.len())
            && prefix.starts_with(|c: char| c.is_ascii_uppercase())
            && prefix.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok { Ok(Self(prefix)) } else { Err("invalid-series-prefix") }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SeriesPrefix {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<SeriesPrefix> for String {
    fn from(p: SeriesPrefix) -> String {
        p.0
    }
}

/// An issued document's number: prefix, fiscal year (the calendar year of its issue date, as
/// Algerian law requires and most French companies use) and sequence from 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocumentNumber {
    pub prefix: SeriesPrefix,
    pub year: i32,
    pub sequence: i64,
}

impl DocumentNumber {
    pub fn text(&self) -> String {
        format!("{}-{}-{:0PAD$}", self.prefix.0, self.year, self.sequence)
    }

    /// Reads back a number as printed (`F-2026-00042`).
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let mut parts = raw.trim().rsplitn(3, '-');
        let (Some(sequence), Some(year), Some(prefix)) = (parts.next(), parts.next(), parts.next()) else {
            return Err("invalid-document-number");
        };
        let digits =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4..=4) || !digits(sequence, PAD..=18) {
            return Err("invalid-document-number");
        }
        let sequence: i64 = sequence.parse().map_err(|_| "invalid-document-number")?;
        Ok(Self {
            prefix: SeriesPrefix::parse(prefix).map_err(|_| "invalid-document-number")?,
            year: year.parse().map_err(|_| "invalid-document-number")?,
            sequence: Some(sequence).filter(|s| *s > 0).ok_or("invalid-document-number")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_and_read_back() {
        let n = DocumentNumber { prefix: SeriesPrefix::parse("f").unwrap(), year: 2026, sequence: 42 };
        assert_eq!(n.text(), "F-2026-00042");
        assert_eq!(DocumentNumber::parse("F-2026-00042"), Ok(n));
        let big = DocumentNumber { prefix: Series::CreditNote.default_prefix(), year: 2027, sequence: 123_456 };
        assert_eq!(big.text(), "AV-2027-123456");
        assert_eq!(DocumentNumber::parse(&big.text()), Ok(big));
        for bad in ["", "F-2026", "F-26-00042", "F-2026-42", "F-2026-00000", "-2026-00042", "F-2026-0004x"] {
            assert_eq!(DocumentNumber::parse(bad), Err("invalid-document-number"), "{bad}");
        }
    }

    #[test]
    fn prefixes_are_short_capitals() {
        assert_eq!(SeriesPrefix::parse(" fa2 ").map(String::from), Ok("FA2".to_owned()));
        assert_eq!(SeriesPrefix::parse("2F"), Err("invalid-series-prefix"));
        assert_eq!(SeriesPrefix::parse("F-1"), Err("invalid-series-prefix"), "the dash separates the parts");
        assert_eq!(SeriesPrefix::parse("ABCDEFGHIJK"), Err("invalid-series-prefix"));
        assert_eq!(SeriesPrefix::parse(""), Err("invalid-series-prefix"));
        for series in Series::ALL {
            assert_eq!(Series::parse(series.as_str()), Some(series));
        }
    }
}
