//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

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

/// The parameters of new hashes (A1).
fn params() -> Params {
    Params::new(19_456, 2, 1, Some(32)).expect("valid argon2 parameters")
}

/// A valid hash of a random password, verified against when the account does not exist so that
/// an unknown e-mail costs as much time as a wrong password.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$YXRlbGllci1kZWNveQ$3m0gU5v1Xy6mTqK2o9qj0m1Yb3n0Hh1nV9wq6Fh7Cqk";

/// Password hashing, bounded (A25). Each argon2 hash works in 19 MiB; without a bound, 48
/// concurrent wrong passwords took a server from 772 MB to 1.29 GB, and freed work memory of that
/// size is kept by the allocator. So at most `concurrent` hashes run at once (one per core), each
/// in a work buffer allocated once and reused; a request waits for its turn at most `wait`, then
/// gets `Busy`. Memory stays at `concurrent` × 19 MiB however many sign-ins arrive.
pub struct Hashing {
    inner: Arc<Inner>,
}

struct Inner {
    permits: Arc<Semaphore>,
    buffers: Mutex<Vec<Vec<Block>>>,
    wait: Duration,
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl Hashing {
    pub fn new(concurrent: usize, wait: Duration) -> Self {
        let concurrent = concurrent.max(1);
        Self {
            inner: Arc::new(Inner {
                permits: Arc::new(Semaphore::new(concurrent)),
                buffers: Mutex::new(Vec::with_capacity(concurrent)),
                wait,
                running: AtomicUsize::new(0),
                peak: AtomicUsize::new(0),
            }),
        }
    }

    /// One hash per core at a time; a request waits up to 10 seconds for its turn.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, |n| n.get()), Duration::from_secs(10))
    }

    /// The most hashes that ran at once, and the work buffers kept, since the start.
    pub fn usage(&self) -> (usize, usize) {
        let kept = self.inner.buffers.lock().map_or(0, |b| b.len());
        (self.inner.peak.load(Ordering::Relaxed), kept)
    }

    /// Runs `work` with a work buffer of `blocks` blocks, once a permit is free.
    async fn run<T: Send + 'static>(
        &self,
        blocks: usize,
        work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> AppResult<T> {
        let inner = self.inner.clone();
        let permit = tokio::time::timeout(inner.wait, inner.permits.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Busy)?;
        // The permit and the buffer travel with the blocking work, so that a request abandoned
        // by its client still holds its turn until the hash ends, then gives the buffer back.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut buffer = inner.buffers.lock().ok().and_then(|mut b| b.pop()).unwrap_or_default();
            buffer.resize(blocks, Block::default());
            let now = inner.running.fetch_add(1, Ordering::Relaxed) + 1;
            inner.peak.fetch_max(now, Ordering::Relaxed);
            let out = work(&mut buffer);
            inner.running.fetch_sub(1, Ordering::Relaxed);
            if let Ok(mut buffers) = inner.buffers.lock() {
                buffers.push(buffer);
            }
            out
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// A new argon2id hash of `password`, with a random salt, as a PHC string.
    pub async fn hash(&self, password: Password) -> AppResult<String> {
        let params = params();
        self.run(params.block_count(), move |blocks| {
            let salt = SaltString::generate(&mut OsRng);
            let mut salt_bytes = [0u8; 64];
            let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(argon2_error)?;
            let mut out = [0u8; 32];
            argon2(params.clone())
                .hash_password_into_with_memory(password.0.as_bytes(), salt_bytes, &mut out, blocks)
                .map_err(argon2_error)?;
            let hash = PasswordHash {
                algorithm: Algorithm::Argon2id.ident(),
                version: Some(Version::V0x13.into()),
                params: ParamsString::try_from(&params).map_err(argon2_error)?,
                salt: Some(salt.as_salt()),
                hash: Some(Output::new(&out).map_err(argon2_error)?),
            };
            Ok(hash.to_string())
        })
        .await?
    }

    /// Whether `password` matches `stored`. Without a stored hash (an unknown account, one
    /// without a password) the decoy is checked, so the answer takes as long and is false.
    pub async fn verify(&self, password: Password, stored: Option<String>) -> AppResult<bool> {
        let real = stored.is_some();
        let stored = stored.unwrap_or_else(|| DECOY_HASH.to_owned());
        let blocks = PasswordHash::new(&stored)
            .ok()
            .and_then(|h| Params::try_from(&h).ok())
            .map_or_else(|| params().block_count(), |p| p.block_count());
        let ok = self
            .run(blocks, move |memory| {
                let parsed = PasswordHash::new(&stored).map_err(|e| AppError::Internal(format!("stored hash: {e}")))?;
                let (Some(expected), Some(salt)) = (parsed.hash, parsed.salt) else {
                    return Err(AppError::Internal("stored hash without salt or output".into()));
                };
                let params = Params::try_from(&parsed).map_err(argon2_error)?;
                let mut salt_bytes = [0u8; 64];
                let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(argon2_error)?;
                let mut out = vec![0u8; expected.len()];
                argon2(params)
                    .hash_password_into_with_memory(password.0.as_bytes(), salt_bytes, &mut out, memory)
                    .map_err(argon2_error)?;
                // `Output` compares in constant time.
                Ok(Output::new(&out).map_err(argon2_error)? == expected)
            })
            .await??;
        Ok(ok && real)
    }
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn argon2_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("argon2: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashing() -> Hashing {
        Hashing::new(2, Duration::from_secs(30))
    }

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_unique_salts() {
        // A1
        let h = hashing();
        let a = h.hash(Password::parse("correct horse battery").unwrap()).await.unwrap();
        let b = h.hash(Password::parse("correct horse battery").unwrap()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(h.verify(Password::attempt("correct horse battery"), Some(a.clone())).await.unwrap());
        assert!(!h.verify(Password::attempt("correct horse batterY"), Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_of_the_argon2_crate_itself_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let theirs = argon2(params()).hash_password(b"an old stored password", &salt).unwrap().to_string();
        assert!(hashing().verify(Password::attempt("an old stored password"), Some(theirs.clone())).await.unwrap());
        assert!(!hashing().verify(Password::attempt("an old stored passworD"), Some(theirs)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_is_verified_against_the_decoy_and_fails() {
        // A5: same work, same answer.
        assert!(!hashing().verify(Password::attempt("whatever it is"), None).await.unwrap());
    }

    /// A25: however many arrive at once, at most `concurrent` hashes run, in as many buffers.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a25_concurrent_hashing_is_bounded_and_reuses_its_memory() {
        let h = Arc::new(hashing());
        let stored = h.hash(Password::attempt("the right password")).await.unwrap();
        let tries: Vec<_> = (0..12)
            .map(|_| {
                let (h, stored) = (h.clone(), stored.clone());
                tokio::spawn(async move { h.verify(Password::attempt("a wrong password"), Some(stored)).await })
            })
            .collect();
        for attempt in tries {
            assert!(!attempt.await.unwrap().unwrap());
        }
        assert_eq!(h.usage(), (2, 2), "two at a time, in two buffers kept for the next");
    }

    /// A25: a request that waits longer than allowed for its turn is told the server is busy.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a25_waiting_too_long_is_busy() {
        let h = Arc::new(Hashing::new(1, Duration::from_millis(5)));
        let first = {
            let h = h.clone();
            tokio::spawn(async move { h.verify(Password::attempt("first"), None).await })
        };
        while h.inner.running.load(Ordering::Relaxed) == 0 {
            tokio::task::yield_now().await;
        }
        let second = h.verify(Password::attempt("second"), None).await;
        assert!(matches!(second, Err(AppError::Busy)), "{second:?}");
        assert!(!first.await.unwrap().unwrap());
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
