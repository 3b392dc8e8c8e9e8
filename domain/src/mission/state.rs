//! The life of a mission: its states, the actions that move it, and the one table saying which
//! action leads from which state to which, and who may take it. The database holds the same
//! pairs (`mission_transitions`, migration 0013) and refuses any other change of state.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::Permission;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissionState {
    New,
    Published,
    Assigned,
    InProgress,
    Blocked,
    Done,
    Invoiced,
    Cancelled,
}

impl MissionState {
    pub const ALL: [Self; 8] = [
        Self::New,
        Self::Published,
        Self::Assigned,
        Self::InProgress,
        Self::Blocked,
        Self::Done,
        Self::Invoiced,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Published => "published",
            Self::Assigned => "assigned",
            Self::InProgress => "in-progress",
            Self::Blocked => "blocked",
            Self::Done => "done",
            Self::Invoiced => "invoiced",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim()).ok_or("invalid-mission-state")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::New => "mission-state-new",
            Self::Published => "mission-state-published",
            Self::Assigned => "mission-state-assigned",
            Self::InProgress => "mission-state-in-progress",
            Self::Blocked => "mission-state-blocked",
            Self::Done => "mission-state-done",
            Self::Invoiced => "mission-state-invoiced",
            Self::Cancelled => "mission-state-cancelled",
        }
    }

    /// Nothing changes a mission in this state any more.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Invoiced | Self::Cancelled)
    }

    /// Its description, address, schedule and terms may still change, and so may its
    /// technicians: not once it is done (its invoice is drawn from it) or closed.
    pub fn editable(self) -> bool {
        !self.is_final() && self != Self::Done
    }

    /// A technician is at work on it: time may be recorded and parts withdrawn.
    pub fn takes_work(self) -> bool {
        matches!(self, Self::Assigned | Self::InProgress | Self::Blocked | Self::Done)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    Low,
    Normal,
    High,
    /// An urgent request from a customer: shown at the top of the managers' home page until a
    /// technician accepts it.
    Emergency,
}

impl Priority {
    pub const ALL: [Self; 4] = [Self::Low, Self::Normal, Self::High, Self::Emergency];
    /// What a planned mission may be given (an emergency is recorded as such).
    pub const PLANNED: [Self; 3] = [Self::Low, Self::Normal, Self::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Emergency => "emergency",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim()).ok_or("invalid-priority")
    }

    /// The priority after an edit that asks for `asked` (None: unchanged). An emergency stays
    /// one: it was called in, and its caller is on record.
    pub fn edited(self, asked: Option<Self>) -> Result<Self, &'static str> {
        match asked {
            Some(p) if self == Self::Emergency && p != Self::Emergency => Err("invalid-priority"),
            asked => Ok(asked.unwrap_or(self)),
        }
    }

    /// The business event recording a mission of this priority is: an emergency called in.
    pub fn created_event(self) -> Option<crate::events::EventKind> {
        (self == Self::Emergency).then_some(crate::events::EventKind::EmergencyCreated)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Low => "mission-priority-low",
            Self::Normal => "mission-priority-normal",
            Self::High => "mission-priority-high",
            Self::Emergency => "mission-priority-emergency",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Publish,
    Accept,
    Start,
    Block,
    Resume,
    Complete,
    Invoice,
    Cancel,
}

impl Action {
    /// The business event the step is (`domain::events`), if it is one.
    pub fn event(self) -> Option<crate::events::EventKind> {
        (self == Self::Block).then_some(crate::events::EventKind::MissionBlocked)
    }

    pub const ALL: [Self; 8] = [
        Self::Publish,
        Self::Accept,
        Self::Start,
        Self::Block,
        Self::Resume,
        Self::Complete,
        Self::Invoice,
        Self::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Accept => "accept",
            Self::Start => "start",
            Self::Block => "block",
            Self::Resume => "resume",
            Self::Complete => "complete",
            Self::Invoice => "invoice",
            Self::Cancel => "cancel",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw.trim()).ok_or("invalid-mission-action")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Publish => "mission-action-publish",
            Self::Accept => "mission-action-accept",
            Self::Start => "mission-action-start",
            Self::Block => "mission-action-block",
            Self::Resume => "mission-action-resume",
            Self::Complete => "mission-action-complete",
            Self::Invoice => "mission-action-invoice",
            Self::Cancel => "mission-action-cancel",
        }
    }
}

/// What an action asks the person taking it to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Note {
    None,
    /// Why (a blockage, a cancellation).
    Reason,
    /// What was done (the end of the work).
    Report,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub action: Action,
    pub from: MissionState,
    pub to: MissionState,
    pub permission: Permission,
    pub note: Note,
}

const fn step(action: Action, from: MissionState, to: MissionState, permission: Permission, note: Note) -> Transition {
    Transition { action, from, to, permission, note }
}

use MissionState as S;
use Permission as P;

/// Every allowed change of state. `Invoice` is taken by issuing the mission's invoice, never
/// by a button of its own.
pub const TRANSITIONS: [Transition; 10] = [
    step(Action::Publish, S::New, S::Published, P::MissionsManage, Note::None),
    step(Action::Accept, S::Published, S::Assigned, P::MissionsWork, Note::None),
    step(Action::Start, S::Assigned, S::InProgress, P::MissionsWork, Note::None),
    step(Action::Block, S::InProgress, S::Blocked, P::MissionsWork, Note::Reason),
    step(Action::Resume, S::Blocked, S::InProgress, P::MissionsWork, Note::None),
    step(Action::Complete, S::InProgress, S::Done, P::MissionsWork, Note::Report),
    step(Action::Invoice, S::Done, S::Invoiced, P::MissionsInvoice, Note::None),
    step(Action::Cancel, S::New, S::Cancelled, P::MissionsManage, Note::Reason),
    step(Action::Cancel, S::Published, S::Cancelled, P::MissionsManage, Note::Reason),
    step(Action::Cancel, S::Assigned, S::Cancelled, P::MissionsManage, Note::Reason),
];

/// Where the person acting stands towards one mission.
#[derive(Clone, Copy, Debug)]
pub struct Standing<'a> {
    pub permissions: &'a BTreeSet<Permission>,
    /// They are one of the mission's technicians.
    pub assignee: bool,
    /// The mission names no technician: any technician may accept it.
    pub open: bool,
}

impl Standing<'_> {
    /// Whether they may take `t`, besides holding its permission: work is done by the
    /// mission's own technicians (accepting, also by any technician when none is named).
    fn reaches(&self, t: &Transition) -> bool {
        if !self.permissions.contains(&t.permission) {
            return false;
        }
        match (t.permission, t.action) {
            (P::MissionsWork, Action::Accept) => self.assignee || self.open,
            (P::MissionsWork, _) => self.assignee,
            _ => true,
        }
    }
}

/// The transition `action` takes from `state`, if it is one.
pub fn transition(action: Action, state: MissionState) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.action == action && t.from == state)
}

/// Whether the database's table would admit a change from `from` to `to`.
pub fn is_transition(from: MissionState, to: MissionState) -> bool {
    TRANSITIONS.iter().any(|t| t.from == from && t.to == to)
}

/// The actions someone may take on a mission in `state`: the buttons its page shows.
/// Invoicing has its own form, so it is not among them.
pub fn actions(state: MissionState, standing: &Standing) -> Vec<Action> {
    TRANSITIONS
        .iter()
        .filter(|t| t.from == state && t.action != Action::Invoice && standing.reaches(t))
        .map(|t| t.action)
        .collect()
}

/// Why an action is refused, before anything is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an action of this state (by anyone).
    NotFromHere,
    /// Their role does not allow it.
    Forbidden,
    /// A technician acting on a mission that is not theirs.
    NotTheirs,
    /// The note the action asks for is missing.
    NoteMissing(Note),
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::NotFromHere => "mission-transition-invalid",
            Self::Forbidden => "forbidden",
            Self::NotTheirs => "mission-not-yours",
            Self::NoteMissing(Note::Report) => "mission-report-required",
            Self::NoteMissing(_) => "mission-reason-required",
        }
    }
}

/// Checks that `action` may be taken now, with `note` (trimmed, possibly empty).
pub fn check(
    action: Action,
    state: MissionState,
    standing: &Standing,
    note: Option<&str>,
) -> Result<&'static Transition, Refusal> {
    let t = transition(action, state).ok_or(Refusal::NotFromHere)?;
    if !standing.permissions.contains(&t.permission) {
        return Err(Refusal::Forbidden);
    }
    if !standing.reaches(t) {
        return Err(Refusal::NotTheirs);
    }
    if t.note != Note::None && note.is_none_or(|n| n.trim().is_empty()) {
        return Err(Refusal::NoteMissing(t.note));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Policy, Role};

    fn policy() -> Policy {
        Policy::parse(include_str!("../../../policy/roles.toml")).unwrap()
    }

    #[test]
    fn an_emergency_and_a_blockage_are_business_events_other_steps_are_not() {
        use crate::events::EventKind;
        assert_eq!(Priority::Emergency.created_event(), Some(EventKind::EmergencyCreated));
        assert!(Priority::PLANNED.iter().all(|p| p.created_event().is_none()));
        assert_eq!(Action::Block.event(), Some(EventKind::MissionBlocked));
        assert!(Action::ALL.iter().filter(|a| **a != Action::Block).all(|a| a.event().is_none()));
    }

    #[test]
    fn names_round_trip() {
        for s in MissionState::ALL {
            assert_eq!(MissionState::parse(s.as_str()), Ok(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Ok(a));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Ok(p));
        }
        assert!(MissionState::parse("deleted").is_err());
    }

    #[test]
    fn every_pair_of_states_is_allowed_only_along_the_table() {
        let allowed = [
            ("new", "published"),
            ("published", "assigned"),
            ("assigned", "in-progress"),
            ("in-progress", "blocked"),
            ("blocked", "in-progress"),
            ("in-progress", "done"),
            ("done", "invoiced"),
            ("new", "cancelled"),
            ("published", "cancelled"),
            ("assigned", "cancelled"),
        ];
        for from in MissionState::ALL {
            for to in MissionState::ALL {
                let expected = allowed.contains(&(from.as_str(), to.as_str()));
                assert_eq!(is_transition(from, to), expected, "{from:?} → {to:?}");
            }
        }
        for s in [MissionState::Invoiced, MissionState::Cancelled] {
            assert!(TRANSITIONS.iter().all(|t| t.from != s), "{s:?} is final");
        }
    }

    /// Every role, every state, every action, with the shipped policy: who may do what.
    #[test]
    fn every_role_may_take_only_its_own_steps() {
        let policy = policy();
        for role in Role::ALL {
            let permissions = policy.permissions_of(role);
            for assignee in [true, false] {
                let standing = Standing { permissions: &permissions, assignee, open: false };
                for state in MissionState::ALL {
                    for action in Action::ALL {
                        let result = check(action, state, &standing, Some("why"));
                        let Some(t) = transition(action, state) else {
                            assert_eq!(result, Err(Refusal::NotFromHere));
                            continue;
                        };
                        let may = match t.action {
                            Action::Publish | Action::Cancel => matches!(role, Role::Admin | Role::Manager),
                            Action::Invoice => matches!(role, Role::Admin | Role::Accountant),
                            _ => role == Role::Technician && assignee,
                        };
                        assert_eq!(result.is_ok(), may, "{role:?} assignee={assignee} {action:?} from {state:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_technician_accepts_an_open_mission_but_works_only_on_theirs() {
        let permissions = policy().permissions_of(Role::Technician);
        let open = Standing { permissions: &permissions, assignee: false, open: true };
        assert!(check(Action::Accept, MissionState::Published, &open, None).is_ok());
        assert_eq!(check(Action::Start, MissionState::Assigned, &open, None), Err(Refusal::NotTheirs));
        assert_eq!(actions(MissionState::Published, &open), vec![Action::Accept]);
        let theirs = Standing { assignee: true, open: false, ..open };
        assert_eq!(actions(MissionState::InProgress, &theirs), vec![Action::Block, Action::Complete]);
    }

    #[test]
    fn a_blockage_needs_a_reason_and_the_end_a_report() {
        let permissions = policy().permissions_of(Role::Technician);
        let theirs = Standing { permissions: &permissions, assignee: true, open: false };
        assert_eq!(
            check(Action::Block, MissionState::InProgress, &theirs, Some("  ")).unwrap_err().code(),
            "mission-reason-required"
        );
        assert_eq!(
            check(Action::Complete, MissionState::InProgress, &theirs, None).unwrap_err().code(),
            "mission-report-required"
        );
        assert!(check(Action::Complete, MissionState::InProgress, &theirs, Some("Replaced the pump")).is_ok());
    }

    #[test]
    fn the_pages_never_offer_invoicing_as_a_button() {
        let permissions = policy().permissions_of(Role::Admin);
        let admin = Standing { permissions: &permissions, assignee: false, open: false };
        assert!(actions(MissionState::Done, &admin).is_empty());
        assert_eq!(actions(MissionState::New, &admin), vec![Action::Publish, Action::Cancel]);
    }
}
