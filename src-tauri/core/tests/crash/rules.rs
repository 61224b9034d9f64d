//! The rules the checks apply to one map, one step in flight and the folder as found.

use std::path::Path;

use peermap_core::consent::add_months;
use peermap_core::document::MapDocument;
use peermap_core::lifecycle::DRAFT_RETENTION;
use peermap_core::vault::QUARANTINE_DIR;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{MapState, Step};
use crate::common::map_file;

pub fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
pub fn consent_word(doc: &MapDocument) -> &'static str {
    if doc.consent.is_kept() {
        "kept"
    } else if doc.consent.keep_withdrawn() {
        "withdrawn"
    } else {
        "draft"
    }
}

/// The destroy date follows the consent: a draft's is its creation plus the draft period; a
/// kept map's at least the keep decision plus the default months; a withdrawn map is due at
/// once, so the next sweep destroys it.
pub fn retention_agrees_with_consent(doc: &MapDocument, now: OffsetDateTime, what: &str) {
    let until = doc.retention.until;
    let keep_at = doc.consent.keep_copy.as_ref().map(|k| k.at);
    if doc.consent.is_kept() {
        let floor = add_months(keep_at.expect("kept at"), 12).expect("date");
        assert!(
            until >= floor,
            "{what}: kept, but due {until} before {floor}"
        );
    } else if doc.consent.keep_withdrawn() {
        // Its destruction was interrupted: it must be due, so the next sweep finishes it.
        assert!(
            until <= now,
            "{what}: withdrawn but not due (due {until}, now {now})"
        );
    } else {
        assert_eq!(
            until,
            doc.created_at + DRAFT_RETENTION,
            "{what}: draft with another date"
        );
    }
}

/// The map in flight changed: it must be that step's complete result.
pub fn in_flight_change(
    op: &str,
    step: Option<&Step>,
    before: &MapState,
    after: &MapState,
    what: &str,
) {
    let step = step.expect("a step in flight");
    let mut expect = before.clone();
    match op {
        "save" => expect.gen = step.begin[0].parse().expect("gen"),
        "session" => expect.sessions += 1,
        "explain" => expect.explained = true,
        "keep-yes" => expect.kept = true,
        "share" => expect.shares += 1,
        "withdraw" => {
            expect.kept = false;
            expect.withdrawn = true;
        }
        "export" => {
            let new = after.disclosures.get(before.disclosures.len());
            let ok = after.disclosures.len() == before.disclosures.len() + 1
                && match new {
                    Some((s, None)) if s == "pending" => true,
                    Some((s, Some(sha))) if s == "written" => {
                        let bytes = std::fs::read(&step.begin[0]).unwrap_or_else(|_| {
                            panic!("{what}: recorded as written but the copy is missing")
                        });
                        sha_hex(&bytes) == *sha
                    }
                    _ => false,
                };
            assert!(ok, "{what}: export half applied: {after:?}");
            expect.disclosures = after.disclosures.clone();
        }
        other => panic!("{what}: changed by {other}: {before:?} -> {after:?}"),
    }
    assert!(
        expect.same_except_until(after),
        "{what}: {op} half applied: before {before:?}, after {after:?}"
    );
}

pub fn quarantine_names(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir.join(QUARANTINE_DIR)) {
        Ok(entries) => entries
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// What the kill left before anything runs: saves marked in progress, and files of maps that
/// have a tombstone (read-only; nothing is changed).
pub fn interrupted_on_disk(dir: &Path) -> (usize, usize) {
    let conn = rusqlite::Connection::open_with_flags(
        dir.join("index.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("index");
    let pending: usize = conn
        .query_row(
            "SELECT count(*) FROM vault_state WHERE key LIKE 'pending_save:%'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .expect("count") as usize;
    let mut stmt = conn
        .prepare("SELECT map_id FROM tombstones")
        .expect("prepare");
    let leftovers = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .filter(|id| {
            let id = Uuid::parse_str(id.as_ref().expect("id")).expect("uuid");
            map_file(dir, id).exists()
        })
        .count();
    (pending, leftovers)
}
