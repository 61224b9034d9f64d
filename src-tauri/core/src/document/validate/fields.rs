//! What one field may hold: text, ids, codes, colours, shapes, initials, checksums, keys and
//! dates. The lengths and character sets come from [`super::rules`].

use time::OffsetDateTime;

use super::super::timestamp;
use super::rules::{rules, SHAPES};

/// A SHA-256 checksum in lower-case hex.
const SHA256_HEX_LEN: usize = 64;
/// An age recipient is far shorter; this only bounds a damaged file.
const AGE_RECIPIENT_MAX: usize = 200;
/// Combining accents (U+0300–U+036F) may follow a letter in initials.
const ACCENTS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// Between `min` and `max` characters, not blank when required, no control characters
/// (a newline only when `multiline`).
pub(super) fn text(value: &str, min: usize, max: usize, multiline: bool) -> bool {
    let count = value.chars().count();
    (min..=max).contains(&count)
        && (min == 0 || !value.trim().is_empty())
        && value
            .chars()
            .all(|c| !c.is_control() || (multiline && c == '\n'))
}

/// Ids of tokens, links, groups, notes, shares, badges (`id` in `assets/limits.json`).
pub(super) fn id(value: &str) -> bool {
    rules().ids.allows(value)
}

/// Event, status, policy and link-kind codes (`code` in `assets/limits.json`).
pub(super) fn code(value: &str) -> bool {
    rules().codes.allows(value)
}

/// A well-formed palette colour id (`colourId` in `assets/limits.json`). The palette itself
/// may grow; the document only insists on a well-formed id.
pub(super) fn colour(value: &str) -> bool {
    rules().colour_ids.allows(value)
}

/// One of the palette's shapes.
pub(super) fn shape(value: &str) -> bool {
    SHAPES.contains(&value)
}

/// 1 to `token.initialsMax` letters in any script. Combining accents may follow a letter, so
/// a decomposed "É" counts as one letter.
pub(super) fn initials(value: &str) -> bool {
    let mut letters = 0;
    let mut after_letter = false;
    for c in value.chars() {
        if c.is_alphabetic() {
            letters += 1;
            after_letter = true;
        } else if after_letter && ACCENTS.contains(&c) {
            // an accent on the letter before
        } else {
            return false;
        }
    }
    (1..=rules().limits.token.initials_max).contains(&letters)
}

pub(super) fn sha256_hex(value: &str) -> bool {
    value.len() == SHA256_HEX_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An age recipient (`age1…`, Bech32, lower case).
pub(super) fn age_recipient(value: &str) -> bool {
    value.starts_with("age1")
        && value.len() <= AGE_RECIPIENT_MAX
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

pub(super) fn date(at: &OffsetDateTime) -> bool {
    timestamp::is_storable(at)
}
