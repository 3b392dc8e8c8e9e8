//! A mission's state is where its history leads: one creation in `new` or `published`, then
//! allowed steps only, each leaving the state the one before entered.

use super::{Figure, RuleOutcome, Violation};
use crate::mission::state::{MissionState, is_transition};

/// One step of a mission's history as stored: the state it leaves (none for the creation) and
/// the one it enters.
pub type Step = (Option<String>, String);

/// Checks mission `number`, stored in state `stored`, against its history in order.
pub fn mission(number: i64, stored: &str, steps: &[Step], out: &mut RuleOutcome) {
    out.checked += 1;
    let subject = number.to_string();
    let mut reached: Option<MissionState> = None;
    for (i, (from, to)) in steps.iter().enumerate() {
        let entered = MissionState::parse(to).ok();
        let allowed = match (from, reached) {
            (None, _) => i == 0 && matches!(entered, Some(MissionState::New | MissionState::Published)),
            (Some(from), Some(reached)) => {
                MissionState::parse(from) == Ok(reached) && entered.is_some_and(|to| is_transition(reached, to))
            }
            (Some(_), None) => false,
        };
        if !allowed {
            let step = format!("{} → {to}", from.as_deref().unwrap_or("∅"));
            out.add(Violation::new("mission-step", subject.clone(), Figure::Missing, Figure::Text(step)));
        }
        reached = entered;
    }
    let holds = match (reached, MissionState::parse(stored)) {
        (Some(reached), Ok(state)) => reached == state,
        // Created before missions kept their creation: only its first states need no history.
        (None, Ok(state)) => matches!(state, MissionState::New | MissionState::Published),
        (_, Err(_)) => false,
    };
    if !holds {
        let expected = reached.map_or(Figure::Missing, |s| Figure::MissionState(s.as_str().to_owned()));
        out.add(Violation::new("mission-state", subject, expected, Figure::MissionState(stored.to_owned())));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::*;

    fn steps(list: &[(Option<&str>, &str)]) -> Vec<Step> {
        list.iter().map(|(from, to)| (from.map(str::to_owned), (*to).to_owned())).collect()
    }

    fn check(stored: &str, list: &[(Option<&str>, &str)]) -> Vec<String> {
        let mut out = RuleOutcome::new(Rule::Missions);
        mission(7, stored, &steps(list), &mut out);
        assert_eq!(out.checked, 1);
        out.shown.iter().map(|v| v.finding.clone()).collect()
    }

    #[test]
    fn a_mission_where_its_history_leads_holds() {
        let life = [
            (None, "new"),
            (Some("new"), "published"),
            (Some("published"), "assigned"),
            (Some("assigned"), "in-progress"),
            (Some("in-progress"), "done"),
        ];
        assert!(check("done", &life).is_empty());
        assert!(check("published", &[(None, "published")]).is_empty());
        assert!(check("new", &[]).is_empty());
    }

    #[test]
    fn a_state_set_by_hand_or_a_step_not_allowed_is_found() {
        assert_eq!(check("done", &[(None, "new")]), ["mission-state"]);
        assert_eq!(check("assigned", &[]), ["mission-state"]);
        assert_eq!(check("done", &[(None, "new"), (Some("new"), "done")]), ["mission-step"]);
        assert_eq!(
            check("assigned", &[(None, "new"), (Some("published"), "assigned")]),
            ["mission-step"],
            "a step that does not leave the state the one before entered"
        );
        assert_eq!(check("new", &[(None, "new"), (None, "new")]), ["mission-step"]);
        assert_eq!(check("lost", &[(None, "new")]), ["mission-state"]);
    }
}
