//! Sites (warehouses, depots, shops) of a tenant.

use serde::{Deserialize, Serialize};

use crate::error::{ValidationErrors, bounded_text};

/// A site's short code, unique in its tenant: 1 to 16 of `A-Z 0-9 -`, stored upper-case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCode(String);

impl SiteCode {
    pub const MAX_LEN: usize = 16;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_uppercase();
        if value.is_empty() {
            return Err("required");
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err("too-long");
        }
        if !value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-') {
            return Err("invalid-site-code");
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A site's display name: free text, 1 to 100 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteName(String);

impl SiteName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        bounded_text(raw, Self::MAX_LEN).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The optional city of a site: empty means none.
pub fn parse_city(raw: &str) -> Result<Option<String>, &'static str> {
    if raw.trim().is_empty() { Ok(None) } else { bounded_text(raw, 80).map(Some) }
}

/// A site as shown to users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub id: String,
    pub code: String,
    pub name: String,
    pub city: Option<String>,
    /// UTC epoch milliseconds.
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// A validated request to create a site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSite {
    pub code: SiteCode,
    pub name: SiteName,
    pub city: Option<String>,
}

impl NewSite {
    /// Parses every field and reports all the problems at once.
    pub fn parse(code: &str, name: &str, city: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let code = errors.check("code", SiteCode::parse(code));
        let name = errors.check("name", SiteName::parse(name));
        let city = errors.check("city", parse_city(city));
        match (code, name, city) {
            (Some(code), Some(name), Some(city)) => Ok(Self { code, name, city }),
            _ => Err(errors),
        }
    }
}

/// The new-site form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteForm {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub city: String,
}

impl SiteForm {
    pub fn parse(&self) -> Result<NewSite, ValidationErrors> {
        NewSite::parse(&self.code, &self.name, &self.city)
    }

    pub fn values(&self) -> [(&'static str, &str); 3] {
        [("code", &self.code), ("name", &self.name), ("city", &self.city)]
    }
}

/// The rename form of a site as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameSiteForm {
    pub id: String,
    pub name: String,
}

impl RenameSiteForm {
    pub fn parse(&self) -> Result<(String, SiteName), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let id = errors.check("id", crate::input::parse_id(&self.id));
        let name = errors.check("name", SiteName::parse(&self.name));
        match (id, name) {
            (Some(id), Some(name)) => Ok((id, name)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_code_is_upper_cased_and_restricted() {
        assert_eq!(SiteCode::parse(" wh-01 ").unwrap().as_str(), "WH-01");
        assert_eq!(SiteCode::parse(""), Err("required"));
        assert_eq!(SiteCode::parse("a;b"), Err("invalid-site-code"));
        assert_eq!(SiteCode::parse("../x"), Err("invalid-site-code"));
        assert_eq!(SiteCode::parse(&"A".repeat(17)), Err("too-long"));
    }

    #[test]
    fn new_site_reports_every_invalid_field() {
        let err = NewSite::parse("", &"x".repeat(101), "").unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, vec![("code", "required"), ("name", "too-long")]);
    }

    #[test]
    fn new_site_accepts_unicode_names_and_empty_city() {
        let site = NewSite::parse("dep-2", "Dépôt d'Oran", " ").unwrap();
        assert_eq!(site.name.as_str(), "Dépôt d'Oran");
        assert_eq!(site.city, None);
    }
}
