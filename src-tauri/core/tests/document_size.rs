//! A map that saves can always be opened again: a document over the write limit is refused
//! with a plain message, before anything is written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fresh_vault, now};
use peermap_core::document::{Author, MapDocument, Note, MAX_DOCUMENT_BYTES};
use peermap_core::Error;

fn grow(doc: &mut MapDocument, bytes: usize) {
    let text = "a".repeat(4000);
    let mut n = 0;
    while serde_json::to_vec(&*doc).unwrap().len() <= bytes {
        let session = doc.versions.last_mut().unwrap();
        if session.notes.len() >= 1000 {
            let mut next = session.clone();
            next.notes.clear();
            next.session_at += time::Duration::days(1);
            doc.versions.push(next);
            continue;
        }
        for _ in 0..200 {
            n += 1;
            doc.versions.last_mut().unwrap().notes.push(Note {
                id: format!("n{n}"),
                by: Author::Practitioner,
                text: text.clone(),
                private: false,
            });
        }
    }
}

#[test]
fn a_map_too_big_to_reopen_is_never_written() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = vault
        .create_map("Big", "", now(), now() + time::Duration::days(7))
        .unwrap();
    let before = std::fs::read_dir(dir.path().join("maps"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    grow(&mut doc, MAX_DOCUMENT_BYTES);
    doc.validate().expect("every part is within its own limit");
    let err = vault.save_map(&doc, now()).expect_err("refused");
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("too big")),
        "{err}"
    );
    let after = std::fs::read_dir(dir.path().join("maps"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(before, after, "the map file changed");
}
