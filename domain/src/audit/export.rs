//! The audit log's export, in CSV or JSON lines, and its check on a machine with nothing of
//! Atelier's but the binary (`atelier audit verify --file`): every column the hash covers is in
//! the file, so every link can be recomputed.

use crate::audit::chain::AuditLink;
use crate::csv_file::restore;
use crate::csv_import::separator;
use crate::hash_chain::{GENESIS, follow};

/// The CSV columns, in order. `at` (UTC, RFC 3339) is for people; the hash covers `at_ms`.
pub const COLUMNS: [&str; 14] = [
    "seq",
    "at",
    "at_ms",
    "kind",
    "chain",
    "tenant",
    "user_id",
    "subject",
    "detail",
    "client_ip",
    "user_agent",
    "request_id",
    "previous",
    "hash",
];

/// An event's CSV cells, in the order of [`COLUMNS`] (an absent value is an empty cell).
pub fn cells(link: &AuditLink) -> [String; 14] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let at = chrono::DateTime::from_timestamp_millis(link.at_ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default();
    [
        link.seq.to_string(),
        at,
        link.at_ms.to_string(),
        link.kind.clone(),
        link.chain.clone(),
        text(&link.tenant),
        text(&link.user_id),
        text(&link.subject),
        text(&link.detail),
        text(&link.client_ip),
        text(&link.user_agent),
        text(&link.request_id),
        link.previous.clone(),
        link.hash.clone(),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
}

impl Format {
    /// From a file's name: `.csv`, or `.jsonl` / `.ndjson`.
    pub fn of_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(Self::JsonLines)
        } else {
            None
        }
    }
}

/// A sound export: its chain, how many events, and the last one's hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCheck {
    pub chain: Option<String>,
    pub entries: i64,
    pub head: String,
}

/// Where an export fails, by line of the file (1 is the first; a CSV's heading is line 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileBreak {
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for FileBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Checks a whole chain's export, from its first event: every hash, every link, one chain.
pub fn check_file(bytes: &[u8], format: Format) -> Result<FileCheck, FileBreak> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| FileBreak { line: line_of(bytes, e.valid_up_to()), problem: "not UTF-8".into() })?;
    let links = match format {
        Format::JsonLines => json_lines(text)?,
        Format::Csv => csv_rows(text)?,
    };
    let mut at = (0, GENESIS.to_owned());
    let chain = links.first().map(|(_, l)| l.chain.clone());
    for (line, link) in &links {
        if Some(&link.chain) != chain.as_ref() {
            return Err(FileBreak { line: *line, problem: format!("an event of another chain ({})", link.chain) });
        }
        at = follow(at, std::iter::once(link)).map_err(|b| FileBreak { line: *line, problem: b.to_string() })?;
    }
    Ok(FileCheck { chain, entries: at.0, head: at.1 })
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

fn json_lines(text: &str) -> Result<Vec<(usize, AuditLink)>, FileBreak> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map(|link| (i + 1, link))
                .map_err(|e| FileBreak { line: i + 1, problem: format!("not an audit event: {e}") })
        })
        .collect()
}

fn csv_rows(text: &str) -> Result<Vec<(usize, AuditLink)>, FileBreak> {
    let mut reader = csv::ReaderBuilder::new().delimiter(separator(text)).from_reader(text.as_bytes());
    let heading = reader.headers().map_err(|e| FileBreak { line: 1, problem: e.to_string() })?;
    if !heading.iter().eq(COLUMNS) {
        return Err(FileBreak { line: 1, problem: format!("the columns are not {}", COLUMNS.join(",")) });
    }
    let mut links = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| FileBreak { line: e.position().map_or(0, |p| p.line() as usize), problem: e.to_string() })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: usize| restore(record.get(i).unwrap_or_default()).to_owned();
        let text = |i: usize| Some(cell(i)).filter(|c| !c.is_empty());
        let number = |i: usize| {
            cell(i).parse::<i64>().map_err(|_| FileBreak { line, problem: format!("{} is not a number", COLUMNS[i]) })
        };
        links.push((
            line,
            AuditLink {
                seq: number(0)?,
                at_ms: number(2)?,
                kind: cell(3),
                chain: cell(4),
                tenant: text(5),
                user_id: text(6),
                subject: text(7),
                detail: text(8),
                client_ip: text(9),
                user_agent: text(10),
                request_id: text(11),
                previous: cell(12),
                hash: cell(13),
            },
        ));
    }
    Ok(links)
}

#[cfg(test)]
mod tests;
