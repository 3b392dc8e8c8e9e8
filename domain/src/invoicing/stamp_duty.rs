//! Algeria's stamp duty (droit de timbre) on invoices paid in cash, from a dated table: a new
//! finance law is one more row, and a payment is taxed by the law in force on its date.

use chrono::NaiveDate;

/// One finance law's scale, in centimes of a dinar.
struct Law {
    /// (year, month, day) it applies from.
    from: (i32, u32, u32),
    /// Nothing is due up to this amount.
    exempt_up_to: i64,
    /// (up to this amount, or beyond the last bound; duty per 100 DA or fraction). The rate of
    /// the bracket the whole amount falls in applies to the whole amount.
    brackets: &'static [(Option<i64>, i64)],
    minimum: i64,
}

/// Finance law for 2025 (code du timbre): nothing up to 300 DA; per 100 DA or fraction, 1 DA up
/// to 30,000 DA, 1.5 DA up to 100,000 DA, 2 DA above; at least 5 DA.
const LAWS: &[Law] = &[Law {
    from: (2025, 1, 1),
    exempt_up_to: 300_00,
    brackets: &[(Some(30_000_00), 1_00), (Some(100_000_00), 1_50), (None, 2_00)],
    minimum: 5_00,
}];

/// The duty on `amount_minor` paid in cash on `date`, in centimes.
pub fn stamp_duty(amount_minor: i64, date: NaiveDate) -> Result<i64, &'static str> {
    let law = LAWS
        .iter()
        .rev()
        .find(|law| NaiveDate::from_ymd_opt(law.from.0, law.from.1, law.from.2).is_some_and(|from| from <= date))
        .ok_or("stamp-duty-unknown-date")?;
    if amount_minor <= law.exempt_up_to {
        return Ok(0);
    }
    let per_100 = law
        .brackets
        .iter()
        .find(|(up_to, _)| up_to.is_none_or(|bound| amount_minor <= bound))
        .map_or(0, |(_, rate)| *rate);
    let hundreds = (amount_minor + 100_00 - 1) / 100_00;
    Ok((hundreds * per_100).max(law.minimum))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty(dinars: i64) -> i64 {
        stamp_duty(dinars * 100, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).unwrap() / 100
    }

    #[test]
    fn the_scale_at_its_boundaries() {
        assert_eq!(duty(300), 0);
        assert_eq!(duty(301), 5, "4 DA, raised to the minimum");
        assert_eq!(duty(500), 5);
        assert_eq!(duty(501), 6);
        assert_eq!(duty(30_000), 300);
        assert_eq!(duty(100_000), 1_500);
        assert_eq!(duty(950_000), 19_000);
        assert_eq!(duty(1_000_000), 20_000);
    }

    #[test]
    fn fractions_of_a_hundred_dinars_count_whole() {
        let on = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(stamp_duty(300_01, on), Ok(5_00));
        assert_eq!(stamp_duty(30_000_01, on), Ok(301 * 1_50), "1.5 DA from the first centime above 30,000 DA");
        assert_eq!(stamp_duty(100_000_01, on), Ok(1_001 * 2_00));
        assert_eq!(stamp_duty(0, on), Ok(0));
    }

    #[test]
    fn a_payment_before_the_first_known_law_is_refused() {
        assert_eq!(
            stamp_duty(1_000_00, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()),
            Err("stamp-duty-unknown-date")
        );
        assert_eq!(stamp_duty(1_000_00, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()), Ok(10_00));
    }
}
