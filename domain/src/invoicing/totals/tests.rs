//! Totals against an exact model: amounts as fractions (never rounded until the very end),
//! and rounding decided by comparing remainders rather than by the formula the code uses.

use proptest::prelude::*;

use super::*;
use crate::Quantity;
use crate::invoicing::line::Discount;

/// An exact non-negative fraction n/d.
#[derive(Clone, Copy, Debug)]
struct Ratio {
    n: i128,
    d: i128,
}

impl Ratio {
    fn new(n: i128, d: i128) -> Self {
        let (mut a, mut b) = (n.abs(), d);
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let g = a.max(1);
        Self { n: n / g, d: d / g }
    }

    fn mul(self, o: Self) -> Self {
        Self::new(self.n * o.n, self.d * o.d)
    }

    fn add(self, o: Self) -> Self {
        Self::new(self.n * o.d + o.n * self.d, self.d * o.d)
    }

    /// To the nearest integer, halves up: floor, plus one when the remainder is at least half.
    fn rounded(self) -> i128 {
        let (q, r) = (self.n / self.d, self.n % self.d);
        if 2 * r >= self.d { q + 1 } else { q }
    }

    /// |self − whole| ≤ bound (all fractions).
    fn within(self, whole: i128, bound: Ratio) -> bool {
        let diff = (self.n - whole * self.d).abs();
        diff * bound.d <= bound.n * self.d
    }
}

fn line(qty: i64, price: i64, discount: u16, rate: VatRate) -> LinePrice {
    LinePrice {
        quantity: Quantity::from_milli(qty).unwrap(),
        unit_price_minor: price,
        discount: Discount::try_from(discount).unwrap(),
        vat: rate,
    }
}

fn rates() -> impl Strategy<Value = VatRate> {
    let all: Vec<VatRate> =
        VatRate::allowed(crate::Country::France).chain(VatRate::allowed(crate::Country::Algeria)).collect();
    proptest::sample::select(all)
}

fn lines() -> impl Strategy<Value = Vec<LinePrice>> {
    let one = (1..=5_000_000_i64, 0..=2_000_000_i64, prop_oneof![Just(0_u16), 0..=10_000_u16], rates())
        .prop_map(|(q, p, d, r)| line(q, p, d, r));
    proptest::collection::vec(one, 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn every_amount_is_the_exact_value_rounded(prices in lines()) {
        let totals = Totals::of(&prices).unwrap();
        let half = Ratio::new(1, 2);
        let mut exact_total = Ratio::new(0, 1);
        for (price, amounts) in prices.iter().zip(&totals.lines) {
            let gross = Ratio::new(i128::from(price.quantity.milli()) * i128::from(price.unit_price_minor), 1000);
            prop_assert_eq!(i128::from(amounts.gross_minor), gross.rounded());
            let discount = Ratio::new(i128::from(amounts.gross_minor) * i128::from(price.discount.basis_points()), 10_000);
            prop_assert_eq!(i128::from(amounts.discount_minor), discount.rounded());
            prop_assert_eq!(amounts.net_minor, amounts.gross_minor - amounts.discount_minor);
            // Two roundings: a line is never more than a cent from its exact value.
            let exact_net = gross.mul(Ratio::new(10_000 - i128::from(price.discount.basis_points()), 10_000));
            prop_assert!(exact_net.within(i128::from(amounts.net_minor), Ratio::new(1, 1)));
            let with_tax = exact_net.mul(Ratio::new(10_000 + i128::from(price.vat.basis_points()), 10_000));
            exact_total = exact_total.add(with_tax);
        }
        for row in &totals.by_rate {
            let base: i64 = prices.iter().zip(&totals.lines).filter(|(p, _)| p.vat == row.rate).map(|(_, a)| a.net_minor).sum();
            prop_assert_eq!(row.base_minor, base, "BR-S-08: the base is the sum of the rate's lines");
            let vat = Ratio::new(i128::from(base) * i128::from(row.rate.basis_points()), 10_000);
            prop_assert_eq!(i128::from(row.vat_minor), vat.rounded(), "BR-CO-17: rounded per rate");
            prop_assert!(vat.within(i128::from(row.vat_minor), half));
        }
        prop_assert_eq!(totals.net_minor, totals.lines.iter().map(|a| a.net_minor).sum::<i64>(), "BR-CO-10");
        prop_assert_eq!(totals.vat_minor, totals.by_rate.iter().map(|r| r.vat_minor).sum::<i64>(), "BR-CO-14");
        prop_assert_eq!(totals.total_minor, totals.net_minor + totals.vat_minor, "BR-CO-15");
        // The whole invoice drifts from exact arithmetic by at most a cent per line (plus its
        // VAT) and half a cent per rate.
        let lines = i128::try_from(prices.len()).unwrap();
        let rates = i128::try_from(totals.by_rate.len()).unwrap();
        let bound = Ratio::new(lines * 12_000, 10_000).add(Ratio::new(rates, 2));
        prop_assert!(exact_total.within(i128::from(totals.total_minor), bound));
        let mut rows = totals.by_rate.iter().map(|r| r.rate).collect::<Vec<_>>();
        rows.dedup();
        prop_assert_eq!(rows.len(), totals.by_rate.len(), "one row per rate");
        prop_assert!(totals.by_rate.windows(2).all(|w| w[0].rate > w[1].rate), "highest rate first");
    }

    #[test]
    fn line_order_does_not_matter(mut prices in lines(), seed in any::<u64>()) {
        let before = Totals::of(&prices).unwrap();
        let n = prices.len();
        prices.rotate_left(usize::try_from(seed % n as u64).unwrap());
        prices.reverse();
        let after = Totals::of(&prices).unwrap();
        prop_assert_eq!(
            (before.by_rate, before.net_minor, before.vat_minor, before.total_minor),
            (after.by_rate, after.net_minor, after.vat_minor, after.total_minor)
        );
    }
}

#[test]
fn a_worked_french_invoice() {
    let standard = VatRate::of(2000, crate::Country::France).unwrap();
    let reduced = VatRate::of(550, crate::Country::France).unwrap();
    let totals = Totals::of(&[
        line(3_000, 1_999, 0, standard),     // 59.97
        line(1_500, 1_000, 1_000, standard), // 15.00 − 1.50 = 13.50
        line(2_000, 333, 0, reduced),        // 6.66
    ])
    .unwrap();
    assert_eq!(
        totals.by_rate,
        vec![
            RateTotal { rate: standard, base_minor: 7_347, vat_minor: 1_469 }, // 14.694 → 14.69
            RateTotal { rate: reduced, base_minor: 666, vat_minor: 37 },       // 0.3663 → 0.37
        ]
    );
    assert_eq!((totals.net_minor, totals.vat_minor, totals.total_minor), (8_013, 1_506, 9_519));
    assert!(!totals.has_zero_rate());
}

#[test]
fn empty_long_and_huge_invoices_are_refused() {
    let rate = VatRate::of(1900, crate::Country::Algeria).unwrap();
    assert_eq!(Totals::of(&[]), Err("invoice-without-lines"));
    assert_eq!(Totals::of(&vec![line(1_000, 100, 0, rate); MAX_LINES + 1]), Err("too-many-lines"));
    assert!(Totals::of(&vec![line(1_000, 100, 0, rate); MAX_LINES]).is_ok());
    let big = line(1_000_000_000_000, 100_000_000_000, 0, rate);
    assert_eq!(Totals::of(&[big]), Err("line-amount-too-large"));
    // Each line within bounds, their sum beyond.
    let large = line(10_000_000, 100_000_000_000, 0, rate); // 10,000 × 1e9: the bound itself
    assert_eq!(Totals::of(&[large, large]), Err("invoice-total-too-large"));
    let exempt = Totals::of(&[line(1_000, 100, 0, VatRate::ZERO)]).unwrap();
    assert!(exempt.has_zero_rate());
    assert_eq!(exempt.vat_minor, 0);
}
