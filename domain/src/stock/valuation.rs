//! Weighted average cost, maintained incrementally: each level keeps its quantity and its total
//! value; receipts add their cost, outflows take value at the current average. Products are
//! computed in 128 bits and every result is checked against the value bound (A30): a figure too
//! large is refused, never capped.

use crate::bounds::MAX_VALUE_MINOR;
use crate::quantity::Quantity;

/// The value (minor currency units) of `quantity` received at `unit_cost` per unit, rounded to
/// the nearest minor unit; None when it exceeds what a movement may be worth.
pub fn receipt_value(quantity: Quantity, unit_cost_minor: i64) -> Option<i64> {
    round_div(i128::from(quantity.milli()) * i128::from(unit_cost_minor), 1000).filter(|v| v.abs() <= MAX_VALUE_MINOR)
}

/// The value leaving a level of `level_qty` worth `level_value` when `out` goes out: the average
/// cost times the quantity, and exactly the whole value when the level empties (no rounding
/// crumbs are left behind). Never more than the level's value.
pub fn outflow_value(level_qty: Quantity, level_value: i64, out: Quantity) -> i64 {
    if level_qty.milli() <= 0 {
        return 0;
    }
    if out >= level_qty {
        return level_value;
    }
    // |value × out / qty| ≤ |value| because out < qty: the quotient always fits.
    round_div(i128::from(level_value) * i128::from(out.milli()), i128::from(level_qty.milli())).unwrap_or(level_value)
}

/// The average unit cost of a level; None for an empty level or an average beyond the bounds.
pub fn average_unit_cost(level_qty: Quantity, level_value: i64) -> Option<i64> {
    if level_qty.milli() <= 0 {
        return None;
    }
    round_div(i128::from(level_value) * 1000, i128::from(level_qty.milli()))
        .filter(|c| (0..=crate::bounds::MAX_UNIT_PRICE_MINOR).contains(c))
}

/// `n / d` rounded half away from zero for positive `d`; None when it does not fit an i64.
fn round_div(n: i128, d: i128) -> Option<i64> {
    let q = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
    i64::try_from(q).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_average_over_two_receipts() {
        // 10 at 2.00 € and 30 at 4.00 €: 40 worth 140.00 €, average 3.50 €.
        let value = receipt_value(Quantity::units(10), 200).unwrap() + receipt_value(Quantity::units(30), 400).unwrap();
        assert_eq!(value, 14_000);
        assert_eq!(average_unit_cost(Quantity::units(40), value), Some(350));
        // Taking 8 out takes 8 × 3.50 €.
        assert_eq!(outflow_value(Quantity::units(40), value, Quantity::units(8)), 2_800);
    }

    #[test]
    fn emptying_a_level_takes_its_whole_value() {
        assert_eq!(outflow_value(Quantity::units(3), 1_000, Quantity::units(3)), 1_000);
        // A third of 10.00 € rounds; the last third takes what is left.
        assert_eq!(outflow_value(Quantity::units(3), 1_000, Quantity::units(1)), 333);
        assert_eq!(outflow_value(Quantity::units(2), 667, Quantity::units(2)), 667);
    }

    #[test]
    fn fractions_of_units_are_valued_exactly() {
        // 1.5 kg at 12.34 €/kg = 18.51 €.
        assert_eq!(receipt_value(Quantity::from_milli(1_500).unwrap(), 1_234), Some(1_851));
    }

    #[test]
    fn value_never_goes_negative_whatever_the_outflows() {
        let mut seed = 99_u64;
        for _ in 0..5_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let qty = Quantity::from_milli((seed % 100_000) as i64 + 1).unwrap();
            let value = (seed % 10_000_000) as i64;
            let out = Quantity::from_milli((seed % 120_000) as i64 % qty.milli() + 1).unwrap();
            let taken = outflow_value(qty, value, out);
            assert!((0..=value).contains(&taken), "{qty:?} {value} {out:?} -> {taken}");
        }
    }

    /// A30: at and beyond the bounds, every path either gives the exact figure or refuses.
    #[test]
    fn a30_extreme_values_are_exact_or_refused() {
        use crate::bounds::{MAX_ENTRY_MILLI, MAX_LEVEL_MILLI, MAX_UNIT_PRICE_MINOR};
        let q = |m: i64| Quantity::from_milli(m).unwrap();
        let quantities = [1, 999, 1_000, MAX_ENTRY_MILLI, MAX_LEVEL_MILLI];
        let prices = [0, 1, 99, MAX_UNIT_PRICE_MINOR, i64::MAX];
        for &milli in &quantities {
            for &price in &prices {
                let exact = i128::from(milli) * i128::from(price);
                match receipt_value(q(milli), price) {
                    Some(v) => {
                        assert!(v <= MAX_VALUE_MINOR);
                        assert!((i128::from(v) * 1000 - exact).abs() <= 500, "{milli} × {price}");
                    }
                    None => assert!(exact / 1000 >= i128::from(MAX_VALUE_MINOR), "{milli} × {price} refused"),
                }
            }
        }
        // The reviewer's receipt: a billion units at 92,233,720,368,547,758.07 is refused.
        assert_eq!(receipt_value(q(MAX_ENTRY_MILLI), 9_223_372_036_854_775_807), None);
        for &level in &quantities {
            for value in [0, 1, MAX_VALUE_MINOR, i64::MAX] {
                for &out in &quantities {
                    let taken = outflow_value(q(level), value, q(out));
                    assert!((0..=value).contains(&taken), "{level} {value} {out} -> {taken}");
                }
                if let Some(avg) = average_unit_cost(q(level), value) {
                    assert!((0..=MAX_UNIT_PRICE_MINOR).contains(&avg));
                }
            }
        }
        assert_eq!(average_unit_cost(q(1), MAX_VALUE_MINOR), None, "beyond a unit price's bound");
        assert_eq!(average_unit_cost(Quantity::ZERO, 100), None);
    }
}
