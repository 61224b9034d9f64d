//! Vault round trips, passphrases, reconciliation, migrations and the clock guard.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

use common::*;
use peermap_core::vault::{vault_status, DestroyReason, Vault, VaultStatus};
use peermap_core::{crypto, Error, ErrorCode};
use secrecy::SecretString;

#[test]
fn create_save_lock_unlock_open_round_trip() {
    let (dir, mut vault) = fresh_vault();
    assert_eq!(vault_status(dir.path()).unwrap(), VaultStatus::Locked);
    assert_eq!(scrypt_work_factor(dir.path()), 18);
    let mut doc = vault
        .create_map("Blue fox", "Understand who keeps R safe", now(), later(30))
        .unwrap();
    with_tokens(&mut doc, 12);
    doc.versions[0]
        .notes
        .push(note("n1", "Spends evenings at the park", true));
    vault.save_map(&doc, now()).unwrap();
    let second = vault
        .create_map(
            "Green owl",
            "Check in after moving school",
            now(),
            later(400),
        )
        .unwrap();

    let list = vault.list_maps(now()).unwrap();
    assert_eq!(list.len(), 2);
    let fox = list.iter().find(|m| m.id == doc.id).unwrap();
    assert_eq!(fox.label, "Blue fox");
    assert_eq!(fox.days_left, 30);
    assert!(fox.is_draft);
    assert!(!fox.damaged);
    vault.lock();

    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    let reopened = vault.open_map(doc.id).unwrap();
    assert!(reopened == doc, "document changed in the round trip");
    assert_eq!(vault.open_map(second.id).unwrap().label, "Green owl");
    assert_eq!(vault.list_maps(now()).unwrap().len(), 2);

    // The summary is camelCase for the UI.
    let json = serde_json::to_value(&vault.list_maps(now()).unwrap()[0]).unwrap();
    for key in [
        "id",
        "label",
        "createdAt",
        "lastSessionAt",
        "retainUntil",
        "daysLeft",
        "isDraft",
    ] {
        assert!(json.get(key).is_some(), "summary lacks {key}");
    }
}

#[test]
fn wrong_passphrase_is_refused_and_nothing_is_deleted() {
    let (dir, mut vault) = fresh_vault();
    let doc = vault
        .create_map("Kite", "Purpose", now(), later(10))
        .unwrap();
    vault.lock();
    let before: Vec<_> = files_under(dir.path());
    let wrong = SecretString::from("copper lantern orbit thistlf".to_owned());
    let err = Vault::unlock(dir.path(), &wrong, now()).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    assert_eq!(files_under(dir.path()), before);
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    vault.open_map(doc.id).unwrap();
}

#[test]
fn weak_passphrase_and_existing_vault_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(vault_status(dir.path()).unwrap(), VaultStatus::Absent);
    let weak = SecretString::from("password1".to_owned());
    let err = Vault::create(dir.path(), &weak, now()).unwrap_err();
    match &err {
        Error::InvalidInput(msg) => {
            assert!(msg.contains("12 characters"), "{msg}");
            assert!(!msg.contains("password1"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!dir.path().join("identity.age").exists());
    Vault::create(dir.path(), &passphrase(), now())
        .unwrap()
        .lock();
    assert!(matches!(
        Vault::create(dir.path(), &passphrase(), now()),
        Err(Error::VaultExists)
    ));
    // No vault at all.
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::unlock(empty.path(), &passphrase(), now()),
        Err(Error::NoVault)
    ));
}

/// The work factor in identity.age's scrypt stanza (`-> scrypt <salt> <log2 N>`).
fn scrypt_work_factor(dir: &std::path::Path) -> u8 {
    let bytes = fs::read(dir.join("identity.age")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let line = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap();
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn change_passphrase_reencrypts_only_the_key_file() {
    let (dir, mut vault) = fresh_vault();
    let doc = vault
        .create_map("Moth", "Purpose", now(), later(10))
        .unwrap();
    let map_before = fs::read(map_file(dir.path(), doc.id)).unwrap();
    let new = SecretString::from("violet harbour quietly sixteen".to_owned());
    let weak = SecretString::from("short".to_owned());
    assert!(matches!(
        vault.change_passphrase(&passphrase(), &weak),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        vault.change_passphrase(&new, &new),
        Err(Error::WrongPassphrase)
    ));
    vault.change_passphrase(&passphrase(), &new).unwrap();
    vault.lock();
    assert_eq!(scrypt_work_factor(dir.path()), 18);
    assert_eq!(fs::read(map_file(dir.path(), doc.id)).unwrap(), map_before);
    assert!(temp_files(dir.path()).is_empty());
    assert!(matches!(
        Vault::unlock(dir.path(), &passphrase(), now()),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::unlock(dir.path(), &new, now()).unwrap();
    assert_eq!(vault.open_map(doc.id).unwrap().label, "Moth");
}

#[test]
fn key_file_above_work_factor_20_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    Vault::create(dir.path(), &passphrase(), now())
        .unwrap()
        .lock();
    // Re-encrypt a valid identity at work factor 21 with the age crate (about 3.5 s, once).
    let line = crypto::identity_line(&crypto::generate_identity());
    let text = format!("{}\n", secrecy::ExposeSecret::expose_secret(&line));
    let heavy = crypto::encrypt_with_passphrase(&passphrase(), text.as_bytes(), 21).unwrap();
    fs::write(dir.path().join("identity.age"), heavy).unwrap();
    let err = Vault::unlock(dir.path(), &passphrase(), now()).unwrap_err();
    match err {
        Error::Corrupt(msg) => {
            assert!(msg.contains("more passphrase work"), "{msg}");
            assert!(msg.contains("21") && msg.contains("20"), "{msg}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn damaged_key_file_is_refused_plainly() {
    let (dir, vault) = fresh_vault();
    vault.lock();
    let path = dir.path().join("identity.age");
    let good = fs::read(&path).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good[..good.len() - 10].to_vec()),
        ("empty", Vec::new()),
        ("not age", b"hello, this is not an age file\n".to_vec()),
        ("appended", [good.clone(), b"extra".to_vec()].concat()),
        ("payload flipped", {
            let mut b = good.clone();
            let last = b.len() - 5;
            b[last] ^= 0x01;
            b
        }),
    ];
    for (what, bytes) in cases {
        fs::write(&path, &bytes).unwrap();
        let err = Vault::unlock(dir.path(), &passphrase(), now()).unwrap_err();
        assert!(matches!(err, Error::Corrupt(_)), "{what}: {err:?}");
        assert!(err.to_string().contains("key file"), "{what}: {err}");
    }
    // Not an X25519 identity inside.
    let odd = crypto::encrypt_with_passphrase(&passphrase(), b"not a key\n", 10).unwrap();
    fs::write(&path, odd).unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), &passphrase(), now()),
        Err(Error::Corrupt(_))
    ));
}

#[test]
fn destroy_removes_key_file_and_catalogue_entry_and_leaves_a_tombstone() {
    let (dir, mut vault) = fresh_vault();
    let mut doc = vault
        .create_map("Heron", "Purpose", now(), later(5))
        .unwrap();
    doc.consent.shares.push(peermap_core::document::Share {
        id: "s1".into(),
        recipient: peermap_core::document::Recipient {
            role: "Social worker".into(),
            team: "North".into(),
            age_recipient: None,
        },
        purpose: "Planning meeting".into(),
        agreed_at: now(),
        expires_at: None,
        withdrawn_at: None,
    });
    vault.save_map(&doc, now()).unwrap();
    let keep = vault
        .create_map("Wren", "Purpose", now(), later(5))
        .unwrap();
    vault
        .destroy_map(doc.id, DestroyReason::NotKept, now())
        .unwrap();
    assert!(!map_file(dir.path(), doc.id).exists());
    assert!(matches!(vault.open_map(doc.id), Err(Error::NotFound)));
    assert!(matches!(
        vault.destroy_map(doc.id, DestroyReason::NotKept, now()),
        Err(Error::NotFound)
    ));
    let tombs = vault.tombstones().unwrap();
    assert_eq!(tombs.len(), 1);
    assert_eq!(tombs[0].map_id, doc.id);
    assert_eq!(tombs[0].reason, DestroyReason::NotKept);
    assert_eq!(
        tombs[0].notify,
        r#"[{"role":"Social worker","team":"North"}]"#
    );
    // WAL was checkpointed and truncated.
    let wal = dir.path().join("index.sqlite3-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);
    assert_eq!(vault.list_maps(now()).unwrap().len(), 1);
    vault.lock();
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert_eq!(vault.list_maps(now()).unwrap()[0].id, keep.id);
}

#[test]
fn reconcile_removes_orphans_and_temp_files_and_reports_missing_files() {
    let (dir, mut vault) = fresh_vault();
    let a = vault.create_map("Ash", "Purpose", now(), later(5)).unwrap();
    let b = vault
        .create_map("Birch", "Purpose", now(), later(5))
        .unwrap();
    vault.lock();
    let maps = dir.path().join("maps");
    // A file without a row (as a crash between file and row leaves it).
    let orphan = uuid::Uuid::new_v4();
    fs::write(
        map_file(dir.path(), orphan),
        b"age-encryption.org/v1 whatever",
    )
    .unwrap();
    // Leftover temp files, in both folders.
    fs::write(maps.join(".tmp-deadbeef"), b"partial").unwrap();
    fs::write(dir.path().join(".tmp-cafe"), b"partial").unwrap();
    // A file that is not ours.
    fs::write(maps.join("README.txt"), b"someone else's").unwrap();
    // A row whose file is gone.
    fs::remove_file(map_file(dir.path(), b.id)).unwrap();

    let mut vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    let first = vault.last_reconcile().unwrap();
    assert_eq!(first.orphan_files_removed, 1);
    assert_eq!(first.temp_files_removed, 2);
    assert_eq!(first.missing_files, 1);
    // unlock already reconciled; a second pass finds only what it must keep reporting.
    assert!(!map_file(dir.path(), orphan).exists());
    assert!(temp_files(dir.path()).is_empty());
    assert!(maps.join("README.txt").exists());
    let report = vault.reconcile().unwrap();
    assert_eq!(report.orphan_files_removed, 0);
    assert_eq!(report.temp_files_removed, 0);
    assert_eq!(report.missing_files, 1);
    assert_eq!(report.unknown_files, 1);
    // The row (and its key) is kept; the map is refused plainly; the other opens.
    assert_eq!(vault.list_maps(now()).unwrap().len(), 2);
    let err = vault.open_map(b.id).unwrap_err();
    assert!(
        matches!(err, Error::Corrupt(_)) && err.to_string().contains("missing"),
        "{err}"
    );
    vault.open_map(a.id).unwrap();
}

#[test]
fn a_newer_index_is_refused_and_left_alone() {
    let (dir, vault) = fresh_vault();
    vault.lock();
    let db = dir.path().join("index.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Vault::unlock(dir.path(), &passphrase(), now()).unwrap_err();
    assert!(matches!(err, Error::TooNew(_)), "{err:?}");
    assert!(err.to_string().contains("newer version of Peer Map"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn missing_index_or_key_file_is_an_error_not_a_new_vault() {
    let (dir, mut vault) = fresh_vault();
    vault.create_map("Elm", "Purpose", now(), later(5)).unwrap();
    vault.lock();
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dir.path(), copy.path());
    fs::write(
        copy.path().join("index.sqlite3"),
        b"this is not a database, just junk bytes",
    )
    .unwrap();
    let err = Vault::unlock(copy.path(), &passphrase(), now()).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    assert!(err.to_string().contains("catalogue"), "{err}");
    fs::remove_file(copy.path().join("index.sqlite3")).unwrap();
    let err = Vault::unlock(copy.path(), &passphrase(), now()).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    // Nothing was deleted because of it.
    assert_eq!(fs::read_dir(copy.path().join("maps")).unwrap().count(), 1);
    fs::remove_file(dir.path().join("identity.age")).unwrap();
    assert!(matches!(vault_status(dir.path()), Err(Error::Corrupt(_))));
    assert!(matches!(
        Vault::create(dir.path(), &passphrase(), now()),
        Err(Error::VaultExists)
    ));
}

#[test]
fn setting_the_clock_back_does_not_extend_retention() {
    let (dir, mut vault) = fresh_vault();
    let doc = vault
        .create_map("Lark", "Purpose", now(), later(10))
        .unwrap();
    // Time passes: the vault sees day 8.
    vault.save_map(&doc, later(8)).unwrap();
    vault.lock();
    // The clock is set back to day 0.
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert_eq!(vault.effective_now(now()), later(8));
    assert_eq!(vault.list_maps(now()).unwrap()[0].days_left, 2);
    vault.lock();
    // The headless sweep uses the same guard.
    let report = peermap_core::vault::destroy_expired(dir.path(), now()).unwrap();
    assert_eq!(report.destroyed, 0);
    let report = peermap_core::vault::destroy_expired(dir.path(), later(10)).unwrap();
    assert_eq!(report.destroyed, 1);
    assert!(!map_file(dir.path(), doc.id).exists());
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    assert!(vault.list_maps(now()).unwrap().is_empty());
    let tombs = vault.tombstones().unwrap();
    assert_eq!(tombs[0].reason, DestroyReason::RetentionExpired);
}

#[test]
fn list_rebuilds_after_a_locked_sweep_dropped_the_catalogue() {
    let (dir, mut vault) = fresh_vault();
    let short = vault
        .create_map("Short", "Purpose", now(), later(1))
        .unwrap();
    let long = vault
        .create_map("Long", "Purpose", now(), later(100))
        .unwrap();
    vault.lock();
    assert_eq!(
        peermap_core::vault::destroy_expired(dir.path(), later(2))
            .unwrap()
            .destroyed,
        1
    );
    let mut vault = Vault::unlock(dir.path(), &passphrase(), later(2)).unwrap();
    let list = vault.list_maps(later(2)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, long.id);
    assert_eq!(list[0].label, "Long");
    assert!(matches!(vault.open_map(short.id), Err(Error::NotFound)));
    assert!(!vault.reconcile().unwrap().catalogue_rebuilt);
}

#[test]
fn invalid_documents_and_past_retention_are_refused() {
    let (_dir, mut vault) = fresh_vault();
    assert!(matches!(
        vault.create_map("Past", "Purpose", now(), now()),
        Err(Error::InvalidInput(_))
    ));
    let mut doc = vault.create_map("Ok", "Purpose", now(), later(3)).unwrap();
    doc.versions[0]
        .tokens
        .push(token("x", Some(42), Some("AB"), None));
    assert!(matches!(
        vault.save_map(&doc, now()),
        Err(Error::InvalidInput(_))
    ));
    let mut stranger = doc.clone();
    stranger.id = uuid::Uuid::new_v4();
    stranger.versions[0].tokens.clear();
    assert!(matches!(
        vault.save_map(&stranger, now()),
        Err(Error::NotFound)
    ));
}

#[test]
fn vault_can_live_in_shared_app_state() {
    fn assert_send<T: Send + 'static>() {}
    assert_send::<Vault>();
}
