//! What the customer pages show, and what the list is asked for.

use serde::{Deserialize, Serialize};

use super::{Customer, CustomerKind};
use crate::country::Country;
use crate::error::ValidationErrors;
use crate::input::{MAX_FILTER, optional, optional_text, parse_id};

/// Customers a list page shows.
pub const PAGE_SIZE: i64 = 50;

/// One line of the customer list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerLine {
    pub id: String,
    pub kind: CustomerKind,
    pub legal_name: String,
    pub city: String,
    /// The SIREN or the NIF, as printed.
    pub identifier: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerListing {
    pub lines: Vec<CustomerLine>,
    /// The `after` of the next page, when there is one.
    pub next: Option<String>,
    /// Every customer of the company, whatever the search.
    pub total: i64,
    pub can_manage: bool,
}

/// One customer, with what its page needs besides the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetails {
    pub id: String,
    pub customer: Customer,
    pub country: Country,
    pub created_at_local_ms: i64,
    pub updated_at_local_ms: i64,
    pub can_manage: bool,
    /// May start an invoice draft for this customer.
    pub can_draft: bool,
}

/// The list's search text and paging cursor (the id of the last customer of the previous page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    pub text: Option<String>,
    pub after: Option<String>,
}

impl CustomerQuery {
    pub fn parse(q: Option<&str>, after: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text = errors.check("q", optional_text(q.unwrap_or_default(), MAX_FILTER)).flatten();
        let after = errors.check("after", optional(after.unwrap_or_default(), parse_id)).flatten();
        errors.into_result().map(|()| Self { text: text.map(|t| t.to_lowercase()), after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_are_lower_case_and_cursors_are_ids() {
        let query = CustomerQuery::parse(Some(" Boulangerie "), Some("5f2c")).unwrap();
        assert_eq!(query.text.as_deref(), Some("boulangerie"));
        assert_eq!(query.after.as_deref(), Some("5f2c"));
        assert!(CustomerQuery::parse(None, Some("x' OR 1=1")).is_err());
        assert!(CustomerQuery::parse(Some(&"a".repeat(MAX_FILTER + 1)), None).is_err());
        assert_eq!(CustomerQuery::parse(Some(" "), None), Ok(CustomerQuery::default()));
    }
}
