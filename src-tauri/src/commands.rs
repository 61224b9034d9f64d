//! IPC commands: each is a few lines that call the core. Errors cross as `{code, message}`
//! (peermap_core::BoundaryError). Anything that may take more than a moment (scrypt,
//! decryption, disk) runs on a blocking thread so the window never freezes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use peermap_core::document::{MapDocument, Ring, SessionVersion};
use peermap_core::settings::Settings;
use peermap_core::strength::{passphrase_strength as judge, Strength};
use peermap_core::vault::{self, MapSummary, ReconcileReport, Vault, VaultStatus};
use peermap_core::view::{self, MapView};
use peermap_core::{lifecycle, BoundaryError, Error, Result};
use secrecy::SecretString;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// Shared state behind every command.
pub struct AppState {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub(crate) data_dir: PathBuf,
    pub(crate) vault: Mutex<Option<Vault>>,
    /// Wrong passphrases in a row; held for the whole of an unlock attempt, so attempts
    /// queue up rather than run side by side.
    failures: Mutex<u32>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            shared: Arc::new(Shared {
                data_dir,
                vault: Mutex::new(None),
                failures: Mutex::new(0),
            }),
        }
    }

    /// The shared state, for the background sweep (crate::sweep).
    pub(crate) fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }
}

pub(crate) type CmdResult<T> = std::result::Result<T, BoundaryError>;

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Run `f` on a blocking thread.
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> CmdResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Shared) -> Result<T> + Send + 'static,
{
    let shared = Arc::clone(&state.shared);
    tauri::async_runtime::spawn_blocking(move || f(&shared))
        .await
        .map_err(|_| Error::Internal("task_failed"))?
        .map_err(BoundaryError::from)
}

impl Shared {
    pub(crate) fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        let mut guard = self
            .vault
            .lock()
            .map_err(|_| Error::Internal("state_poisoned"))?;
        let vault = guard.as_mut().ok_or(Error::Locked)?;
        f(vault)
    }

    /// Open map `id`, let `f` change it at the vault's (rollback-guarded) time, save it
    /// durably, and return what `f` returned. Nothing is saved if `f` fails.
    pub(crate) fn edit_map<T>(
        &self,
        id: Uuid,
        f: impl FnOnce(&mut MapDocument, OffsetDateTime) -> Result<T>,
    ) -> Result<T> {
        self.with_vault(|v| {
            let at = v.effective_now(now());
            let mut doc = v.open_map(id)?;
            let out = f(&mut doc, at)?;
            v.save_map(&doc, at)?;
            Ok(out)
        })
    }

    fn set_vault(&self, v: Option<Vault>) -> Result<()> {
        let mut guard = self
            .vault
            .lock()
            .map_err(|_| Error::Internal("state_poisoned"))?;
        if let Some(old) = guard.take() {
            old.lock();
        }
        *guard = v;
        Ok(())
    }
}

/// The pause after the n-th wrong passphrase in a row: none for the first two slips, then
/// 2, 4, 8 … seconds, never more than a minute.
pub fn unlock_delay(failures: u32) -> Duration {
    if failures < 3 {
        return Duration::ZERO;
    }
    Duration::from_secs((1u64 << (failures - 2).min(6)).min(60))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    vault: &'static str,
}

/// What the first screen needs: the app version and whether the vault is absent, locked or open.
#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> CmdResult<AppInfo> {
    let shared = &state.shared;
    let unlocked = shared.vault.lock().map(|g| g.is_some()).unwrap_or(false);
    let vault = if unlocked {
        "unlocked"
    } else {
        match vault::vault_status(&shared.data_dir)? {
            VaultStatus::Absent => "absent",
            VaultStatus::Locked => "locked",
        }
    };
    Ok(AppInfo {
        version: peermap_core::APP_VERSION,
        vault,
    })
}

#[tauri::command]
pub fn passphrase_strength(passphrase: String) -> Strength {
    let passphrase = SecretString::from(passphrase);
    judge(secrecy::ExposeSecret::expose_secret(&passphrase))
}

#[tauri::command]
pub async fn create_vault(state: tauri::State<'_, AppState>, passphrase: String) -> CmdResult<()> {
    let passphrase = SecretString::from(passphrase);
    blocking(&state, move |s| {
        let v = Vault::create(&s.data_dir, &passphrase, now())?;
        s.set_vault(Some(v))
    })
    .await
}

#[tauri::command]
/// Unlock, and say what start-up tidying found (counts only) so the UI can tell the person.
pub async fn unlock(
    state: tauri::State<'_, AppState>,
    passphrase: String,
) -> CmdResult<ReconcileReport> {
    let passphrase = SecretString::from(passphrase);
    blocking(&state, move |s| {
        let mut failures = s
            .failures
            .lock()
            .map_err(|_| Error::Internal("state_poisoned"))?;
        match Vault::unlock(&s.data_dir, &passphrase, now()) {
            Ok(v) => {
                *failures = 0;
                let report = v.last_reconcile().unwrap_or_default();
                s.set_vault(Some(v))?;
                Ok(report)
            }
            Err(Error::WrongPassphrase) => {
                *failures = failures.saturating_add(1);
                std::thread::sleep(unlock_delay(*failures));
                Err(Error::WrongPassphrase)
            }
            Err(other) => Err(other),
        }
    })
    .await
}

/// Drop every key and decrypted byte, then reload the page so the WebView keeps nothing either.
#[tauri::command]
pub async fn lock(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
) -> CmdResult<()> {
    blocking(&state, |s| s.set_vault(None)).await?;
    window
        .reload()
        .map_err(|_| BoundaryError::from(Error::Internal("reload_failed")))
}

#[tauri::command]
pub async fn list_maps(state: tauri::State<'_, AppState>) -> CmdResult<Vec<MapSummary>> {
    blocking(&state, |s| s.with_vault(|v| v.list_maps(now()))).await
}

#[tauri::command]
pub async fn create_map(
    state: tauri::State<'_, AppState>,
    label: String,
    purpose: String,
) -> CmdResult<MapView> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let at = v.effective_now(now());
            let doc = v.create_map(&label, &purpose, at, lifecycle::draft_retain_until(at))?;
            Ok(MapView::of(&doc))
        })
    })
    .await
}

#[tauri::command]
pub fn looks_like_name(text: String) -> bool {
    peermap_core::document::looks_like_full_name(&text)
}

#[tauri::command]
pub async fn open_map(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<MapView> {
    blocking(&state, move |s| {
        s.with_vault(|v| Ok(MapView::of(&v.open_map(id)?)))
    })
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    #[serde(with = "time::serde::rfc3339")]
    saved_at: OffsetDateTime,
}

/// Save the drawing. Resolves only after the encrypted file is durably on disk.
#[tauri::command]
pub async fn save_map(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    rings: Vec<Ring>,
    session: SessionVersion,
) -> CmdResult<Saved> {
    blocking(&state, move |s| {
        s.edit_map(id, |doc, at| {
            view::apply_drawing(doc, rings, session, at)?;
            Ok(Saved { saved_at: at })
        })
    })
    .await
}

#[tauri::command]
pub async fn start_session(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<MapView> {
    blocking(&state, move |s| {
        let settings = s.with_vault(|v| v.settings())?;
        s.edit_map(id, |doc, at| {
            view::start_session(doc, at)?;
            // A new session of a kept map moves its destroy date on (never earlier).
            peermap_core::consent::apply_retention_after_session(doc, &settings, at)?;
            Ok(MapView::of(doc))
        })
    })
    .await
}

#[tauri::command]
pub async fn get_session(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    index: usize,
) -> CmdResult<SessionVersion> {
    blocking(&state, move |s| {
        s.with_vault(|v| Ok(view::session(&v.open_map(id)?, index)?.clone()))
    })
    .await
}

#[tauri::command]
pub async fn get_settings(state: tauri::State<'_, AppState>) -> CmdResult<Settings> {
    blocking(&state, |s| s.with_vault(|v| v.settings())).await
}

#[tauri::command]
pub async fn set_settings(state: tauri::State<'_, AppState>, settings: Settings) -> CmdResult<()> {
    blocking(&state, move |s| s.with_vault(|v| v.set_settings(&settings))).await
}

/// Re-encrypt the vault key with a new passphrase; the maps themselves are not touched.
#[tauri::command]
pub async fn change_passphrase(
    state: tauri::State<'_, AppState>,
    current: String,
    new: String,
) -> CmdResult<()> {
    let (current, new) = (SecretString::from(current), SecretString::from(new));
    blocking(&state, move |s| {
        s.with_vault(|v| v.change_passphrase(&current, &new))
    })
    .await
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
