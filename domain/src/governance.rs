//! Governing a company and the platform: emergency modes, feature flags, security thresholds,
//! retention, personal data, and the REST API's tokens.

pub mod api_tokens;
pub mod flags;
pub mod integrity;
pub mod mode;
pub mod personal_data;
pub mod retention;
pub mod rollout;
pub mod thresholds;

pub use mode::{Mode, ModeChange, ModeForm, ModePage, ModeScope, ModeSetting, ModeState, Modes};
