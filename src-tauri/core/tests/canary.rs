//! No plaintext on disk: plant random canaries in every kind of content, then scan every byte
//! of every file under the data directory (index, WAL, shared memory, temp files, maps).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;
use peermap_core::document::{Group, Place, Ring};
use peermap_core::vault::{DestroyReason, Vault};

/// A random string that cannot occur by chance: "cny" + 24 hex digits.
fn canary() -> String {
    format!("cny{}", &uuid::Uuid::new_v4().simple().to_string()[..24])
}

/// Three random capital letters (initials allow no more).
fn initials_canary() -> String {
    let b = uuid::Uuid::new_v4().into_bytes();
    b[..3].iter().map(|x| char::from(b'A' + x % 26)).collect()
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Every form a leak could take: UTF-8, UTF-16 LE and BE.
fn forms(s: &str) -> Vec<Vec<u8>> {
    vec![s.as_bytes().to_vec(), utf16(s, false), utf16(s, true)]
}

fn scan(dir: &Path, canaries: &[String], initials: &[String], when: &str) {
    let files = files_under(dir);
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for c in canaries {
            for form in forms(c) {
                assert!(
                    !contains(&bytes, &form),
                    "{when}: canary found in {}",
                    path.display()
                );
            }
        }
        // Three letters alone occur in random bytes by chance; a leaked document would carry
        // them as JSON, so scan for that form.
        for i in initials {
            for form in forms(&format!("\"initials\":\"{i}\"")) {
                assert!(
                    !contains(&bytes, &form),
                    "{when}: initials found in {}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn no_canary_reaches_the_disk() {
    let (dir, mut vault) = fresh_vault();
    let mut canaries = Vec::new();
    let mut initials = Vec::new();
    let mut ids = Vec::new();
    for m in 0..3 {
        let label = canary();
        let purpose = format!("Purpose {}", canary());
        canaries.extend([label.clone(), purpose.clone()]);
        let mut doc = vault
            .create_map(&label, &purpose, now(), later(30 + m))
            .unwrap();
        with_tokens(&mut doc, 10);
        let rings: Vec<Ring> = (0..4).map(|_| Ring { label: canary() }).collect();
        canaries.extend(rings.iter().map(|r| r.label.clone()));
        doc.rings = rings;
        let session = doc.versions.last_mut().unwrap();
        for (k, t) in session.tokens.iter_mut().enumerate() {
            let i = initials_canary();
            let d = canary();
            t.initials = Some(i.clone());
            t.descriptor = Some(d.clone());
            t.private = k % 3 == 0;
            initials.push(i);
            canaries.push(d);
        }
        let me_initials = initials_canary();
        session.me.initials = Some(me_initials.clone());
        initials.push(me_initials);
        for k in 0..3 {
            let text = format!("Note {}\nsecond line {}", canary(), canary());
            canaries.extend(
                text.split_whitespace()
                    .filter(|w| w.starts_with("cny"))
                    .map(str::to_owned),
            );
            session.notes.push(note(&format!("n{k}"), &text, k == 0));
        }
        let g = canary();
        session.groups.push(Group {
            id: "g1".into(),
            label: g.clone(),
            members: vec!["t1".into(), "t2".into()],
        });
        let p = canary();
        session.places.push(Place {
            id: "p1".into(),
            label: p.clone(),
        });
        canaries.extend([g, p]);
        vault.save_map(&doc, now()).unwrap();
        ids.push(doc.id);
    }
    // While unlocked (WAL and shared memory present).
    scan(dir.path(), &canaries, &initials, "unlocked");

    // Edit: new label, second session, more saves; destroy one map.
    let mut doc = vault.open_map(ids[0]).unwrap();
    let new_label = canary();
    canaries.push(new_label.clone());
    doc.label = new_label;
    let mut next = doc.latest().clone();
    next.session_at = later(7);
    let extra = canary();
    canaries.push(extra.clone());
    next.notes.push(note("n9", &extra, false));
    doc.versions.push(next);
    for _ in 0..3 {
        vault.save_map(&doc, later(7)).unwrap();
    }
    vault
        .destroy_map(ids[2], DestroyReason::DeletedByPractitioner, later(7))
        .unwrap();
    scan(dir.path(), &canaries, &initials, "after edits");

    vault.lock();
    scan(dir.path(), &canaries, &initials, "locked");

    // Restart: unlock again, read everything, lock.
    let vault = Vault::unlock(dir.path(), &passphrase(), later(8)).unwrap();
    assert_eq!(vault.list_maps(later(8)).unwrap().len(), 2);
    assert!(vault.open_map(ids[0]).unwrap().versions.len() == 2);
    scan(dir.path(), &canaries, &initials, "reopened");
    vault.lock();
    scan(dir.path(), &canaries, &initials, "final");

    // The scanner does find a planted plaintext (so the test can fail).
    std::fs::write(dir.path().join("plain.txt"), canaries[0].as_bytes()).unwrap();
    let found = std::panic::catch_unwind(|| scan(dir.path(), &canaries, &initials, "self-check"));
    assert!(found.is_err());
}
