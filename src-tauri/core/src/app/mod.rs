//! The app's commands, Tauri-free: what each IPC command does, from typed input to typed view.
//!
//! The one list of commands is [`commands`] (`command_list.rs`). From it come the shell's IPC
//! handler, the capability that allows exactly those commands, the generated TypeScript the UI
//! calls them through, and the test bridge the UI suite talks to. Each command is a function
//! `fn(&App, &dyn Shell, Input) -> Result<Output>` in one of the modules below, grouped by
//! concern; workflows that need an order (save, then destroy) live here or deeper in the core,
//! never in the shell.
//!
//! What only a window can do — show a native file dialog, reload the page — is asked of the
//! [`Shell`], which the Tauri shell implements with GTK and the test bridge with a folder.

mod clock_cmds;
mod commands;
mod consent_cmds;
mod export_cmds;
#[cfg(any(test, feature = "test-hooks"))]
mod hooks;
mod maps;
mod vault_cmds;

#[cfg(test)]
mod bindings;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

use crate::clock::{Clock, SystemClock};
use crate::document::MapDocument;
use crate::lock::{LockError, VaultLock};
use crate::vault::Vault;
use crate::{Error, Result};

pub use commands::{
    dispatch, input_too_large, input_unreadable, read_input, COMMAND_NAMES, MAX_INPUT_BYTES,
};
pub use consent_cmds::{KeepInput, KeepResult, ShareInput, Withdrawn};
pub use export_cmds::{Exclusions, Exported, Opened, OpenedOutcome, PreviewView, ProtectionChoice};
pub use maps::Saved;
pub use vault_cmds::{AppInfo, VaultState};

/// What only the window can do, asked by a command while it runs (on a worker thread).
pub trait Shell: Send + Sync {
    /// Show a native file dialog and wait for the answer: `None` if the person closed it.
    fn ask_path(&self, ask: Ask) -> Option<PathBuf>;
    /// Reload the page so the WebView keeps nothing of the unlocked session.
    fn reload(&self) -> Result<()>;
}

/// Which native dialog to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Save an encrypted copy, suggesting this file name.
    SaveCopy(String),
    /// Save a PDF, suggesting this file name.
    SavePdf(String),
    /// Pick a received copy.
    OpenCopy,
}

/// The state behind every command: the data folder and its lock, the open vault (if unlocked),
/// the count of wrong passphrases in a row, and the clock.
pub struct App {
    data_dir: PathBuf,
    /// The data folder's [`VaultLock`], held for as long as this `App` lives: no other Peer Map
    /// process (a second window, `peermap sweep`) changes the vault under it.
    _lock: VaultLock,
    vault: Mutex<Option<Vault>>,
    /// Wrong passphrases in a row; held for the whole of an unlock attempt, so attempts queue
    /// up rather than run side by side.
    failures: Mutex<u32>,
    clock: Arc<dyn Clock + Send + Sync>,
}

impl App {
    /// An app over `data_dir` reading the computer's clock. Takes the folder's lock first
    /// (making the folder if it is missing): [`LockError::Held`] if another Peer Map process
    /// has it, and then nothing was touched.
    pub fn new(data_dir: PathBuf) -> Result<App, LockError> {
        App::with_clock(data_dir, Arc::new(SystemClock))
    }

    /// An app with another clock (the test bridge moves time on between sessions).
    pub fn with_clock(
        data_dir: PathBuf,
        clock: Arc<dyn Clock + Send + Sync>,
    ) -> Result<App, LockError> {
        let lock = VaultLock::try_acquire(&data_dir)?;
        Ok(App {
            data_dir,
            _lock: lock,
            vault: Mutex::new(None),
            failures: Mutex::new(0),
            clock,
        })
    }

    /// The data folder.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The clock's instant (not yet raised to the vault's latest seen instant).
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Run `f` on the open vault; `Locked` if there is none.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        let mut guard = self.lock_state()?;
        let vault = guard.as_mut().ok_or(Error::Locked)?;
        f(vault)
    }

    /// Run `f` on the open vault if there is one, holding the lock only for `f`.
    pub fn if_unlocked<T>(&self, f: impl FnOnce(&mut Vault) -> T) -> Result<Option<T>> {
        let mut guard = self.lock_state()?;
        Ok(guard.as_mut().map(f))
    }

    /// Whether a vault is open.
    pub fn is_unlocked(&self) -> bool {
        self.vault.lock().map(|g| g.is_some()).unwrap_or(false)
    }

    /// Open map `id`, let `f` change it at the vault's (rollback-guarded) time, save it
    /// durably, and return what `f` returned. Nothing is saved if `f` fails.
    pub fn edit_map<T>(
        &self,
        id: Uuid,
        f: impl FnOnce(&mut MapDocument, OffsetDateTime) -> Result<T>,
    ) -> Result<T> {
        let now = self.now();
        self.with_vault(|v| {
            let at = v.effective_now(now);
            let mut doc = v.open_map(id)?;
            let out = f(&mut doc, at)?;
            v.save_map(&doc, at)?;
            Ok(out)
        })
    }

    /// Replace the open vault (locking the old one first).
    fn set_vault(&self, v: Option<Vault>) -> Result<()> {
        let mut guard = self.lock_state()?;
        if let Some(old) = guard.take() {
            old.lock();
        }
        *guard = v;
        Ok(())
    }

    fn lock_state(&self) -> Result<std::sync::MutexGuard<'_, Option<Vault>>> {
        self.vault
            .lock()
            .map_err(|_| Error::Internal("state_poisoned"))
    }
}

/// The input of a command that takes none.
#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoInput {}

/// The input of a command about one map.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MapId {
    /// The map's id.
    #[ts(type = "string")]
    pub id: Uuid,
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoShell;
    impl Shell for NoShell {
        fn ask_path(&self, _: Ask) -> Option<PathBuf> {
            None
        }
        fn reload(&self) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_second_app_on_the_same_folder_is_refused_so_two_cannot_both_write() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("data");
        let first = App::new(dir.clone()).expect("first app");
        // The second window, or a sweep: refused before it could read or write anything.
        assert!(matches!(App::new(dir.clone()), Err(LockError::Held)));
        assert!(matches!(VaultLock::try_acquire(&dir), Err(LockError::Held)));
        let shell = NoShell;
        dispatch(
            &first,
            &shell,
            "create_vault",
            serde_json::json!({ "passphrase": "correct horse battery staple" }),
        )
        .expect("the first app writes");
        drop(first);
        // Once the first has gone, the next one opens the same vault.
        let second = App::new(dir).expect("second app after the first closed");
        dispatch(
            &second,
            &shell,
            "unlock",
            serde_json::json!({ "passphrase": "correct horse battery staple" }),
        )
        .expect("the second app unlocks");
    }
}
