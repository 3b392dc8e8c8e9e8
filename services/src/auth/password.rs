//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::{AppError, AppResult};

/// A password as typed. Never serialised, never printed.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    /// Length rules and the common-password list only: no composition rules, nothing truncated,
    /// any Unicode.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let chars = raw.chars().count();
        if chars == 0 {
            Err("required")
        } else if chars < Self::MIN_CHARS {
            Err("password-too-short")
        } else if chars > Self::MAX_CHARS {
            Err("too-long")
        } else if is_common(raw) {
            Err("password-too-common")
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// For verification only: a login attempt is checked whatever its length.
    pub fn attempt(raw: &str) -> Self {
        Self(raw.to_owned())
    }
}

/// The most common passwords of 12 characters or more (A3; see `data/README.md`), lower-cased.
static COMMON: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| include_str!("../../data/common-passwords.txt").lines().collect());

/// Whether a password is on the list of the most common ones, whatever its case.
pub fn is_common(raw: &str) -> bool {
    COMMON.contains(raw.to_lowercase().as_str())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes on the blocking pool: argon2 is deliberately slow and would stall the runtime.
pub async fn hash(password: Password) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// A valid hash of a random password, verified against when the account does not exist so that
/// an unknown e-mail costs as much time as a wrong password.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$YXRlbGllci1kZWNveQ$3m0gU5v1Xy6mTqK2o9qj0m1Yb3n0Hh1nV9wq6Fh7Cqk";

pub async fn verify(password: Password, stored: Option<String>) -> AppResult<bool> {
    let real = stored.is_some();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DECOY_HASH.to_owned());
        let parsed = PasswordHash::new(&stored).map_err(|e| AppError::Internal(format!("stored hash: {e}")))?;
        let ok = hasher().verify_password(password.0.as_bytes(), &parsed).is_ok();
        Ok(ok && real)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_unique_salts() {
        // A1
        let a = hash(Password::parse("correct horse battery").unwrap()).await.unwrap();
        let b = hash(Password::parse("correct horse battery").unwrap()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify(Password::attempt("correct horse battery"), Some(a.clone())).await.unwrap());
        assert!(!verify(Password::attempt("correct horse batterY"), Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_is_verified_against_the_decoy_and_fails() {
        // A5: same work, same answer.
        assert!(!verify(Password::attempt("whatever it is"), None).await.unwrap());
    }

    #[test]
    fn length_rules_without_composition_rules() {
        // A2
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("twelve chars").is_ok());
        assert!(Password::parse("ééééééééééééé").is_ok(), "Unicode counts in characters");
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert_eq!(Password::parse(&"x".repeat(257)).err(), Some("too-long"));
    }

    #[test]
    fn a2_a3_common_passwords_are_refused_whatever_their_case() {
        assert_eq!(Password::parse("123qweasdzxc").err(), Some("password-too-common"));
        assert_eq!(Password::parse("1QAZ2WSX3EDC").err(), Some("password-too-common"));
        assert!(COMMON.len() > 40_000, "the shipped list is loaded");
        assert!(Password::parse("atelier ferme à 18 h").is_ok());
    }
}
