//! Validation failures, named by stable codes that the UI maps to Fluent keys.

use serde::{Deserialize, Serialize};

/// One invalid field: `field` is the form field name, `code` the reason (`required`, `too-long`…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

/// Every field error found in one submission, so a form can show them all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: &str) {
        self.0.push(FieldError { field: field.to_owned(), code: code.to_owned() });
    }

    /// Records the error of a parse, if any, and returns the parsed value.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        parsed.map_err(|code| self.add(field, code)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// What an error says besides its code, formatted by the interface in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ErrorDetail {
    /// The reason an administrator gave (a suspended company).
    Reason { text: String },
    /// Not enough stock: what there is and what was asked for.
    Shortage { available: crate::Quantity, requested: crate::Quantity },
    /// The limit that was reached (stock operations or admin actions a minute, bulk operations
    /// an hour): the error's code says which.
    Limit { limit: i64 },
    /// The problems of an imported file, line by line (the first ones), and how many in all.
    Rows { errors: Vec<crate::csv_import::RowError>, total: usize },
    /// The legal mentions a draft lacks to be issued.
    Mentions { missing: Vec<crate::invoicing::mentions::Mention> },
    /// Time entries of a mission not approved yet: whose, which day, how long.
    Unapproved { entries: Vec<(String, chrono::NaiveDate, u32)> },
}

/// Shared length rule for free text: trimmed, not empty, at most `max` characters (not bytes).
pub fn bounded_text(raw: &str, max: usize) -> Result<String, &'static str> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err("required");
    }
    if trimmed.chars().count() > max {
        return Err("too-long");
    }
    if trimmed.chars().any(char::is_control) {
        return Err("invalid-characters");
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_text_counts_characters_not_bytes() {
        assert_eq!(bounded_text("  Entrepôt  ", 8), Ok("Entrepôt".to_owned()));
        assert_eq!(bounded_text("ééééé", 5), Ok("ééééé".to_owned()));
        assert_eq!(bounded_text("éééééé", 5), Err("too-long"));
    }

    #[test]
    fn bounded_text_refuses_blank_and_control_characters() {
        assert_eq!(bounded_text("   ", 5), Err("required"));
        assert_eq!(bounded_text("a\u{0}b", 5), Err("invalid-characters"));
    }

    #[test]
    fn collects_every_error() {
        let mut errors = ValidationErrors::new();
        assert_eq!(errors.check("a", Ok::<_, &str>(1)), Some(1));
        assert_eq!(errors.check::<i32>("b", Err("required")), None);
        errors.add("c", "too-long");
        assert_eq!(errors.0.len(), 2);
        assert!(errors.into_result().is_err());
    }
}
