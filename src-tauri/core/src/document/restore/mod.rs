//! The one way bytes become a [`MapDocument`].
//!
//! 1. Read the envelope (`format`, `version`) without trusting anything else.
//! 2. Refuse what is not ours ([`Error::Corrupt`]) or too new ([`Error::TooNew`]).
//! 3. Migrate an older version step by step as JSON ([`STEPS`]), then read the typed document;
//!    serde fills the defaults of optional fields.
//! 4. Validate; a broken rule means a damaged file ([`Error::Corrupt`]).
//!
//! Adding format v2: write `v1_to_v2(Value) -> Result<Value>`, append it to [`STEPS`], bump
//! [`CURRENT_VERSION`], change the typed structs to v2, and commit a v2 golden fixture beside
//! the v1 ones (which must keep opening).

use serde::Deserialize;
use serde_json::Value;

use super::validate::{self, damaged, too_new};
use super::{MapDocument, CURRENT_VERSION, FORMAT};
use crate::{Error, Result};

/// The fields read before anything else. Everything else in the bytes is skipped here.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// One migration step: a document of version `n` in, version `n + 1` out.
type Step = fn(Value) -> Result<Value>;

/// `STEPS[n]` upgrades a version-`n` document to version `n + 1`.
const STEPS: [Step; CURRENT_VERSION as usize] = [v0_to_v1];

/// The one way bytes become a document: parse, migrate older versions, fill defaults, validate.
///
/// Errors: [`Error::Corrupt`] for anything damaged, truncated or foreign, [`Error::TooNew`] for
/// a version newer than this build. Messages never contain content from the file.
pub fn restore(bytes: &[u8]) -> Result<MapDocument> {
    restore_reporting_migration(bytes).map(|(doc, _)| doc)
}

/// [`restore`], also saying whether the bytes needed a migration. Bytes that did not are
/// exactly the document as `serde_json` reads it (the vault may remember them as such).
pub(crate) fn restore_reporting_migration(bytes: &[u8]) -> Result<(MapDocument, bool)> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|_| damaged())?;
    if envelope.format.as_deref() != Some(FORMAT) {
        return Err(damaged());
    }
    let version = envelope.version.ok_or_else(damaged)?;
    if version > u64::from(CURRENT_VERSION) {
        return Err(too_new());
    }

    let migrated = version != u64::from(CURRENT_VERSION);
    let doc: MapDocument = if !migrated {
        serde_json::from_slice(bytes).map_err(|_| damaged())?
    } else {
        let value: Value = serde_json::from_slice(bytes).map_err(|_| damaged())?;
        let value = migrate(value, version)?;
        serde_json::from_value(value).map_err(|_| damaged())?
    };

    validate::check(&doc).map_err(|problem| problem.into_error(true))?;
    Ok((doc, migrated))
}

/// Run every step from `from` up to the current version.
fn migrate(mut value: Value, from: u64) -> Result<Value> {
    let first = usize::try_from(from).map_err(|_| damaged())?;
    for step in STEPS.iter().skip(first) {
        value = step(value)?;
    }
    Ok(value)
}

/// No release ever wrote version 0 (pre-release builds kept no files), so there is nothing to
/// convert: a "version 0" file is not one of ours. The step exists so the chain has its shape.
fn v0_to_v1(_: Value) -> Result<Value> {
    Err(Error::Corrupt(
        "This map file is from a test build of Peer Map and cannot be opened.".to_owned(),
    ))
}

#[cfg(test)]
mod tests;
