//! The vault's own event log survives a lock and unlock, says nothing in clear, and an older
//! (format v1) catalogue gains it on its first open.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use peermap_core::vault::{Vault, VaultEventKind};

#[test]
fn vault_events_survive_a_restart_and_are_not_in_clear() {
    let (dir, mut vault) = fresh_vault();
    let what = VaultEventKind::ClockCorrected {
        from: later(400),
        to: now(),
    };
    vault.record_event(what.clone(), now()).unwrap();
    vault.lock();

    let vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    let (events, unreadable) = vault.vault_events().unwrap();
    assert_eq!(unreadable, 0);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].what, what);
    vault.lock();

    for file in files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(14).any(|w| w == b"clockCorrected"),
            "{} holds an event in clear",
            file.display()
        );
    }
}

#[test]
fn a_format_v1_catalogue_gains_the_event_log_when_opened() {
    let (dir, vault) = fresh_vault();
    vault.lock();
    let conn = rusqlite::Connection::open(dir.path().join("index.sqlite3")).unwrap();
    conn.execute_batch("DROP TABLE vault_events; PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);

    let mut vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
    vault
        .record_event(
            VaultEventKind::ClockConfirmed {
                clock_said: later(60),
                last_trusted: now(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(vault.vault_events().unwrap().0.len(), 1);
}
