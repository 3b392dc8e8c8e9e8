//! What the webhook pages show: the company's webhooks, and one webhook with its deliveries.

use serde::{Deserialize, Serialize};

use super::delivery::DeliveryState;
use crate::alerts::views::Stamp;
use crate::events::EventKind;

/// Deliveries a page shows.
pub const PAGE_SIZE: i64 = 50;

/// A webhook's newest delivery: where it stands, and its last try if it had one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewestDelivery {
    pub state: DeliveryState,
    pub status: Option<u16>,
    pub tried_at_local_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookLine {
    pub id: String,
    pub url: String,
    pub description: String,
    pub kinds: Vec<EventKind>,
    pub enabled: bool,
    /// Deliveries waiting for a try, and given up.
    pub pending: u32,
    pub failed: u32,
    pub newest: Option<NewestDelivery>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookListing {
    pub lines: Vec<WebhookLine>,
    /// The reader may register and change webhooks (else they only read).
    pub can_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookView {
    pub id: String,
    pub url: String,
    pub description: String,
    pub kinds: Vec<EventKind>,
    pub enabled: bool,
    pub created: Stamp,
    pub changed: Option<Stamp>,
    /// When its secret was last replaced; the previous one still signs for a day after.
    pub secret_rotated: Option<Stamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLine {
    pub id: i64,
    pub kind: EventKind,
    pub subject: String,
    /// The page of the event's record.
    pub href: String,
    pub queued_at_local_ms: i64,
    pub state: DeliveryState,
    pub tries: u32,
    pub last_try_local_ms: Option<i64>,
    /// The HTTP status of the last answer, if one came.
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    pub next_try_local_ms: Option<i64>,
    pub delivered_local_ms: Option<i64>,
    /// Times an admin sent it again.
    pub replays: u32,
}

/// One webhook's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookDetails {
    pub webhook: WebhookView,
    pub deliveries: Vec<DeliveryLine>,
    /// The cursor of the next (older) page.
    pub next: Option<i64>,
    pub state: Option<DeliveryState>,
    pub can_manage: bool,
}
