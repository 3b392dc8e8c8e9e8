//! Feature flags a company can turn on or off (kept in its own database, set from the command
//! line until the governance console manages them).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    /// Importing articles and opening stock from CSV files.
    BulkStockImport,
    /// Reorder suggestions for articles below their minimum.
    AutoReorderSuggestions,
    /// Customers, invoices, credit notes and payments (on unless a company turns it off).
    Invoicing,
    /// Missions and timesheets (on unless a company turns it off).
    Missions,
}

impl Flag {
    pub const ALL: &'static [Flag] =
        &[Self::BulkStockImport, Self::AutoReorderSuggestions, Self::Invoicing, Self::Missions];

    /// The stable name stored in the database and typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::BulkStockImport => "bulk_stock_import",
            Self::AutoReorderSuggestions => "auto_reorder_suggestions",
            Self::Invoicing => "invoicing",
            Self::Missions => "missions",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::BulkStockImport => "flag-bulk-stock-import",
            Self::AutoReorderSuggestions => "flag-auto-reorder-suggestions",
            Self::Invoicing => "flag-invoicing",
            Self::Missions => "flag-missions",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Flag;

    #[test]
    fn names_round_trip() {
        for flag in Flag::ALL {
            assert_eq!(Flag::parse(flag.name()), Some(*flag));
        }
        assert_eq!(Flag::parse("nope"), None);
    }
}
