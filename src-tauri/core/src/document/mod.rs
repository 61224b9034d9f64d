//! The map document (format v1, docs/DESIGN.md §4): the JSON that lives inside each encrypted
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

/// `Debug` that names the type and nothing else, for types that hold map content. Defined
/// before the modules below so that each can redact its own types.
macro_rules! redacted_debug {
    ($($ty:ident),* $(,)?) => {
        $(
            impl std::fmt::Debug for $ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(stringify!($ty)).finish_non_exhaustive()
                }
            }
        )*
    };
}

mod consent;
mod history;
mod names;
mod restore;
mod session;
mod timestamp;
mod validate;

#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::{Error, Result};

pub use consent::{Consent, ConsentBy, ConsentEvent, Explained, KeepCopy, Recipient, Share};
pub use history::{AuditEntry, Disclosure, Extension, Retention};
pub use names::looks_like_full_name;
pub use restore::restore;
pub(crate) use restore::restore_reporting_migration;
pub use session::{Author, Group, Link, Me, Note, Place, Ring, SessionVersion, Token, TokenKind};

#[cfg(test)]
use session::canonical_angle;
use session::NO_SESSION;

/// The value of the `format` field in every map document.
pub const FORMAT: &str = "peermap";
/// The largest document (as JSON) that is ever written: 16 MiB, far below the 64 MiB a map
/// file may be when read back, and far above any real map (a full 300-person session is
/// well under 1 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
const _: () = assert!((MAX_DOCUMENT_BYTES as u64) * 2 < crate::crypto::MAX_FILE_BYTES);

/// The newest document version this build reads and the one it writes.
pub const CURRENT_VERSION: u32 = 1;
/// The shapes and default ring labels are read from `assets/palette.json`.
pub use validate::{DEFAULT_RING_LABELS, SHAPES};

/// One map: the young person's peer map with its sessions, consent and retention.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    /// When the map was last saved.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
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
    ///
    /// A document larger than [`MAX_DOCUMENT_BYTES`] is refused here, so a map that saves can
    /// always be opened again (files are read up to [`crate::crypto::MAX_FILE_BYTES`]).
    pub fn to_json(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.validate()?;
        let mut counter = ByteCounter(0);
        serde_json::to_writer(&mut counter, self)
            .map_err(|_| Error::Internal("document_serialise"))?;
        if counter.0 > MAX_DOCUMENT_BYTES {
            return Err(Error::InvalidInput(
                "This map has grown too big to save, so the last change was not saved. \
                 Remove some notes or earlier sessions' notes, or start a new map."
                    .into(),
            ));
        }
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

fn default_rings() -> Vec<Ring> {
    DEFAULT_RING_LABELS
        .iter()
        .map(|label| Ring {
            label: (*label).to_owned(),
        })
        .collect()
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
