use serde::{Deserialize, Serialize};

/// A tenant's code: `[a-z0-9-]{2,32}`, not starting or ending with `-`.
///
/// It names the tenant's database (a file under the data directory, or a PostgreSQL database),
/// so the strict alphabet is what keeps it from ever becoming a path or SQL injection (T3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TenantCode(String);

impl TenantCode {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        if value.is_empty() {
            return Err("required");
        }
        let valid_chars = value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !(2..=32).contains(&value.len()) || !valid_chars || value.starts_with('-') || value.ends_with('-') {
            return Err("invalid-tenant-code");
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier used for the tenant's PostgreSQL database (hyphens are not allowed there
    /// without quoting, so they become underscores).
    pub fn database_suffix(&self) -> String {
        self.0.replace('-', "_")
    }
}

impl std::fmt::Display for TenantCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantStatus {
    Active,
    Suspended,
}

impl TenantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        match raw {
            "active" => Ok(Self::Active),
            "suspended" => Ok(Self::Suspended),
            _ => Err("invalid-tenant-status"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_codes_of_the_documented_alphabet() {
        for good in ["demo", "acme", "ab", "sarl-dupont-2", &"a".repeat(32)] {
            assert!(TenantCode::parse(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn refuses_injection_shaped_codes() {
        for bad in ["../x", "a;b", "A", "a", "demo/..", "demo db", "-demo", "demo-", "démo", "x'--", &"a".repeat(33)] {
            assert!(TenantCode::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn database_suffix_has_no_hyphen() {
        assert_eq!(TenantCode::parse("sarl-dupont").unwrap().database_suffix(), "sarl_dupont");
    }
}
