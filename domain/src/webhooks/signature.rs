//! How a delivery is signed, as the Standard Webhooks specification writes it
//! (<https://www.standardwebhooks.com>), so that a receiver can check it with any of that
//! specification's libraries: HMAC-SHA256, keyed by the webhook's secret, of
//! `{webhook-id}.{webhook-timestamp}.{body}`, sent as `webhook-signature: v1,<base64>`. The
//! timestamp (seconds since 1970) is signed, so a receiver refuses a delivery replayed later;
//! the id is signed, so it cannot be swapped to pass a receiver's duplicate check.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How a secret is written: `whsec_` and its bytes in base64.
pub const SECRET_PREFIX: &str = "whsec_";

/// The length of a new secret (the specification asks for 24 to 64 bytes).
pub const SECRET_BYTES: usize = 32;

/// The headers of a delivery.
pub const ID_HEADER: &str = "webhook-id";
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// A webhook's signing key. Never serialised, never printed; shown to its admin once, as text.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Secret {
    /// A secret of freshly drawn random bytes (drawn by the caller: this crate has no IO).
    pub fn from_random(bytes: [u8; SECRET_BYTES]) -> Self {
        Self(bytes.to_vec())
    }

    /// A secret as written (`whsec_…`), e.g. read back from storage.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = B64.decode(text.strip_prefix(SECRET_PREFIX)?).ok()?;
        (24..=64).contains(&bytes.len()).then_some(Self(bytes))
    }

    /// The secret as its admin copies it into the receiver.
    pub fn text(&self) -> String {
        format!("{SECRET_PREFIX}{}", B64.encode(&self.0))
    }
}

/// One signature: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
pub fn sign(secret: &Secret, id: &str, timestamp_s: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret.0).expect("HMAC takes keys of any length");
    mac.update(format!("{id}.{timestamp_s}.").as_bytes());
    mac.update(body.as_bytes());
    format!("v1,{}", B64.encode(mac.finalize().into_bytes()))
}

/// The `webhook-signature` header: one signature per secret, separated by spaces (during a
/// rotation, the new secret's and the previous one's, so receivers switch without a gap).
pub fn header(secrets: &[&Secret], id: &str, timestamp_s: i64, body: &str) -> String {
    secrets.iter().map(|s| sign(s, id, timestamp_s, body)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification and of its reference libraries.
    const SPEC_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const SPEC_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const SPEC_TIMESTAMP: i64 = 1_614_265_330;
    const SPEC_BODY: &str = r#"{"test": 2432232314}"#;
    const SPEC_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    #[test]
    fn the_signature_matches_the_specifications_known_vector() {
        let secret = Secret::parse(SPEC_SECRET).unwrap();
        assert_eq!(sign(&secret, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY), SPEC_SIGNATURE);
    }

    #[test]
    fn the_id_the_timestamp_and_every_byte_of_the_body_are_signed() {
        let secret = Secret::parse(SPEC_SECRET).unwrap();
        assert_ne!(sign(&secret, "msg_other", SPEC_TIMESTAMP, SPEC_BODY), SPEC_SIGNATURE);
        assert_ne!(sign(&secret, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY), SPEC_SIGNATURE);
        assert_ne!(sign(&secret, SPEC_ID, SPEC_TIMESTAMP, r#"{"test": 2432232315}"#), SPEC_SIGNATURE);
        let other = Secret::from_random([7; SECRET_BYTES]);
        assert_ne!(sign(&other, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY), SPEC_SIGNATURE);
    }

    #[test]
    fn during_a_rotation_both_secrets_sign() {
        let (old, new) = (Secret::parse(SPEC_SECRET).unwrap(), Secret::from_random([9; SECRET_BYTES]));
        let both = header(&[&new, &old], SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        let parts: Vec<&str> = both.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1], SPEC_SIGNATURE);
    }

    #[test]
    fn secrets_round_trip_as_text_and_odd_ones_are_refused() {
        let secret = Secret::from_random([42; SECRET_BYTES]);
        assert!(secret.text().starts_with("whsec_"));
        assert_eq!(Secret::parse(&secret.text()), Some(secret));
        assert_eq!(Secret::parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), None);
        assert_eq!(Secret::parse("whsec_c2hvcnQ="), None);
        assert_eq!(Secret::parse("whsec_!!!"), None);
        assert_eq!(format!("{:?}", Secret::parse(SPEC_SECRET).unwrap()), "Secret(***)");
    }
}
