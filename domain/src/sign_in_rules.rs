//! A company's sign-in rules: which roles must use a second factor, and when failed sign-ins
//! lock an account.

use serde::{Deserialize, Serialize};

use crate::{Role, ValidationErrors, lockout};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInRules {
    pub second_factor_roles: Vec<Role>,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
}

/// The allowed ranges: a threshold under 3 would lock people out by typos alone; a lock over a
/// day is an outage.
pub const THRESHOLDS: std::ops::RangeInclusive<i64> = 3..=100;
pub const LOCK_MINUTES: std::ops::RangeInclusive<i64> = 1..=1440;

impl Default for SignInRules {
    fn default() -> Self {
        Self {
            second_factor_roles: Vec::new(),
            lockout_threshold: lockout::DEFAULT_THRESHOLD,
            lockout_minutes: lockout::DEFAULT_LOCK_MS / 60_000,
        }
    }
}

impl SignInRules {
    /// Validates what an admin typed, reporting every problem at once.
    pub fn parse(roles: &[String], threshold: &str, minutes: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut second_factor_roles = Vec::new();
        for raw in roles {
            match Role::parse(raw) {
                Ok(role) if !second_factor_roles.contains(&role) => second_factor_roles.push(role),
                Ok(_) => {}
                Err(code) => errors.add("roles", code),
            }
        }
        let number = |raw: &str, range: &std::ops::RangeInclusive<i64>| {
            raw.trim().parse::<i64>().ok().filter(|n| range.contains(n))
        };
        let lockout_threshold = number(threshold, &THRESHOLDS);
        let lockout_minutes = number(minutes, &LOCK_MINUTES);
        if lockout_threshold.is_none() {
            errors.add("lockout_threshold", "out-of-range");
        }
        if lockout_minutes.is_none() {
            errors.add("lockout_minutes", "out-of-range");
        }
        match (lockout_threshold, lockout_minutes) {
            (Some(lockout_threshold), Some(lockout_minutes)) if errors.is_empty() => {
                Ok(Self { second_factor_roles, lockout_threshold, lockout_minutes })
            }
            _ => Err(errors),
        }
    }

    /// Whether `role` must use a second factor, given the stored comma-separated list.
    pub fn requires_second_factor(stored_roles: &str, role: &str) -> bool {
        stored_roles.split(',').any(|r| r.trim() == role)
    }
}

/// The sign-in rules form as posted: one checkbox per role (`mfa_<role>`, present when ticked)
/// and the two numbers as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRulesForm {
    pub lockout_threshold: String,
    pub lockout_minutes: String,
    #[serde(default)]
    pub mfa_admin: Option<String>,
    #[serde(default)]
    pub mfa_manager: Option<String>,
    #[serde(default)]
    pub mfa_accountant: Option<String>,
    #[serde(default)]
    pub mfa_technician: Option<String>,
    #[serde(default)]
    pub mfa_auditor: Option<String>,
}

impl SignInRulesForm {
    pub fn parse(&self) -> Result<SignInRules, ValidationErrors> {
        let ticked =
            [&self.mfa_admin, &self.mfa_manager, &self.mfa_accountant, &self.mfa_technician, &self.mfa_auditor];
        let roles: Vec<String> =
            Role::ALL.iter().zip(ticked).filter(|(_, on)| on.is_some()).map(|(r, _)| r.as_str().to_owned()).collect();
        SignInRules::parse(&roles, &self.lockout_threshold, &self.lockout_minutes)
    }

    pub fn values(&self) -> [(&'static str, &str); 2] {
        [("lockout_threshold", &self.lockout_threshold), ("lockout_minutes", &self.lockout_minutes)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_validated() {
        let ok = SignInRules::parse(&["admin".into(), "accountant".into(), "admin".into()], "5", "60").unwrap();
        assert_eq!(ok.second_factor_roles, vec![Role::Admin, Role::Accountant]);
        let errors = SignInRules::parse(&["root".into()], "2", "x").unwrap_err();
        assert_eq!(errors.0.len(), 3);
        assert!(SignInRules::requires_second_factor("admin,accountant", "accountant"));
        assert!(!SignInRules::requires_second_factor("admin", "auditor"));
    }
}
