//! Commands about the vault itself: whether there is one, create, unlock, lock, settings,
//! a new passphrase.

use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{App, NoInput, Shell};
use crate::settings::Settings;
use crate::strength::{passphrase_strength as judge, Strength};
use crate::vault::{self, ReconcileReport, Vault, VaultStatus};
use crate::{Error, Result};

/// Whether there is a vault, and whether it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    /// No vault yet: the first screen offers to create one.
    Absent,
    /// A vault exists and is locked.
    Locked,
    /// The vault is open in this app.
    Unlocked,
}

/// What the first screen needs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// Absent, locked or unlocked.
    pub vault: VaultState,
}

/// A passphrase typed by the practitioner.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PassphraseInput {
    /// The passphrase.
    pub passphrase: String,
}

/// The settings to store.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    /// The new settings.
    pub settings: Settings,
}

/// The current passphrase and the new one.
#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChangePassphraseInput {
    /// The passphrase that opens the vault now.
    pub current: String,
    /// The passphrase that will open it from now on.
    pub new: String,
}

/// The pause after the n-th wrong passphrase in a row: none for the first two slips, then
/// 2, 4, 8 … seconds, never more than a minute.
pub fn unlock_delay(failures: u32) -> Duration {
    if failures < 3 {
        return Duration::ZERO;
    }
    Duration::from_secs((1u64 << (failures - 2).min(6)).min(60))
}

pub fn app_info(app: &App, _: &dyn Shell, _: NoInput) -> Result<AppInfo> {
    let vault = if app.is_unlocked() {
        VaultState::Unlocked
    } else {
        match vault::vault_status(app.data_dir())? {
            VaultStatus::Absent => VaultState::Absent,
            VaultStatus::Locked => VaultState::Locked,
        }
    };
    Ok(AppInfo {
        version: crate::APP_VERSION.to_owned(),
        vault,
    })
}

pub fn passphrase_strength(_: &App, _: &dyn Shell, input: PassphraseInput) -> Result<Strength> {
    let passphrase = SecretString::from(input.passphrase);
    Ok(judge(secrecy::ExposeSecret::expose_secret(&passphrase)))
}

pub fn create_vault(app: &App, _: &dyn Shell, input: PassphraseInput) -> Result<()> {
    let passphrase = SecretString::from(input.passphrase);
    let v = Vault::create(app.data_dir(), &passphrase, app.now())?;
    app.set_vault(Some(v))
}

/// Unlock, and say what start-up tidying found (counts only) so the UI can tell the person.
/// A wrong passphrase waits longer each time in a row (see [`unlock_delay`]).
pub fn unlock(app: &App, _: &dyn Shell, input: PassphraseInput) -> Result<ReconcileReport> {
    let passphrase = SecretString::from(input.passphrase);
    counting_misses(app, || {
        let v = Vault::unlock(app.data_dir(), &passphrase, app.now())?;
        let report = v.last_reconcile().unwrap_or_default();
        app.set_vault(Some(v))?;
        Ok(report)
    })
}

/// Run a passphrase check on the app's one count of wrong passphrases in a row: a miss waits
/// longer each time (see [`unlock_delay`]), a success starts the count again. Attempts are
/// serialised by the count's lock.
pub(super) fn counting_misses<T>(app: &App, attempt: impl FnOnce() -> Result<T>) -> Result<T> {
    let mut failures = app
        .failures
        .lock()
        .map_err(|_| Error::Internal("state_poisoned"))?;
    let result = attempt();
    match &result {
        Ok(_) => *failures = 0,
        Err(Error::WrongPassphrase) => {
            *failures = failures.saturating_add(1);
            std::thread::sleep(unlock_delay(*failures));
        }
        Err(_) => {}
    }
    result
}

/// Drop every key and decrypted byte, then reload the page so the WebView keeps nothing either.
pub fn lock(app: &App, shell: &dyn Shell, _: NoInput) -> Result<()> {
    app.set_vault(None)?;
    shell.reload()
}

pub fn get_settings(app: &App, _: &dyn Shell, _: NoInput) -> Result<Settings> {
    app.with_vault(|v| v.settings())
}

pub fn set_settings(app: &App, _: &dyn Shell, input: SettingsInput) -> Result<()> {
    app.with_vault(|v| v.set_settings(&input.settings))
}

/// Re-encrypt the vault key with a new passphrase; the maps themselves are not touched.
pub fn change_passphrase(app: &App, _: &dyn Shell, input: ChangePassphraseInput) -> Result<()> {
    let current = SecretString::from(input.current);
    let new = SecretString::from(input.new);
    app.with_vault(|v| v.change_passphrase(&current, &new))
}

#[cfg(test)]
mod tests {
    use super::unlock_delay;
    use std::time::Duration;

    #[test]
    fn the_first_slips_are_free_then_the_pause_grows_to_a_minute() {
        assert_eq!(unlock_delay(1), Duration::ZERO);
        assert_eq!(unlock_delay(2), Duration::ZERO);
        assert_eq!(unlock_delay(3), Duration::from_secs(2));
        assert_eq!(unlock_delay(4), Duration::from_secs(4));
        assert!(unlock_delay(6) > unlock_delay(5));
        assert_eq!(unlock_delay(50), Duration::from_secs(60));
    }
}
