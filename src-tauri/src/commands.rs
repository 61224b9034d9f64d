//! IPC commands: each is a few lines that call one core function. Errors cross as
//! `{code, message}` (peermap_core::BoundaryError).

use std::path::PathBuf;

use peermap_core::BoundaryError;
use serde::Serialize;

/// Shared state behind every command.
pub struct AppState {
    pub data_dir: PathBuf,
}

type CmdResult<T> = Result<T, BoundaryError>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    vault: &'static str,
}

/// What the first screen needs: the app version and whether a vault exists yet.
#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> CmdResult<AppInfo> {
    let vault = if state.data_dir.join("identity.age").is_file() {
        "locked"
    } else {
        "absent"
    };
    Ok(AppInfo {
        version: peermap_core::APP_VERSION,
        vault,
    })
}
