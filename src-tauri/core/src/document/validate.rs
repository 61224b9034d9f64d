//! The rules every map document obeys, whoever made it.
//!
//! Each rule's message is a fixed sentence (`&'static str`), so no content can leak into it.
//! Text fields may hold any printable Unicode (emoji, right-to-left text, zero-width joiners)
//! but no control characters; only long prose (notes, purpose, reasons) may contain newlines.

use std::collections::HashSet;

use time::OffsetDateTime;

use super::{
    timestamp, Consent, Disclosure, MapDocument, Recipient, SessionVersion, Token, CURRENT_VERSION,
    FORMAT, SHAPES,
};
use crate::Error;

/// Rings per map.
pub(super) const MIN_RINGS: usize = 3;
/// Rings per map.
pub(super) const MAX_RINGS: usize = 5;
/// People per session.
pub(super) const MAX_TOKENS: usize = 300;
/// Sessions per map.
const MAX_SESSIONS: usize = 1000;
/// Links per session.
const MAX_LINKS: usize = 3000;
/// Groups or places per session.
const MAX_GROUPS: usize = 300;
/// Notes per session.
const MAX_NOTES: usize = 1000;
/// Badges per person.
const MAX_BADGES: usize = 32;
/// Shares per map.
const MAX_SHARES: usize = 100;

const TOO_NEW: &str =
    "This map was saved by a newer version of Peer Map. Update the app to open it.";
const DAMAGED: &str = "This map file is damaged or is not a Peer Map file.";

/// Why a document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    /// `version` is newer than this build.
    TooNew,
    /// A rule was broken; the sentence says which.
    Rule(&'static str),
}

impl Problem {
    /// The error for the caller: content made in the app is `InvalidInput`; bytes from a file
    /// are `Corrupt`. A future version is `TooNew` either way.
    pub(super) fn into_error(self, from_file: bool) -> Error {
        match (self, from_file) {
            (Problem::TooNew, _) => too_new(),
            (Problem::Rule(rule), false) => Error::InvalidInput(rule.to_owned()),
            (Problem::Rule(rule), true) => Error::Corrupt(format!("{DAMAGED} {rule}")),
        }
    }
}

/// The `TooNew` error, with its one message.
pub(super) fn too_new() -> Error {
    Error::TooNew(TOO_NEW.to_owned())
}

/// The `Corrupt` error for a file we cannot even read as a document.
pub(super) fn damaged() -> Error {
    Error::Corrupt(DAMAGED.to_owned())
}

type Check = std::result::Result<(), Problem>;

macro_rules! ensure {
    ($cond:expr, $rule:expr) => {
        if !$cond {
            return Err(Problem::Rule($rule));
        }
    };
}

const BAD_DATE: &str = "A date in the map is outside the range Peer Map can store.";
const BAD_ID: &str = "An item in the map has a missing or malformed id.";
const BAD_CODE: &str = "An event or status code in the map is malformed.";
const BAD_RECIPIENT: &str =
    "A recipient needs a role and a team of 1 to 80 characters each, on one line.";

/// Check every rule.
pub(super) fn check(doc: &MapDocument) -> Check {
    ensure!(doc.format == FORMAT, "This is not a Peer Map document.");
    if doc.version > CURRENT_VERSION {
        return Err(Problem::TooNew);
    }
    ensure!(
        doc.version == CURRENT_VERSION,
        "The document version is not one Peer Map knows."
    );
    ensure!(
        text(&doc.app, 0, 64, false),
        "The app version in the map is malformed."
    );
    ensure!(
        text(&doc.label, 1, 60, false),
        "The map label must be 1 to 60 characters, on one line."
    );
    ensure!(
        text(&doc.purpose, 0, 500, true),
        "The purpose must be at most 500 characters."
    );
    ensure!(date(&doc.created_at) && date(&doc.updated_at), BAD_DATE);

    ensure!(
        (MIN_RINGS..=MAX_RINGS).contains(&doc.rings.len()),
        "A map needs 3 to 5 rings."
    );
    for ring in &doc.rings {
        ensure!(
            text(&ring.label, 1, 40, false),
            "Each ring label must be 1 to 40 characters, on one line."
        );
    }

    ensure!(
        !doc.versions.is_empty(),
        "A map needs at least one session."
    );
    ensure!(
        doc.versions.len() <= MAX_SESSIONS,
        "A map can hold at most 1000 sessions."
    );
    for session in &doc.versions {
        check_session(session, doc.rings.len())?;
    }

    check_consent(&doc.consent)?;

    ensure!(date(&doc.retention.until), BAD_DATE);
    ensure!(code(&doc.retention.policy), BAD_CODE);
    for extension in &doc.retention.extensions {
        ensure!(date(&extension.at) && date(&extension.until), BAD_DATE);
        ensure!(
            text(&extension.reason, 1, 500, true),
            "The reason for extending retention must be 1 to 500 characters."
        );
    }

    for disclosure in &doc.disclosures {
        check_disclosure(disclosure, &doc.consent)?;
    }
    for entry in &doc.audit {
        ensure!(date(&entry.at), BAD_DATE);
        ensure!(code(&entry.event), BAD_CODE);
    }
    Ok(())
}

fn check_session(session: &SessionVersion, ring_count: usize) -> Check {
    ensure!(date(&session.session_at), BAD_DATE);
    ensure!(
        colour(&session.me.colour),
        "A colour in the map is not one Peer Map knows."
    );
    ensure!(
        shape(&session.me.shape),
        "A shape in the map is not one Peer Map knows."
    );
    ensure!(
        session.me.initials.as_deref().is_none_or(initials),
        "Initials must be 1 to 3 letters."
    );

    ensure!(
        session.tokens.len() <= MAX_TOKENS,
        "A map can show at most 300 people in one session."
    );
    let token_ids = unique_ids(session.tokens.iter().map(|t| t.id.as_str()))?;
    for token in &session.tokens {
        check_token(token, ring_count)?;
    }

    ensure!(
        session.links.len() <= MAX_LINKS,
        "A session can hold at most 3000 links."
    );
    let mut seen_links = HashSet::new();
    for link in &session.links {
        ensure!(
            token_ids.contains(link.a.as_str()) && token_ids.contains(link.b.as_str()),
            "A link joins someone who is not on the map."
        );
        ensure!(link.a != link.b, "A link must join two different people.");
        ensure!(code(&link.kind), BAD_CODE);
        let (low, high) = if link.a <= link.b {
            (&link.a, &link.b)
        } else {
            (&link.b, &link.a)
        };
        ensure!(
            seen_links.insert((low, high, &link.kind)),
            "The same two people are linked twice."
        );
    }

    ensure!(
        session.groups.len() <= MAX_GROUPS,
        "A session can hold at most 300 groups."
    );
    unique_ids(session.groups.iter().map(|g| g.id.as_str()))?;
    for group in &session.groups {
        ensure!(
            text(&group.label, 1, 40, false),
            "A group name must be 1 to 40 characters, on one line."
        );
        let mut members = HashSet::new();
        for member in &group.members {
            ensure!(
                token_ids.contains(member.as_str()),
                "A group includes someone who is not on the map."
            );
            ensure!(
                members.insert(member.as_str()),
                "A group lists the same person twice."
            );
        }
    }

    ensure!(
        session.places.len() <= MAX_GROUPS,
        "A session can hold at most 300 places."
    );
    unique_ids(session.places.iter().map(|p| p.id.as_str()))?;
    for place in &session.places {
        ensure!(
            text(&place.label, 1, 40, false),
            "A place name must be 1 to 40 characters, on one line."
        );
    }

    ensure!(
        session.notes.len() <= MAX_NOTES,
        "A session can hold at most 1000 notes."
    );
    unique_ids(session.notes.iter().map(|n| n.id.as_str()))?;
    for note in &session.notes {
        ensure!(
            text(&note.text, 1, 4000, true),
            "A note must be 1 to 4000 characters, with no control characters."
        );
    }
    Ok(())
}

fn check_token(token: &Token, ring_count: usize) -> Check {
    ensure!(
        token.ring.is_none_or(|ring| usize::from(ring) < ring_count),
        "Someone is placed on a ring the map does not have."
    );
    ensure!(
        token.angle.is_finite(),
        "Someone's position on the map is not a number."
    );
    ensure!(
        (0.0..360.0).contains(&token.angle),
        "Someone's position on the map must be an angle from 0 up to 360 degrees."
    );
    ensure!(
        colour(&token.colour),
        "A colour in the map is not one Peer Map knows."
    );
    ensure!(
        shape(&token.shape),
        "A shape in the map is not one Peer Map knows."
    );
    ensure!(
        token.initials.as_deref().is_none_or(initials),
        "Initials must be 1 to 3 letters."
    );
    ensure!(
        token
            .descriptor
            .as_deref()
            .is_none_or(|d| text(d, 1, 60, false)),
        "A description of someone must be 1 to 60 characters, on one line."
    );
    ensure!(
        token.badges.len() <= MAX_BADGES,
        "Someone has more than 32 badges."
    );
    ensure!(token.badges.iter().all(|badge| id(badge)), BAD_ID);
    Ok(())
}

fn check_consent(consent: &Consent) -> Check {
    if let Some(explained) = &consent.explained {
        ensure!(date(&explained.at), BAD_DATE);
    }
    if let Some(keep) = &consent.keep_copy {
        ensure!(date(&keep.at), BAD_DATE);
        ensure!(
            keep.by_reason
                .as_deref()
                .is_none_or(|r| text(r, 1, 500, true)),
            "The reason someone else gave consent must be 1 to 500 characters."
        );
        ensure!(
            keep.understanding_note
                .as_deref()
                .is_none_or(|n| text(n, 1, 1000, true)),
            "The note about understanding must be 1 to 1000 characters."
        );
    }
    ensure!(
        consent
            .lawful_basis
            .as_deref()
            .is_none_or(|b| text(b, 1, 500, true)),
        "The lawful basis must be 1 to 500 characters."
    );
    ensure!(
        consent.shares.len() <= MAX_SHARES,
        "A map can hold at most 100 shares."
    );
    unique_ids(consent.shares.iter().map(|s| s.id.as_str()))?;
    for share in &consent.shares {
        check_recipient(&share.recipient)?;
        ensure!(
            text(&share.purpose, 1, 500, true),
            "The purpose of a share must be 1 to 500 characters."
        );
        ensure!(date(&share.agreed_at), BAD_DATE);
        ensure!(share.expires_at.as_ref().is_none_or(date), BAD_DATE);
        ensure!(share.withdrawn_at.as_ref().is_none_or(date), BAD_DATE);
    }
    for event in &consent.history {
        ensure!(date(&event.at), BAD_DATE);
        ensure!(code(&event.event), BAD_CODE);
        ensure!(
            event
                .share_id
                .as_deref()
                .is_none_or(|share_id| has_share(consent, share_id)),
            "The consent history mentions a share that does not exist."
        );
    }
    Ok(())
}

fn check_disclosure(disclosure: &Disclosure, consent: &Consent) -> Check {
    ensure!(date(&disclosure.at), BAD_DATE);
    ensure!(
        has_share(consent, &disclosure.share_id),
        "An export is recorded for a share that does not exist."
    );
    check_recipient(&disclosure.recipient)?;
    ensure!(disclosure.included.len() <= 1000, BAD_ID);
    ensure!(disclosure.included.iter().all(|item| id(item)), BAD_ID);
    ensure!(
        disclosure.export_sha256.as_deref().is_none_or(sha256_hex),
        "An export's checksum is malformed."
    );
    ensure!(code(&disclosure.status), BAD_CODE);
    Ok(())
}

fn check_recipient(recipient: &Recipient) -> Check {
    ensure!(
        text(&recipient.role, 1, 80, false) && text(&recipient.team, 1, 80, false),
        BAD_RECIPIENT
    );
    ensure!(
        recipient.age_recipient.as_deref().is_none_or(age_recipient),
        "A recipient's encryption key is malformed."
    );
    Ok(())
}

fn has_share(consent: &Consent, share_id: &str) -> bool {
    consent.shares.iter().any(|share| share.id == share_id)
}

/// Every id well formed and none repeated; returns the set for reference checks.
fn unique_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>, Problem> {
    let mut seen = HashSet::new();
    for item in ids {
        ensure!(id(item), BAD_ID);
        ensure!(seen.insert(item), "Two items in the same list share an id.");
    }
    Ok(seen)
}

/// Between `min` and `max` characters, not blank when required, no control characters
/// (a newline only when `multiline`).
fn text(value: &str, min: usize, max: usize, multiline: bool) -> bool {
    let count = value.chars().count();
    (min..=max).contains(&count)
        && (min == 0 || !value.trim().is_empty())
        && value
            .chars()
            .all(|c| !c.is_control() || (multiline && c == '\n'))
}

/// Ids of tokens, links, groups, notes, shares, badges: 1 to 64 of `[A-Za-z0-9_-]`.
fn id(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Event, status and policy codes: 1 to 64 of `[a-z0-9_]`, starting with a letter.
fn code(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Palette colour ids: 1 to 24 of `[a-z0-9_-]`, starting with a letter. The palette itself is
/// the UI's business; the document only insists on a well-formed id.
fn colour(value: &str) -> bool {
    (1..=24).contains(&value.len())
        && value.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn shape(value: &str) -> bool {
    SHAPES.contains(&value)
}

/// 1 to 3 letters in any script. Combining accents (U+0300–U+036F) may follow a letter, so
/// a decomposed "É" counts as one letter.
pub(super) fn initials(value: &str) -> bool {
    let mut letters = 0;
    let mut after_letter = false;
    for c in value.chars() {
        if c.is_alphabetic() {
            letters += 1;
            after_letter = true;
        } else if after_letter && ('\u{300}'..='\u{36f}').contains(&c) {
            // an accent on the letter before
        } else {
            return false;
        }
    }
    (1..=3).contains(&letters)
}

fn sha256_hex(value: &str) -> bool {
    value.len() == 64
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An age recipient (`age1…`, Bech32, lower case).
fn age_recipient(value: &str) -> bool {
    value.starts_with("age1")
        && value.len() <= 200
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn date(at: &OffsetDateTime) -> bool {
    timestamp::is_storable(at)
}
