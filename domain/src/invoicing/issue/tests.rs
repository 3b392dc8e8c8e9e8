use super::*;
use crate::Quantity;
use crate::invoicing::line::{Discount, LinePrice};
use crate::invoicing::vat::VatRate;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn draft(lines: usize, missing: Vec<Mention>) -> DraftView {
    let price = LinePrice {
        quantity: Quantity::from_milli(2_000).unwrap(),
        unit_price_minor: 10_00,
        discount: Discount::try_from(0).unwrap(),
        vat: VatRate::of(2000, crate::Country::France).unwrap(),
    };
    let lines: Vec<DraftLineView> = (0..lines)
        .map(|i| DraftLineView {
            id: format!("l{i}"),
            position: i as i64 + 1,
            designation: "Pose".into(),
            unit: "h".into(),
            quantity: price.quantity,
            unit_price_minor: price.unit_price_minor,
            discount: price.discount,
            vat: price.vat,
            amounts: price.amounts().unwrap(),
        })
        .collect();
    let totals = (!lines.is_empty()).then(|| Totals::of(&vec![price; lines.len()]).unwrap());
    DraftView {
        id: "d".into(),
        customer_id: "c".into(),
        customer_name: "Client".into(),
        issue_date: day("2026-03-10"),
        due_date: day("2026-04-09"),
        category: Category::Services,
        payment_method: None,
        exemption: None,
        currency: Currency::Eur,
        lines,
        totals,
        missing,
        vat_rates: vec![],
        can_edit: true,
        can_issue: true,
    }
}

#[test]
fn a_complete_draft_dated_today_or_before_may_be_issued() {
    let d = draft(2, vec![]);
    assert_eq!(check(&d, day("2026-03-10"), None), Ok(()));
    assert_eq!(check(&d, day("2026-12-31"), Some(day("2026-03-10"))), Ok(()), "the same day as the last one");
}

#[test]
fn an_empty_or_incomplete_draft_is_refused_with_everything_it_lacks() {
    assert_eq!(check(&draft(0, vec![]), day("2026-03-10"), None), Err(IssueRefusal::Empty));
    let lacking = vec![Mention::SellerSiren, Mention::BuyerSiren];
    assert_eq!(check(&draft(1, lacking.clone()), day("2026-03-10"), None), Err(IssueRefusal::Missing(lacking)));
}

#[test]
fn dates_follow_the_numbers() {
    let d = draft(1, vec![]);
    assert_eq!(check(&d, day("2026-03-09"), None), Err(IssueRefusal::DatedInFuture));
    assert_eq!(
        check(&d, day("2026-03-20"), Some(day("2026-03-11"))),
        Err(IssueRefusal::DatedBeforeLast(day("2026-03-11")))
    );
    assert_eq!(fiscal_year(day("2026-12-31")), 2026);
}

#[test]
fn verification_ids_are_26_crockford_digits_read_back_forgivingly() {
    let id = VerificationId::from_random([0xff; 16]);
    assert_eq!(id.as_str(), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    let zero = VerificationId::from_random([0; 16]);
    assert_eq!(zero.as_str(), "0".repeat(26));
    let some = VerificationId::from_random(*b"atelier-invoices");
    assert_eq!(VerificationId::parse(&some.as_str().to_lowercase()), Ok(some.clone()));
    assert_eq!(VerificationId::parse("oooooooooooooooooooooooooo").map(String::from), Ok("0".repeat(26)));
    for bad in ["", "8ZZZZZZZZZZZZZZZZZZZZZZZZZ", "0000000000000000000000000U", "000", &"0".repeat(27)] {
        assert_eq!(VerificationId::parse(bad), Err("invalid-verification-id"), "{bad}");
    }
    let verify = Verify::new("https://erp.example.fr/", some.clone());
    assert_eq!(verify.url, format!("https://erp.example.fr/verify/{}", some.as_str()));
}
