//! Saves and destructions stopped at their worst moment, as the crash test found them: between
//! a map's file and its row, and between a destruction's commit and its unlink. Each test
//! makes that moment happen on purpose, then starts again as the app does (the start-up sweep,
//! then unlock) and checks the young person's decision still holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use peermap_core::consent::{decide_keep, record_explained, withdraw_keep, KeepDecision};
use peermap_core::document::{ConsentBy, MapDocument};
use peermap_core::index::DestroyReason;
use peermap_core::lifecycle::draft_retain_until;
use peermap_core::settings::Settings;
use peermap_core::vault::{destroy_expired, Vault, QUARANTINE_DIR};
use std::path::Path;

/// Until dropped, the update that completes a map's row after its file is written fails (it
/// is the only one that writes `notify`; the hold and the seal before the file write touch
/// other columns): the state a crash leaves between a save's file and its row.
struct StopBeforeTheRow(rusqlite::Connection);

impl StopBeforeTheRow {
    fn new(dir: &Path) -> StopBeforeTheRow {
        let conn = rusqlite::Connection::open(dir.join("index.sqlite3")).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER stop_here BEFORE UPDATE OF notify ON maps
             BEGIN SELECT RAISE(ABORT, 'stopped'); END;",
        )
        .unwrap();
        StopBeforeTheRow(conn)
    }
}

impl Drop for StopBeforeTheRow {
    fn drop(&mut self) {
        self.0.execute_batch("DROP TRIGGER stop_here").unwrap();
    }
}

fn yes() -> KeepDecision {
    KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
    }
}

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
fn a_withdrawal_stopped_between_the_file_and_the_row_is_destroyed_by_the_next_sweep() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = draft(&mut vault);
    decide_keep(&mut doc, yes(), None, &Settings::default(), now()).unwrap();
    vault.save_map(&doc, now()).unwrap();

    // The young person takes back their agreement; the app stops after the file is written.
    withdraw_keep(&mut doc, later(1)).unwrap();
    {
        let _stop = StopBeforeTheRow::new(dir.path());
        assert!(vault.save_map(&doc, later(1)).is_err());
    }
    vault.lock();

    destroy_expired(dir.path(), later(1)).unwrap();
    let mut vault = Vault::unlock(dir.path(), &passphrase(), later(1)).unwrap();
    let report = vault.sweep(later(1) + time::Duration::hours(1)).unwrap();
    assert_eq!(report.destroyed, 1, "the withdrawn map is still kept");
    assert!(vault.list_maps(later(1)).unwrap().is_empty());
    assert!(!map_file(dir.path(), doc.id).exists());
}

#[test]
fn a_keep_decision_stopped_between_the_file_and_the_row_is_not_destroyed_as_a_draft() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = draft(&mut vault);

    // The young person agrees; the app stops after the file is written, and is next started
    // after the draft's week is over.
    decide_keep(&mut doc, yes(), None, &Settings::default(), now()).unwrap();
    {
        let _stop = StopBeforeTheRow::new(dir.path());
        assert!(vault.save_map(&doc, now()).is_err());
    }
    vault.lock();

    let report = destroy_expired(dir.path(), later(8)).unwrap();
    assert_eq!(report.destroyed, 0, "a kept map was destroyed as a draft");
    let vault = Vault::unlock(dir.path(), &passphrase(), later(8)).unwrap();
    let list = vault.list_maps(later(8)).unwrap();
    assert_eq!(list.len(), 1);
    assert!(!list[0].is_draft, "the list still shows a draft");
    assert_eq!(list[0].retain_until, doc.retention.until);
    assert!(vault.open_map(doc.id).unwrap().consent.is_kept());
}

#[test]
fn a_failed_save_puts_the_destroy_date_back() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = draft(&mut vault);
    decide_keep(&mut doc, yes(), None, &Settings::default(), now()).unwrap();
    // The file cannot be written (the folder is full): nothing changes, not even the date.
    vault.set_byte_writer(Box::new(peermap_core::atomic::FailAfter {
        n: 10,
        kind: std::io::ErrorKind::StorageFull,
    }));
    assert!(vault.save_map(&doc, now()).is_err());
    let list = vault.list_maps(now()).unwrap();
    assert_eq!(list[0].retain_until, draft_retain_until(now()));
    assert!(list[0].is_draft);
    vault.lock();
    assert_eq!(destroy_expired(dir.path(), later(8)).unwrap().destroyed, 1);
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
