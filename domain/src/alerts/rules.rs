//! A company's settings of one rule: on or off, its threshold, the severity of its alerts and
//! the roles they notify; the defaults every company starts with; the form an admin edits.

use serde::{Deserialize, Serialize};

use super::{RuleKind, Unit};
use crate::error::ValidationErrors;
use crate::{Role, Severity};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSettings {
    pub kind: RuleKind,
    pub enabled: bool,
    /// In the kind's unit; None for a rule without a threshold.
    pub threshold: Option<u32>,
    pub severity: Severity,
    /// Never empty, in `Role::ALL` order.
    pub roles: Vec<Role>,
}

impl RuleSettings {
    /// What a new company starts with.
    pub fn default_for(kind: RuleKind) -> Self {
        use Role::{Accountant, Admin, Manager};
        let (threshold, severity, roles) = match kind {
            RuleKind::EmergencyPending => (Some(5), Severity::Critical, vec![Admin, Manager]),
            RuleKind::InvoiceOverdue => (Some(7), Severity::Warning, vec![Admin, Accountant]),
            RuleKind::InvoiceLongOverdue => (Some(30), Severity::Critical, vec![Admin, Accountant]),
            RuleKind::StockCritical => (None, Severity::Critical, vec![Admin, Manager]),
            RuleKind::MissionBlocked => (Some(60), Severity::Warning, vec![Admin, Manager]),
            RuleKind::TimesheetsUnapproved => (Some(7), Severity::Warning, vec![Admin, Manager]),
        };
        Self { kind, enabled: true, threshold, severity, roles }
    }

    /// The roles as stored: `,admin,manager,` (so that one role is found with `LIKE '%,admin,%'`).
    pub fn roles_text(&self) -> String {
        roles_text(&self.roles)
    }
}

pub fn roles_text(roles: &[Role]) -> String {
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    format!(",{},", names.join(","))
}

/// The roles of a stored `,admin,manager,`; None when it names an unknown role or none.
pub fn parse_roles_text(text: &str) -> Option<Vec<Role>> {
    let roles: Option<Vec<Role>> = text.split(',').filter(|r| !r.is_empty()).map(|r| Role::parse(r).ok()).collect();
    roles.filter(|r| !r.is_empty())
}

/// The rule form as typed: one checkbox per role, so that a form without JavaScript posts them
/// as plain fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    pub kind: String,
    pub enabled: Option<String>,
    pub threshold: String,
    pub unit: String,
    pub severity: String,
    pub role_admin: Option<String>,
    pub role_manager: Option<String>,
    pub role_accountant: Option<String>,
    pub role_technician: Option<String>,
    pub role_auditor: Option<String>,
}

impl RuleForm {
    /// The form showing a rule's current settings.
    pub fn of(rule: &RuleSettings) -> Self {
        let on = |role: Role| rule.roles.contains(&role).then(|| "on".to_owned());
        Self {
            kind: rule.kind.as_str().to_owned(),
            enabled: rule.enabled.then(|| "on".to_owned()),
            threshold: rule.threshold.map(|t| t.to_string()).unwrap_or_default(),
            unit: rule.kind.unit().map(Unit::as_str).unwrap_or_default().to_owned(),
            severity: rule.severity.as_str().to_owned(),
            role_admin: on(Role::Admin),
            role_manager: on(Role::Manager),
            role_accountant: on(Role::Accountant),
            role_technician: on(Role::Technician),
            role_auditor: on(Role::Auditor),
        }
    }

    /// What was typed, to fill a refused form again (an unchecked box is an empty value).
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        let boxes = [
            ("enabled", &self.enabled),
            ("role_admin", &self.role_admin),
            ("role_manager", &self.role_manager),
            ("role_accountant", &self.role_accountant),
            ("role_technician", &self.role_technician),
            ("role_auditor", &self.role_auditor),
        ];
        let mut values = vec![
            ("kind", self.kind.as_str()),
            ("threshold", self.threshold.as_str()),
            ("severity", self.severity.as_str()),
        ];
        values.extend(boxes.into_iter().map(|(name, value)| (name, value.as_deref().unwrap_or_default())));
        values
    }

    pub fn role_checked(&self, role: Role) -> bool {
        let field = match role {
            Role::Admin => &self.role_admin,
            Role::Manager => &self.role_manager,
            Role::Accountant => &self.role_accountant,
            Role::Technician => &self.role_technician,
            Role::Auditor => &self.role_auditor,
        };
        field.as_deref().is_some_and(|v| !v.trim().is_empty())
    }

    pub fn parse(&self) -> Result<RuleSettings, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = errors.check("kind", RuleKind::parse(&self.kind));
        let severity = errors.check(
            "severity",
            Severity::ALL
                .into_iter()
                .find(|s| s.as_str().eq_ignore_ascii_case(self.severity.trim()))
                .ok_or("invalid-severity"),
        );
        let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| self.role_checked(*r)).collect();
        if roles.is_empty() {
            errors.add("roles", "alert-roles-empty");
        }
        let threshold = kind.and_then(|kind| errors.check("threshold", self.threshold(kind)).flatten());
        errors.into_result()?;
        let (Some(kind), Some(severity)) = (kind, severity) else { unreachable!("errors were reported above") };
        Ok(RuleSettings { kind, enabled: self.enabled.is_some(), threshold, severity, roles })
    }

    /// The threshold of a rule of `kind`: a whole number above zero, in the kind's unit (a
    /// form that says days for a rule counted in minutes is refused, not converted).
    fn threshold(&self, kind: RuleKind) -> Result<Option<u32>, &'static str> {
        let Some(unit) = kind.unit() else {
            return if self.threshold.trim().is_empty() { Ok(None) } else { Err("alert-threshold-none") };
        };
        if !self.unit.trim().is_empty() && Unit::parse(&self.unit)? != unit {
            return Err("alert-threshold-unit");
        }
        let raw = self.threshold.trim();
        if raw.is_empty() {
            return Err("required");
        }
        let value: i64 = raw.parse().map_err(|_| "invalid-number")?;
        if value <= 0 {
            Err("alert-threshold-positive")
        } else if value > i64::from(unit.max()) {
            Err(match unit {
                Unit::Minutes => "alert-threshold-max-minutes",
                Unit::Days => "alert-threshold-max-days",
            })
        } else {
            Ok(Some(value as u32))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: RuleKind) -> RuleForm {
        RuleForm::of(&RuleSettings::default_for(kind))
    }

    fn codes(result: Result<RuleSettings, ValidationErrors>) -> Vec<(String, String)> {
        result.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn every_default_round_trips_through_its_form() {
        for kind in RuleKind::ALL {
            let rule = RuleSettings::default_for(kind);
            assert_eq!(RuleForm::of(&rule).parse(), Ok(rule.clone()), "{kind:?}");
            assert_eq!(parse_roles_text(&rule.roles_text()), Some(rule.roles.clone()));
            assert_eq!(rule.threshold.is_some(), kind.unit().is_some());
        }
    }

    #[test]
    fn the_seed_table_is_what_companies_start_with() {
        let emergency = RuleSettings::default_for(RuleKind::EmergencyPending);
        assert_eq!((emergency.threshold, emergency.severity), (Some(5), Severity::Critical));
        assert_eq!(emergency.roles, vec![Role::Admin, Role::Manager]);
        let overdue = RuleSettings::default_for(RuleKind::InvoiceOverdue);
        assert_eq!((overdue.threshold, overdue.severity), (Some(7), Severity::Warning));
        assert_eq!(overdue.roles, vec![Role::Admin, Role::Accountant]);
        let late = RuleSettings::default_for(RuleKind::InvoiceLongOverdue);
        assert_eq!((late.threshold, late.severity), (Some(30), Severity::Critical));
        assert_eq!(RuleSettings::default_for(RuleKind::MissionBlocked).threshold, Some(60));
        assert_eq!(RuleSettings::default_for(RuleKind::TimesheetsUnapproved).threshold, Some(7));
    }

    #[test]
    fn a_threshold_must_be_a_positive_whole_number_within_its_unit() {
        for (typed, code) in [
            ("0", "alert-threshold-positive"),
            ("-5", "alert-threshold-positive"),
            ("", "required"),
            ("2.5", "invalid-number"),
            ("five", "invalid-number"),
            ("10081", "alert-threshold-max-minutes"),
        ] {
            let f = RuleForm { threshold: typed.into(), ..form(RuleKind::EmergencyPending) };
            assert_eq!(codes(f.parse()), vec![("threshold".into(), code.into())], "{typed}");
        }
        let f = RuleForm { threshold: "367".into(), ..form(RuleKind::InvoiceOverdue) };
        assert_eq!(codes(f.parse()), vec![("threshold".into(), "alert-threshold-max-days".into())]);
        let f = RuleForm { threshold: "10080".into(), ..form(RuleKind::EmergencyPending) };
        assert_eq!(f.parse().unwrap().threshold, Some(10080));
    }

    #[test]
    fn a_threshold_in_the_wrong_unit_is_refused_not_converted() {
        let f = RuleForm { unit: "days".into(), ..form(RuleKind::EmergencyPending) };
        assert_eq!(codes(f.parse()), vec![("threshold".into(), "alert-threshold-unit".into())]);
        let f = RuleForm { unit: "hours".into(), ..form(RuleKind::InvoiceOverdue) };
        assert_eq!(codes(f.parse()), vec![("threshold".into(), "invalid-unit".into())]);
        let f = RuleForm { threshold: "3".into(), ..form(RuleKind::StockCritical) };
        assert_eq!(codes(f.parse()), vec![("threshold".into(), "alert-threshold-none".into())]);
    }

    #[test]
    fn a_rule_notifies_someone_and_has_a_known_severity_and_kind() {
        let f = RuleForm { role_admin: None, role_manager: Some(String::new()), ..form(RuleKind::MissionBlocked) };
        assert_eq!(codes(f.parse()), vec![("roles".into(), "alert-roles-empty".into())]);
        let f = RuleForm { severity: "fatal".into(), kind: "coffee-low".into(), ..form(RuleKind::MissionBlocked) };
        assert_eq!(
            codes(f.parse()),
            vec![("kind".into(), "invalid-alert-rule".into()), ("severity".into(), "invalid-severity".into())]
        );
        let f = RuleForm { enabled: None, role_technician: Some("on".into()), ..form(RuleKind::StockCritical) };
        let rule = f.parse().unwrap();
        assert!(!rule.enabled);
        assert_eq!(rule.roles, vec![Role::Admin, Role::Manager, Role::Technician]);
    }

    #[test]
    fn stored_roles_are_checked_when_read() {
        assert_eq!(parse_roles_text(",admin,"), Some(vec![Role::Admin]));
        assert_eq!(parse_roles_text(",,"), None);
        assert_eq!(parse_roles_text(",admin,root,"), None);
    }
}
