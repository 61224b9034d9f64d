//! An empty, older or foreign `index.sqlite3` must not delete every map file at the next
//! unlock: such an index is refused (nothing deleted), and a map file without a row is moved to
//! `quarantine/`, never deleted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::*;
use peermap_core::vault::{destroy_expired, vault_counts, Vault, PUBLIC_KEY_FILE};
use peermap_core::Error;

fn clear_index(dir: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(dir.join(format!("index.sqlite3{suffix}")));
    }
}

fn refused_and_kept(err: Error, dir: &Path, ids: &[uuid::Uuid]) {
    assert!(
        matches!(err, Error::Corrupt(_)) && err.to_string().contains("Nothing was deleted"),
        "{err}"
    );
    for id in ids {
        assert!(map_file(dir, *id).exists(), "a map file was deleted");
    }
}

#[test]
fn an_empty_index_does_not_delete_every_map_at_unlock() {
    let (dir, mut vault) = fresh_vault();
    let a = vault.create_map("A", "P", now(), later(100)).unwrap().id;
    let b = vault.create_map("B", "P", now(), later(1)).unwrap().id;
    vault.lock();
    clear_index(dir.path());
    fs::write(dir.path().join("index.sqlite3"), b"").unwrap();

    let err = Vault::unlock(dir.path(), &passphrase(), now()).unwrap_err();
    refused_and_kept(err, dir.path(), &[a, b]);
    let err = destroy_expired(dir.path(), later(2)).unwrap_err();
    refused_and_kept(err, dir.path(), &[a, b]);
    // Still empty: no schema was created in it.
    assert_eq!(
        fs::metadata(dir.path().join("index.sqlite3"))
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn another_vaults_index_does_not_delete_every_map_at_unlock() {
    let (dir, _other, a) = vault_with_a_foreign_index();

    let err = Vault::unlock(dir.path(), &passphrase(), now()).unwrap_err();
    refused_and_kept(err, dir.path(), &[a]);
}

/// Everything in the data folder, for "nothing changed".
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().display().to_string(), bytes)
        })
        .collect();
    all.sort();
    all
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Another vault's catalogue, with a map due tomorrow, copied over this vault's.
fn vault_with_a_foreign_index() -> (tempfile::TempDir, tempfile::TempDir, uuid::Uuid) {
    let (dir, mut vault) = fresh_vault();
    let mine = vault.create_map("Mine", "P", now(), later(100)).unwrap().id;
    vault.lock();
    let (other, mut other_vault) = fresh_vault();
    other_vault.create_map("Due", "P", now(), later(1)).unwrap();
    other_vault.lock();
    clear_index(dir.path());
    fs::copy(
        other.path().join("index.sqlite3"),
        dir.path().join("index.sqlite3"),
    )
    .unwrap();
    (dir, other, mine)
}

#[test]
fn another_vaults_index_is_refused_by_the_locked_sweep_and_status_and_nothing_changes() {
    let (dir, _other, mine) = vault_with_a_foreign_index();
    let before = snapshot(dir.path());

    let err = destroy_expired(dir.path(), later(2)).unwrap_err();
    refused_and_kept(err, dir.path(), &[mine]);
    let err = vault_counts(dir.path(), later(2)).unwrap_err();
    refused_and_kept(err, dir.path(), &[mine]);
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a refused sweep changed the data folder"
    );
}

#[test]
fn a_damaged_public_key_file_makes_the_locked_sweep_keep_and_unlock_puts_it_right() {
    let (dir, mut vault) = fresh_vault();
    let due = vault.create_map("Due", "P", now(), later(1)).unwrap().id;
    vault.lock();
    let public = dir.path().join(PUBLIC_KEY_FILE);
    let good = fs::read(&public).unwrap();
    assert!(
        good.starts_with(b"age1"),
        "identity.pub holds the public key"
    );

    fs::write(&public, b"not a key\n").unwrap();
    let err = destroy_expired(dir.path(), later(2)).unwrap_err();
    refused_and_kept(err, dir.path(), &[due]);

    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert_eq!(
        fs::read(&public).unwrap(),
        good,
        "unlock writes the real key back"
    );
    vault.lock();
    assert_eq!(destroy_expired(dir.path(), later(2)).unwrap().destroyed, 1);
}

#[test]
fn a_vault_made_before_the_public_key_file_still_sweeps_and_gets_one_at_unlock() {
    let (dir, mut vault) = fresh_vault();
    vault.create_map("Due", "P", now(), later(1)).unwrap();
    vault.lock();
    let public = dir.path().join(PUBLIC_KEY_FILE);
    fs::remove_file(&public).unwrap();
    assert!(vault_counts(dir.path(), now()).is_ok());

    Vault::unlock(dir.path(), &passphrase(), now())
        .unwrap()
        .lock();
    assert!(public.is_file());
    assert_eq!(destroy_expired(dir.path(), later(2)).unwrap().destroyed, 1);
}

#[test]
fn an_orphan_map_file_is_quarantined_not_deleted() {
    let (dir, mut vault) = fresh_vault();
    let a = vault.create_map("A", "P", now(), later(100)).unwrap().id;
    vault.lock();
    let orphan = uuid::Uuid::new_v4();
    fs::write(
        map_file(dir.path(), orphan),
        b"age-encryption.org/v1 whatever",
    )
    .unwrap();

    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert_eq!(vault.last_reconcile().unwrap().orphan_files_removed, 1);
    vault.open_map(a).unwrap();
    let kept = dir.path().join("quarantine").join(format!("{orphan}.age"));
    assert_eq!(fs::read(&kept).unwrap(), b"age-encryption.org/v1 whatever");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("quarantine")), 0o700);
        assert_eq!(mode(&kept), 0o600);
    }
}

#[test]
fn a_golden_vault_is_bound_to_its_key_at_its_first_unlock() {
    let copy = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v1");
    fs::create_dir_all(copy.path().join("maps")).unwrap();
    for name in ["identity.age", "index.sqlite3"] {
        fs::copy(fixture.join(name), copy.path().join(name)).unwrap();
    }
    for entry in fs::read_dir(fixture.join("maps")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(
            entry.path(),
            copy.path().join("maps").join(entry.file_name()),
        )
        .unwrap();
    }
    let pass = fs::read_to_string(fixture.join("PASSPHRASE")).unwrap();
    let pass = secrecy::SecretString::from(pass.trim().to_owned());
    let index = peermap_core::index::Index::open(&copy.path().join("index.sqlite3")).unwrap();
    assert_eq!(index.vault_fingerprint().unwrap(), None);
    drop(index);
    let when = time::macros::datetime!(2026-03-01 00:00 UTC);
    let vault = Vault::unlock(copy.path(), &pass, when).unwrap();
    assert_eq!(vault.list_maps(when).unwrap().len(), 2);
    vault.lock();
    let index = peermap_core::index::Index::open(&copy.path().join("index.sqlite3")).unwrap();
    assert_eq!(
        index.vault_fingerprint().unwrap().map(|f| f.len()),
        Some(64)
    );
}
