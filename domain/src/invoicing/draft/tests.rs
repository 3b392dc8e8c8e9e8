use super::*;

fn header() -> DraftForm {
    DraftForm {
        customer: "c1".into(),
        issue_date: "2026-12-01".into(),
        due_date: "31/12/2026".into(),
        category: "services".into(),
        ..DraftForm::default()
    }
}

fn line() -> LineForm {
    LineForm {
        draft: "d1".into(),
        designation: "Intervention de maintenance".into(),
        unit: "h".into(),
        quantity: "2,5".into(),
        unit_price: "45,00".into(),
        discount: "10".into(),
        vat_rate: "20".into(),
        ..LineForm::default()
    }
}

fn codes(errors: ValidationErrors) -> Vec<(String, String)> {
    errors.0.into_iter().map(|e| (e.field, e.code)).collect()
}

#[test]
fn a_header_reads_both_date_styles_and_keeps_due_after_issue() {
    let h = header().parse().unwrap();
    assert_eq!(h.issue_date, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(h.due_date, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(h.category, Category::Services);
    let no_due = DraftForm { due_date: String::new(), ..header() };
    assert_eq!(no_due.parse().unwrap().due_date, None, "from the terms");
    let today = DraftForm { issue_date: String::new(), ..header() };
    assert_eq!(today.parse().unwrap().issue_date, None, "today, by the server's clock");
    let before = DraftForm { due_date: "2026-11-30".into(), ..header() };
    assert_eq!(codes(before.parse().unwrap_err()), [("due_date".to_owned(), "due-before-issue".to_owned())]);
    let bad = DraftForm {
        issue_date: "2026-02-30".into(),
        category: "food".into(),
        payment_method: "barter".into(),
        ..header()
    };
    let fields: Vec<String> = codes(bad.parse().unwrap_err()).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["issue_date", "category", "payment_method"]);
}

#[test]
fn a_line_is_priced_in_the_country_of_the_seller() {
    let (draft, l) = line().parse(Country::France).unwrap();
    assert_eq!(draft, "d1");
    assert_eq!(l.price.amounts().unwrap().net_minor, 10_125, "2.5 × 45.00 = 112.50, less 10 % = 101.25");
    let algerian = line().parse(Country::Algeria).unwrap_err();
    assert_eq!(codes(algerian), [("vat_rate".to_owned(), "vat-rate-not-allowed".to_owned())]);
    let nine = LineForm { vat_rate: "9".into(), ..line() };
    assert!(nine.parse(Country::Algeria).is_ok());
    let no_unit = LineForm { unit: " ".into(), ..line() };
    assert_eq!(no_unit.parse(Country::France).unwrap().1.unit, "u");
}

#[test]
fn zero_negative_and_excessive_lines_are_refused() {
    for (form, field, code) in [
        (LineForm { quantity: "0".into(), ..line() }, "quantity", "quantity-not-positive"),
        (LineForm { quantity: "-1".into(), ..line() }, "quantity", "invalid-quantity"),
        (LineForm { unit_price: "0".into(), ..line() }, "unit_price", "line-not-positive"),
        (LineForm { discount: "120".into(), ..line() }, "discount", "discount-over-100"),
        (LineForm { designation: "".into(), ..line() }, "designation", "required"),
        (LineForm { designation: "x".repeat(201), ..line() }, "designation", "too-long"),
        (
            LineForm { quantity: "1000000000".into(), unit_price: "1000000000".into(), ..line() },
            "quantity",
            "line-amount-too-large",
        ),
    ] {
        assert_eq!(codes(form.parse(Country::France).unwrap_err()), [(field.to_owned(), code.to_owned())], "{form:?}");
    }
}

#[test]
fn days_are_calendar_days() {
    assert_eq!(parse_day("29/02/2028"), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
    assert_eq!(parse_day("29/02/2027"), Err("invalid-date"));
    assert_eq!(parse_day("tomorrow"), Err("invalid-date"));
    assert_eq!(Category::ALL.map(|c| Category::parse(c.as_str())), Category::ALL.map(Ok));
}

#[test]
fn stored_dates_come_from_today_and_the_terms_unless_given() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let blank = DraftForm { issue_date: String::new(), due_date: String::new(), ..header() }.parse().unwrap();
    assert_eq!(blank.dates(day(2), 14), Ok((day(2), day(16))));
    assert_eq!(blank.dates(day(2), 0), Ok((day(2), day(2))), "due on receipt");
    let dated = DraftForm { due_date: String::new(), ..header() }.parse().unwrap();
    assert_eq!(dated.dates(day(20), 30).map(|(issue, _)| issue), Ok(day(1)), "a given date stays");
    // A due date given alone may fall before today's issue date: refused, not moved.
    let due_only = DraftForm { issue_date: String::new(), due_date: "2026-12-05".into(), ..header() }.parse().unwrap();
    assert_eq!(due_only.dates(day(10), 30).unwrap_err().code, "due-before-issue");
}
