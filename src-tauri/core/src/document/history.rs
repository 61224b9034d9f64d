//! What happens to a map over time: its retention date, the exports made of it and its audit
//! trail (event codes only).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{timestamp, Recipient};

/// When the map is destroyed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Retention {
    /// The map is destroyed at this instant.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub until: OffsetDateTime,
    /// A code: `draft` while not kept, `default` once kept, or another policy code.
    pub policy: String,
    /// Each time the date was extended.
    #[serde(default)]
    pub extensions: Vec<Extension>,
}

/// One extension of the retention date.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Extension {
    /// When it was extended.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// The new date.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub until: OffsetDateTime,
    /// Why, in plain words.
    pub reason: String,
}

/// One export of the map to an agreed recipient.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Disclosure {
    /// When.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// The share that allowed it.
    pub share_id: String,
    /// Who to, as at the time of export.
    pub recipient: Recipient,
    /// Codes for what was included.
    #[serde(default)]
    pub included: Vec<String>,
    /// SHA-256 of the exported file, lowercase hex.
    #[serde(default)]
    pub export_sha256: Option<String>,
    /// A code; `exported` when absent.
    #[serde(default = "default_disclosure_status")]
    pub status: String,
}

/// One audit entry: an event code, never content.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AuditEntry {
    /// When.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// An event code.
    pub event: String,
}

fn default_disclosure_status() -> String {
    "exported".to_owned()
}

redacted_debug!(Retention, Extension, Disclosure, AuditEntry);
