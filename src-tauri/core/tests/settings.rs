//! Vault settings persist across lock/unlock and bad values change nothing.

mod common;

use common::*;
use peermap_core::settings::Settings;
use peermap_core::vault::Vault;
use peermap_core::Error;

#[test]
fn settings_survive_a_restart_and_bad_values_change_nothing() {
    let (dir, mut vault) = fresh_vault();
    assert_eq!(vault.settings().expect("read").idle_lock_minutes, 5);

    vault
        .set_settings(&Settings {
            idle_lock_minutes: 15,
            ..Settings::default()
        })
        .expect("store");
    let refused = vault.set_settings(&Settings {
        idle_lock_minutes: 0,
        ..Settings::default()
    });
    assert!(matches!(refused, Err(Error::InvalidInput(_))));
    vault.lock();

    let vault = Vault::unlock(dir.path(), &passphrase(), now()).expect("unlock");
    assert_eq!(vault.settings().expect("read").idle_lock_minutes, 15);
}
