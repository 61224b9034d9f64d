//! The map document (format v1, DESIGN.md §4): the JSON that lives inside each encrypted
//! `maps/<id>.age` file.
//!
//! Bytes become a [`MapDocument`] only through [`restore`], which checks the envelope, migrates
//! older versions, fills defaults and validates. A document becomes bytes only through
//! [`MapDocument::to_json`], which validates first, so nothing we write is refused on reopening.
//!
//! # Which error, when
//!
//! - [`MapDocument::validate`] is what the app calls on content it made (from UI actions). A
//!   broken rule is [`Error::InvalidInput`] with a plain sentence naming the rule.
//! - [`restore`] is for bytes from disk. The same broken rule there means the file is damaged or
//!   foreign, so it is [`Error::Corrupt`]. A `version` newer than this build is
//!   [`Error::TooNew`] in both.
//!
//! Every message is a `&'static str` chosen from a fixed list, so no map content (labels,
//! initials, notes) can end up in one; they are safe to log. For the same reason the `Debug`
//! output of every content type is redacted.
//!
//! # Unknown fields
//!
//! Unknown fields are *accepted and dropped*. A file from a newer release of the same format
//! version (one that only added fields) opens, and those extra fields are not written back on
//! the next save. We deliberately do not carry them along: content we do not understand cannot
//! be validated, cannot be filtered out of an export by its `private` flag, and cannot be
//! destroyed selectively, so keeping it would be a privacy hole. The rule for future writers:
//! a field an older release may safely lose is added with `#[serde(default)]` in the same
//! version; anything an older release must preserve (or a new enum value, which older releases
//! refuse) needs a `version` bump, which older releases refuse with [`Error::TooNew`].
//!
//! # Angles
//!
//! `serde_json` (without its `float_roundtrip` feature) can misread a 17-digit float by one
//! unit in the last place. Angles are therefore written rounded to a millionth of a degree,
//! which reads back bit for bit, so a saved map reopens exactly as it was saved.

mod names;
mod restore;
mod timestamp;
mod validate;

#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::{Error, Result};

pub use names::looks_like_full_name;
pub use restore::restore;

/// The value of the `format` field in every map document.
pub const FORMAT: &str = "peermap";
/// The newest document version this build reads and the one it writes.
pub const CURRENT_VERSION: u32 = 1;
/// The token and "me" shapes, as in `assets/palette.json`.
pub const SHAPES: [&str; 7] = [
    "circle", "square", "triangle", "diamond", "star", "heart", "hexagon",
];
/// The ring labels a new map starts with, innermost first. The young person may rename them.
pub const DEFAULT_RING_LABELS: [&str; 4] = ["Closest to me", "Close", "Around me", "Further away"];

/// One map: the young person's peer map with its sessions, consent and retention.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct MapDocument {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version; [`CURRENT_VERSION`] once restored.
    pub version: u32,
    /// The version of Peer Map that last wrote this document.
    #[serde(default)]
    pub app: String,
    /// The map's id; also its file name.
    pub id: Uuid,
    /// When the map was first made.
    #[serde(with = "timestamp")]
    pub created_at: OffsetDateTime,
    /// When the map was last saved.
    #[serde(with = "timestamp")]
    pub updated_at: OffsetDateTime,
    /// A pseudonymous reference agreed with the young person; never a full name.
    pub label: String,
    /// Why the map is being made, in plain words.
    #[serde(default)]
    pub purpose: String,
    /// The closeness rings, innermost first (3 to 5).
    #[serde(default = "default_rings")]
    pub rings: Vec<Ring>,
    /// One entry per session, oldest first. Never empty.
    pub versions: Vec<SessionVersion>,
    /// What was explained and agreed.
    #[serde(default)]
    pub consent: Consent,
    /// When the map is destroyed.
    pub retention: Retention,
    /// Every export made of this map.
    #[serde(default)]
    pub disclosures: Vec<Disclosure>,
    /// What happened to the map, as event codes only.
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
}

/// One closeness ring.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ring {
    /// What the young person calls this ring.
    pub label: String,
}

/// The map as it stood at the end of one session.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionVersion {
    /// When the session happened.
    #[serde(with = "timestamp")]
    pub session_at: OffsetDateTime,
    /// The young person at the centre.
    #[serde(default)]
    pub me: Me,
    /// The people on the map (and in the tray).
    #[serde(default)]
    pub tokens: Vec<Token>,
    /// Who knows whom.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Groups of people (a team, a friendship group).
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Where time is spent.
    #[serde(default)]
    pub places: Vec<Place>,
    /// Notes by the young person or the practitioner.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// The young person at the centre of the map.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// A colour id from the palette.
    pub colour: String,
    /// One of [`SHAPES`].
    pub shape: String,
    /// 1 to 3 letters, if the young person wants them.
    #[serde(default)]
    pub initials: Option<String>,
}

impl Default for Me {
    fn default() -> Self {
        Me {
            colour: "blue".to_owned(),
            shape: "circle".to_owned(),
            initials: None,
        }
    }
}

/// Who a person is to the young person, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A friend or someone their age.
    Peer,
    /// Family.
    Family,
    /// An adult who is not family or a professional.
    Adult,
    /// A teacher, coach, social worker, youth worker…
    Professional,
    /// Anyone else.
    Other,
}

/// One person on the map.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Unique within its session.
    pub id: String,
    /// Who they are, broadly.
    pub kind: TokenKind,
    /// 0-based ring index, innermost first; `None` = parked in the tray, not placed.
    #[serde(default)]
    pub ring: Option<u8>,
    /// Position around the rings, degrees in `[0, 360)`.
    #[serde(default, serialize_with = "serialize_angle")]
    pub angle: f64,
    /// A colour id from the palette.
    pub colour: String,
    /// One of [`SHAPES`].
    pub shape: String,
    /// 1 to 3 letters.
    #[serde(default)]
    pub initials: Option<String>,
    /// A few words such as "best friend"; never a full name.
    #[serde(default)]
    pub descriptor: Option<String>,
    /// Prompt ids this person answers ("supports", "listens"…).
    #[serde(default)]
    pub badges: Vec<String>,
    /// Kept out of every export.
    #[serde(default)]
    pub private: bool,
}

/// "These two know each other."
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// A token id.
    pub a: String,
    /// Another token id.
    pub b: String,
    /// A short code for the kind of link.
    pub kind: String,
}

/// A group of people.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Unique within its session.
    pub id: String,
    /// What the young person calls the group.
    pub label: String,
    /// Token ids.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A place where time is spent.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Unique within its session.
    pub id: String,
    /// What the young person calls the place.
    pub label: String,
}

/// Who wrote a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The young person.
    YoungPerson,
    /// The practitioner.
    Practitioner,
}

/// A note on a session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Unique within its session.
    pub id: String,
    /// Who wrote it.
    pub by: Author,
    /// The note; may span lines.
    pub text: String,
    /// Kept out of every export.
    #[serde(default)]
    pub private: bool,
}

/// The consent record.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
}

/// What was explained before drawing (that it was, not what was said).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explained {
    /// The limits of confidentiality were explained.
    #[serde(default)]
    pub confidentiality: bool,
    /// Where the map is kept and who could see it was explained.
    #[serde(default)]
    pub storage_and_access: bool,
    /// When.
    #[serde(with = "timestamp")]
    pub at: OffsetDateTime,
}

/// Who gave consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBy {
    /// The young person.
    YoungPerson,
    /// A parent or carer, for a reason recorded in `by_reason`.
    ParentCarer,
}

/// The decision about keeping a copy.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub at: OffsetDateTime,
}

/// Someone the map may be shared with. Role and team, never a person's name.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Unique within the map.
    pub id: String,
    /// Who to.
    pub recipient: Recipient,
    /// Why, in plain words.
    pub purpose: String,
    /// When it was agreed.
    #[serde(with = "timestamp")]
    pub agreed_at: OffsetDateTime,
    /// When the agreement lapses, if it does.
    #[serde(default, with = "timestamp::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// When the young person withdrew it, if they did.
    #[serde(default, with = "timestamp::option")]
    pub withdrawn_at: Option<OffsetDateTime>,
}

/// One entry in the consent history.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    /// When.
    #[serde(with = "timestamp")]
    pub at: OffsetDateTime,
    /// An event code such as `explained`, `keep_agreed`, `share_added`, `share_withdrawn`.
    pub event: String,
    /// The share concerned, if any.
    #[serde(default)]
    pub share_id: Option<String>,
}

/// When the map is destroyed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The map is destroyed at this instant.
    #[serde(with = "timestamp")]
    pub until: OffsetDateTime,
    /// A code: `draft` while not kept, `default` once kept, or another policy code.
    pub policy: String,
    /// Each time the date was extended.
    #[serde(default)]
    pub extensions: Vec<Extension>,
}

/// One extension of the retention date.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// When it was extended.
    #[serde(with = "timestamp")]
    pub at: OffsetDateTime,
    /// The new date.
    #[serde(with = "timestamp")]
    pub until: OffsetDateTime,
    /// Why, in plain words.
    pub reason: String,
}

/// One export of the map to an agreed recipient.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    /// When.
    #[serde(with = "timestamp")]
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
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    #[serde(with = "timestamp")]
    pub at: OffsetDateTime,
    /// An event code.
    pub event: String,
}

impl MapDocument {
    /// A new map with one empty session dated `now`, default 4 rings with friendly labels,
    /// me = {colour:"blue", shape:"circle"}, consent empty,
    /// retention {until: retain_until, policy: "draft"}.
    pub fn new(
        id: Uuid,
        label: &str,
        purpose: &str,
        now: OffsetDateTime,
        retain_until: OffsetDateTime,
    ) -> Result<Self> {
        let doc = MapDocument {
            format: FORMAT.to_owned(),
            version: CURRENT_VERSION,
            app: crate::APP_VERSION.to_owned(),
            id,
            created_at: now,
            updated_at: now,
            label: label.to_owned(),
            purpose: purpose.to_owned(),
            rings: default_rings(),
            versions: vec![SessionVersion::empty(now)],
            consent: Consent::default(),
            retention: Retention {
                until: retain_until,
                policy: "draft".to_owned(),
                extensions: Vec::new(),
            },
            disclosures: Vec::new(),
            audit: Vec::new(),
        };
        doc.validate()?;
        Ok(doc)
    }

    /// Check every rule of the format. For content the app made: a broken rule is
    /// [`Error::InvalidInput`] (or [`Error::TooNew`] for a future `version`).
    pub fn validate(&self) -> Result<()> {
        validate::check(self).map_err(|problem| problem.into_error(false))
    }

    /// Serialise for encryption. The buffer is zeroized on drop.
    ///
    /// Validates first, so a document that `restore` would refuse is never written. The size
    /// is measured before the buffer is allocated, so no partly filled copy is left behind in
    /// freed memory by the buffer growing.
    pub fn to_json(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.validate()?;
        let mut counter = ByteCounter(0);
        serde_json::to_writer(&mut counter, self)
            .map_err(|_| Error::Internal("document_serialise"))?;
        let mut buf = Zeroizing::new(Vec::with_capacity(counter.0));
        serde_json::to_writer(&mut *buf, self)
            .map_err(|_| Error::Internal("document_serialise"))?;
        Ok(buf)
    }

    /// The newest session. `versions` is never empty in a validated document.
    pub fn latest(&self) -> &SessionVersion {
        self.versions.last().unwrap_or(&NO_SESSION)
    }

    /// True until the young person agrees to the map being kept.
    pub fn is_draft(&self) -> bool {
        !self.consent.is_kept()
    }
}

impl SessionVersion {
    /// A session with nothing on it yet.
    pub fn empty(session_at: OffsetDateTime) -> Self {
        SessionVersion {
            session_at,
            me: Me::default(),
            tokens: Vec::new(),
            links: Vec::new(),
            groups: Vec::new(),
            places: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What `latest()` answers for a document whose `versions` was emptied by hand; `validate()`
/// refuses such a document, so this is only there to avoid a panic.
static NO_SESSION: SessionVersion = SessionVersion {
    session_at: OffsetDateTime::UNIX_EPOCH,
    me: Me {
        colour: String::new(),
        shape: String::new(),
        initials: None,
    },
    tokens: Vec::new(),
    links: Vec::new(),
    groups: Vec::new(),
    places: Vec::new(),
    notes: Vec::new(),
};

fn default_rings() -> Vec<Ring> {
    DEFAULT_RING_LABELS
        .iter()
        .map(|label| Ring {
            label: (*label).to_owned(),
        })
        .collect()
}

fn default_disclosure_status() -> String {
    "exported".to_owned()
}

/// The angle as written: rounded to a millionth of a degree and kept below 360, so that it
/// has few enough digits for `serde_json` to read back exactly. Only a valid angle that
/// rounds up to 360 wraps to 0; anything else out of range stays out of range.
pub(crate) fn canonical_angle(angle: f64) -> f64 {
    let rounded = (angle * 1e6).round() / 1e6;
    if rounded == 360.0 {
        0.0
    } else {
        rounded
    }
}

fn serialize_angle<S: Serializer>(angle: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(canonical_angle(*angle))
}

/// Counts bytes instead of storing them.
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl fmt::Debug for MapDocument {
    /// Ids and counts only: a document may end up in a log through `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapDocument")
            .field("id", &self.id)
            .field("version", &self.version)
            .field("sessions", &self.versions.len())
            .field("draft", &self.is_draft())
            .finish_non_exhaustive()
    }
}

/// `Debug` that names the type and nothing else, for types that hold map content.
macro_rules! redacted_debug {
    ($($ty:ident),* $(,)?) => {
        $(
            impl fmt::Debug for $ty {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.debug_struct(stringify!($ty)).finish_non_exhaustive()
                }
            }
        )*
    };
}

redacted_debug!(
    Ring,
    SessionVersion,
    Me,
    Token,
    Link,
    Group,
    Place,
    Note,
    Consent,
    Explained,
    KeepCopy,
    Recipient,
    Share,
    ConsentEvent,
    Retention,
    Extension,
    Disclosure,
    AuditEntry,
);
