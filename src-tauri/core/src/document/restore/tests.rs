//! The golden fixtures, every refusal, and truncations and byte flips of a real file.

use std::path::{Path, PathBuf};

use time::macros::datetime;

use super::*;
use crate::document::{Author, ConsentBy, TokenKind};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/documents")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).expect("fixture exists")
}

fn restore_fixture(name: &str) -> Result<MapDocument> {
    restore(&fixture(name))
}

#[test]
fn golden_v1_full_opens_with_every_value() {
    let doc = restore_fixture("v1-full.json").expect("golden v1 opens");
    assert_eq!(doc.format, "peermap");
    assert_eq!(doc.version, 1);
    assert_eq!(doc.app, "0.1.0");
    assert_eq!(doc.id.to_string(), "6f1c2b9e-4d3a-4b8e-9a71-2f5e8c0d1a23");
    assert_eq!(doc.created_at, datetime!(2025-01-14 15:30 UTC));
    assert_eq!(doc.updated_at, datetime!(2025-03-11 16:05:30 UTC));
    assert_eq!(doc.label, "River map 🌊");
    assert!(doc
        .purpose
        .starts_with("To understand who R. feels safe with"));
    let rings: Vec<&str> = doc.rings.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        rings,
        ["Closest to me", "Close", "Around me", "Further away"]
    );
    assert!(!doc.is_draft());

    assert_eq!(doc.versions.len(), 3);
    let first = &doc.versions[0];
    assert_eq!(first.session_at, datetime!(2025-01-14 15:30 UTC));
    assert_eq!(first.tokens.len(), 3);
    assert!(first.links.is_empty());

    let latest = doc.latest();
    assert_eq!(latest.session_at, datetime!(2025-03-11 15:45 UTC));
    assert_eq!(latest.me.colour, "green");
    assert_eq!(latest.me.shape, "star");
    assert_eq!(latest.me.initials.as_deref(), Some("R"));

    let kinds: Vec<TokenKind> = latest.tokens.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TokenKind::Peer,
            TokenKind::Family,
            TokenKind::Adult,
            TokenKind::Professional,
            TokenKind::Other,
            TokenKind::Peer,
        ]
    );
    let best = &latest.tokens[0];
    assert_eq!(best.id, "t1");
    assert_eq!(best.ring, Some(0));
    assert_eq!(best.angle, 12.5);
    assert_eq!(best.colour, "orange");
    assert_eq!(best.shape, "heart");
    assert_eq!(best.initials.as_deref(), Some("ÉO"));
    assert_eq!(best.descriptor.as_deref(), Some("best friend"));
    assert_eq!(best.badges, ["supports", "listens"]);
    assert!(!best.private);
    let parked = &latest.tokens[4];
    assert_eq!(parked.ring, None);
    assert_eq!(parked.initials, None);
    assert!(latest.tokens[5].private);
    assert_eq!(
        latest.tokens[5].descriptor.as_deref(),
        Some("someone from online")
    );

    assert_eq!(latest.links.len(), 2);
    assert_eq!(
        (latest.links[0].a.as_str(), latest.links[0].b.as_str()),
        ("t1", "t6")
    );
    assert_eq!(latest.links[0].kind, "knows");
    assert_eq!(latest.groups.len(), 1);
    assert_eq!(latest.groups[0].label, "Football lot");
    assert_eq!(latest.groups[0].members, ["t1", "t6"]);
    assert_eq!(latest.places.len(), 2);
    assert_eq!(latest.places[1].label, "Park by the flats");
    assert_eq!(latest.notes.len(), 2);
    assert_eq!(latest.notes[0].by, Author::YoungPerson);
    assert!(!latest.notes[0].private);
    assert_eq!(latest.notes[1].by, Author::Practitioner);
    assert!(latest.notes[1].private);
    assert!(latest.notes[1].text.contains('\n'));

    let consent = &doc.consent;
    let explained = consent.explained.as_ref().expect("explained");
    assert!(explained.confidentiality && explained.storage_and_access);
    assert_eq!(explained.at, datetime!(2025-01-14 15:32 UTC));
    let keep = consent.keep_copy.as_ref().expect("keep");
    assert!(keep.agreed);
    assert_eq!(keep.by, ConsentBy::YoungPerson);
    assert_eq!(keep.by_reason, None);
    assert!(keep.understanding_note.is_some());
    assert_eq!(keep.at, datetime!(2025-01-14 16:20 UTC));
    assert!(consent.lawful_basis.is_some());
    assert_eq!(consent.shares.len(), 2);
    let share = &consent.shares[0];
    assert_eq!(share.id, "s1");
    assert_eq!(share.recipient.role, "Social worker");
    assert_eq!(share.recipient.team, "Children's services, North");
    assert!(share
        .recipient
        .age_recipient
        .as_deref()
        .is_some_and(|r| r.starts_with("age1")));
    assert_eq!(share.expires_at, Some(datetime!(2025-07-14 00:00 UTC)));
    assert_eq!(share.withdrawn_at, None);
    assert_eq!(
        consent.shares[1].withdrawn_at,
        Some(datetime!(2025-03-11 15:50 UTC))
    );
    let events: Vec<&str> = consent.history.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        events,
        [
            "explained",
            "keep_agreed",
            "share_added",
            "share_added",
            "share_withdrawn"
        ]
    );
    assert_eq!(consent.history[4].share_id.as_deref(), Some("s2"));

    assert_eq!(doc.retention.until, datetime!(2026-03-11 00:00 UTC));
    assert_eq!(doc.retention.policy, "default");
    assert_eq!(doc.retention.extensions.len(), 1);
    assert_eq!(
        doc.retention.extensions[0].until,
        datetime!(2026-03-11 00:00 UTC)
    );

    assert_eq!(doc.disclosures.len(), 1);
    let disclosure = &doc.disclosures[0];
    assert_eq!(disclosure.share_id, "s1");
    assert_eq!(disclosure.recipient.role, "Social worker");
    assert_eq!(disclosure.included, ["map", "public_notes"]);
    assert_eq!(
        disclosure.export_sha256.as_deref(),
        Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
    );
    assert_eq!(disclosure.status, "exported");

    let audit: Vec<&str> = doc.audit.iter().map(|a| a.event.as_str()).collect();
    assert_eq!(
        audit,
        [
            "map_created",
            "map_kept",
            "session_added",
            "map_exported",
            "session_added",
            "retention_extended"
        ]
    );
}

#[test]
fn golden_v1_full_writes_back_what_it_read() {
    let doc = restore_fixture("v1-full.json").expect("opens");
    let json = doc.to_json().expect("writes");
    assert_eq!(restore(&json).expect("reopens"), doc);
    let original: Value = serde_json::from_slice(&fixture("v1-full.json")).expect("json");
    let written: Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(written, original, "the golden file is in canonical form");
}

#[test]
fn minimal_v1_gets_its_defaults_filled() {
    let doc = restore_fixture("v1-minimal.json").expect("minimal v1 opens");
    assert_eq!(doc.app, "");
    assert_eq!(doc.purpose, "");
    assert_eq!(doc.rings.len(), 4);
    assert_eq!(doc.rings[0].label, "Closest to me");
    assert!(doc.is_draft());
    assert!(doc.consent.explained.is_none());
    assert!(doc.consent.shares.is_empty() && doc.consent.history.is_empty());
    assert!(doc.retention.extensions.is_empty());
    assert!(doc.disclosures.is_empty() && doc.audit.is_empty());
    let session = doc.latest();
    assert_eq!(session.me.colour, "blue");
    assert_eq!(session.me.shape, "circle");
    assert!(session.links.is_empty() && session.groups.is_empty());
    assert!(session.places.is_empty() && session.notes.is_empty());
    let token = &session.tokens[0];
    assert_eq!(token.ring, None);
    assert_eq!(token.angle, 0.0);
    assert_eq!(
        (token.initials.as_ref(), token.descriptor.as_ref()),
        (None, None)
    );
    assert!(token.badges.is_empty());
    assert!(!token.private);
    let note = &session.notes;
    assert!(note.is_empty());
}

#[test]
fn newer_minor_writer_with_extra_fields_opens_and_drops_them() {
    let doc = restore_fixture("v1-extra-fields.json").expect("opens despite unknown fields");
    assert_eq!(doc.latest().tokens.len(), 1);
    let json = doc.to_json().expect("writes");
    let text = std::str::from_utf8(&json).expect("utf-8");
    assert!(
        !text.contains("sticker"),
        "unknown fields are not written back"
    );
    assert!(!text.contains("theme"));
}

fn assert_corrupt(result: Result<MapDocument>) {
    match result {
        Err(Error::Corrupt(message)) => {
            assert!(message.contains("damaged") || message.contains("test build"));
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn fail_future_version_is_too_new() {
    match restore_fixture("fail_future_version.json") {
        Err(Error::TooNew(message)) => assert_eq!(
            message,
            "This map was saved by a newer version of Peer Map. Update the app to open it."
        ),
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn fail_wrong_format_is_corrupt() {
    assert_corrupt(restore_fixture("fail_wrong_format.json"));
}

#[test]
fn fail_truncated_is_corrupt() {
    assert_corrupt(restore_fixture("fail_truncated.json"));
}

#[test]
fn fail_duplicate_token_ids_is_corrupt() {
    assert_corrupt(restore_fixture("fail_duplicate_token_ids.json"));
}

#[test]
fn fail_unknown_token_kind_is_corrupt() {
    assert_corrupt(restore_fixture("fail_unknown_token_kind.json"));
}

#[test]
fn every_fail_fixture_is_refused_and_every_other_opens() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        if !name.ends_with(".json") {
            continue;
        }
        seen += 1;
        let result = restore(&std::fs::read(&path).expect("read"));
        if name.starts_with("fail_") {
            assert!(
                matches!(result, Err(Error::Corrupt(_) | Error::TooNew(_))),
                "{name} should be refused"
            );
        } else {
            assert!(result.is_ok(), "{name} should open");
        }
    }
    assert!(seen >= 7);
}

#[test]
fn version_zero_goes_through_the_migration_hook_and_is_refused() {
    let mut value: Value = serde_json::from_slice(&fixture("v1-minimal.json")).expect("json");
    value["version"] = 0.into();
    let bytes = serde_json::to_vec(&value).expect("json");
    assert_corrupt(restore(&bytes));
}

#[test]
fn rule_violation_in_a_file_is_corrupt_not_invalid_input() {
    let mut value: Value = serde_json::from_slice(&fixture("v1-minimal.json")).expect("json");
    value["label"] = "".into();
    let bytes = serde_json::to_vec(&value).expect("json");
    assert_corrupt(restore(&bytes));
}

#[test]
fn envelope_problems_are_corrupt() {
    let cases: [&[u8]; 11] = [
        b"",
        b"null",
        b"[]",
        b"\"peermap\"",
        b"{}",
        b"{\"format\":\"peermap\"}",
        b"{\"format\":\"peermap\",\"version\":\"1\"}",
        b"{\"format\":\"peermap\",\"version\":1.5}",
        b"{\"format\":\"peermap\",\"version\":-1}",
        b"{\"format\":\"peermap\",\"version\":1}",
        b"\xff\xfe{\"format\":\"peermap\"}",
    ];
    for bytes in cases {
        assert_corrupt(restore(bytes));
    }
}

#[test]
fn huge_version_is_too_new() {
    let bytes = br#"{"format":"peermap","version":18446744073709551615}"#;
    assert!(matches!(restore(bytes), Err(Error::TooNew(_))));
}

#[test]
fn every_truncation_and_byte_flip_of_the_golden_file_is_refused_without_panic() {
    let bytes = fixture("v1-full.json");
    for len in 0..bytes.trim_ascii_end().len() {
        // A prefix is never a whole JSON document except the full file.
        assert!(
            restore(&bytes[..len]).is_err(),
            "prefix of {len} bytes opened"
        );
    }
    let mut flipped = bytes.clone();
    for i in (0..bytes.len()).step_by(7) {
        flipped[i] ^= 0x20;
        let _ = restore(&flipped); // may open (a letter changed case) but must not panic
        flipped[i] = bytes[i];
    }
}

#[test]
fn refusal_messages_never_contain_content() {
    let mut value: Value = serde_json::from_slice(&fixture("v1-full.json")).expect("json");
    value["versions"][2]["tokens"][0]["initials"] = "Canary Smith".into();
    let bytes = serde_json::to_vec(&value).expect("json");
    let message = restore(&bytes).expect_err("refused").to_string();
    assert!(!message.contains("Canary"), "{message}");
    value["versions"][2]["tokens"][0]["kind"] = "Canary".into();
    let bytes = serde_json::to_vec(&value).expect("json");
    let message = restore(&bytes).expect_err("refused").to_string();
    assert!(!message.contains("Canary"), "{message}");
}
