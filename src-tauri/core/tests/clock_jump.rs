//! A clock that jumps forward must not destroy every map: past `CLOCK_JUMP_LIMIT` after the
//! latest instant the vault has seen, no sweep destroys a map that was not already due, and the
//! suspect instant is never recorded as the latest instant seen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::*;
use peermap_core::index::{Index, FILE_NAME};
use peermap_core::vault::{destroy_expired, Vault};
use time::macros::datetime;
use time::OffsetDateTime;

const JUMPED: OffsetDateTime = datetime!(2052-03-02 10:00 UTC);

fn seen(dir: &Path) -> Option<OffsetDateTime> {
    Index::open(&dir.join(FILE_NAME))
        .unwrap()
        .latest_seen()
        .unwrap()
}

#[test]
fn a_clock_jumped_to_2052_does_not_destroy_every_map_in_the_headless_sweep() {
    let (dir, mut vault) = fresh_vault();
    let soon = vault.create_map("Soon", "P", now(), later(10)).unwrap().id;
    let long = vault
        .create_map("Long", "P", now(), later(3000))
        .unwrap()
        .id;
    vault.lock();

    let report = destroy_expired(dir.path(), JUMPED).unwrap();
    assert_eq!(report.destroyed, 0, "a jumped clock destroyed maps");
    assert!(report.clock_suspect);
    assert_eq!(report.held, 2);
    assert!(map_file(dir.path(), soon).exists());
    assert!(map_file(dir.path(), long).exists());
    // The suspect instant was not adopted: a sweep at the real date still works normally.
    assert_eq!(seen(dir.path()), Some(now()));
    let report = destroy_expired(dir.path(), later(20)).unwrap();
    assert_eq!((report.destroyed, report.clock_suspect), (1, false));
    assert!(!map_file(dir.path(), soon).exists());
    assert!(map_file(dir.path(), long).exists());
    assert_eq!(seen(dir.path()), Some(later(20)));
}

#[test]
fn a_clock_jumped_to_2052_does_not_destroy_every_map_in_the_open_vault_sweep() {
    let (dir, mut vault) = fresh_vault();
    let soon = vault.create_map("Soon", "P", now(), later(10)).unwrap().id;
    let long = vault
        .create_map("Long", "P", now(), later(3000))
        .unwrap()
        .id;
    let report = vault.sweep(JUMPED).unwrap();
    assert_eq!(report.destroyed, 0, "a jumped clock destroyed maps");
    assert!(report.clock_suspect);
    assert_eq!(report.held, 2);
    vault.open_map(soon).unwrap();
    vault.open_map(long).unwrap();
    assert_eq!(vault.list_maps(now()).unwrap().len(), 2);
    vault.lock();
    assert_eq!(seen(dir.path()), Some(now()));
}

#[test]
fn a_save_or_unlock_at_a_jumped_clock_does_not_date_the_vault_from_2052() {
    let (dir, mut vault) = fresh_vault();
    let id = vault.create_map("Soon", "P", now(), later(10)).unwrap().id;
    let mut doc = vault.open_map(id).unwrap();
    doc.retention.until = later(12);
    vault.save_map(&doc, JUMPED).unwrap();
    vault
        .create_map("Other", "P", JUMPED, JUMPED + time::Duration::days(30))
        .unwrap();
    // The open vault still judges destruction from its last trusted instant.
    assert_eq!(vault.sweep(later(1)).unwrap().destroyed, 0);
    vault.lock();
    assert_eq!(seen(dir.path()), Some(later(1)));

    let vault = Vault::unlock(dir.path(), &passphrase(), JUMPED).unwrap();
    vault.lock();
    assert_eq!(seen(dir.path()), Some(later(1)));
    let report = destroy_expired(dir.path(), later(2)).unwrap();
    assert_eq!((report.destroyed, report.clock_suspect), (0, false));
    assert!(map_file(dir.path(), id).exists());
}

#[test]
fn a_clock_within_the_limit_still_destroys_what_is_due() {
    let (dir, mut vault) = fresh_vault();
    let soon = vault.create_map("Soon", "P", now(), later(10)).unwrap().id;
    vault.lock();
    let report = destroy_expired(dir.path(), later(44)).unwrap();
    assert_eq!((report.destroyed, report.clock_suspect), (1, false));
    assert!(!map_file(dir.path(), soon).exists());
}
