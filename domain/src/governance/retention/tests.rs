use chrono::NaiveDate;

use super::*;

fn ms(day: &str, hms: &str) -> i64 {
    let t = chrono::NaiveDateTime::parse_from_str(&format!("{day} {hms}"), "%Y-%m-%d %H:%M:%S").unwrap();
    t.and_utc().timestamp_millis()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_seed_table_periods() {
    let years: Vec<(&str, u32)> = DataType::ALL.iter().map(|t| (t.key(), t.years())).collect();
    assert_eq!(
        years,
        [
            ("invoices", 10),
            ("payments", 10),
            ("stock_movements", 10),
            ("receipts", 10),
            ("audit_logs", 10),
            ("security_logs", 5),
            ("deliveries", 5),
            ("lots", 5),
            ("session_tokens", 1),
            ("sync_events", 1),
        ]
    );
    for t in DataType::ALL {
        assert_eq!(DataType::parse(t.key()), Some(*t));
    }
    assert_eq!(DataType::parse("sessions"), None);
}

#[test]
fn accounting_records_are_kept_until_the_end_of_their_tenth_year() {
    let now = ms("2026-12-07", "10:00:00");
    // 2015's invoices were kept until 31 December 2025: past; 2016's until the end of 2026.
    let cut = DataType::Invoices.cutoffs(now);
    assert_eq!(cut.eligible_before, day("2015-12-31"), "a day's margin before 1 January 2016");
    assert_eq!(DataType::Invoices.band(ms("2015-06-30", "12:00:00"), now), Band::Eligible);
    assert_eq!(DataType::Invoices.band(ms("2016-01-01", "00:30:00"), now), Band::Archive);
    // 00:30 on 1 January 2016 in Paris is 23:30 UTC on 31 December 2015: still kept.
    assert_eq!(DataType::Invoices.band(ms("2015-12-31", "23:30:00"), now), Band::Archive);
    assert_eq!(DataType::Invoices.band(ms("2026-01-15", "09:00:00"), now), Band::Active);
    assert_eq!(DataType::Invoices.band(ms("2025-12-06", "09:00:00"), now), Band::Archive);
    // On 1 January 2027, 2016 is over too.
    let next_year = ms("2027-01-01", "12:00:00");
    assert_eq!(DataType::Payments.band(ms("2016-07-01", "12:00:00"), next_year), Band::Eligible);
}

#[test]
fn other_records_are_kept_from_their_own_date() {
    let now = ms("2026-12-07", "10:00:00");
    assert_eq!(DataType::SecurityLogs.cutoffs(now).eligible_before, day("2021-12-06"));
    assert_eq!(DataType::SecurityLogs.band(ms("2021-12-05", "23:59:59"), now), Band::Eligible);
    assert_eq!(DataType::SecurityLogs.band(ms("2021-12-06", "00:00:00"), now), Band::Archive);
    assert_eq!(DataType::SecurityLogs.band(ms("2026-01-01", "00:00:00"), now), Band::Active);
}

#[test]
fn a_session_is_active_until_it_ends_and_kept_a_year_after() {
    let now = ms("2026-12-07", "10:00:00");
    let t = DataType::SessionTokens;
    assert_eq!(t.band(now + 60_000, now), Band::Active);
    assert_eq!(t.band(now - 60_000, now), Band::Archive);
    assert_eq!(t.band(ms("2025-12-06", "12:00:00"), now), Band::Archive, "a day's margin");
    assert_eq!(t.band(ms("2025-12-05", "23:00:00"), now), Band::Eligible);
}

#[test]
fn a_leap_day_moves_to_the_end_of_february() {
    let now = ms("2028-02-29", "10:00:00");
    assert_eq!(DataType::SessionTokens.cutoffs(now).eligible_before, day("2027-02-27"));
}

#[test]
fn day_columns_are_cut_on_the_same_days() {
    let now = ms("2026-12-07", "10:00:00");
    assert_eq!(DataType::Invoices.cutoffs(now).days(), ("2025-12-07".to_owned(), "2015-12-31".to_owned()));
}

#[test]
fn only_ended_sessions_and_security_events_are_purged() {
    assert_eq!(purgeable("session_tokens"), Ok(DataType::SessionTokens));
    assert_eq!(purgeable(" security_logs "), Ok(DataType::SecurityLogs));
    assert_eq!(purgeable("invoices"), Err("retention-kept-ledger-chain"));
    assert_eq!(purgeable("payments"), Err("retention-kept-ledger-chain"));
    assert_eq!(purgeable("stock_movements"), Err("retention-kept-stock-history"));
    assert_eq!(purgeable("receipts"), Err("retention-kept-stock-history"));
    assert_eq!(purgeable("lots"), Err("retention-kept-lot-movements"));
    assert_eq!(purgeable("audit_logs"), Err("retention-kept-audit-chain"));
    assert_eq!(purgeable("deliveries"), Err("retention-not-held"));
    assert_eq!(purgeable("sync_events"), Err("retention-not-held"));
    assert_eq!(purgeable("everything"), Err("retention-unknown-type"));
}

#[test]
fn a_purge_must_be_confirmed() {
    let form = |t: &str, c: &str| PurgeForm { data_type: t.into(), confirm: c.into() };
    assert_eq!(form("session_tokens", "on").parse(), Ok(DataType::SessionTokens));
    let codes = |f: PurgeForm| f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
    assert_eq!(codes(form("session_tokens", "")), [("confirm".to_owned(), "retention-confirm-required".to_owned())]);
    assert_eq!(
        codes(form("invoices", "")),
        [
            ("data_type".to_owned(), "retention-kept-ledger-chain".to_owned()),
            ("confirm".to_owned(), "retention-confirm-required".to_owned())
        ]
    );
}

#[test]
fn a_running_purge_whose_batches_stopped_was_interrupted() {
    assert_eq!(PurgeStatus::of("running", 1_000, 1_000 + PURGE_STALE_MS), Some(PurgeStatus::Running));
    assert_eq!(PurgeStatus::of("running", 1_000, 1_001 + PURGE_STALE_MS), Some(PurgeStatus::Interrupted));
    assert_eq!(PurgeStatus::of("done", 0, i64::MAX), Some(PurgeStatus::Done));
    assert_eq!(PurgeStatus::of("lost", 0, 0), None);
}
