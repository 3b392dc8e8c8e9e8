//! What makes a stock movement worth a second look: a large change of a level, or a movement
//! made at night. Such movements go through, and are recorded for the governance console.

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;

/// A company's stock thresholds (stored in its database, changed from the governance console).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRules {
    /// A movement that changes a level by more than this percentage is an anomaly.
    pub change_threshold_pct: i64,
    /// Unusual hours start at this minute of the local day (22:00 is 1320)…
    pub quiet_from_minute: i64,
    /// …and end at this one (05:00 is 300); the range may wrap past midnight.
    pub quiet_until_minute: i64,
    /// Operations one user may record per minute.
    pub movements_per_minute: i64,
}

impl Default for StockRules {
    fn default() -> Self {
        Self {
            change_threshold_pct: 50,
            quiet_from_minute: 22 * 60,
            quiet_until_minute: 5 * 60,
            movements_per_minute: 50,
        }
    }
}

/// Why a movement was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anomaly {
    LargeChange,
    UnusualHours,
}

impl Anomaly {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LargeChange => "stock-large-change",
            Self::UnusualHours => "stock-unusual-hours",
        }
    }

    pub const ALL: [Self; 2] = [Self::LargeChange, Self::UnusualHours];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::LargeChange => "anomaly-stock-large-change",
            Self::UnusualHours => "anomaly-stock-unusual-hours",
        }
    }
}

impl StockRules {
    /// True when going from `before` to `after` changes the level by more than the threshold.
    /// A first receipt into an empty level has nothing to compare with and is not flagged.
    pub fn is_large_change(&self, before: Quantity, after: Quantity) -> bool {
        if before <= Quantity::ZERO {
            return false;
        }
        let change = (i128::from(after.milli()) - i128::from(before.milli())).abs() * 100;
        change > i128::from(before.milli()) * i128::from(self.change_threshold_pct)
    }

    /// True when `minute` of the local day falls in the unusual hours.
    pub fn is_unusual_hour(&self, minute: i64) -> bool {
        let (from, until) = (self.quiet_from_minute, self.quiet_until_minute);
        if from == until {
            false
        } else if from < until {
            (from..until).contains(&minute)
        } else {
            minute >= from || minute < until
        }
    }

    /// The anomalies of one level's change at a local time of day.
    pub fn anomalies(&self, before: Quantity, after: Quantity, local_minute: i64) -> Vec<Anomaly> {
        let mut found = Vec::new();
        if self.is_large_change(before, after) {
            found.push(Anomaly::LargeChange);
        }
        if self.is_unusual_hour(local_minute) {
            found.push(Anomaly::UnusualHours);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_half_of_a_level_is_a_large_change() {
        let rules = StockRules::default();
        let q = Quantity::units;
        assert!(!rules.is_large_change(q(100), q(50)), "exactly 50 % is not more than 50 %");
        assert!(rules.is_large_change(q(100), q(49)));
        assert!(rules.is_large_change(q(100), q(151)));
        assert!(!rules.is_large_change(q(100), q(150)));
        assert!(!rules.is_large_change(q(0), q(1_000)), "a first receipt has nothing to compare with");
        assert!(rules.is_large_change(q(10), q(0)), "emptying a level");
    }

    #[test]
    fn unusual_hours_wrap_past_midnight() {
        let rules = StockRules::default();
        assert!(rules.is_unusual_hour(22 * 60));
        assert!(rules.is_unusual_hour(23 * 60 + 59));
        assert!(rules.is_unusual_hour(0));
        assert!(rules.is_unusual_hour(4 * 60 + 59));
        assert!(!rules.is_unusual_hour(5 * 60));
        assert!(!rules.is_unusual_hour(12 * 60));
        assert!(!rules.is_unusual_hour(21 * 60 + 59));
        let day_shift = StockRules { quiet_from_minute: 60, quiet_until_minute: 120, ..rules };
        assert!(day_shift.is_unusual_hour(90) && !day_shift.is_unusual_hour(0));
        let never = StockRules { quiet_from_minute: 0, quiet_until_minute: 0, ..rules };
        assert!(!(0..1440).any(|m| never.is_unusual_hour(m)));
    }

    #[test]
    fn both_anomalies_at_once() {
        let rules = StockRules::default();
        let found = rules.anomalies(Quantity::units(10), Quantity::units(1), 23 * 60);
        assert_eq!(found, vec![Anomaly::LargeChange, Anomaly::UnusualHours]);
        assert!(rules.anomalies(Quantity::units(10), Quantity::units(9), 10 * 60).is_empty());
    }
}
