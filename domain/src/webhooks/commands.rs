//! The webhook form an admin fills (its address, a description, the kinds of events it is
//! sent, on or off) and the delivery list's filters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::delivery::DeliveryState;
use super::target::{Reach, Target};
use crate::error::ValidationErrors;
use crate::events::EventKind;
use crate::input::{optional, optional_text, parse_cursor};

/// The longest description.
pub const MAX_DESCRIPTION: usize = 200;

/// The form as typed. Each kind is a checkbox named `kinds[<kind>]`, which arrives as a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookForm {
    /// Empty for a new webhook.
    pub id: String,
    pub url: String,
    pub description: String,
    pub enabled: Option<String>,
    pub kinds: BTreeMap<String, String>,
}

/// A webhook's settings, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookSettings {
    pub url: Target,
    pub description: Option<String>,
    /// Never empty, in `EventKind::ALL` order.
    pub kinds: Vec<EventKind>,
    pub enabled: bool,
}

impl WebhookForm {
    /// The form of a new webhook: on, no kind ticked yet.
    pub fn blank() -> Self {
        Self { enabled: Some("on".to_owned()), ..Self::default() }
    }

    /// The form of a stored webhook.
    pub fn of(url: &str, description: &str, kinds: &[EventKind], enabled: bool) -> Self {
        Self {
            id: String::new(),
            url: url.to_owned(),
            description: description.to_owned(),
            enabled: enabled.then(|| "on".to_owned()),
            kinds: kinds.iter().map(|k| (k.as_str().to_owned(), "on".to_owned())).collect(),
        }
    }

    pub fn kind_checked(&self, kind: EventKind) -> bool {
        self.kinds.get(kind.as_str()).is_some_and(|v| !v.trim().is_empty())
    }

    /// What was typed, to fill a refused form again: each kind ticked is one `kinds` value.
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        let mut values = vec![
            ("url", self.url.as_str()),
            ("description", self.description.as_str()),
            ("enabled", self.enabled.as_deref().unwrap_or_default()),
        ];
        values.extend(EventKind::ALL.into_iter().filter(|k| self.kind_checked(*k)).map(|k| ("kinds", k.as_str())));
        values
    }

    pub fn parse(&self, reach: Reach) -> Result<WebhookSettings, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let url = errors.check("url", Target::parse(&self.url, reach));
        let description = errors.check("description", optional_text(&self.description, MAX_DESCRIPTION));
        let ticked: Vec<&String> = self.kinds.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, _)| k).collect();
        if ticked.iter().any(|k| EventKind::parse(k).is_err()) {
            errors.add("kinds", "invalid-event-kind");
        } else if ticked.is_empty() {
            errors.add("kinds", "webhook-kinds-empty");
        }
        errors.into_result()?;
        let (Some(url), Some(description)) = (url, description) else { unreachable!("errors were reported above") };
        let kinds = EventKind::ALL.into_iter().filter(|k| self.kind_checked(*k)).collect();
        Ok(WebhookSettings { url, description, kinds, enabled: self.enabled.is_some() })
    }
}

/// The kinds as stored: `,invoice-issued,payment-received,` (one found with `LIKE '%,kind,%'`).
pub fn kinds_text(kinds: &[EventKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    format!(",{},", names.join(","))
}

/// The kinds of a stored `,a,b,`; None when it names an unknown kind or none.
pub fn parse_kinds_text(text: &str) -> Option<Vec<EventKind>> {
    let kinds: Option<Vec<EventKind>> =
        text.split(',').filter(|k| !k.is_empty()).map(|k| EventKind::parse(k).ok()).collect();
    kinds.filter(|k| !k.is_empty())
}

/// A webhook page's delivery filters as the address carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryFilter {
    pub state: String,
    pub before: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryQuery {
    pub state: Option<DeliveryState>,
    pub before: Option<i64>,
}

impl DeliveryFilter {
    pub fn parse(&self) -> Result<DeliveryQuery, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let state = errors.check("state", optional(&self.state, DeliveryState::parse)).flatten();
        let before = match parse_cursor("before", Some(&self.before)) {
            Ok(before) => before,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        errors.into_result().map(|()| DeliveryQuery { state, before })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> WebhookForm {
        let mut form = WebhookForm::of(
            "https://hooks.example.com/atelier",
            "Comptabilité",
            &[EventKind::InvoiceIssued, EventKind::PaymentReceived],
            true,
        );
        form.id = "w1".into();
        form
    }

    fn codes(result: Result<WebhookSettings, ValidationErrors>) -> Vec<(String, String)> {
        result.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_webhook_round_trips_through_its_form_and_its_stored_kinds() {
        let settings = form().parse(Reach::Public).unwrap();
        assert_eq!(settings.url.as_str(), "https://hooks.example.com/atelier");
        assert_eq!(settings.description.as_deref(), Some("Comptabilité"));
        assert_eq!(settings.kinds, [EventKind::InvoiceIssued, EventKind::PaymentReceived]);
        assert!(settings.enabled);
        let form = form();
        let values = form.values();
        let kinds: Vec<&str> = values.iter().filter(|(k, _)| *k == "kinds").map(|(_, v)| *v).collect();
        assert_eq!(kinds, ["invoice-issued", "payment-received"]);
        assert_eq!(kinds_text(&settings.kinds), ",invoice-issued,payment-received,");
        assert_eq!(parse_kinds_text(",invoice-issued,"), Some(vec![EventKind::InvoiceIssued]));
        assert_eq!(parse_kinds_text(",,"), None);
        assert_eq!(parse_kinds_text(",invoice-issued,coffee,"), None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = WebhookForm {
            url: "http://hooks.example.com/".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
            kinds: BTreeMap::from([("invoice-issued".into(), String::new())]),
            ..form()
        };
        assert_eq!(
            codes(bad.parse(Reach::Public)),
            vec![
                ("url".into(), "webhook-url-not-https".into()),
                ("description".into(), "too-long".into()),
                ("kinds".into(), "webhook-kinds-empty".into())
            ]
        );
        let forged = WebhookForm { kinds: BTreeMap::from([("'; DROP TABLE".into(), "on".into())]), ..form() };
        assert_eq!(codes(forged.parse(Reach::Public)), vec![("kinds".into(), "invalid-event-kind".into())]);
        let private = WebhookForm { url: "https://192.168.1.20/hook".into(), ..form() };
        assert_eq!(codes(private.parse(Reach::WithLoopback)), vec![("url".into(), "webhook-url-private".into())]);
        let off = WebhookForm { enabled: None, description: " ".into(), ..form() };
        let settings = off.parse(Reach::Public).unwrap();
        assert!(!settings.enabled);
        assert_eq!(settings.description, None);
    }

    #[test]
    fn delivery_filters_are_checked() {
        let query = DeliveryFilter { state: "failed".into(), before: "12".into() }.parse().unwrap();
        assert_eq!((query.state, query.before), (Some(DeliveryState::Failed), Some(12)));
        let bad = DeliveryFilter { state: "lost".into(), before: "-1".into() }.parse().unwrap_err();
        let fields: Vec<_> = bad.0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["state", "before"]);
    }
}
