//! What the alert pages show: a user's notifications, and the rules an admin edits.

use serde::{Deserialize, Serialize};

use super::RuleKind;
use super::rules::RuleSettings;
use crate::Severity;
use crate::error::ValidationErrors;
use crate::input::parse_cursor;

/// Notifications a page shows.
pub const PAGE_SIZE: i64 = 50;

/// Who did something to an alert or a rule, and when (the company's local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub who: String,
    pub at_local_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertLine {
    pub id: i64,
    pub rule: RuleKind,
    pub severity: Severity,
    pub subject: String,
    pub href: String,
    pub opened_at_local_ms: i64,
    /// When its condition ended; None while it lasts.
    pub closed_at_local_ms: Option<i64>,
    pub acknowledged: Option<Stamp>,
    /// Opened since the reader last looked at their notifications.
    pub unread: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertListing {
    pub lines: Vec<AlertLine>,
    /// The cursor of the next (older) page.
    pub next: Option<i64>,
    /// Only the alerts still open.
    pub open_only: bool,
    /// The reader may edit the rules (the page links to them).
    pub can_edit_rules: bool,
    /// The reader may see the webhooks (the page links to them).
    pub can_read_webhooks: bool,
}

/// The notifications page's filters as the address carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertFilter {
    /// `all` shows the closed ones too; anything else, the open ones.
    pub show: String,
    pub before: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertQuery {
    pub open_only: bool,
    pub before: Option<i64>,
}

impl AlertFilter {
    pub fn parse(&self) -> Result<AlertQuery, ValidationErrors> {
        let before = parse_cursor("before", Some(&self.before))?;
        Ok(AlertQuery { open_only: self.show.trim() != "all", before })
    }
}

/// The most the bell counts: beyond, it says "99+" (counting further would cost a step per
/// alert, on every page).
pub const BELL_CAP: u32 = 99;

/// The header's bell: alerts addressed to the reader, opened since they last looked (counted up
/// to one more than `BELL_CAP`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bell {
    pub unread: u32,
}

impl Bell {
    /// More than the bell counts.
    pub fn beyond_cap(self) -> bool {
        self.unread > BELL_CAP
    }
}

/// One rule as the rules page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub settings: RuleSettings,
    /// Alerts of this rule open now.
    pub open: u32,
    /// Who last changed it and when; None for the defaults untouched.
    pub changed: Option<Stamp>,
}
