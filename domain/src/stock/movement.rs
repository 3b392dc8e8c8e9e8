//! The kinds of stock movement: what the database records (`stock_movements.kind`, whose CHECK
//! lists the same names) and what the pages name through `label_key`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MovementKind {
    Receipt,
    Issue,
    TransferOut,
    TransferIn,
    Adjustment,
    Reversal,
}

impl MovementKind {
    pub const ALL: [Self; 6] =
        [Self::Receipt, Self::Issue, Self::TransferOut, Self::TransferIn, Self::Adjustment, Self::Reversal];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receipt => "receipt",
            Self::Issue => "issue",
            Self::TransferOut => "transfer-out",
            Self::TransferIn => "transfer-in",
            Self::Adjustment => "adjustment",
            Self::Reversal => "reversal",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The Fluent key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Receipt => "movement-receipt",
            Self::Issue => "movement-issue",
            Self::TransferOut => "movement-transfer-out",
            Self::TransferIn => "movement-transfer-in",
            Self::Adjustment => "movement-adjustment",
            Self::Reversal => "movement-reversal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MovementKind;

    #[test]
    fn kinds_round_trip_and_their_keys_follow_their_names() {
        for kind in MovementKind::ALL {
            assert_eq!(MovementKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.label_key(), format!("movement-{}", kind.as_str()));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str(), "the same name in JSON");
        }
        assert_eq!(MovementKind::parse("theft"), None);
    }
}
