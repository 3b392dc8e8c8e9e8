//! Encryption at rest of small secrets (second-factor seeds) under `ATELIER_SECRET_KEY`:
//! XChaCha20-Poly1305 with a random 192-bit nonce per value, and the owner's id as associated
//! data, so that a sealed value copied onto another user's row does not open.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{AeadCore, XChaCha20Poly1305, XNonce};

use crate::{AppError, AppResult};

const NONCE_LEN: usize = 24;
const KEY_FILE: &str = "secret.key";

/// 256-bit key. Never printed.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

impl SecretKey {
    /// A key written as 64 hexadecimal digits (`openssl rand -hex 32`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = hex::decode(text.trim()).map_err(|_| "must be 64 hexadecimal digits".to_owned())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| "must be 64 hexadecimal digits (32 bytes)".to_owned())?;
        Ok(Self(key))
    }

    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// Demo mode: the key kept in the data directory, created (readable by its owner only) on
    /// first use.
    pub fn load_or_create(data_dir: &Path) -> Result<Self, String> {
        let path = data_dir.join(KEY_FILE);
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()));
        }
        std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
        let key = Self::generate();
        // Written whole under a name of its own, then linked into place: two processes
        // starting together on a new data directory never read a half-written key, and the
        // one that links second takes the first one's key.
        let temp = data_dir.join(format!("{KEY_FILE}.{}.tmp", uuid::Uuid::new_v4().simple()));
        write_private(&temp, &hex::encode(key.0)).map_err(|e| format!("{}: {e}", temp.display()))?;
        let linked = std::fs::hard_link(&temp, &path);
        let _ = std::fs::remove_file(&temp);
        match linked {
            Ok(()) => Ok(key),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
            }
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }

    /// Encrypts `secret` for `owner`; the result is text for a database column.
    pub fn seal(&self, owner: &str, secret: &[u8]) -> AppResult<String> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher()
            .encrypt(&nonce, Payload { msg: secret, aad: owner.as_bytes() })
            .map_err(|_| AppError::Internal("sealing a secret failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(B64.encode(out))
    }

    /// Decrypts what `seal` gave for the same owner; any tampering, another owner or another
    /// key is an internal error (nothing to show a user).
    pub fn open(&self, owner: &str, sealed: &str) -> AppResult<Vec<u8>> {
        let bad =
            || AppError::Internal("a sealed secret does not open: wrong ATELIER_SECRET_KEY or tampered row".into());
        let bytes = B64.decode(sealed).map_err(|_| bad())?;
        if bytes.len() <= NONCE_LEN {
            return Err(bad());
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        self.cipher()
            .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: owner.as_bytes() })
            .map_err(|_| bad())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processes_starting_together_on_a_new_data_directory_share_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let keys: Vec<[u8; 32]> = (0..8)
            .map(|_| {
                let (barrier, path) = (barrier.clone(), dir.path().to_owned());
                std::thread::spawn(move || {
                    barrier.wait();
                    SecretKey::load_or_create(&path).unwrap().0
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(SecretKey::load_or_create(dir.path()).unwrap().0, keys[0]);
    }

    #[test]
    fn sealed_secrets_open_only_for_their_owner_and_key() {
        let key = SecretKey::generate();
        let sealed = key.seal("user-1", b"0123456789abcdefghij").unwrap();
        assert!(!sealed.contains("0123456789"));
        assert_eq!(key.open("user-1", &sealed).unwrap(), b"0123456789abcdefghij");
        assert!(key.open("user-2", &sealed).is_err());
        assert!(SecretKey::generate().open("user-1", &sealed).is_err());
        let mut tampered = B64.decode(&sealed).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(key.open("user-1", &B64.encode(tampered)).is_err());
    }

    #[test]
    fn two_seals_of_one_secret_differ() {
        let key = SecretKey::generate();
        assert_ne!(key.seal("u", b"same").unwrap(), key.seal("u", b"same").unwrap());
    }

    #[test]
    fn keys_parse_from_hex_only() {
        assert!(SecretKey::parse(&"ab".repeat(32)).is_ok());
        assert!(SecretKey::parse("short").is_err());
        assert!(SecretKey::parse(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn the_demo_key_is_created_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = SecretKey::load_or_create(dir.path()).unwrap();
        let again = SecretKey::load_or_create(dir.path()).unwrap();
        assert_eq!(first.0, again.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
