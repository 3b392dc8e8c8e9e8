//! The features a company can turn on or off, with what the console shows of each: its area,
//! how much turning it off would hurt, and whether a new company starts with it on.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    /// Receipts, withdrawals and transfers of stock.
    StockMovements,
    /// Physical counts that set a level by hand, and reversals.
    ManualStockOverride,
    /// Importing articles and opening stock from CSV files.
    BulkStockImport,
    /// Reorder suggestions for articles below their minimum.
    AutoReorderSuggestions,
    /// Customers, invoices, credit notes and payments.
    Invoicing,
    /// Missions and timesheets.
    Missions,
    /// Whole-table exports: the stock and customers CSV files, the sales journal and the FEC.
    DataExportFull,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    Stock,
    Invoicing,
    Missions,
    Data,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Self::Stock => "stock",
            Self::Invoicing => "invoicing",
            Self::Missions => "missions",
            Self::Data => "data",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Stock => "flag-category-stock",
            Self::Invoicing => "flag-category-invoicing",
            Self::Missions => "flag-category-missions",
            Self::Data => "flag-category-data",
        }
    }
}

/// What turning the feature off (or on for everyone) risks for the company's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Risk {
    Low,
    Medium,
    High,
}

impl Risk {
    pub fn name(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Low => "flag-risk-low",
            Self::Medium => "flag-risk-medium",
            Self::High => "flag-risk-high",
        }
    }
}

impl Flag {
    pub const ALL: &'static [Flag] = &[
        Self::StockMovements,
        Self::ManualStockOverride,
        Self::BulkStockImport,
        Self::AutoReorderSuggestions,
        Self::Invoicing,
        Self::Missions,
        Self::DataExportFull,
    ];

    /// The stable name stored in the database and typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::StockMovements => "stock_movements",
            Self::ManualStockOverride => "manual_stock_override",
            Self::BulkStockImport => "bulk_stock_import",
            Self::AutoReorderSuggestions => "auto_reorder_suggestions",
            Self::Invoicing => "invoicing",
            Self::Missions => "missions",
            Self::DataExportFull => "data_export_full",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::StockMovements => "flag-stock-movements",
            Self::ManualStockOverride => "flag-manual-stock-override",
            Self::BulkStockImport => "flag-bulk-stock-import",
            Self::AutoReorderSuggestions => "flag-auto-reorder-suggestions",
            Self::Invoicing => "flag-invoicing",
            Self::Missions => "flag-missions",
            Self::DataExportFull => "flag-data-export-full",
        }
    }

    pub fn category(self) -> Category {
        match self {
            Self::StockMovements | Self::ManualStockOverride | Self::BulkStockImport | Self::AutoReorderSuggestions => {
                Category::Stock
            }
            Self::Invoicing => Category::Invoicing,
            Self::Missions => Category::Missions,
            Self::DataExportFull => Category::Data,
        }
    }

    pub fn risk(self) -> Risk {
        match self {
            Self::AutoReorderSuggestions => Risk::Low,
            Self::BulkStockImport | Self::Missions | Self::ManualStockOverride => Risk::Medium,
            Self::StockMovements | Self::Invoicing | Self::DataExportFull => Risk::High,
        }
    }

    /// Whether a new company starts with it on (the database's seed says the same).
    pub fn default_on(self) -> bool {
        !matches!(self, Self::BulkStockImport | Self::AutoReorderSuggestions)
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
