//! Progressive rollout: a user's bucket (0 to 99) for a flag is a stable hash of the flag and the
//! user, so that opening a feature to 25 % then 50 % keeps the first quarter in, and two flags
//! at 10 % do not pick the same tenth.

use sha2::{Digest, Sha256};

use crate::Flag;

/// The user's bucket for this flag: the first 8 bytes of SHA-256("<flag>:<user id>"), as a
/// big-endian integer, modulo 100.
pub fn bucket(flag: Flag, user_id: &str) -> u8 {
    let digest = Sha256::digest(format!("{}:{user_id}", flag.name()).as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % 100) as u8
}

/// Whether a user is in a rollout of `percent` (0: nobody, 100: everyone).
pub fn includes(flag: Flag, user_id: &str, percent: u8) -> bool {
    bucket(flag, user_id) < percent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("00000000-0000-4000-8000-{i:012}")).collect()
    }

    #[test]
    fn a_bucket_is_stable_and_known() {
        let user = "3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809a1b";
        assert_eq!(bucket(Flag::BulkStockImport, user), bucket(Flag::BulkStockImport, user));
        // Pinned, so that a change of the hash (which would move users between buckets) fails here.
        let digest = Sha256::digest(format!("bulk_stock_import:{user}").as_bytes());
        let expected = (u64::from_be_bytes(digest[..8].try_into().unwrap()) % 100) as u8;
        assert_eq!(bucket(Flag::BulkStockImport, user), expected);
    }

    #[test]
    fn widening_keeps_those_already_in_and_the_share_is_close_to_the_percent() {
        let users = users(10_000);
        for flag in Flag::ALL {
            let at_25: Vec<&String> = users.iter().filter(|u| includes(*flag, u, 25)).collect();
            assert!(at_25.iter().all(|u| includes(*flag, u, 50)), "{flag:?}: 50 % keeps the first 25 %");
            let share = |p: u8| users.iter().filter(|u| includes(*flag, u, p)).count() as f64 / users.len() as f64;
            for p in [10u8, 25, 50, 90] {
                assert!((share(p) - f64::from(p) / 100.0).abs() < 0.02, "{flag:?} at {p} %: {}", share(p));
            }
            assert_eq!(share(0), 0.0);
            assert_eq!(share(100), 1.0);
        }
    }

    #[test]
    fn two_flags_pick_different_users() {
        let users = users(10_000);
        let both = users
            .iter()
            .filter(|u| includes(Flag::BulkStockImport, u, 10) && includes(Flag::AutoReorderSuggestions, u, 10))
            .count();
        // Independent tenths overlap on about a hundredth, not a tenth.
        assert!(both < 200, "{both}");
    }
}
