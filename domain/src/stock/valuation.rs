//! Weighted average cost, maintained incrementally: each level keeps its quantity and its total
//! value; receipts add their cost, outflows take value at the current average.

use crate::quantity::Quantity;

/// The value (minor currency units) of `quantity` received at `unit_cost` per unit, rounded to
/// the nearest minor unit.
pub fn receipt_value(quantity: Quantity, unit_cost_minor: i64) -> i64 {
    round_div(i128::from(quantity.milli()) * i128::from(unit_cost_minor), 1000)
}

/// The value leaving a level of `level_qty` worth `level_value` when `out` goes out: the average
/// cost times the quantity, and exactly the whole value when the level empties (no rounding
/// crumbs are left behind).
pub fn outflow_value(level_qty: Quantity, level_value: i64, out: Quantity) -> i64 {
    if level_qty.milli() <= 0 {
        return 0;
    }
    if out >= level_qty {
        return level_value;
    }
    round_div(i128::from(level_value) * i128::from(out.milli()), i128::from(level_qty.milli()))
}

/// The average unit cost of a level, for display.
pub fn average_unit_cost(level_qty: Quantity, level_value: i64) -> Option<i64> {
    (level_qty.milli() > 0).then(|| round_div(i128::from(level_value) * 1000, i128::from(level_qty.milli())))
}

fn round_div(n: i128, d: i128) -> i64 {
    let q = (2 * n + d) / (2 * d);
    i64::try_from(q).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_average_over_two_receipts() {
        // 10 at 2.00 € and 30 at 4.00 €: 40 worth 140.00 €, average 3.50 €.
        let value = receipt_value(Quantity::units(10), 200) + receipt_value(Quantity::units(30), 400);
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
        assert_eq!(receipt_value(Quantity(1_500), 1_234), 1_851);
    }

    #[test]
    fn value_never_goes_negative_whatever_the_outflows() {
        let mut seed = 99_u64;
        for _ in 0..5_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let qty = Quantity((seed % 100_000) as i64 + 1);
            let value = (seed % 10_000_000) as i64;
            let out = Quantity((seed % 120_000) as i64 % qty.milli() + 1);
            let taken = outflow_value(qty, value, out);
            assert!((0..=value).contains(&taken), "{qty:?} {value} {out:?} -> {taken}");
        }
    }
}
