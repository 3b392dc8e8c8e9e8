//! CSV imports of articles and of opening stock: their kinds, columns and reports, where an import
//! stands and how it ended. Reading a file is in `read`.

mod read;

use crate::csv_import::col;
pub use crate::csv_import::{Column, MAX_REPORTED, Report, RowError, decode, separator};
pub use read::{OpeningRow, read_articles, read_opening_stock};

use serde::{Deserialize, Serialize};

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    Articles,
    OpeningStock,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [Self::Articles, Self::OpeningStock];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Articles => "articles",
            Self::OpeningStock => "opening-stock",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Articles => "import-kind-articles",
            Self::OpeningStock => "import-kind-opening-stock",
        }
    }

    /// The columns of this kind of file, in the order of the template.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Self::Articles => ARTICLE_COLUMNS,
            Self::OpeningStock => OPENING_COLUMNS,
        }
    }
}

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportPhase {
    Checking,
    Writing,
    Done,
}

impl ImportPhase {
    pub const ALL: [Self; 3] = [Self::Checking, Self::Writing, Self::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checking => "checking",
            Self::Writing => "writing",
            Self::Done => "done",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Checking => "import-phase-checking",
            Self::Writing => "import-phase-writing",
            Self::Done => "import-phase-done",
        }
    }
}

/// How an import ended, as its history keeps it (`stock_imports.outcome`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportOutcome {
    /// Every row was written.
    Imported,
    /// The file has problems; nothing was written.
    Refused,
    /// The database failed while writing; nothing was written.
    Failed,
}

impl ImportOutcome {
    pub const ALL: [Self; 3] = [Self::Imported, Self::Refused, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imported => "imported",
            Self::Refused => "refused",
            Self::Failed => "failed",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == name)
    }
}

const ARTICLE_COLUMNS: &[Column] = &[
    col("code", true, &["reference", "ref", "code_article"]),
    col("designation", true, &["libelle", "nom", "name", "description"]),
    col("category", false, &["categorie"]),
    col("family", false, &["famille"]),
    col("unit", false, &["unite"]),
    col("purchase_price", false, &["prix_achat", "prix_d_achat", "purchase_price_ht", "prix_achat_ht"]),
    col("sale_price", false, &["prix_vente", "prix_de_vente", "prix_vente_ht"]),
    col("vat_rate", false, &["tva", "taux_tva", "taux_de_tva", "vat"]),
    col("min_stock", false, &["stock_min", "stock_minimum", "minimum", "seuil_mini"]),
    col("max_stock", false, &["stock_max", "stock_maximum", "maximum"]),
];

const OPENING_COLUMNS: &[Column] = &[
    col("article_code", true, &["article", "code_article", "code", "reference"]),
    col("site_code", true, &["site", "code_site", "depot", "entrepot"]),
    col("quantity", true, &["quantite", "qte", "qty"]),
    col("unit_cost", false, &["cout_unitaire", "prix_unitaire", "cout", "cost", "pmp"]),
    col("lot_number", false, &["lot", "numero_lot", "no_lot", "n_lot"]),
    col("expiry", false, &["expiration", "date_expiration", "date_de_peremption", "peremption", "dluo", "dlc"]),
];

/// The heading line of a template file for `kind` (semicolons, as French spreadsheets expect).
pub fn template(kind: ImportKind) -> String {
    let names: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    format!("{}\r\n", names.join(";"))
}
