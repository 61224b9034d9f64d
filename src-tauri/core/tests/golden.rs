//! The golden vault `tests/fixtures/vault-v1/`, written by format v1: every later release must
//! open it. The test always works on a copy.
//!
//! Regenerate (only if the fixture is lost; never to "fix" a failing test):
//! `PEERMAP_WRITE_GOLDEN=1 cargo test -p peermap-core --test golden -- --ignored make_golden_vault`
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use peermap_core::document::{
    AuditEntry, ConsentBy, ConsentEvent, Disclosure, Explained, Group, KeepCopy, Link, MapDocument,
    Place, Recipient, Share, TokenKind,
};
use peermap_core::vault::Vault;
use secrecy::SecretString;
use time::macros::datetime;
use time::OffsetDateTime;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v1")
}

const SHORT_UNTIL: OffsetDateTime = datetime!(2029-06-30 00:00 UTC);
const LONG_UNTIL: OffsetDateTime = datetime!(2091-03-01 00:00 UTC);
const FIRST: OffsetDateTime = datetime!(2026-01-15 16:00 UTC);
const SECOND: OffsetDateTime = datetime!(2026-02-12 16:30 UTC);

/// Fill a freshly created map with two sessions of content, consent with one share, a
/// disclosure and audit entries.
fn fill(doc: &mut MapDocument, tag: &str) {
    let s1 = &mut doc.versions[0];
    s1.me.initials = Some("R".into());
    s1.tokens = vec![
        token("t1", Some(0), Some("JB"), Some("best friend")),
        token("t2", Some(1), None, Some("older cousin")),
        token("t3", Some(2), Some("K"), Some("coach at boxing")),
        token("t4", None, None, Some("someone from online")),
    ];
    s1.tokens[1].kind = TokenKind::Family;
    s1.tokens[2].kind = TokenKind::Professional;
    s1.tokens[2].badges = vec!["supports".into(), "listens".into()];
    s1.tokens[3].kind = TokenKind::Other;
    s1.tokens[3].private = true;
    s1.tokens[3].angle = 300.5;
    s1.links = vec![
        Link {
            a: "t1".into(),
            b: "t2".into(),
            kind: "knows".into(),
        },
        Link {
            a: "t1".into(),
            b: "t4".into(),
            kind: "worried".into(),
        },
    ];
    s1.groups = vec![Group {
        id: "g1".into(),
        label: "Park crew".into(),
        members: vec!["t1".into(), "t4".into()],
    }];
    s1.places = vec![Place {
        id: "p1".into(),
        label: "The park".into(),
    }];
    s1.notes = vec![
        note("n1", &format!("{tag}: feels safest with the coach"), false),
        note(
            "n2",
            &format!("{tag}: practitioner only: follow up about online contact"),
            true,
        ),
    ];
    let mut s2 = s1.clone();
    s2.session_at = SECOND;
    s2.tokens[3].ring = Some(3);
    s2.tokens.push(token(
        "t5",
        Some(1),
        Some("AM"),
        Some("new friend at college"),
    ));
    s2.links.push(Link {
        a: "t5".into(),
        b: "t1".into(),
        kind: "knows".into(),
    });
    s2.notes
        .push(note("n3", "Second session: moved closer to AM", false));
    doc.versions.push(s2);

    doc.consent.explained = Some(Explained {
        confidentiality: true,
        storage_and_access: true,
        at: FIRST,
    });
    doc.consent.keep_copy = Some(KeepCopy {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: Some("Explained back in their own words".into()),
        at: FIRST,
    });
    doc.consent.lawful_basis = Some("Early help, with consent".into());
    let recipient = Recipient {
        role: "Social worker".into(),
        team: "Children's services, North".into(),
        age_recipient: None,
    };
    doc.consent.shares = vec![Share {
        id: "s1".into(),
        recipient: recipient.clone(),
        purpose: "Planning meeting".into(),
        agreed_at: SECOND,
        expires_at: Some(datetime!(2026-06-01 00:00 UTC)),
        withdrawn_at: None,
    }];
    doc.consent.history = vec![
        ConsentEvent {
            at: FIRST,
            event: "explained".into(),
            share_id: None,
        },
        ConsentEvent {
            at: FIRST,
            event: "keep_agreed".into(),
            share_id: None,
        },
        ConsentEvent {
            at: SECOND,
            event: "share_added".into(),
            share_id: Some("s1".into()),
        },
    ];
    doc.retention.policy = "default".into();
    doc.disclosures = vec![Disclosure {
        at: SECOND,
        share_id: "s1".into(),
        recipient,
        included: vec!["map".into(), "notes_shared".into()],
        export_sha256: Some("0".repeat(64)),
        status: "exported".into(),
    }];
    doc.audit = vec![
        AuditEntry {
            at: FIRST,
            event: "created".into(),
        },
        AuditEntry {
            at: SECOND,
            event: "session_added".into(),
        },
    ];
    doc.updated_at = SECOND;
}

#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_golden_vault() {
    assert!(
        std::env::var_os("PEERMAP_WRITE_GOLDEN").is_some(),
        "set PEERMAP_WRITE_GOLDEN=1 to (re)write tests/fixtures/vault-v1"
    );
    let dir = fixture();
    assert!(
        !dir.join("identity.age").exists(),
        "fixture exists; delete it first on purpose"
    );
    std::fs::create_dir_all(&dir).unwrap();
    let pass = "golden fixture: quiet amber meadow ladder";
    std::fs::write(dir.join("PASSPHRASE"), format!("{pass}\n")).unwrap();
    let mut vault = Vault::create(&dir, &SecretString::from(pass.to_owned()), FIRST).unwrap();
    // Both maps are made in the first session, before the vault has seen the second date.
    let docs: Vec<_> = [("Golden short", SHORT_UNTIL), ("Golden long", LONG_UNTIL)]
        .into_iter()
        .map(|(label, until)| {
            vault
                .create_map(
                    label,
                    "Understand who R can turn to (golden fixture)",
                    FIRST,
                    until,
                )
                .unwrap()
        })
        .collect();
    for mut doc in docs {
        let label = doc.label.clone();
        fill(&mut doc, &label);
        vault.save_map(&doc, SECOND).unwrap();
    }
    vault.lock();
}

#[test]
fn golden_vault_v1_opens_with_everything_in_it() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), copy.path());
    let pass = std::fs::read_to_string(copy.path().join("PASSPHRASE")).unwrap();
    let pass = SecretString::from(pass.trim_end_matches(['\n', '\r']).to_owned());
    let now = datetime!(2026-03-01 00:00 UTC);
    let vault = Vault::unlock(copy.path(), &pass, now).unwrap();

    let list = vault.list_maps(now).unwrap();
    assert_eq!(list.len(), 2);
    for (label, until) in [("Golden short", SHORT_UNTIL), ("Golden long", LONG_UNTIL)] {
        let summary = list.iter().find(|m| m.label == label).expect(label);
        assert_eq!(summary.retain_until, until);
        assert_eq!(summary.created_at, FIRST);
        assert_eq!(summary.last_session_at, SECOND);
        assert!(!summary.is_draft);
        assert!(!summary.damaged);

        let doc = vault.open_map(summary.id).unwrap();
        assert_eq!(doc.id, summary.id);
        assert_eq!(doc.label, label);
        assert_eq!(doc.retention.until, until);
        assert_eq!(doc.retention.policy, "default");
        assert_eq!(doc.versions.len(), 2);
        assert_eq!(doc.versions[0].session_at, FIRST);
        assert_eq!(doc.versions[1].session_at, SECOND);
        let (s1, s2) = (&doc.versions[0], &doc.versions[1]);
        assert_eq!(s1.tokens.len(), 4);
        assert_eq!(s2.tokens.len(), 5);
        assert_eq!(s1.tokens[0].initials.as_deref(), Some("JB"));
        assert_eq!(s1.tokens[2].badges, ["supports", "listens"]);
        assert_eq!(s1.tokens[3].ring, None);
        assert_eq!(s2.tokens[3].ring, Some(3));
        assert!((s1.tokens[3].angle - 300.5).abs() < 1e-9);
        assert!(s1.tokens[3].private);
        assert_eq!(s1.links.len(), 2);
        assert_eq!(s2.links.len(), 3);
        assert_eq!(s1.groups[0].members, ["t1", "t4"]);
        assert_eq!(s1.places[0].label, "The park");
        assert_eq!(s1.notes.len(), 2);
        assert_eq!(s1.notes.iter().filter(|n| n.private).count(), 1);
        assert_eq!(s2.notes.len(), 3);
        assert_eq!(s1.me.initials.as_deref(), Some("R"));
        assert!(doc.consent.is_kept());
        assert_eq!(doc.consent.shares.len(), 1);
        assert_eq!(doc.consent.shares[0].recipient.role, "Social worker");
        assert_eq!(doc.consent.history.len(), 3);
        assert_eq!(doc.disclosures.len(), 1);
        assert_eq!(doc.audit.len(), 2);
        assert_eq!(doc.updated_at, SECOND);
        assert_eq!(summary.days_left, (until - now).whole_days());
    }
    // The fixture itself is untouched (tests work on a copy).
    assert!(!fixture().join("index.sqlite3-wal").exists());
}
