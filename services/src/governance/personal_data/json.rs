//! How values are written in an export: times in UTC, RFC 3339, to the millisecond; yes or no as
//! booleans.

use serde::Serializer;

pub fn utc<S: Serializer>(ms: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    match chrono::DateTime::from_timestamp_millis(*ms) {
        Some(at) => serializer.serialize_str(&at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        None => serializer.serialize_i64(*ms),
    }
}

pub fn utc_opt<S: Serializer>(ms: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => utc(ms, serializer),
        None => serializer.serialize_none(),
    }
}

/// A count or a 0/1 column as yes or no.
pub fn yes<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(*value != 0)
}
