//! A company's setting of each feature flag: on or off, the share of users it is open to, the
//! roles it is open to, and its kill switch; who sees the feature; the forms that change it.

use serde::{Deserialize, Serialize};

use super::rollout;
use crate::error::{ValidationErrors, bounded_text};
use crate::{Flag, Role};

/// The longest reason given for a kill switch.
pub const KILL_REASON_MAX: usize = 300;

/// A kill switch thrown: the feature is off for everyone, at once, until it is released.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kill {
    pub reason: String,
    pub by: String,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagSetting {
    pub flag: Flag,
    pub enabled: bool,
    /// 0 to 100: the share of users (by their stable bucket) the feature is open to.
    pub rollout_pct: u8,
    /// The roles it is open to; empty: every role.
    pub roles: Vec<Role>,
    pub kill: Option<Kill>,
}

/// Why a feature is closed to a user: shown where the feature was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Closed {
    /// Turned off by the company.
    Off,
    /// Stopped by its kill switch, with the reason.
    Killed(String),
    /// Open to other roles only.
    Role,
    /// Open to a share of users this user is not in yet.
    Rollout,
}

impl Closed {
    /// The error code of a refusal for this reason.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Off => "feature-off",
            Self::Killed(_) => "feature-killed",
            Self::Role => "feature-not-for-role",
            Self::Rollout => "feature-not-yet",
        }
    }
}

impl FlagSetting {
    /// What a company has before anyone changed the flag.
    pub fn default_for(flag: Flag) -> Self {
        Self { flag, enabled: flag.default_on(), rollout_pct: 100, roles: Vec::new(), kill: None }
    }

    /// Whether this user, in this role, has the feature now (the kill switch first).
    pub fn closed_to(&self, user_id: &str, role: Role) -> Option<Closed> {
        if let Some(kill) = &self.kill {
            return Some(Closed::Killed(kill.reason.clone()));
        }
        if !self.enabled {
            return Some(Closed::Off);
        }
        if !self.roles.is_empty() && !self.roles.contains(&role) {
            return Some(Closed::Role);
        }
        if !rollout::includes(self.flag, user_id, self.rollout_pct) {
            return Some(Closed::Rollout);
        }
        None
    }

    /// Whether the feature is on for everyone: on, not killed, all roles, 100 %.
    pub fn fully_on(&self) -> bool {
        self.kill.is_none() && self.enabled && self.roles.is_empty() && self.rollout_pct == 100
    }
}

/// One flag as the console shows it: its settings, and when its kill switch was thrown in the
/// company's time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub setting: FlagSetting,
    pub killed_at_local_ms: Option<i64>,
}

/// The feature flags page: every flag, and whether the reader may change them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagsPage {
    pub flags: Vec<FlagView>,
    pub can_manage: bool,
}

/// The settings form of one flag as typed (one checkbox per role, so that a form without
/// JavaScript posts them as plain fields).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlagForm {
    pub flag: String,
    pub enabled: Option<String>,
    pub rollout: String,
    pub role_admin: Option<String>,
    pub role_manager: Option<String>,
    pub role_accountant: Option<String>,
    pub role_technician: Option<String>,
    pub role_auditor: Option<String>,
}

/// A flag's new settings, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagChange {
    pub flag: Flag,
    pub enabled: bool,
    pub rollout_pct: u8,
    pub roles: Vec<Role>,
}

impl FlagForm {
    pub fn of(setting: &FlagSetting) -> Self {
        let on = |role: Role| setting.roles.contains(&role).then(|| "on".to_owned());
        Self {
            flag: setting.flag.name().to_owned(),
            enabled: setting.enabled.then(|| "on".to_owned()),
            rollout: setting.rollout_pct.to_string(),
            role_admin: on(Role::Admin),
            role_manager: on(Role::Manager),
            role_accountant: on(Role::Accountant),
            role_technician: on(Role::Technician),
            role_auditor: on(Role::Auditor),
        }
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
        let mut values = vec![("flag", self.flag.as_str()), ("rollout", self.rollout.as_str())];
        values.extend(boxes.into_iter().map(|(name, value)| (name, value.as_deref().unwrap_or_default())));
        values
    }

    pub fn parse(&self) -> Result<FlagChange, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let flag = errors.check("flag", parse_flag(&self.flag));
        let rollout_pct = errors.check("rollout", parse_percent(&self.rollout));
        errors.into_result()?;
        let (Some(flag), Some(rollout_pct)) = (flag, rollout_pct) else { unreachable!("errors were reported above") };
        let roles = Role::ALL.into_iter().filter(|r| self.role_checked(*r)).collect();
        Ok(FlagChange { flag, enabled: self.enabled.is_some(), rollout_pct, roles })
    }
}

pub fn parse_flag(raw: &str) -> Result<Flag, &'static str> {
    Flag::parse(raw).ok_or("unknown-flag")
}

/// A whole percentage from 0 to 100.
pub fn parse_percent(raw: &str) -> Result<u8, &'static str> {
    match raw.trim().parse::<i64>() {
        Ok(p) => percent(p),
        Err(_) if raw.trim().is_empty() => Err("required"),
        Err(_) => Err("not-a-whole-number"),
    }
}

pub fn percent(p: i64) -> Result<u8, &'static str> {
    u8::try_from(p).ok().filter(|p| *p <= 100).ok_or("percent-out-of-range")
}

/// One change of a flag that keeps the rest of its setting (the REST API's toggle and rollout).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagEdit {
    Toggle(bool),
    /// A share of users, and the roles it is limited to when given (None keeps them).
    Rollout {
        pct: u8,
        roles: Option<Vec<Role>>,
    },
}

impl FlagSetting {
    /// The change that applies `edit` to this setting.
    pub fn edited(&self, edit: &FlagEdit) -> FlagChange {
        let mut change = FlagChange {
            flag: self.flag,
            enabled: self.enabled,
            rollout_pct: self.rollout_pct,
            roles: self.roles.clone(),
        };
        match edit {
            FlagEdit::Toggle(on) => change.enabled = *on,
            FlagEdit::Rollout { pct, roles } => {
                change.rollout_pct = *pct;
                if let Some(roles) = roles {
                    change.roles = Role::ALL.into_iter().filter(|r| roles.contains(r)).collect();
                }
            }
        }
        change
    }
}

/// Throwing (with a reason) or releasing a flag's kill switch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KillForm {
    pub flag: String,
    /// "on" throws it, "off" releases it.
    pub kill: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KillChange {
    pub flag: Flag,
    /// The reason when thrown; None releases it.
    pub reason: Option<String>,
}

impl KillForm {
    pub fn parse(&self) -> Result<KillChange, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let flag = errors.check("flag", parse_flag(&self.flag));
        let throw = match self.kill.trim() {
            "on" => Some(true),
            "off" => Some(false),
            _ => {
                errors.add("kill", "invalid-choice");
                None
            }
        };
        let reason = match throw {
            Some(true) => errors.check("reason", bounded_text(&self.reason, KILL_REASON_MAX)),
            // Releasing needs no reason, but one given is not taken whatever its length.
            _ => {
                if self.reason.trim().chars().count() > KILL_REASON_MAX {
                    errors.add("reason", "too-long");
                }
                None
            }
        };
        errors.into_result()?;
        let Some(flag) = flag else { unreachable!("errors were reported above") };
        Ok(KillChange { flag, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "00000000-0000-4000-8000-000000000007";

    #[test]
    fn a_release_takes_no_reason_but_refuses_a_reason_too_long() {
        let form = |kill: &str, reason: String| KillForm { flag: "invoicing".into(), kill: kill.into(), reason };
        assert_eq!(form("off", String::new()).parse().unwrap().reason, None);
        assert_eq!(form("off", "x".into()).parse().unwrap().reason, None);
        assert!(form("off", "x".repeat(KILL_REASON_MAX + 1)).parse().is_err());
        assert!(form("on", String::new()).parse().is_err());
    }

    #[test]
    fn an_edit_changes_one_thing_and_keeps_the_rest() {
        let mut s = FlagSetting::default_for(Flag::BulkStockImport);
        s.rollout_pct = 25;
        s.roles = vec![Role::Manager];
        let on = s.edited(&FlagEdit::Toggle(true));
        assert_eq!((on.enabled, on.rollout_pct, on.roles.clone()), (true, 25, vec![Role::Manager]));
        let half = s.edited(&FlagEdit::Rollout { pct: 50, roles: None });
        assert_eq!((half.enabled, half.rollout_pct, half.roles), (false, 50, vec![Role::Manager]));
        let all = s.edited(&FlagEdit::Rollout { pct: 100, roles: Some(vec![Role::Auditor, Role::Admin]) });
        assert_eq!(all.roles, vec![Role::Admin, Role::Auditor], "in the roles' order, once each");
        assert_eq!(percent(101), Err("percent-out-of-range"));
        assert_eq!(percent(-1), Err("percent-out-of-range"));
        assert_eq!(percent(0), Ok(0));
    }

    #[test]
    fn the_kill_switch_wins_then_off_then_roles_then_the_rollout() {
        let mut s = FlagSetting::default_for(Flag::BulkStockImport);
        assert_eq!(s.closed_to(USER, Role::Manager), Some(Closed::Off), "off by default");
        s.enabled = true;
        assert_eq!(s.closed_to(USER, Role::Manager), None);
        s.roles = vec![Role::Admin];
        assert_eq!(s.closed_to(USER, Role::Manager), Some(Closed::Role));
        assert_eq!(s.closed_to(USER, Role::Admin), None);
        s.rollout_pct = 0;
        assert_eq!(s.closed_to(USER, Role::Admin), Some(Closed::Rollout));
        s.kill = Some(Kill { reason: "Corrupt files".into(), by: "a".into(), at_ms: 1 });
        assert_eq!(s.closed_to(USER, Role::Admin), Some(Closed::Killed("Corrupt files".into())));
        assert_eq!(Closed::Killed(String::new()).code(), "feature-killed");
        assert!(FlagSetting::default_for(Flag::Invoicing).fully_on());
    }

    #[test]
    fn forms_refuse_an_unknown_flag_a_percent_out_of_range_and_a_kill_without_reason() {
        let form = FlagForm { flag: "teleport".into(), rollout: "101".into(), ..FlagForm::default() };
        let codes: Vec<(String, String)> = form.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(codes, [("flag".into(), "unknown-flag".into()), ("rollout".into(), "percent-out-of-range".into())]);
        for (raw, code) in [
            ("-1", "percent-out-of-range"),
            ("abc", "not-a-whole-number"),
            (" ", "required"),
            ("12.5", "not-a-whole-number"),
        ] {
            assert_eq!(parse_percent(raw), Err(code), "{raw}");
        }
        let ok = FlagForm {
            flag: "bulk_stock_import".into(),
            enabled: Some("on".into()),
            rollout: " 25 ".into(),
            role_manager: Some("on".into()),
            ..FlagForm::default()
        };
        assert_eq!(
            ok.parse().unwrap(),
            FlagChange { flag: Flag::BulkStockImport, enabled: true, rollout_pct: 25, roles: vec![Role::Manager] }
        );
        let kill = KillForm { flag: "invoicing".into(), kill: "on".into(), reason: " ".into() };
        assert_eq!(kill.parse().unwrap_err().0[0].code, "required");
        let release = KillForm { flag: "invoicing".into(), kill: "off".into(), reason: String::new() };
        assert_eq!(release.parse().unwrap(), KillChange { flag: Flag::Invoicing, reason: None });
    }
}
