//! When repeated failed sign-ins lock an account (A4).

/// Failures counted within this window…
pub const WINDOW_MS: i64 = 3_600_000;
/// …up to this many lock the account…
pub const DEFAULT_THRESHOLD: i64 = 10;
/// …for this long.
pub const DEFAULT_LOCK_MS: i64 = 30 * 60_000;

/// The lock that `failures_in_window` failures (this one included) lead to, if any.
pub fn lock_until(failures_in_window: i64, now_ms: i64, threshold: i64, lock_ms: i64) -> Option<i64> {
    (failures_in_window >= threshold).then_some(now_ms + lock_ms)
}

pub fn is_locked(locked_until_ms: Option<i64>, now_ms: i64) -> bool {
    locked_until_ms.is_some_and(|until| now_ms < until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenth_failure_in_an_hour_locks_for_thirty_minutes() {
        assert_eq!(lock_until(9, 1_000, DEFAULT_THRESHOLD, DEFAULT_LOCK_MS), None);
        assert_eq!(lock_until(10, 1_000, DEFAULT_THRESHOLD, DEFAULT_LOCK_MS), Some(1_000 + 1_800_000));
        assert!(is_locked(Some(5), 4));
        assert!(!is_locked(Some(5), 5));
        assert!(!is_locked(None, 5));
    }
}
