//! The audit log as hash chains: one per company (its events) and one for the platform (`*`:
//! sign-ins and whatever concerns no company). Each event holds the SHA-256 of its canonical
//! form (`crate::hash_chain`) and of the event before it in its chain; `docs/governance.md`
//! gives the form and a verifier anyone can run on an export.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::hash_chain::{GENESIS, Link};

/// The chain of the events that concern no company.
pub const PLATFORM_CHAIN: &str = "*";

/// The chain an event belongs to.
pub fn chain_of(tenant: Option<&str>) -> &str {
    tenant.unwrap_or(PLATFORM_CHAIN)
}

/// One event with its place in the chain, as stored, exported (one JSON line each) and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditLink {
    pub chain: String,
    /// 1, 2, 3… without gaps, per chain.
    pub seq: i64,
    /// When it happened, in milliseconds since 1970 (UTC).
    pub at_ms: i64,
    /// The kind's stable name (`login-failed`…), kept as text: a verifier needs no list of kinds.
    pub kind: String,
    pub tenant: Option<String>,
    pub user_id: Option<String>,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    pub previous: String,
    pub hash: String,
}

/// An event's fields before it is chained.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFields {
    pub at_ms: i64,
    pub kind: String,
    pub tenant: Option<String>,
    pub user_id: Option<String>,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

impl AuditLink {
    /// The event that follows `head` (its chain's last seq and hash, `(0, GENESIS)` for none),
    /// its hash computed. An empty text is stored as absent, so that a CSV export (where
    /// both are an empty cell) checks exactly.
    pub fn next(head: (i64, &str), fields: AuditFields) -> Self {
        let text = |v: Option<String>| v.filter(|s| !s.is_empty());
        let mut link = Self {
            chain: chain_of(fields.tenant.as_deref()).to_owned(),
            seq: head.0 + 1,
            at_ms: fields.at_ms,
            kind: fields.kind,
            tenant: text(fields.tenant),
            user_id: text(fields.user_id),
            subject: text(fields.subject),
            detail: text(fields.detail),
            client_ip: text(fields.client_ip),
            user_agent: text(fields.user_agent),
            request_id: text(fields.request_id),
            previous: head.1.to_owned(),
            hash: String::new(),
        };
        link.hash = link.computed_hash();
        link
    }

    /// The start of every chain.
    pub fn genesis() -> (i64, String) {
        (0, GENESIS.to_owned())
    }
}

impl Link for AuditLink {
    fn seq(&self) -> i64 {
        self.seq
    }

    fn previous(&self) -> &str {
        &self.previous
    }

    fn hash(&self) -> &str {
        &self.hash
    }

    /// Every field but the hash; the chain is part of it, so an event cannot be moved to
    /// another company's chain unnoticed.
    fn content(&self) -> Value {
        json!({
            "chain": self.chain,
            "seq": self.seq,
            "at_ms": self.at_ms,
            "kind": self.kind,
            "tenant": self.tenant,
            "user_id": self.user_id,
            "subject": self.subject,
            "detail": self.detail,
            "client_ip": self.client_ip,
            "user_agent": self.user_agent,
            "request_id": self.request_id,
            "previous": self.previous,
        })
    }
}

/// What checking one chain found: how far it holds, and where it breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub chain: String,
    /// Entries that hold, from the first.
    pub entries: i64,
    /// The hash of the last entry that holds (GENESIS for none).
    pub head: String,
    pub broken: Option<ChainBreak>,
}

/// The first break, as a page or a command shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    /// `altered`, `unlinked`, `out-of-sequence` or `truncated`.
    pub code: String,
    pub seq: i64,
    /// The full sentence, in English, for logs and the command line.
    pub explanation: String,
    /// The event found there, when there is one: its id, time and kind.
    pub event_id: Option<i64>,
    /// When, in the zone the check was asked in (the company's; UTC on the command line).
    pub at_local_ms: Option<i64>,
    pub kind: Option<String>,
}

#[cfg(test)]
mod tests;
