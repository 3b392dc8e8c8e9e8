//! A delivery: one business event sent to one webhook, as a signed JSON POST, tried again
//! further and further apart until the receiver answers 2xx or the tries run out.

use serde::{Deserialize, Serialize};

use crate::Severity;
use crate::events::{Entity, EventKind};

/// Tries in all before a delivery is given up (the first and six more).
pub const MAX_TRIES: u32 = 7;

/// The longest error kept of a failed try.
pub const MAX_ERROR: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryState {
    /// Waiting for its next try.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every try failed; only a replay sends it again.
    Failed,
}

impl DeliveryState {
    pub const ALL: [Self; 3] = [Self::Pending, Self::Delivered, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim()).ok_or("invalid-delivery-state")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pending => "webhook-delivery-pending",
            Self::Delivered => "webhook-delivery-delivered",
            Self::Failed => "webhook-delivery-failed",
        }
    }

    /// Whether an admin may send it again now (not while a try is still to come).
    pub fn replayable(self) -> bool {
        self != Self::Pending
    }
}

/// How long after the `tries`-th failed try the next one comes: 30 seconds, 5 and 30 minutes,
/// 2, 8 and 24 hours; None once `MAX_TRIES` have failed (given up, about a day and a half after
/// the first).
pub fn retry_after_ms(tries: u32) -> Option<i64> {
    const WAITS_S: [i64; (MAX_TRIES - 1) as usize] = [30, 300, 1_800, 7_200, 28_800, 86_400];
    let index = usize::try_from(tries.checked_sub(1)?).ok()?;
    WAITS_S.get(index).map(|s| s * 1000)
}

/// How a try ended, from the HTTP status of the answer (None: no answer, `error` says why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TryOutcome {
    pub status: Option<u16>,
    pub error: Option<String>,
}

impl TryOutcome {
    /// A try succeeds on a 2xx answer only: a redirect is not followed (it could lead inside).
    pub fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// The state after this try, which was the `tries`-th, and when the next one is due.
    pub fn next(&self, tries: u32, now_ms: i64) -> (DeliveryState, Option<i64>) {
        if self.delivered() {
            return (DeliveryState::Delivered, None);
        }
        match retry_after_ms(tries) {
            Some(wait) => (DeliveryState::Pending, Some(now_ms + wait)),
            None => (DeliveryState::Failed, None),
        }
    }

    /// What is kept of a failure: the error, else the status, cut to `MAX_ERROR` characters.
    pub fn error_text(&self) -> Option<String> {
        if self.delivered() {
            return None;
        }
        let text = match (&self.error, self.status) {
            (Some(error), _) => error.clone(),
            (None, Some(status)) => format!("HTTP {status}"),
            (None, None) => "no answer".to_owned(),
        };
        Some(text.chars().take(MAX_ERROR).collect())
    }
}

/// The `webhook-id` of an event's deliveries: the same for every try and replay, so that a
/// receiver can tell a delivery it already processed.
pub fn message_id(tenant: &str, event_id: i64) -> String {
    format!("atelier-{tenant}-{event_id}")
}

/// What a delivery's body says (Standard Webhooks' `type`, `timestamp`, `data`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// When the event happened, RFC 3339 in UTC.
    pub timestamp: String,
    pub data: PayloadData,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadData {
    pub event_id: i64,
    /// The company's code.
    pub company: String,
    pub severity: Severity,
    pub entity: Entity,
    pub entity_id: String,
    pub subject: String,
    /// The record's page, when the server knows its public address.
    pub url: Option<String>,
}

/// The event as stored, to be sent.
pub struct StoredEvent<'a> {
    pub id: i64,
    pub at_ms: i64,
    pub kind: EventKind,
    pub entity_id: &'a str,
    pub subject: &'a str,
}

impl Payload {
    pub fn of(tenant: &str, event: &StoredEvent<'_>, public_url: Option<&str>) -> Self {
        let entity = event.kind.entity();
        let timestamp = chrono::DateTime::from_timestamp_millis(event.at_ms)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_default();
        Self {
            kind: event.kind,
            timestamp,
            data: PayloadData {
                event_id: event.id,
                company: tenant.to_owned(),
                severity: event.kind.severity(),
                entity,
                entity_id: event.entity_id.to_owned(),
                subject: event.subject.to_owned(),
                url: public_url.map(|base| format!("{}{}", base.trim_end_matches('/'), entity.href(event.entity_id))),
            },
        }
    }

    /// The body as sent (and signed): compact JSON.
    pub fn body(&self) -> String {
        serde_json::to_string(self).expect("a payload serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_come_further_and_further_apart_then_stop() {
        let waits: Vec<Option<i64>> = (1..=MAX_TRIES).map(retry_after_ms).collect();
        assert_eq!(
            waits,
            [Some(30_000), Some(300_000), Some(1_800_000), Some(7_200_000), Some(28_800_000), Some(86_400_000), None]
        );
        assert_eq!(retry_after_ms(0), None);
    }

    #[test]
    fn only_a_2xx_answer_delivers() {
        let answer = |status: u16| TryOutcome { status: Some(status), error: None };
        assert_eq!(answer(200).next(1, 1_000), (DeliveryState::Delivered, None));
        assert_eq!(answer(204).next(7, 1_000), (DeliveryState::Delivered, None));
        assert_eq!(answer(301).next(1, 1_000), (DeliveryState::Pending, Some(31_000)));
        assert_eq!(answer(500).next(2, 1_000), (DeliveryState::Pending, Some(301_000)));
        assert_eq!(answer(500).next(MAX_TRIES, 1_000), (DeliveryState::Failed, None));
        assert_eq!(answer(410).error_text().as_deref(), Some("HTTP 410"));
        assert_eq!(answer(200).error_text(), None);
        let lost = TryOutcome { status: None, error: Some("é".repeat(600)) };
        assert_eq!(lost.error_text().unwrap().chars().count(), MAX_ERROR);
        assert!(DeliveryState::Failed.replayable() && !DeliveryState::Pending.replayable());
    }

    #[test]
    fn the_body_names_the_event_its_record_and_its_page() {
        let event = StoredEvent {
            id: 42,
            at_ms: 1_795_338_000_123,
            kind: EventKind::PaymentReceived,
            entity_id: "inv-1",
            subject: "F-2026-00042",
        };
        let body = Payload::of("demo", &event, Some("https://erp.example.fr/")).body();
        assert_eq!(
            body,
            r#"{"type":"payment-received","timestamp":"2026-11-22T09:00:00.123Z","data":{"event_id":42,"company":"demo","severity":"info","entity":"invoice","entity_id":"inv-1","subject":"F-2026-00042","url":"https://erp.example.fr/invoices/issued/inv-1"}}"#
        );
        let without = Payload::of("demo", &event, None);
        assert_eq!(without.data.url, None);
        assert_eq!(message_id("demo", 42), "atelier-demo-42");
    }
}
