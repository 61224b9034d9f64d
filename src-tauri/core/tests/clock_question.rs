//! A suspect clock is asked about, not silently believed or silently held: after an unlock the
//! app asks before anything due by it is destroyed; "the date is right" trusts it, logs it and
//! destroys what is due; "The clock was wrong" lowers a date believed wrongly, only with the
//! passphrase; and the clear latest seen instant lowered behind Peer Map's back is put back from
//! its sealed copy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::*;
use peermap_core::app::{dispatch, Ask, Shell};
use peermap_core::clock::{Clock, CLOCK_JUMP_LIMIT};
use peermap_core::index::{Index, FILE_NAME};
use peermap_core::vault::{destroy_expired, Vault, VaultEventKind};
use peermap_core::Error;
use secrecy::SecretString;
use serde_json::json;
use time::macros::datetime;
use time::OffsetDateTime;

const JUMPED: OffsetDateTime = datetime!(2052-03-01 10:00 UTC);

fn seen(dir: &Path) -> Option<OffsetDateTime> {
    Index::open(&dir.join(FILE_NAME))
        .unwrap()
        .latest_seen()
        .unwrap()
}

fn set_clear_seen(dir: &Path, value: Option<&str>) {
    let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
    match value {
        Some(v) => conn
            .execute(
                "UPDATE vault_state SET value = ?1 WHERE key = 'latest_seen'",
                [v],
            )
            .unwrap(),
        None => conn
            .execute("DELETE FROM vault_state WHERE key = 'latest_seen'", [])
            .unwrap(),
    };
}

/// A vault with a map due in 10 days, one due in 2040 and one kept until 2060.
fn three_maps() -> (tempfile::TempDir, Vault, [uuid::Uuid; 3]) {
    let (dir, mut vault) = fresh_vault();
    let soon = vault.create_map("Soon", "P", now(), later(10)).unwrap().id;
    let mid = vault
        .create_map("Mid", "P", now(), datetime!(2040-01-01 0:00 UTC))
        .unwrap()
        .id;
    let far = vault
        .create_map("Far", "P", now(), datetime!(2060-01-01 0:00 UTC))
        .unwrap()
        .id;
    (dir, vault, [soon, mid, far])
}

#[test]
fn a_suspect_clock_asks_before_destroying_after_unlock() {
    let (dir, vault, ids) = three_maps();
    vault.lock();
    // The sweep before the window opens holds what the jumped clock says is due.
    let report = destroy_expired(dir.path(), JUMPED).unwrap();
    assert_eq!((report.destroyed, report.held), (0, 2));

    let mut vault = Vault::unlock(dir.path(), &passphrase(), JUMPED).unwrap();
    let check = vault.clock_check(JUMPED).unwrap();
    assert!(check.suspect, "a clock 26 years ahead was not questioned");
    assert_eq!(check.clock_says, JUMPED);
    assert_eq!(check.last_trusted, Some(now()));
    assert_eq!(check.due_if_confirmed, 2);
    assert!(!check.ahead_of_clock);
    // Until it is answered nothing due by the clock goes.
    assert_eq!(vault.sweep(JUMPED).unwrap().destroyed, 0);
    for id in ids {
        vault.open_map(id).unwrap();
    }
    // A believable clock asks nothing.
    assert!(!vault.clock_check(later(3)).unwrap().suspect);
    assert!(!vault.clock_check(now() + CLOCK_JUMP_LIMIT).unwrap().suspect);
}

#[test]
fn confirming_the_clock_destroys_what_is_due_and_logs_it() {
    let (dir, mut vault, [soon, mid, far]) = three_maps();
    let report = vault.confirm_clock(JUMPED).unwrap();
    assert_eq!(report.destroyed, 2, "{report:?}");
    assert!(!report.clock_suspect);
    assert!(!map_file(dir.path(), soon).exists());
    assert!(!map_file(dir.path(), mid).exists());
    vault.open_map(far).unwrap();
    assert!(!vault.clock_check(JUMPED).unwrap().suspect);
    let (events, unreadable) = vault.vault_events().unwrap();
    assert_eq!(unreadable, 0);
    assert_eq!(
        events.iter().map(|e| e.what.clone()).collect::<Vec<_>>(),
        vec![VaultEventKind::ClockConfirmed {
            clock_said: JUMPED,
            last_trusted: now(),
        }]
    );
    vault.lock();
    assert_eq!(seen(dir.path()), Some(JUMPED));
    // Confirming a believable clock records nothing special.
    let mut vault = Vault::unlock(dir.path(), &passphrase(), JUMPED).unwrap();
    vault.confirm_clock(JUMPED).unwrap();
    assert_eq!(vault.vault_events().unwrap().0.len(), 1);
}

#[test]
fn the_clock_was_wrong_lowers_latest_seen_only_with_the_passphrase() {
    let (dir, mut vault, [_, _, far]) = three_maps();
    vault.confirm_clock(JUMPED).unwrap();
    let back = later(1);
    let check = vault.clock_check(back).unwrap();
    assert!(check.ahead_of_clock);

    let wrong = SecretString::from("not the passphrase".to_owned());
    assert!(matches!(
        vault.correct_clock(&wrong, back),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(
        seen(dir.path()),
        Some(JUMPED),
        "a wrong passphrase changed it"
    );

    let done = vault.correct_clock(&passphrase(), back).unwrap();
    assert_eq!((done.from, done.to), (JUMPED, back));
    assert_eq!(seen(dir.path()), Some(back));
    assert_eq!(vault.effective_now(back), back);
    assert!(matches!(
        vault.correct_clock(&passphrase(), back),
        Err(Error::InvalidInput(_))
    ));
    let events = vault.vault_events().unwrap().0;
    assert_eq!(
        events.last().map(|e| e.what.clone()),
        Some(VaultEventKind::ClockCorrected {
            from: JUMPED,
            to: back
        })
    );
    vault.lock();
    // The sealed copy was lowered too: the next unlock does not put 2052 back.
    let mut vault = Vault::unlock(dir.path(), &passphrase(), back).unwrap();
    assert_eq!(vault.vault_events().unwrap().0.len(), events.len());
    assert_eq!(seen(dir.path()), Some(back));
    vault.open_map(far).unwrap();
    assert!(!vault.clock_check(back).unwrap().ahead_of_clock);
}

#[test]
fn a_lowered_latest_seen_is_restored_from_its_sealed_copy() {
    let (dir, mut vault) = fresh_vault();
    let due = vault.create_map("Due", "P", now(), later(8)).unwrap().id;
    vault.sweep(later(7)).unwrap();
    vault.lock();
    assert_eq!(seen(dir.path()), Some(later(7)));

    // One SQL UPDATE and a clock set back would keep the map past its date.
    set_clear_seen(dir.path(), Some("2026-01-01T00:00:00Z"));
    let mut vault = Vault::unlock(dir.path(), &passphrase(), later(1)).unwrap();
    assert_eq!(
        seen(dir.path()),
        Some(later(7)),
        "the clear value was not put back"
    );
    let (events, _) = vault.vault_events().unwrap();
    assert_eq!(
        events.iter().map(|e| e.what.clone()).collect::<Vec<_>>(),
        vec![VaultEventKind::LatestSeenLowered {
            found: Some(datetime!(2026-01-01 0:00 UTC)),
            sealed: later(7),
        }]
    );
    // Lowered (here: removed) while the vault is open: the sweep notices too.
    set_clear_seen(dir.path(), None);
    assert_eq!(vault.sweep(later(1)).unwrap().destroyed, 0);
    assert_eq!(seen(dir.path()), Some(later(7)));
    assert_eq!(vault.vault_events().unwrap().0.len(), 2);
    // Time the clock set back cannot buy: the map is destroyed on its date.
    assert_eq!(vault.sweep(later(2)).unwrap().destroyed, 0);
    vault.sweep(later(9)).unwrap();
    assert!(!map_file(dir.path(), due).exists());
    // An untouched vault logs nothing at unlock.
    vault.lock();
    let vault = Vault::unlock(dir.path(), &passphrase(), later(9)).unwrap();
    assert_eq!(vault.vault_events().unwrap().0.len(), 2);
}

// ---- through the app's commands, as the UI calls them ----

struct NoShell;
impl Shell for NoShell {
    fn ask_path(&self, _: Ask) -> Option<PathBuf> {
        None
    }
    fn reload(&self) -> peermap_core::Result<()> {
        Ok(())
    }
}

struct SetClock(Mutex<OffsetDateTime>);
impl Clock for SetClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

#[test]
fn a_suspect_clock_is_asked_about_through_the_app_and_no_locks_without_recording() {
    let (dir, vault, ids) = three_maps();
    vault.lock();
    let clock = Arc::new(SetClock(Mutex::new(JUMPED)));
    let app = peermap_core::app::App::with_clock(dir.path().to_path_buf(), clock.clone())
        .expect("the data folder's lock");
    let run = |name: &str, input: serde_json::Value| dispatch(&app, &NoShell, name, input);

    // Locked: the unlock screen can already say the clock is in doubt.
    let check = run("clock_check", json!({})).unwrap();
    assert_eq!(check["suspect"], json!(true));
    assert_eq!(check["clockSays"], json!("2052-03-01T10:00:00Z"));
    assert_eq!(check["lastTrusted"], json!("2026-03-02T10:00:00Z"));
    run("unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    let check = run("clock_check", json!({})).unwrap();
    assert_eq!(check["suspect"], json!(true));
    assert_eq!(check["dueIfConfirmed"], json!(2));

    // "No, the date is wrong": the UI locks. Nothing destroyed, nothing recorded.
    run("lock", json!({})).unwrap();
    assert_eq!(seen(dir.path()), Some(now()));
    for id in ids {
        assert!(map_file(dir.path(), id).exists());
    }

    // Unlocked again, "Yes": what is due is destroyed and the answer says how many.
    run("unlock", json!({ "passphrase": PASSPHRASE })).unwrap();
    let report = run("confirm_clock", json!({})).unwrap();
    assert_eq!(report["destroyed"], json!(2));
    assert_eq!(seen(dir.path()), Some(JUMPED));

    // The clock is put right: "The clock was wrong" needs the passphrase.
    *clock.0.lock().unwrap() = later(1);
    let err = run("correct_clock", json!({ "passphrase": "nope nope" })).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase));
    assert_eq!(seen(dir.path()), Some(JUMPED));
    let done = run("correct_clock", json!({ "passphrase": PASSPHRASE })).unwrap();
    assert_eq!(done["to"], json!("2026-03-03T10:00:00Z"));
    assert_eq!(seen(dir.path()), Some(later(1)));
}
