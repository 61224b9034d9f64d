//! The rules every map document obeys, whoever made it.
//!
//! Each rule's message is a fixed sentence (`&'static str`, with the numbers from the limits),
//! so no content can leak into it. The limits, shapes and ring count are read from the shared
//! assets (see [`rules`]); the UI checks the same ones before sending (`limits.ts`).
//! Text fields may hold any printable Unicode (emoji, right-to-left text, zero-width joiners)
//! but no control characters; only long prose (notes, purpose, reasons) may contain newlines.

use std::collections::HashSet;

use super::{MapDocument, SessionVersion, Token, CURRENT_VERSION, FORMAT};
use crate::Error;

/// Every check returns early with the broken rule's sentence.
macro_rules! ensure {
    ($cond:expr, $rule:expr) => {
        if !$cond {
            return Err(Problem::Rule($rule));
        }
    };
}

mod consent;
mod fields;
pub(super) mod rules;

use consent::{check_consent, check_disclosure};
use fields::{code, colour, date, id, initials, shape, text};
use rules::rules;
pub use rules::{DEFAULT_RING_LABELS, SHAPES};

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

/// The app version string ("0.1.0" and the like), written by the core itself.
const APP_VERSION_MAX: usize = 64;

pub(super) const BAD_DATE: &str = "A date in the map is outside the range Peer Map can store.";
pub(super) const BAD_ID: &str = "An item in the map has a missing or malformed id.";
pub(super) const BAD_CODE: &str = "An event or status code in the map is malformed.";

/// Check every rule.
pub(super) fn check(doc: &MapDocument) -> Check {
    let (rules, say) = (rules(), &rules().say);
    let limits = &rules.limits;
    ensure!(doc.format == FORMAT, "This is not a Peer Map document.");
    if doc.version > CURRENT_VERSION {
        return Err(Problem::TooNew);
    }
    ensure!(
        doc.version == CURRENT_VERSION,
        "The document version is not one Peer Map knows."
    );
    ensure!(
        text(&doc.app, 0, APP_VERSION_MAX, false),
        "The app version in the map is malformed."
    );
    ensure!(
        text(&doc.label, 1, limits.map.label_max, false),
        &say.map_label
    );
    ensure!(
        text(&doc.purpose, 0, limits.map.purpose_max, true),
        &say.purpose
    );
    ensure!(date(&doc.created_at) && date(&doc.updated_at), BAD_DATE);

    ensure!(
        (rules.min_rings..=rules.max_rings).contains(&doc.rings.len()),
        &say.ring_count
    );
    for ring in &doc.rings {
        ensure!(
            text(&ring.label, 1, limits.ring.label_max, false),
            &say.ring_label
        );
    }

    ensure!(
        !doc.versions.is_empty(),
        "A map needs at least one session."
    );
    ensure!(doc.versions.len() <= limits.map.sessions_max, &say.sessions);
    for session in &doc.versions {
        check_session(session, doc.rings.len())?;
    }

    check_consent(&doc.consent)?;

    ensure!(date(&doc.retention.until), BAD_DATE);
    ensure!(code(&doc.retention.policy), BAD_CODE);
    for extension in &doc.retention.extensions {
        ensure!(date(&extension.at) && date(&extension.until), BAD_DATE);
        ensure!(
            text(
                &extension.reason,
                1,
                limits.consent.retention_reason_max,
                true
            ),
            &say.retention_reason
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
    let (limits, say) = (&rules().limits, &rules().say);
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
        &say.initials
    );

    ensure!(session.tokens.len() <= limits.token.max, &say.tokens);
    let token_ids = unique_ids(session.tokens.iter().map(|t| t.id.as_str()))?;
    for token in &session.tokens {
        check_token(token, ring_count)?;
    }

    ensure!(session.links.len() <= limits.link.max, &say.links);
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

    ensure!(session.groups.len() <= limits.group.max, &say.groups);
    unique_ids(session.groups.iter().map(|g| g.id.as_str()))?;
    for group in &session.groups {
        ensure!(
            text(&group.label, 1, limits.group.label_max, false),
            &say.group_label
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

    ensure!(session.places.len() <= limits.place.max, &say.places);
    unique_ids(session.places.iter().map(|p| p.id.as_str()))?;
    for place in &session.places {
        ensure!(
            text(&place.label, 1, limits.place.label_max, false),
            &say.place_label
        );
    }

    ensure!(session.notes.len() <= limits.note.max, &say.notes);
    unique_ids(session.notes.iter().map(|n| n.id.as_str()))?;
    for note in &session.notes {
        ensure!(text(&note.text, 1, limits.note.text_max, true), &say.note);
    }
    Ok(())
}

fn check_token(token: &Token, ring_count: usize) -> Check {
    let (limits, say) = (&rules().limits.token, &rules().say);
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
        &say.initials
    );
    ensure!(
        token
            .descriptor
            .as_deref()
            .is_none_or(|d| text(d, 1, limits.descriptor_max, false)),
        &say.descriptor
    );
    ensure!(token.badges.len() <= limits.badges_max, &say.badges);
    ensure!(token.badges.iter().all(|badge| id(badge)), BAD_ID);
    Ok(())
}

/// Every id well formed and none repeated; returns the set for reference checks.
pub(super) fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, Problem> {
    let mut seen = HashSet::new();
    for item in ids {
        ensure!(id(item), BAD_ID);
        ensure!(seen.insert(item), "Two items in the same list share an id.");
    }
    Ok(seen)
}
