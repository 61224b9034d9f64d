//! Per-map integrity: a retention date edited in the clear column, an older copy of a map
//! file put back, and a backup of the whole data folder restored over destructions made since.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use peermap_core::index::DestroyReason;
use peermap_core::vault::{ledger_path, Vault, VaultEventKind};
use peermap_core::Error;
use uuid::Uuid;

/// A vault in `<tempdir>/data`, so its ledger (`<tempdir>/data.ledger`) is cleaned up too.
fn vault_in_subdir() -> (tempfile::TempDir, PathBuf, Vault) {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("data");
    let vault = Vault::create(&dir, &passphrase(), now()).expect("create");
    (root, dir, vault)
}

fn index(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("index.sqlite3")).unwrap()
}

fn map_file(dir: &Path, id: Uuid) -> PathBuf {
    dir.join("maps").join(format!("{id}.age"))
}

fn events(vault: &Vault) -> Vec<VaultEventKind> {
    let (events, unreadable) = vault.vault_events().unwrap();
    assert_eq!(unreadable, 0);
    events.into_iter().map(|e| e.what).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn ids(vault: &Vault) -> Vec<Uuid> {
    vault
        .list_maps(now())
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect()
}

#[test]
fn a_retention_date_edited_in_the_index_is_caught_and_the_map_destroyed() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let due = vault.create_map("Due", "", now(), later(10)).unwrap();
    let kept = vault.create_map("Kept", "", now(), later(100)).unwrap();
    vault.lock();
    index(&dir)
        .execute("UPDATE maps SET retain_until = '2099-01-01T00:00:00Z'", [])
        .unwrap();

    let vault = Vault::unlock(&dir, &passphrase(), later(20)).unwrap();
    let list = vault.list_maps(later(20)).unwrap();
    assert_eq!(
        list.len(),
        1,
        "the map whose sealed date has passed is destroyed"
    );
    assert_eq!(list[0].id, kept.id);
    assert_eq!(
        list[0].retain_until,
        later(100),
        "the clear date is put back"
    );
    assert!(!map_file(&dir, due.id).exists());
    let tombstones = vault.tombstones().unwrap();
    assert_eq!(tombstones.len(), 1);
    assert_eq!(tombstones[0].map_id, due.id);
    assert_eq!(tombstones[0].reason, DestroyReason::RetentionExpired);
    assert_eq!(vault.last_reconcile().unwrap().retention_restored, 2);
    let restored = events(&vault)
        .into_iter()
        .filter(|e| matches!(e, VaultEventKind::RetentionRestored { .. }))
        .count();
    assert_eq!(restored, 2);
}

#[test]
fn a_retention_date_edited_while_unlocked_is_caught_by_the_sweep() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let doc = vault.create_map("Due", "", now(), later(10)).unwrap();
    index(&dir)
        .execute("UPDATE maps SET retain_until = '2099-01-01T00:00:00Z'", [])
        .unwrap();
    let report = vault.sweep(later(11)).unwrap();
    assert_eq!(report.destroyed, 1);
    assert!(matches!(vault.open_map(doc.id), Err(Error::NotFound)));
    assert!(events(&vault).contains(&VaultEventKind::RetentionRestored {
        map_id: doc.id,
        index_said: time::macros::datetime!(2099-01-01 0:00 UTC),
        sealed: later(10),
    }));
}

#[test]
fn an_older_copy_of_a_map_file_is_refused() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let mut doc = vault.create_map("First", "", now(), later(30)).unwrap();
    let older = fs::read(map_file(&dir, doc.id)).unwrap();
    doc.label = "Second".to_owned();
    vault.save_map(&doc, now()).unwrap();
    vault.lock();
    fs::write(map_file(&dir, doc.id), &older).unwrap();

    let vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    match vault.open_map(doc.id) {
        Err(Error::Corrupt(msg)) => {
            assert!(msg.contains("not the one Peer Map last saved"), "{msg}");
            assert!(msg.contains("Nothing was changed"), "{msg}");
        }
        other => panic!("expected the older copy refused, got {other:?}"),
    }
    assert_eq!(
        fs::read(map_file(&dir, doc.id)).unwrap(),
        older,
        "nothing changed"
    );
    assert_eq!(vault.list_maps(now()).unwrap()[0].label, "Second");
    assert!(events(&vault).contains(&VaultEventKind::MapFileRefused { map_id: doc.id }));
}

/// The `meta` blobs a save writes, in order, caught by a trigger.
fn capture_meta_writes(dir: &Path) {
    index(dir)
        .execute_batch(
            "CREATE TABLE meta_log (meta BLOB);
             CREATE TRIGGER meta_log AFTER UPDATE OF meta ON maps
             BEGIN INSERT INTO meta_log VALUES (new.meta); END;",
        )
        .unwrap();
}

fn captured_meta_writes(dir: &Path) -> Vec<Vec<u8>> {
    let conn = index(dir);
    let out = conn
        .prepare("SELECT meta FROM meta_log ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<Vec<u8>>>>()
        .unwrap();
    conn.execute_batch("DROP TRIGGER meta_log; DROP TABLE meta_log;")
        .unwrap();
    out
}

#[test]
fn a_crash_between_rename_and_index_update_is_not_tampering() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let mut doc = vault.create_map("First", "", now(), later(30)).unwrap();
    let older = fs::read(map_file(&dir, doc.id)).unwrap();
    capture_meta_writes(&dir);
    doc.label = "Second".to_owned();
    vault.save_map(&doc, now()).unwrap();
    vault.lock();
    let writes = captured_meta_writes(&dir);
    assert_eq!(
        writes.len(),
        2,
        "one meta written before the rename, one after"
    );
    // Killed after the rename, before the index update: the new file, the meta before it.
    index(&dir)
        .execute("UPDATE maps SET meta = ?1", [&writes[0]])
        .unwrap();

    let vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    assert_eq!(vault.open_map(doc.id).unwrap().label, "Second");
    assert!(!events(&vault)
        .iter()
        .any(|e| matches!(e, VaultEventKind::MapFileRefused { .. })));
    vault.lock();
    // The open settled on the new file: the older copy is refused from now on.
    fs::write(map_file(&dir, doc.id), &older).unwrap();
    let vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    assert!(matches!(vault.open_map(doc.id), Err(Error::Corrupt(_))));
}

#[test]
fn a_crash_before_the_rename_keeps_the_old_file_readable() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let mut doc = vault.create_map("First", "", now(), later(30)).unwrap();
    let older = fs::read(map_file(&dir, doc.id)).unwrap();
    capture_meta_writes(&dir);
    doc.label = "Second".to_owned();
    vault.save_map(&doc, now()).unwrap();
    vault.lock();
    let writes = captured_meta_writes(&dir);
    // Killed after the pending meta was written, before the rename: the old file.
    index(&dir)
        .execute("UPDATE maps SET meta = ?1", [&writes[0]])
        .unwrap();
    fs::write(map_file(&dir, doc.id), &older).unwrap();
    let mut vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    let mut reopened = vault.open_map(doc.id).unwrap();
    assert_eq!(reopened.label, "First");
    reopened.label = "Third".to_owned();
    vault.save_map(&reopened, now()).unwrap();
    assert_eq!(vault.open_map(doc.id).unwrap().label, "Third");
}

#[test]
fn a_map_destroyed_then_restored_from_backup_is_destroyed_again() {
    let (root, dir, mut vault) = vault_in_subdir();
    let withdrawn = vault.create_map("Withdrawn", "", now(), later(30)).unwrap();
    let kept = vault.create_map("Kept", "", now(), later(30)).unwrap();
    vault.lock();
    let backup = root.path().join("backup");
    copy_dir(&dir, &backup);

    let mut vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    vault
        .destroy_map(withdrawn.id, DestroyReason::ConsentWithdrawn, now())
        .unwrap();
    vault.lock();
    let ledger = ledger_path(&dir).unwrap();
    assert!(
        ledger.is_file() && !ledger.starts_with(&dir),
        "the ledger is outside"
    );

    // The whole data folder put back as it was before the withdrawal.
    fs::remove_dir_all(&dir).unwrap();
    copy_dir(&backup, &dir);
    let vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    assert_eq!(ids(&vault), vec![kept.id]);
    assert!(matches!(vault.open_map(withdrawn.id), Err(Error::NotFound)));
    assert!(!map_file(&dir, withdrawn.id).exists());
    assert_eq!(vault.last_reconcile().unwrap().destroyed_again, 1);
    let tombstones = vault.tombstones().unwrap();
    assert_eq!(tombstones.len(), 1);
    assert_eq!(tombstones[0].map_id, withdrawn.id);
    assert_eq!(tombstones[0].reason, DestroyReason::ConsentWithdrawn);
    assert!(events(&vault).contains(&VaultEventKind::DestroyedAgain { count: 1 }));
}

#[test]
fn an_edited_ledger_never_destroys_a_map() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let gone = vault.create_map("Gone", "", now(), later(30)).unwrap();
    let b = vault.create_map("B", "", now(), later(30)).unwrap();
    let c = vault.create_map("C", "", now(), later(30)).unwrap();
    vault
        .destroy_map(gone.id, DestroyReason::DeletedByPractitioner, now())
        .unwrap();
    vault.lock();
    let ledger = ledger_path(&dir).unwrap();
    let text = fs::read_to_string(&ledger).unwrap();
    assert_eq!(text.lines().count(), 1);
    // The genuine line with another map's id, and a made-up line for a third.
    let edited = text.replace(&gone.id.to_string(), &b.id.to_string());
    let fields: Vec<&str> = text.split_whitespace().collect();
    let forged = format!(
        "v1 {} {} {} not_kept {}\n",
        fields[1],
        c.id,
        fields[3],
        "0".repeat(64)
    );
    fs::write(&ledger, format!("{edited}{forged}")).unwrap();

    let vault = Vault::unlock(&dir, &passphrase(), now()).unwrap();
    let mut left = ids(&vault);
    left.sort();
    let mut expected = vec![b.id, c.id];
    expected.sort();
    assert_eq!(
        left, expected,
        "nothing destroyed on an unauthenticated entry"
    );
    let report = vault.last_reconcile().unwrap();
    assert_eq!(report.destroyed_again, 0);
    assert_eq!(report.ledger_entries_ignored, 2);
    assert!(events(&vault).contains(&VaultEventKind::LedgerEntriesIgnored { count: 2 }));
}

#[test]
fn every_unlocked_destruction_is_written_to_the_ledger() {
    let (_root, dir, mut vault) = vault_in_subdir();
    let one = vault.create_map("One", "", now(), later(30)).unwrap();
    let expiring = vault.create_map("Expiring", "", now(), later(5)).unwrap();
    let rest = vault.create_map("Rest", "", now(), later(30)).unwrap();
    vault
        .destroy_map(one.id, DestroyReason::NotKept, now())
        .unwrap();
    assert_eq!(vault.sweep(later(6)).unwrap().destroyed, 1);
    vault
        .destroy_all(DestroyReason::DeletedByPractitioner, later(6))
        .unwrap();
    let text = fs::read_to_string(ledger_path(&dir).unwrap()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    for (line, (id, reason)) in lines.iter().zip([
        (one.id, "not_kept"),
        (expiring.id, "retention_expired"),
        (rest.id, "deleted_by_practitioner"),
    ]) {
        assert!(
            line.contains(&id.to_string()) && line.contains(reason),
            "{line}"
        );
        assert!(
            !line.contains("One") && !line.contains("Rest"),
            "no content"
        );
    }
}
