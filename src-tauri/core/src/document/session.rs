//! What one session holds: the rings, "me", the people, links, groups, places and notes.

use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;

use super::timestamp;

/// One closeness ring.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Ring {
    /// What the young person calls this ring.
    pub label: String,
}

/// The map as it stood at the end of one session.
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionVersion {
    /// When the session happened.
    #[serde(with = "timestamp")]
    #[ts(type = "string")]
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
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Me {
    /// A colour id from the palette.
    pub colour: String,
    /// One of [`SHAPES`].
    pub shape: String,
    /// 1 to 3 letters, if the young person wants them.
    #[serde(default)]
    #[ts(optional = nullable)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    #[ts(optional = nullable)]
    pub initials: Option<String>,
    /// A few words such as "best friend"; never a full name.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub descriptor: Option<String>,
    /// Prompt ids this person answers ("supports", "listens"…).
    #[serde(default)]
    pub badges: Vec<String>,
    /// Kept out of every export.
    #[serde(default)]
    pub private: bool,
}

/// "These two know each other."
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Link {
    /// A token id.
    pub a: String,
    /// Another token id.
    pub b: String,
    /// A short code for the kind of link.
    pub kind: String,
}

/// A group of people.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Place {
    /// Unique within its session.
    pub id: String,
    /// What the young person calls the place.
    pub label: String,
}

/// Who wrote a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The young person.
    YoungPerson,
    /// The practitioner.
    Practitioner,
}

/// A note on a session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
pub(super) static NO_SESSION: SessionVersion = SessionVersion {
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

redacted_debug!(Ring, SessionVersion, Me, Token, Link, Group, Place, Note);
