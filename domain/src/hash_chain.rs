//! What the ledger and the audit log share: a chain of entries, each holding the SHA-256 of its
//! canonical form and of the entry before it, followed from a known start. Changing, removing or
//! reordering one entry breaks every link after it, which anyone can recompute without Atelier.
//!
//! The canonical form of an entry is its JSON object without its `hash` key, keys sorted at
//! every level, no whitespace, strings in UTF-8 with JSON's minimal escapes (what Python's
//! `json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The `previous` of a chain's first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry of a chain.
pub trait Link {
    fn seq(&self) -> i64;
    fn previous(&self) -> &str;
    fn hash(&self) -> &str;
    /// The entry without its hash, as a JSON value.
    fn content(&self) -> Value;

    /// The canonical bytes the hash covers.
    fn canonical(&self) -> String {
        serde_json::to_string(&sorted(&self.content())).expect("a JSON value serialises")
    }

    fn computed_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }
}

/// A value with every object's keys in order, whatever built it (serde_json keeps insertion
/// order when any crate of the build turns on its `preserve_order`).
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect::<Map<_, _>>())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// What is wrong with a chain, at the first entry where it breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// The entry's own hash is not the hash of its fields: it was altered.
    Altered { seq: i64 },
    /// The entry does not follow the one before it (an entry missing, added or moved).
    Unlinked { seq: i64, expected_previous: String },
    /// Sequence numbers skip or repeat.
    OutOfSequence { seq: i64, expected: i64 },
    /// The chain stops before the head its store records: the last entries were removed.
    Truncated { reached: i64, head: i64 },
}

impl Break {
    /// The entry where the chain breaks (for a truncated chain, the first one missing).
    pub fn seq(&self) -> i64 {
        match self {
            Self::Altered { seq } | Self::Unlinked { seq, .. } | Self::OutOfSequence { seq, .. } => *seq,
            Self::Truncated { reached, .. } => reached + 1,
        }
    }

    /// A stable name, for codes and translations.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Altered { .. } => "altered",
            Self::Unlinked { .. } => "unlinked",
            Self::OutOfSequence { .. } => "out-of-sequence",
            Self::Truncated { .. } => "truncated",
        }
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Altered { seq } => write!(f, "entry {seq}: its hash is not the hash of its content (altered)"),
            Self::Unlinked { seq, expected_previous } => write!(
                f,
                "entry {seq}: its previous hash is not the hash of the entry before it ({expected_previous}): \
                 an entry is missing, added or moved"
            ),
            Self::OutOfSequence { seq, expected } => {
                write!(f, "entry {seq}: expected entry {expected} here (missing, repeated or reordered)")
            }
            Self::Truncated { reached, head } => {
                write!(
                    f,
                    "the chain ends at entry {reached}, but its head is entry {head}: the last entries were removed"
                )
            }
        }
    }
}

/// Follows `entries` from `start` (the seq and hash before the first one: `(0, GENESIS)` for a
/// whole chain); returns the head reached, or the first break.
pub fn follow<'a, L: Link + 'a>(
    start: (i64, String),
    entries: impl IntoIterator<Item = &'a L>,
) -> Result<(i64, String), Break> {
    let (mut seq, mut head) = start;
    for entry in entries {
        if entry.seq() != seq + 1 {
            return Err(Break::OutOfSequence { seq: entry.seq(), expected: seq + 1 });
        }
        if entry.computed_hash() != entry.hash() {
            return Err(Break::Altered { seq: entry.seq() });
        }
        if entry.previous() != head {
            return Err(Break::Unlinked { seq: entry.seq(), expected_previous: head });
        }
        seq = entry.seq();
        head = entry.hash().to_owned();
    }
    Ok((seq, head))
}
