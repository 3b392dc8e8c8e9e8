//! When a level needs attention, and how much to order to bring it back.

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Alert {
    /// Below the article's minimum.
    Low,
    /// Empty, or under half the minimum.
    Critical,
}

impl Alert {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Critical => "critical",
        }
    }
}

/// The alert a level raises against its article's minimum, if any. An article without a
/// minimum (zero) never raises one: nobody asked to watch it.
pub fn alert(level: Quantity, minimum: Quantity) -> Option<Alert> {
    if minimum <= Quantity::ZERO || level >= minimum {
        None
    } else if level <= Quantity::ZERO || level.milli() * 2 < minimum.milli() {
        Some(Alert::Critical)
    } else {
        Some(Alert::Low)
    }
}

/// A change of level from `before` to `after` has just made it critical (worth one event, not
/// one per movement while it stays so).
pub fn became_critical(before: Quantity, after: Quantity, minimum: Quantity) -> bool {
    alert(after, minimum) == Some(Alert::Critical) && alert(before, minimum) != Some(Alert::Critical)
}

/// What to order for a level below its minimum: up to the maximum, or up to the minimum when
/// the article has no maximum. None when the level is not below its minimum.
pub fn reorder_quantity(level: Quantity, minimum: Quantity, maximum: Option<Quantity>) -> Option<Quantity> {
    if minimum <= Quantity::ZERO || level >= minimum {
        return None;
    }
    let target = maximum.filter(|m| *m >= minimum).unwrap_or(minimum);
    // 0 ≤ level < minimum ≤ target: the difference is within the bounds.
    target.checked_sub(level.max(Quantity::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(units: u32) -> Quantity {
        Quantity::units(units)
    }

    fn milli(m: i64) -> Quantity {
        Quantity::from_milli(m).unwrap()
    }

    #[test]
    fn a_level_becomes_critical_once() {
        assert!(became_critical(q(6), q(4), q(10)));
        assert!(became_critical(q(12), q(0), q(10)));
        assert!(!became_critical(q(4), q(2), q(10)), "already critical");
        assert!(!became_critical(q(12), q(5), q(10)), "exactly half is low");
        assert!(!became_critical(q(3), q(0), q(0)), "nobody watches it");
    }

    #[test]
    fn low_and_critical() {
        assert_eq!(alert(q(100), q(100)), None);
        assert_eq!(alert(q(99), q(100)), Some(Alert::Low));
        assert_eq!(alert(q(50), q(100)), Some(Alert::Low));
        assert_eq!(alert(q(49), q(100)), Some(Alert::Critical));
        assert_eq!(alert(q(0), q(100)), Some(Alert::Critical));
        assert_eq!(alert(q(0), q(0)), None, "no minimum, no alert");
    }

    #[test]
    fn reorder_up_to_the_maximum_or_the_minimum() {
        assert_eq!(reorder_quantity(q(30), q(100), Some(q(500))), Some(q(470)));
        assert_eq!(reorder_quantity(q(30), q(100), None), Some(q(70)));
        assert_eq!(reorder_quantity(q(100), q(100), Some(q(500))), None);
        assert_eq!(reorder_quantity(milli(500), q(1), None), Some(milli(500)));
    }

    #[test]
    fn a_reorder_always_lands_between_minimum_and_maximum() {
        let mut seed = 17_u64;
        for _ in 0..5_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let min = milli((seed % 10_000) as i64 + 1);
            let max = milli(min.milli() + (seed >> 20) as i64 % 10_000);
            let level = milli((seed >> 40) as i64 % 12_000);
            match reorder_quantity(level, min, Some(max)) {
                Some(order) => {
                    assert!(order > Quantity::ZERO);
                    assert_eq!(level.checked_add(order), Some(max));
                }
                None => assert!(level >= min),
            }
        }
    }
}
