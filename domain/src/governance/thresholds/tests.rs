use super::*;

#[test]
fn the_defaults_show_in_the_form_and_parse_back() {
    let defaults = SecurityThresholds::default();
    let form = defaults.form();
    assert_eq!((form.unusual_hours_start.as_str(), form.unusual_hours_end.as_str()), ("22:00", "05:00"));
    assert_eq!(form.max_sign_in_attempts_per_hour, "10");
    assert_eq!(form.parse().unwrap(), defaults);
}

#[test]
fn every_value_is_checked_against_its_range_and_every_problem_reported() {
    let mut form = SecurityThresholds::default().form();
    form.max_sign_in_attempts_per_hour = "2".into();
    form.lockout_minutes = "1441".into();
    form.max_admin_actions_per_minute = "-1".into();
    form.max_bulk_operations_per_hour = "".into();
    form.unusual_hours_start = "24:00".into();
    form.unusual_hours_end = "7h".into();
    form.value_change_percent = "12.5".into();
    form.security_events_alert = "99999999999999999999".into();
    let errors = form.parse().unwrap_err();
    let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("max_sign_in_attempts_per_hour", "out-of-range"),
            ("lockout_minutes", "out-of-range"),
            ("max_admin_actions_per_minute", "not-a-whole-number"),
            ("max_bulk_operations_per_hour", "required"),
            ("unusual_hours_start", "invalid-time"),
            ("unusual_hours_end", "invalid-time"),
            ("value_change_percent", "not-a-whole-number"),
            ("security_events_alert", "not-a-whole-number"),
        ]
    );
}

#[test]
fn the_ends_of_each_range_are_accepted() {
    for t in Threshold::ALL {
        for value in [*t.range().start(), *t.range().end()] {
            let mut form = SecurityThresholds::default().form();
            form.set(*t, show(*t, value));
            assert_eq!(form.parse().map(|s| s.get(*t)), Ok(value), "{t:?}");
        }
    }
}

#[test]
fn changes_name_each_threshold_with_both_values() {
    let before = SecurityThresholds::default();
    let mut after = before.clone();
    after.set(Threshold::MaxBulkOperations, 3);
    after.set(Threshold::UnusualHoursStart, 20 * 60);
    assert_eq!(
        after.changes_from(&before),
        [(Threshold::MaxBulkOperations, 20, 3), (Threshold::UnusualHoursStart, 1320, 1200)]
    );
}

#[test]
fn the_stored_names_are_those_the_stock_rules_read() {
    let stored: Vec<_> = Threshold::ALL.iter().filter_map(|t| t.stored_as()).collect();
    for name in
        ["stock_change_pct", "stock_quiet_from_minute", "stock_quiet_until_minute", "stock_movements_per_minute"]
    {
        assert!(stored.contains(&name), "{name}");
    }
    assert_eq!(Threshold::ALL.iter().filter(|t| t.stored_as().is_none()).count(), 2);
}

#[test]
fn the_api_names_thresholds_in_camel_case_and_changes_only_what_it_gives() {
    assert_eq!(Threshold::MaxSignInAttempts.api_key(), "maxSignInAttemptsPerHour");
    assert_eq!(Threshold::UnusualHoursStart.api_key(), "unusualHoursStart");
    for t in Threshold::ALL {
        assert_eq!(Threshold::of_api_key(&t.api_key()), Some(*t));
    }
    let current = SecurityThresholds::default();
    let form = changed_by(&current, &[("lockoutMinutes".into(), 45), ("unusualHoursEnd".into(), 6 * 60 + 30)]).unwrap();
    let saved = form.parse().unwrap();
    assert_eq!(saved.get(Threshold::LockoutMinutes), 45);
    assert_eq!(saved.get(Threshold::UnusualHoursEnd), 390);
    assert_eq!(saved.changes_from(&current).len(), 2, "the others keep their value");

    let errors =
        changed_by(&current, &[("lockout_minutes".into(), 45), ("unusualHoursStart".into(), 1440)]).unwrap_err();
    let fields: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(fields, [("lockout_minutes", "unknown-threshold"), ("unusualHoursStart", "out-of-range")]);
    assert!(changed_by(&current, &[]).is_err(), "a body changing nothing");
}
