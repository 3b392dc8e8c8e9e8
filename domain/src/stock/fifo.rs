//! Which lots an outflow takes from: first expiring first, then first received (FEFO/FIFO), or
//! one chosen lot.

use crate::quantity::Quantity;

/// A lot with stock left, as the picker sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotStock {
    pub id: String,
    /// `YYYY-MM-DD`, or None for goods that do not expire (they go after those that do).
    pub expiry: Option<String>,
    pub received_at_ms: i64,
    pub remaining: Quantity,
}

/// Not enough stock: what there is, and what was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortage {
    pub available: Quantity,
    pub requested: Quantity,
}

/// The (lot, quantity) legs of an outflow of `requested`, or the shortage.
pub fn pick(lots: &[LotStock], requested: Quantity) -> Result<Vec<(String, Quantity)>, Shortage> {
    // Summed in 128 bits: the lots of one level hold at most the level, but nothing here
    // trusts that.
    let available: i128 = lots.iter().map(|lot| i128::from(lot.remaining.milli().max(0))).sum();
    if i128::from(requested.milli()) > available {
        // Less than `requested`, so within the bounds.
        let available = Quantity::from_milli(i64::try_from(available).unwrap_or_default()).unwrap_or_default();
        return Err(Shortage { available, requested });
    }
    let mut ordered: Vec<&LotStock> = lots.iter().filter(|l| l.remaining > Quantity::ZERO).collect();
    // Expiring lots first (earliest first), then by receipt; the id breaks ties so that the
    // order never depends on how the database returned them.
    ordered.sort_by(|a, b| {
        (a.expiry.is_none(), &a.expiry, a.received_at_ms, &a.id).cmp(&(
            b.expiry.is_none(),
            &b.expiry,
            b.received_at_ms,
            &b.id,
        ))
    });
    let mut left = requested;
    let mut legs = Vec::new();
    for lot in ordered {
        if left == Quantity::ZERO {
            break;
        }
        let take = left.min(lot.remaining);
        legs.push((lot.id.clone(), take));
        // take ≤ left, both non-negative: the difference is within the bounds.
        left = left.checked_sub(take).unwrap_or_default();
    }
    Ok(legs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lot(id: &str, expiry: Option<&str>, received: i64, units: u32) -> LotStock {
        LotStock {
            id: id.into(),
            expiry: expiry.map(Into::into),
            received_at_ms: received,
            remaining: Quantity::units(units),
        }
    }

    #[test]
    fn earliest_expiry_first_then_earliest_receipt() {
        let lots = [
            lot("no-expiry", None, 1, 10),
            lot("late", Some("2027-06-01"), 2, 10),
            lot("soon-b", Some("2027-01-01"), 5, 3),
            lot("soon-a", Some("2027-01-01"), 4, 3),
        ];
        let legs = pick(&lots, Quantity::units(8)).unwrap();
        assert_eq!(
            legs,
            vec![
                ("soon-a".into(), Quantity::units(3)),
                ("soon-b".into(), Quantity::units(3)),
                ("late".into(), Quantity::units(2)),
            ]
        );
    }

    #[test]
    fn a_shortage_says_what_there_is() {
        let lots = [lot("a", None, 1, 2), lot("b", None, 2, 1)];
        assert_eq!(
            pick(&lots, Quantity::units(4)),
            Err(Shortage { available: Quantity::units(3), requested: Quantity::units(4) })
        );
        assert_eq!(pick(&lots, Quantity::units(3)).unwrap().len(), 2);
    }

    #[test]
    fn legs_always_add_up_to_the_request_and_respect_each_lot() {
        let mut seed = 7_u64;
        for _ in 0..2_000 {
            let lots: Vec<LotStock> = (0..(seed % 6))
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    lot(
                        &format!("l{i}"),
                        seed.is_multiple_of(3).then_some("2027-01-01"),
                        (seed % 100) as i64,
                        (seed % 20) as u32,
                    )
                })
                .collect();
            let total: i64 = lots.iter().map(|l| l.remaining.milli()).sum();
            let requested = Quantity::from_milli((seed % 25_000) as i64).unwrap();
            match pick(&lots, requested) {
                Ok(legs) => {
                    assert_eq!(legs.iter().map(|(_, q)| q.milli()).sum::<i64>(), requested.milli());
                    for (id, q) in &legs {
                        let lot = lots.iter().find(|l| &l.id == id).unwrap();
                        assert!(*q > Quantity::ZERO && *q <= lot.remaining);
                    }
                }
                Err(shortage) => assert!(requested.milli() > total && shortage.available.milli() == total),
            }
        }
    }
}
