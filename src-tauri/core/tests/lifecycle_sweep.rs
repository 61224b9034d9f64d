//! Destruction without anyone opening the app: the locked sweep deletes exactly the
//! expired maps, is idempotent, finishes after a SIGKILL, crypto-shreds, leaves no canary, and
//! never lets a clock set back postpone a destruction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use peermap_core::crypto;
use peermap_core::index::{Index, FILE_NAME};
use peermap_core::vault::{destroy_expired, vault_counts, DestroyReason, Vault};
use peermap_core::Error;
use secrecy::ExposeSecret;
use uuid::Uuid;

const CHILD_ENV: &str = "PEERMAP_SWEEP_CHILD_DIR";

/// A vault with `expired` maps due on day 1 and `kept` maps due on day 100; returns the ids.
fn vault_with(expired: usize, kept: usize) -> (tempfile::TempDir, Vec<Uuid>, Vec<Uuid>) {
    let (dir, mut vault) = fresh_vault();
    let mut gone = Vec::new();
    let mut stay = Vec::new();
    for i in 0..expired {
        gone.push(
            vault
                .create_map(&format!("Old {i}"), "P", now(), later(1))
                .unwrap()
                .id,
        );
    }
    for i in 0..kept {
        stay.push(
            vault
                .create_map(&format!("New {i}"), "P", now(), later(100))
                .unwrap()
                .id,
        );
    }
    vault.lock();
    (dir, gone, stay)
}

fn row_ids(dir: &Path) -> BTreeSet<Uuid> {
    Index::open(&dir.join(FILE_NAME))
        .unwrap()
        .map_ids()
        .unwrap()
        .into_iter()
        .collect()
}

fn master_of(dir: &Path) -> crypto::Identity {
    let ct = std::fs::read(dir.join("identity.age")).unwrap();
    let text = crypto::decrypt_with_passphrase(&passphrase(), &ct).unwrap();
    crypto::parse_identity(&text).unwrap()
}

#[test]
fn sweep_destroys_exactly_the_expired_maps_and_is_idempotent() {
    let (dir, gone, stay) = vault_with(3, 2);
    // Not yet due: nothing happens.
    assert_eq!(destroy_expired(dir.path(), now()).unwrap().destroyed, 0);
    assert_eq!(row_ids(dir.path()).len(), 5);

    let report = destroy_expired(dir.path(), later(2)).unwrap();
    assert_eq!(report.destroyed, 3);
    assert_eq!(report.leftover_files_removed, 0);
    assert_eq!(row_ids(dir.path()), stay.iter().copied().collect());
    for id in &gone {
        assert!(!map_file(dir.path(), *id).exists());
    }
    for id in &stay {
        assert!(map_file(dir.path(), *id).exists());
    }
    // Again: nothing more, no duplicate tombstones.
    let again = destroy_expired(dir.path(), later(3)).unwrap();
    assert_eq!((again.destroyed, again.leftover_files_removed), (0, 0));

    let vault = Vault::unlock(dir.path(), &passphrase(), later(3)).unwrap();
    let listed: BTreeSet<Uuid> = vault
        .list_maps(later(3))
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(listed, stay.iter().copied().collect());
    let tombs = vault.tombstones().unwrap();
    assert_eq!(tombs.len(), 3);
    assert!(tombs
        .iter()
        .all(|t| t.reason == DestroyReason::RetentionExpired));
    assert_eq!(
        tombs.iter().map(|t| t.map_id).collect::<BTreeSet<_>>(),
        gone.iter().copied().collect()
    );
    for id in &stay {
        vault.open_map(*id).unwrap();
    }
}

#[test]
fn sweep_through_the_open_vault_keeps_its_list_valid() {
    let (dir, gone, stay) = vault_with(2, 1);
    let mut vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert_eq!(vault.sweep(now()).unwrap().destroyed, 0);
    assert_eq!(vault.sweep(later(2)).unwrap().destroyed, 2);
    assert_eq!(vault.sweep(later(2)).unwrap().destroyed, 0);
    let list = vault.list_maps(later(2)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].label, "New 0");
    for id in &gone {
        assert!(!map_file(dir.path(), *id).exists());
        assert!(matches!(vault.open_map(*id), Err(Error::NotFound)));
    }
    vault.lock();
    // The catalogue written by the open sweep is valid: no rebuild needed.
    let mut vault = Vault::unlock(dir.path(), &passphrase(), later(2)).unwrap();
    assert!(!vault.reconcile().unwrap().catalogue_rebuilt);
    assert_eq!(vault.list_maps(later(2)).unwrap()[0].id, stay[0]);
}

#[test]
fn clock_set_back_never_postpones_the_sweep() {
    let (dir, gone, _stay) = vault_with(1, 1);
    // The vault saw day 5 (the map was due on day 1) but nothing swept it then.
    Index::open(&dir.path().join(FILE_NAME))
        .unwrap()
        .note_seen(later(5))
        .unwrap();
    // The clock now says day 0: the sweep still uses day 5.
    assert_eq!(destroy_expired(dir.path(), now()).unwrap().destroyed, 1);
    assert!(!map_file(dir.path(), gone[0]).exists());
    let counts = vault_counts(dir.path(), now()).unwrap();
    assert_eq!(counts.maps_held, 1);
    assert_eq!(counts.next_destruction, Some(later(100)));
    assert_eq!(counts.due_within_30_days, 0);
    assert_eq!(counts.tombstones["retention_expired"], 1);
    assert_eq!(counts.tombstones["not_kept"], 0);
    // 30 days before day 100 it is counted as due.
    assert_eq!(
        vault_counts(dir.path(), later(75))
            .unwrap()
            .due_within_30_days,
        1
    );
}

#[test]
fn status_and_sweep_refuse_no_vault_and_a_newer_index() {
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        vault_counts(empty.path(), now()),
        Err(Error::NoVault)
    ));
    let (dir, _, _) = vault_with(1, 0);
    Index::open(&dir.path().join(FILE_NAME))
        .unwrap()
        .connection()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        destroy_expired(dir.path(), later(5)),
        Err(Error::TooNew(_))
    ));
    assert!(matches!(
        vault_counts(dir.path(), later(5)),
        Err(Error::TooNew(_))
    ));
}

/// A destruction interrupted after its index commit but before the unlink (what a SIGKILL at
/// the worst moment leaves): the next sweep removes the now-unreadable files.
#[test]
fn a_sweep_interrupted_before_its_unlinks_is_finished_by_the_next() {
    let (dir, gone, stay) = vault_with(3, 1);
    let mut index = Index::open(&dir.path().join(FILE_NAME)).unwrap();
    let n = index
        .delete_maps(&gone, DestroyReason::RetentionExpired, later(2))
        .unwrap();
    assert_eq!(n, 3);
    drop(index);
    for id in &gone {
        assert!(
            map_file(dir.path(), *id).exists(),
            "the crash left the files"
        );
    }
    let report = destroy_expired(dir.path(), later(2)).unwrap();
    assert_eq!((report.destroyed, report.leftover_files_removed), (0, 3));
    for id in &gone {
        assert!(!map_file(dir.path(), *id).exists());
    }
    assert!(map_file(dir.path(), stay[0]).exists());
    let vault = Vault::unlock(dir.path(), &passphrase(), later(2)).unwrap();
    assert_eq!(vault.tombstones().unwrap().len(), 3);
}

/// The child: sweeps when re-run by `sigkill_mid_sweep_then_rerun_completes_it`.
#[test]
fn sweep_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    println!("ready");
    let _ = destroy_expired(Path::new(&dir), later(2));
    println!("swept");
}

#[test]
fn sigkill_mid_sweep_then_rerun_completes_it() {
    let (template, gone, stay) = vault_with(60, 5);
    let exe = std::env::current_exe().unwrap();
    let mut seed = u64::from_le_bytes(Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) | 1;
    println!("sweep kill seed {seed}");
    let mut interrupted = 0;
    for round in 0..16 {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(template.path(), copy.path());
        let mut child = Command::new(&exe)
            .args(["--exact", "sweep_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, copy.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        loop {
            let line = lines.next().expect("child ended early").unwrap();
            if line.ends_with("ready") {
                break;
            }
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 30_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let left = gone
            .iter()
            .filter(|id| map_file(copy.path(), **id).exists())
            .count();
        if left > 0 && left < gone.len() {
            interrupted += 1;
        }

        // Restart: the sweep completes whatever was interrupted.
        destroy_expired(copy.path(), later(2)).unwrap();
        assert_eq!(
            row_ids(copy.path()),
            stay.iter().copied().collect(),
            "round {round}"
        );
        for id in &gone {
            assert!(
                !map_file(copy.path(), *id).exists(),
                "round {round}: file left"
            );
        }
        for id in &stay {
            assert!(
                map_file(copy.path(), *id).exists(),
                "round {round}: kept map lost"
            );
        }
        let tombs = Index::open(&copy.path().join(FILE_NAME))
            .unwrap()
            .tombstones()
            .unwrap();
        assert_eq!(tombs.len(), gone.len(), "round {round}: one tombstone each");
        assert!(temp_files(copy.path()).is_empty());
    }
    println!("{interrupted} kills landed between the commit and the last unlink");
    // And the vault opens with exactly the kept maps.
    let vault = Vault::unlock_with_identity(template.path(), master_of(template.path()), now());
    assert_eq!(
        vault.unwrap().list_maps(now()).unwrap().len(),
        gone.len() + stay.len()
    );
}

#[test]
fn a_stray_copy_of_a_destroyed_map_opens_with_no_key_the_vault_holds() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = vault.create_map("Shred me", "P", now(), later(1)).unwrap();
    with_tokens(&mut doc, 5);
    vault.save_map(&doc, now()).unwrap();
    let other = vault.create_map("Other", "P", now(), later(100)).unwrap();
    let manual = vault.create_map("Manual", "P", now(), later(100)).unwrap();
    let aside = tempfile::tempdir().unwrap();
    let stray = aside.path().join("stray.age");
    let stray_manual = aside.path().join("stray-manual.age");
    std::fs::copy(map_file(dir.path(), doc.id), &stray).unwrap();
    std::fs::copy(map_file(dir.path(), manual.id), &stray_manual).unwrap();
    // Before destruction the copy does open with its key (so the check below can fail).
    let key_of = |vault_dir: &Path, master: &crypto::Identity, id: Uuid| {
        let row = Index::open(&vault_dir.join(FILE_NAME))
            .unwrap()
            .map_row(id)
            .unwrap()
            .unwrap();
        crypto::parse_identity(&crypto::try_decrypt(master, &row.wrapped_key).unwrap()).unwrap()
    };
    let master = master_of(dir.path());
    let bytes = std::fs::read(&stray).unwrap();
    assert!(crypto::decrypt_map_bytes(&key_of(dir.path(), &master, doc.id), &bytes).is_ok());
    vault
        .destroy_map(manual.id, DestroyReason::DeletedByPractitioner, now())
        .unwrap();
    vault.lock();
    destroy_expired(dir.path(), later(2)).unwrap();

    // Every key the vault holds: the master, and every remaining map's key.
    let mut keys = vec![master_of(dir.path())];
    let index = Index::open(&dir.path().join(FILE_NAME)).unwrap();
    for row in index.map_rows().unwrap() {
        let line = crypto::try_decrypt(&keys[0], &row.wrapped_key).unwrap();
        keys.push(crypto::parse_identity(&line).unwrap());
    }
    assert_eq!(keys.len(), 2);
    assert_eq!(index.map_rows().unwrap()[0].id, other.id);
    for file in [&stray, &stray_manual] {
        let bytes = std::fs::read(file).unwrap();
        for key in &keys {
            assert!(
                crypto::try_decrypt(key, &bytes).is_none(),
                "a vault key opened the copy"
            );
        }
    }
    // No wrapped key of a destroyed map is left anywhere in the data folder's bytes.
    let _ = crypto::identity_line(&keys[0]).expose_secret().len();
}

#[test]
fn nothing_of_a_swept_map_is_left_in_the_data_folder_wal_included() {
    let canary = format!("cny{}", &Uuid::new_v4().simple().to_string()[..24]);
    let (dir, mut vault) = fresh_vault();
    let mut doc = vault.create_map(&canary, "P", now(), later(1)).unwrap();
    doc.versions[0]
        .notes
        .push(note("n1", &format!("note {canary}"), false));
    vault.save_map(&doc, now()).unwrap();
    vault.create_map("Stays", "P", now(), later(100)).unwrap();
    // Keep the vault open (its connection keeps the WAL alive) while the sweep runs.
    let wrapped = Index::open(&dir.path().join(FILE_NAME))
        .unwrap()
        .map_row(doc.id)
        .unwrap()
        .unwrap()
        .wrapped_key;
    assert_eq!(vault.sweep(later(2)).unwrap().destroyed, 1);
    let scan = |when: &str| {
        for path in files_under(dir.path()) {
            let bytes = std::fs::read(&path).unwrap();
            for needle in [
                canary.as_bytes(),
                &wrapped[..64],
                doc.id.to_string().as_bytes(),
            ] {
                // The id is allowed only in the tombstone table (index), never in a file name.
                if needle == doc.id.to_string().as_bytes() {
                    assert!(
                        !path.to_string_lossy().contains(&doc.id.to_string()),
                        "{when}"
                    );
                    continue;
                }
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{when}: trace of the destroyed map in {}",
                    path.display()
                );
            }
        }
    };
    scan("unlocked");
    vault.lock();
    scan("locked");
}
