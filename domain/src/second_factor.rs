//! What a user may type at the second step of signing in, and the shape of recovery codes.

/// TOTP codes: RFC 6238 with SHA-1, 30-second steps, 6 digits (what every authenticator app
/// supports).
pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;
/// Codes of the previous and the next step are accepted too (A14): a phone's clock may be up to
/// 30 seconds off, and typing takes time. Never more.
pub const SKEW_STEPS: u64 = 1;
/// 160 random bits (A16, RFC 4226's recommendation).
pub const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Recovery codes are 10 characters of a 32-symbol alphabet without i, l, o and 1 (50 bits), shown as
/// two groups of five.
pub const RECOVERY_ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
pub const RECOVERY_LEN: usize = 10;

/// A second-factor entry, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondFactorInput {
    Totp(String),
    Recovery(String),
}

impl SecondFactorInput {
    /// Spaces and dashes are ignored and letters lower-cased, so "123 456" and "ABCDE-FGHJK" work.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let clean: String =
            raw.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect();
        if clean.is_empty() {
            Err("required")
        } else if clean.len() == DIGITS && clean.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self::Totp(clean))
        } else if clean.len() == RECOVERY_LEN && clean.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
            Ok(Self::Recovery(clean))
        } else {
            Err("invalid-code")
        }
    }
}

/// A recovery code as shown to the user: `abcde-fghjk`.
pub fn display_recovery_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised() {
        assert_eq!(SecondFactorInput::parse(" 123 456 "), Ok(SecondFactorInput::Totp("123456".into())));
        assert_eq!(SecondFactorInput::parse("ABCDE-FGHJK"), Ok(SecondFactorInput::Recovery("abcdefghjk".into())));
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(SecondFactorInput::parse(""), Err("required"));
        assert_eq!(SecondFactorInput::parse("12345"), Err("invalid-code"));
        assert_eq!(SecondFactorInput::parse("1234567"), Err("invalid-code"));
        assert_eq!(SecondFactorInput::parse("abcde-fghi1"), Err("invalid-code"));
        assert_eq!(SecondFactorInput::parse("'; drop table"), Err("invalid-code"));
    }

    #[test]
    fn recovery_codes_show_in_two_groups() {
        assert_eq!(display_recovery_code("abcdefghjk"), "abcde-fghjk");
    }
}
