//! TOTP codes (RFC 6238: SHA-1, 30-second steps, 6 digits) and the steps they belong to
//! (A13–A15).

use domain::second_factor as rules;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

use crate::{AppError, AppResult};

pub(super) fn totp(secret: Vec<u8>, account: &str) -> AppResult<TOTP> {
    // `new` refuses secrets under 128 bits; ours are 160 (A16).
    TOTP::new(
        Algorithm::SHA1,
        rules::DIGITS,
        u8::try_from(rules::SKEW_STEPS).unwrap_or(1),
        rules::STEP_SECONDS,
        secret,
        Some("Atelier".to_owned()),
        account.to_owned(),
    )
    .map_err(|e| AppError::Internal(format!("totp: {e}")))
}

pub(super) fn current_step(now_ms: i64) -> i64 {
    now_ms.div_euclid(1000) / i64::try_from(rules::STEP_SECONDS).unwrap_or(30)
}

/// The time step whose code `code` is, within the allowed skew and later than `after` (A14,
/// A15), or None.
pub fn matching_step(secret: &[u8], code: &str, now_ms: i64, after: Option<i64>) -> Option<i64> {
    let totp = TOTP::new_unchecked(
        Algorithm::SHA1,
        rules::DIGITS,
        0,
        rules::STEP_SECONDS,
        secret.to_vec(),
        None,
        String::new(),
    );
    let now = current_step(now_ms);
    let skew = i64::try_from(rules::SKEW_STEPS).unwrap_or(1);
    (now - skew..=now + skew).filter(|step| after.is_none_or(|a| *step > a)).find(|step| {
        let at = u64::try_from(*step).unwrap_or(0) * rules::STEP_SECONDS;
        bool::from(totp.generate(at).as_bytes().ct_eq(code.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A13: RFC 6238 Appendix B, SHA-1 rows (the 8-digit reference values; we show 6 digits,
    /// which are their last six).
    #[test]
    fn a13_rfc6238_appendix_b_vectors() {
        let secret = b"12345678901234567890";
        let vectors = [
            (59_i64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (seconds, expected) in vectors {
            let eight = TOTP::new_unchecked(Algorithm::SHA1, 8, 0, 30, secret.to_vec(), None, String::new());
            assert_eq!(eight.generate(u64::try_from(seconds).unwrap()), expected, "8 digits at T={seconds}");
            let six = &expected[2..];
            assert!(matching_step(secret, six, seconds * 1000, None).is_some(), "6 digits at T={seconds}");
        }
    }

    /// A14: one step either side, never two.
    #[test]
    fn a14_skew_is_one_step_either_side() {
        let secret = b"12345678901234567890";
        let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 0, 30, secret.to_vec(), None, String::new());
        let now_ms = 1_700_000_000_000_i64;
        let step = current_step(now_ms);
        let code_at = |s: i64| totp.generate(u64::try_from(s).unwrap() * 30);
        assert_eq!(matching_step(secret, &code_at(step), now_ms, None), Some(step));
        assert_eq!(matching_step(secret, &code_at(step - 1), now_ms, None), Some(step - 1));
        assert_eq!(matching_step(secret, &code_at(step + 1), now_ms, None), Some(step + 1));
        assert_eq!(matching_step(secret, &code_at(step - 2), now_ms, None), None);
        assert_eq!(matching_step(secret, &code_at(step + 2), now_ms, None), None);
    }

    /// A15 (pure part): a step at or before the last accepted one never matches.
    #[test]
    fn a15_old_steps_do_not_match() {
        let secret = b"12345678901234567890";
        let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 0, 30, secret.to_vec(), None, String::new());
        let now_ms = 1_700_000_000_000_i64;
        let step = current_step(now_ms);
        let code = totp.generate(u64::try_from(step).unwrap() * 30);
        assert_eq!(matching_step(secret, &code, now_ms, Some(step)), None);
        assert_eq!(matching_step(secret, &code, now_ms, Some(step - 1)), Some(step));
    }
}
