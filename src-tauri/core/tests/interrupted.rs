//! Saves and destructions stopped at their worst moment, as the crash test found them: between
//! a map's file and its row, and between a destruction's commit and its unlink. Each test
//! makes that moment happen on purpose, then starts again as the app does (the start-up sweep,
//! then unlock) and checks the young person's decision still holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use peermap_core::consent::record_explained;
use peermap_core::document::MapDocument;
use peermap_core::index::DestroyReason;
use peermap_core::lifecycle::draft_retain_until;
use peermap_core::vault::{Vault, QUARANTINE_DIR};

/// An explained draft, saved.
fn draft(vault: &mut Vault) -> MapDocument {
    let mut doc = vault
        .create_map("Blue fox", "Crash test", now(), draft_retain_until(now()))
        .unwrap();
    record_explained(&mut doc, true, true, now()).unwrap();
    vault.save_map(&doc, now()).unwrap();
    doc
}

#[test]
fn a_destroyed_maps_leftover_file_is_removed_at_unlock_not_quarantined() {
    let (dir, mut vault) = fresh_vault();
    let doc = draft(&mut vault);
    let file = map_file(dir.path(), doc.id);
    let bytes = std::fs::read(&file).unwrap();
    // The destruction committed, and the app stopped before the file was unlinked.
    vault
        .destroy_map(doc.id, DestroyReason::DeletedByPractitioner, now())
        .unwrap();
    std::fs::write(&file, bytes).unwrap();
    vault.lock();

    // Unlocked before any sweep ran (the start-up sweep failed, say).
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert!(!file.exists(), "the destroyed map's file is still in maps/");
    let quarantined = dir.path().join(QUARANTINE_DIR);
    assert!(
        !quarantined.exists() || files_under(&quarantined).is_empty(),
        "the destroyed map's file was kept in quarantine/"
    );
    assert_eq!(vault.last_reconcile().unwrap().orphan_files_removed, 0);
}
