//! Tampered, truncated, swapped and foreign files are refused plainly; other maps keep working.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

use common::*;
use peermap_core::crypto;
use peermap_core::vault::Vault;
use peermap_core::Error;
use secrecy::ExposeSecret;
use uuid::Uuid;

fn assert_refused(vault: &Vault, id: Uuid, what: &str) -> String {
    match vault.open_map(id) {
        Err(Error::Corrupt(msg)) => {
            assert!(msg.starts_with("This map"), "{what}: {msg}");
            msg
        }
        other => panic!("{what}: expected Corrupt, got {other:?}"),
    }
}

/// The key of one map, recovered from outside the app (as an attacker with the passphrase could).
fn map_key(dir: &std::path::Path, id: Uuid) -> crypto::Identity {
    let ct = fs::read(dir.join("identity.age")).unwrap();
    let master =
        crypto::parse_identity(&crypto::decrypt_with_passphrase(&passphrase(), &ct).unwrap())
            .unwrap();
    let conn = rusqlite::Connection::open(dir.join("index.sqlite3")).unwrap();
    let wrapped: Vec<u8> = conn
        .query_row(
            "SELECT wrapped_key FROM maps WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    crypto::parse_identity(&crypto::decrypt_map_bytes(&master, &wrapped).unwrap()).unwrap()
}

#[test]
fn each_kind_of_damage_is_refused_and_the_other_maps_still_open() {
    let (dir, mut vault) = fresh_vault();
    let labels = [
        "Flip", "Head", "Trunc", "Append", "SwapA", "SwapB", "Foreign", "Empty", "Rekeyed",
        "Intact",
    ];
    let mut ids = Vec::new();
    for label in labels {
        let mut doc = vault
            .create_map(label, "Purpose", now(), later(20))
            .unwrap();
        with_tokens(&mut doc, 20);
        vault.save_map(&doc, now()).unwrap();
        ids.push(doc.id);
    }
    let id = |label: &str| ids[labels.iter().position(|l| *l == label).unwrap()];
    vault.lock();
    let d = dir.path();

    // Flip one byte in the payload, and one in the header.
    let mut bytes = fs::read(map_file(d, id("Flip"))).unwrap();
    let mid = bytes.len() / 2 + 100;
    bytes[mid] ^= 0x40;
    fs::write(map_file(d, id("Flip")), &bytes).unwrap();
    let mut bytes = fs::read(map_file(d, id("Head"))).unwrap();
    bytes[40] ^= 0x01;
    fs::write(map_file(d, id("Head")), &bytes).unwrap();
    // Truncate.
    let bytes = fs::read(map_file(d, id("Trunc"))).unwrap();
    fs::write(map_file(d, id("Trunc")), &bytes[..bytes.len() - 17]).unwrap();
    // Append.
    let mut bytes = fs::read(map_file(d, id("Append"))).unwrap();
    bytes.extend_from_slice(b"\nappended");
    fs::write(map_file(d, id("Append")), &bytes).unwrap();
    // Swap two files.
    let a = fs::read(map_file(d, id("SwapA"))).unwrap();
    let b = fs::read(map_file(d, id("SwapB"))).unwrap();
    fs::write(map_file(d, id("SwapA")), &b).unwrap();
    fs::write(map_file(d, id("SwapB")), &a).unwrap();
    // Replace with something that is not an age file at all, and with an empty file.
    fs::write(
        map_file(d, id("Foreign")),
        b"{\"format\":\"peermap\",\"version\":1}",
    )
    .unwrap();
    fs::write(map_file(d, id("Empty")), b"").unwrap();

    // Someone who holds keys re-encrypts another map's document to this map's key: it decrypts,
    // but the id inside does not match the name and row.
    let rekeyed_key = map_key(d, id("Rekeyed"));
    let intact_key = map_key(d, id("Intact"));
    let intact_plain =
        crypto::decrypt_map_bytes(&intact_key, &fs::read(map_file(d, id("Intact"))).unwrap())
            .unwrap();
    let forged = crypto::encrypt_to(&rekeyed_key.to_public(), &intact_plain).unwrap();
    fs::write(map_file(d, id("Rekeyed")), forged).unwrap();

    let vault = Vault::unlock(d, &passphrase(), now()).unwrap();
    for label in [
        "Flip", "Head", "Trunc", "Append", "SwapA", "SwapB", "Foreign", "Empty",
    ] {
        let msg = assert_refused(&vault, id(label), label);
        assert!(
            msg.contains("damaged or has been replaced"),
            "{label}: {msg}"
        );
    }
    let msg = assert_refused(&vault, id("Rekeyed"), "Rekeyed");
    assert!(msg.contains("another map"), "{msg}");

    // The untouched map opens, and the list still shows every map.
    assert_eq!(vault.open_map(id("Intact")).unwrap().label, "Intact");
    assert_eq!(vault.list_maps(now()).unwrap().len(), labels.len());
    // No message names the map.
    for label in labels {
        let text = format!("{:?}", vault.open_map(id(label)).err());
        assert!(!text.contains(label) || label == "Intact", "{text}");
    }
    let _ = intact_key.to_public().to_string().len();
    let _ = rekeyed_key.to_public();
    let _ = crypto::identity_line(&intact_key).expose_secret().len();
}

#[test]
fn damaged_key_row_and_list_fields_are_contained() {
    let (dir, mut vault) = fresh_vault();
    let a = vault
        .create_map("Keyless", "Purpose", now(), later(20))
        .unwrap();
    let b = vault
        .create_map("Metaless", "Purpose", now(), later(20))
        .unwrap();
    let c = vault
        .create_map("Fine", "Purpose", now(), later(20))
        .unwrap();
    vault.lock();
    {
        let conn = rusqlite::Connection::open(dir.path().join("index.sqlite3")).unwrap();
        conn.execute(
            "UPDATE maps SET wrapped_key = x'00112233', meta = x'00' WHERE id = ?1",
            [a.id.to_string()],
        )
        .unwrap();
        // Damage b's meta and drop the catalogue, so the list must fall back to the row.
        conn.execute(
            "UPDATE maps SET meta = x'0102' WHERE id = ?1",
            [b.id.to_string()],
        )
        .unwrap();
        conn.execute("DELETE FROM catalogue", []).unwrap();
    }
    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    let msg = assert_refused(&vault, a.id, "key row");
    assert!(msg.contains("key"), "{msg}");
    // b's list fields were recovered from the map itself; a's cannot be and is shown damaged.
    let list = vault.list_maps(now()).unwrap();
    assert_eq!(list.len(), 3);
    let by_id = |id| list.iter().find(|m| m.id == id).unwrap();
    assert!(by_id(a.id).damaged);
    assert_eq!(by_id(b.id).label, "Metaless");
    assert_eq!(by_id(c.id).label, "Fine");
    assert_eq!(vault.open_map(b.id).unwrap().label, "Metaless");
}
