//! What the list of issued invoices is asked for (a status, a customer, a period, a page) and
//! what it shows: 50 invoices at a time, newest first, with the totals of everything the
//! filters select, not only the page.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::draft::parse_day;
use super::numbering::DocumentNumber;
use super::payment::Settlement;
use crate::input::{optional, parse_id};
use crate::{Currency, ValidationErrors};

/// Invoices a list page shows.
pub const PAGE_SIZE: i64 = 50;

/// Where the invoices a list shows stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusFilter {
    /// Nothing paid yet (and something due).
    Unpaid,
    PartlyPaid,
    Paid,
    /// Something due after the due date.
    Overdue,
}

impl StatusFilter {
    pub const ALL: [Self; 4] = [Self::Unpaid, Self::PartlyPaid, Self::Paid, Self::Overdue];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unpaid => "unpaid",
            Self::PartlyPaid => "partly-paid",
            Self::Paid => "paid",
            Self::Overdue => "overdue",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim()).ok_or("invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Unpaid => "invoices-filter-unpaid",
            Self::PartlyPaid => "invoices-filter-partly-paid",
            Self::Paid => "invoices-filter-paid",
            Self::Overdue => "invoices-filter-overdue",
        }
    }
}

/// Where a page starts: after this issue date and number (the list is newest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCursor {
    pub issue_date: NaiveDate,
    pub number: String,
}

impl ListCursor {
    pub fn text(&self) -> String {
        format!("{}_{}", crate::format::iso_day(self.issue_date), self.number)
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let (day, number) = raw.trim().split_once('_').ok_or("invalid-cursor")?;
        let issue_date = parse_day(day).map_err(|_| "invalid-cursor")?;
        let number = DocumentNumber::parse(number).map_err(|_| "invalid-cursor")?.text();
        Ok(Self { issue_date, number })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceQuery {
    pub status: Option<StatusFilter>,
    pub customer: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub after: Option<ListCursor>,
}

impl InvoiceQuery {
    /// Reads the list's query string; every bad parameter reported at once.
    pub fn parse(status: &str, customer: &str, from: &str, to: &str, after: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let status = errors.check("status", optional(status, StatusFilter::parse));
        let customer = errors.check("customer", optional(customer, parse_id));
        let from = errors.check("from", optional(from, parse_day));
        let to = errors.check("to", optional(to, parse_day));
        let after = errors.check("after", optional(after, ListCursor::parse));
        if let (Some(Some(from)), Some(Some(to))) = (from, to)
            && to < from
        {
            errors.add("to", "period-reversed");
        }
        match (status, customer, from, to, after) {
            (Some(status), Some(customer), Some(from), Some(to), Some(after)) if errors.is_empty() => {
                Ok(Self { status, customer, from, to, after })
            }
            _ => Err(errors),
        }
    }

    /// The same filters, from the first page.
    pub fn first_page(&self) -> Self {
        Self { after: None, ..self.clone() }
    }
}

/// One line of the invoice list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: String,
    pub number: String,
    pub customer_id: String,
    pub customer_name: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total_minor: i64,
    pub due_minor: i64,
    pub settlement: Settlement,
    pub overdue: bool,
}

/// What everything the filters select adds up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTotals {
    pub count: i64,
    pub total_minor: i64,
    pub due_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceListing {
    pub invoices: Vec<InvoiceSummary>,
    pub totals: ListTotals,
    /// The `after` of the next page, when there is one.
    pub next: Option<String>,
    /// The customer the list is narrowed to, by name.
    pub customer_name: Option<String>,
    pub currency: Currency,
    /// Whether the reader may open the ledger (closures, archives, accounting exports).
    pub ledger: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_whole_or_refused_with_every_reason() {
        let q = InvoiceQuery::parse("overdue", "", "2026-01-01", "31/03/2026", "2026-03-02_F-2026-00042").unwrap();
        assert_eq!(q.status, Some(StatusFilter::Overdue));
        assert_eq!(q.to, NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(q.after.as_ref().map(ListCursor::text).as_deref(), Some("2026-03-02_F-2026-00042"));
        assert_eq!(q.first_page().after, None);
        assert_eq!(InvoiceQuery::parse("", "", "", "", ""), Ok(InvoiceQuery::default()));
        let refused = InvoiceQuery::parse("late", "x' OR 1=1", "2026-13-01", "", "2026-03-02_F-2026-42").unwrap_err();
        let fields: Vec<_> = refused.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("status", "invalid-choice"),
                ("customer", "invalid-id"),
                ("from", "invalid-date"),
                ("after", "invalid-cursor")
            ]
        );
        let reversed = InvoiceQuery::parse("", "", "2026-03-01", "2026-02-01", "").unwrap_err();
        assert_eq!(reversed.0[0].code, "period-reversed");
    }
}
