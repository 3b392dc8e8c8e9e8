//! Emergency modes: who may still enter and who may still change anything, for a company (set
//! by its admins) and for the whole platform (set by its operator). A request obeys both.

use serde::{Deserialize, Serialize};

use crate::Role;
use crate::error::{ValidationErrors, bounded_text};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Normal,
    /// Everyone reads; nobody changes anything (an audit, a migration being checked).
    ReadOnly,
    /// A security incident: only admins stay in, and they may act.
    Lockdown,
    /// Work on the company or the platform: only admins stay in, and they may act.
    Maintenance,
}

/// The longest reason an admin may give.
pub const REASON_MAX: usize = 300;

impl Mode {
    pub const ALL: [Mode; 4] = [Self::Normal, Self::ReadOnly, Self::Lockdown, Self::Maintenance];

    /// As stored, typed on the command line and in the REST API's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "NORMAL",
            Self::ReadOnly => "READ_ONLY",
            Self::Lockdown => "LOCKDOWN",
            Self::Maintenance => "MAINTENANCE",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        Self::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(raw)).ok_or("unknown-mode")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Normal => "mode-normal",
            Self::ReadOnly => "mode-read-only",
            Self::Lockdown => "mode-lockdown",
            Self::Maintenance => "mode-maintenance",
        }
    }

    /// The error code of a member this mode keeps out.
    pub fn closed_code(self) -> &'static str {
        match self {
            Self::Maintenance => "mode-closed-maintenance",
            _ => "mode-closed-lockdown",
        }
    }

    /// The error code of a change this mode stops.
    pub fn writes_code(self) -> &'static str {
        match self {
            Self::Lockdown => "mode-writes-lockdown",
            Self::Maintenance => "mode-writes-maintenance",
            _ => "mode-writes-read-only",
        }
    }

    /// Whether a member of this role may be signed in to the company at all.
    pub fn admits(self, role: Role) -> bool {
        match self {
            Self::Normal | Self::ReadOnly => true,
            Self::Lockdown | Self::Maintenance => role == Role::Admin,
        }
    }

    /// Whether a member of this role may change anything (what the role itself allows).
    pub fn lets_write(self, role: Role) -> bool {
        match self {
            Self::Normal => true,
            Self::ReadOnly => false,
            Self::Lockdown | Self::Maintenance => role == Role::Admin,
        }
    }

    /// Whether the server's own scheduled work that writes (alert checks, deliveries, closures)
    /// runs: not while nothing may change, nor during maintenance.
    pub fn lets_jobs_write(self) -> bool {
        matches!(self, Self::Normal | Self::Lockdown)
    }
}

/// One scope's mode and the reason given for it (none when normal).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeState {
    pub mode: Mode,
    pub reason: Option<String>,
}

impl ModeState {
    /// From what the database holds: no row is normal; an unknown mode is None (corrupt).
    pub fn stored(mode: Option<&str>, reason: Option<String>) -> Option<Self> {
        match mode {
            None => Some(Self::default()),
            Some(raw) => Mode::parse(raw).ok().map(|mode| Self { mode, reason }),
        }
    }
}

/// Which of the two scopes a refusal comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModeScope {
    Platform,
    Company,
}

/// The modes a request obeys: the platform's and its company's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modes {
    pub platform: ModeState,
    pub company: ModeState,
}

impl Modes {
    /// The mode that keeps this role out, if one does (the platform's first).
    pub fn closed_to(&self, role: Role) -> Option<&ModeState> {
        [&self.platform, &self.company].into_iter().find(|s| !s.mode.admits(role))
    }

    /// The mode that stops this role's changes, if one does (the platform's first).
    pub fn stops_writes_of(&self, role: Role) -> Option<&ModeState> {
        [&self.platform, &self.company].into_iter().find(|s| !s.mode.lets_write(role))
    }

    pub fn lets_jobs_write(&self) -> bool {
        self.platform.mode.lets_jobs_write() && self.company.mode.lets_jobs_write()
    }

    /// What every page's banner says: each scope not in its normal mode, the platform's first.
    pub fn banners(&self) -> Vec<(ModeScope, ModeState)> {
        [(ModeScope::Platform, &self.platform), (ModeScope::Company, &self.company)]
            .into_iter()
            .filter(|(_, s)| s.mode != Mode::Normal)
            .map(|(scope, s)| (scope, s.clone()))
            .collect()
    }
}

/// A scope's mode as the console shows it: who set it, when (in the company's time) and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeSetting {
    pub mode: Mode,
    pub reason: Option<String>,
    pub set_by: Option<String>,
    pub set_at_local_ms: Option<i64>,
}

/// The emergency mode page: the company's mode, the platform's, and whether the reader may
/// change the company's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModePage {
    pub company: ModeSetting,
    pub platform: ModeSetting,
    pub can_set: bool,
}

/// A change of mode as typed: the mode and the reason, which is always required (it is shown
/// to everyone the mode stops, and kept in the audit log).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModeForm {
    pub mode: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeChange {
    pub mode: Mode,
    pub reason: String,
}

impl ModeChange {
    pub fn parse(form: &ModeForm) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mode = errors.check("mode", Mode::parse(&form.mode));
        let reason = errors.check("reason", bounded_text(&form.reason, REASON_MAX));
        match (mode, reason) {
            (Some(mode), Some(reason)) if errors.is_empty() => Ok(Self { mode, reason }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(mode: Mode) -> ModeState {
        ModeState { mode, reason: Some("why".into()) }
    }

    #[test]
    fn each_mode_admits_and_lets_write_per_role() {
        for role in Role::ALL {
            assert!(Mode::Normal.admits(role) && Mode::Normal.lets_write(role));
            assert!(Mode::ReadOnly.admits(role) && !Mode::ReadOnly.lets_write(role));
            let admin = role == Role::Admin;
            for closed in [Mode::Lockdown, Mode::Maintenance] {
                assert_eq!(closed.admits(role), admin, "{closed:?} {role:?}");
                assert_eq!(closed.lets_write(role), admin, "{closed:?} {role:?}");
            }
        }
        assert!(Mode::Normal.lets_jobs_write() && Mode::Lockdown.lets_jobs_write());
        assert!(!Mode::ReadOnly.lets_jobs_write() && !Mode::Maintenance.lets_jobs_write());
    }

    #[test]
    fn a_request_obeys_the_platform_and_its_company() {
        let modes = Modes { platform: state(Mode::ReadOnly), company: state(Mode::Lockdown) };
        assert_eq!(modes.closed_to(Role::Manager).map(|s| s.mode), Some(Mode::Lockdown));
        assert_eq!(modes.closed_to(Role::Admin), None);
        // The platform's read-only stops even the company's admins.
        assert_eq!(modes.stops_writes_of(Role::Admin).map(|s| s.mode), Some(Mode::ReadOnly));
        assert!(!modes.lets_jobs_write());
        assert_eq!(modes.banners().len(), 2);
        assert_eq!(modes.banners()[0].0, ModeScope::Platform);

        let normal = Modes::default();
        assert!(normal.banners().is_empty() && normal.lets_jobs_write());
        assert_eq!(normal.stops_writes_of(Role::Technician), None);
    }

    #[test]
    fn a_change_needs_a_known_mode_and_a_reason() {
        let ok = ModeChange::parse(&ModeForm { mode: "read_only".into(), reason: "  Audit  ".into() }).unwrap();
        assert_eq!(ok, ModeChange { mode: Mode::ReadOnly, reason: "Audit".into() });
        let errors = ModeChange::parse(&ModeForm { mode: "PANIC".into(), reason: " ".into() }).unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect::<Vec<_>>(),
            [("mode", "unknown-mode"), ("reason", "required")]
        );
        let long = "x".repeat(REASON_MAX + 1);
        assert!(ModeChange::parse(&ModeForm { mode: "NORMAL".into(), reason: long }).is_err());
    }

    #[test]
    fn stored_modes_parse_or_are_reported() {
        assert_eq!(ModeState::stored(None, None), Some(ModeState::default()));
        assert_eq!(ModeState::stored(Some("LOCKDOWN"), Some("x".into())).map(|s| s.mode), Some(Mode::Lockdown));
        assert_eq!(ModeState::stored(Some("PANIC"), None), None);
    }
}
