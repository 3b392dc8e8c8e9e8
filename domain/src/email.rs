use serde::{Deserialize, Serialize};

/// An e-mail address, trimmed and lower-cased so that it can serve as a login identifier.
///
/// The check is deliberately modest (one `@`, a dotted domain, no spaces): the only real proof
/// that an address works is a message delivered to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err("required");
        }
        if value.len() > Self::MAX_LEN {
            return Err("too-long");
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err("invalid-email");
        };
        let domain_ok =
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || domain.contains('@')
            || value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err("invalid-email");
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(Email::parse("  Manager@Demo.Example ").unwrap().as_str(), "manager@demo.example");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in ["", "   ", "no-at-sign", "@demo.example", "a@b", "a@.b.c", "a@b..c", "a b@c.d", "a@b@c.d"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Email::parse(&format!("{}@x.fr", "a".repeat(260))), Err("too-long"));
    }
}
