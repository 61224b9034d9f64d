//! The consent record: what was explained, the keep decision and each agreed share.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::timestamp;

/// The consent record.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Consent {
    /// What the practitioner explained before drawing.
    #[serde(default)]
    pub explained: Option<Explained>,
    /// Whether the young person agreed to the practitioner keeping a copy.
    #[serde(default)]
    pub keep_copy: Option<KeepCopy>,
    /// The lawful basis for keeping the map, in plain words.
    #[serde(default)]
    pub lawful_basis: Option<String>,
    /// Each specific share agreed to.
    #[serde(default)]
    pub shares: Vec<Share>,
    /// What happened to consent, oldest first.
    #[serde(default)]
    pub history: Vec<ConsentEvent>,
}

impl Consent {
    /// True when the young person (or parent/carer) agreed to the map being kept. A map that
    /// is not kept is a draft.
    pub fn is_kept(&self) -> bool {
        self.keep_copy.as_ref().is_some_and(|keep| keep.agreed)
    }

    /// True once the young person took back their agreement to keep the map: it is due for
    /// destruction and can never be kept again.
    pub fn keep_withdrawn(&self) -> bool {
        !self.is_kept() && self.history.iter().any(|e| e.event == "keep_withdrawn")
    }
}

/// What was explained before drawing (that it was, not what was said).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Explained {
    /// The limits of confidentiality were explained.
    #[serde(default)]
    pub confidentiality: bool,
    /// Where the map is kept and who could see it was explained.
    #[serde(default)]
    pub storage_and_access: bool,
    /// When.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
}

/// Who gave consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBy {
    /// The young person.
    YoungPerson,
    /// A parent or carer, for a reason recorded in `by_reason`.
    ParentCarer,
}

/// The decision about keeping a copy.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KeepCopy {
    /// Yes or no.
    pub agreed: bool,
    /// Who decided.
    pub by: ConsentBy,
    /// Why someone other than the young person decided.
    #[serde(default)]
    pub by_reason: Option<String>,
    /// How the young person's understanding was checked.
    #[serde(default)]
    pub understanding_note: Option<String>,
    /// When.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
}

/// Someone the map may be shared with. Role and team, never a person's name.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Recipient {
    /// For example "Social worker".
    pub role: String,
    /// For example "Children's services, North".
    pub team: String,
    /// The recipient's age public key (`age1…`), if exports are encrypted to them.
    #[serde(default)]
    pub age_recipient: Option<String>,
}

/// One share the young person agreed to.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Share {
    /// Unique within the map.
    pub id: String,
    /// Who to.
    pub recipient: Recipient,
    /// Why, in plain words.
    pub purpose: String,
    /// When it was agreed.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub agreed_at: OffsetDateTime,
    /// When the agreement lapses, if it does.
    #[serde(default, with = "timestamp::option")]
    #[ts(type = "string | null")]
    pub expires_at: Option<OffsetDateTime>,
    /// When the young person withdrew it, if they did.
    #[serde(default, with = "timestamp::option")]
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<OffsetDateTime>,
}

/// One entry in the consent history.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ConsentEvent {
    /// When.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// An event code such as `explained`, `keep_agreed`, `share_added`, `share_withdrawn`.
    pub event: String,
    /// The share concerned, if any.
    #[serde(default)]
    pub share_id: Option<String>,
}

redacted_debug!(Consent, Explained, KeepCopy, Recipient, Share, ConsentEvent);
