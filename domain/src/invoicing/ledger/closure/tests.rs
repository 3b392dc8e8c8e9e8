use serde_json::json;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn periods_read_and_follow_each_other() {
    let march = Period::parse("2026-03").unwrap();
    assert_eq!((march.kind, march.start, march.end), (PeriodKind::Month, day(2026, 3, 1), day(2026, 3, 31)));
    assert_eq!(march.next().label(), "2026-04");
    assert_eq!(Period::parse("2026").unwrap().end, day(2026, 12, 31));
    assert_eq!(Period::parse("2026").unwrap().next().label(), "2027");
    assert_eq!(Period::parse("2026-02-28").unwrap().next().label(), "2026-03-01");
    assert_eq!(Period::parse("2028-02").unwrap().end, day(2028, 2, 29));
    for bad in ["", "26", "2026-13", "2026-02-30", "2026-3", "1999", "2026-03-01-02", "année"] {
        assert_eq!(Period::parse(bad), Err("invalid-period"), "{bad}");
    }
    assert_eq!(Period::of_entity(&march.entity()), Some(march));
    assert_eq!(Period::of_entity("day:2026-03"), None);
}

#[test]
fn a_period_closes_once_over_and_in_order() {
    let march = Period::parse("2026-03").unwrap();
    assert_eq!(check(march, day(2026, 3, 31), None, None), Err(ClosureRefusal::NotOver));
    assert_eq!(check(march, day(2026, 4, 1), None, Some(day(2026, 3, 5))), Ok(()));
    assert_eq!(
        check(march, day(2026, 6, 1), None, Some(day(2026, 2, 5))),
        Err(ClosureRefusal::OutOfOrder { expected: "2026-02".into() }),
        "the first closure holds the first entry"
    );
    let feb = Period::parse("2026-02").unwrap();
    assert_eq!(check(march, day(2026, 6, 1), Some(feb), Some(day(2026, 2, 5))), Ok(()));
    assert!(check(march.next(), day(2026, 6, 1), Some(feb), None).is_err(), "no gap");
    // The scheduler waits for the day after the period to be over too.
    assert_eq!(next_due(PeriodKind::Month, day(2026, 4, 1), Some(feb), None), None);
    assert_eq!(next_due(PeriodKind::Month, day(2026, 4, 2), Some(feb), None), Some(march));
    assert_eq!(next_due(PeriodKind::Day, day(2026, 4, 2), None, None), None, "nothing entered, nothing to close");
}

#[test]
fn sums_add_documents_credit_notes_and_payments() {
    let entry = |kind, fields| Entry::next(None, kind, "x".into(), day(2026, 3, 1), fields);
    let mut sums = Sums::default();
    sums.add(&entry(
        EntryKind::Invoice,
        json!({"net": 10000, "vat": 2000, "total": 12000, "rates": [{"rate_bp": 2000, "base": 10000, "vat": 2000}]}),
    ));
    sums.add(&entry(
        EntryKind::CreditNote,
        json!({"net": 1000, "vat": 200, "total": 1200, "rates": [{"rate_bp": 2000, "base": 1000, "vat": 200}]}),
    ));
    sums.add(&entry(EntryKind::Payment, json!({"amount": 5000})));
    assert_eq!(sums.turnover(), 10800);
    assert_eq!(sums.by_rate["2000"], RateSums { base: 9000, vat: 1800 });
    assert_eq!(sums.payments, PaymentSums { count: 1, amount: 5000 });
    let twice = sums.plus(&sums);
    assert_eq!((twice.invoices.count, twice.turnover(), twice.by_rate["2000"].vat), (2, 21600, 3600));
}
