//! Timestamps as RFC 3339 strings in UTC (`2025-03-04T15:30:00Z`).
//!
//! Any offset is accepted when reading and turned into UTC, so a document always writes `Z`.
//! Used as `#[serde(with = "timestamp")]` and `#[serde(with = "timestamp::option")]`.

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

fn to_text(at: &OffsetDateTime) -> Option<String> {
    at.checked_to_offset(UtcOffset::UTC)?.format(&Rfc3339).ok()
}

fn from_text(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()?
        .checked_to_offset(UtcOffset::UTC)
}

pub(super) fn serialize<S: Serializer>(at: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let text = to_text(at).ok_or_else(|| S::Error::custom("date outside the storable range"))?;
    s.serialize_str(&text)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(d)?;
    from_text(&text).ok_or_else(|| D::Error::custom("not an RFC 3339 date"))
}

/// True when `at` can be written (RFC 3339 allows years 0000 to 9999 only).
pub(super) fn is_storable(at: &OffsetDateTime) -> bool {
    to_text(at).is_some()
}

pub(super) mod option {
    use super::*;

    pub(in super::super) fn serialize<S: Serializer>(
        at: &Option<OffsetDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, s),
            None => s.serialize_none(),
        }
    }

    pub(in super::super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => from_text(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom("not an RFC 3339 date")),
            None => Ok(None),
        }
    }
}
