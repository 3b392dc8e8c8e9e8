//! Governing a company and the platform: emergency modes, feature flags (and, next,
//! thresholds, retention).

pub mod flags;
pub mod mode;
pub mod rollout;

pub use mode::{Mode, ModeChange, ModeForm, ModePage, ModeScope, ModeSetting, ModeState, Modes};
