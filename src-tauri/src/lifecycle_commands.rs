//! IPC commands for consent, retention and destruction (issue 5). Each calls one core function
//! on a blocking thread, like those in `commands.rs`.

use peermap_core::vault::DestroyReason;
use uuid::Uuid;

use crate::commands::{blocking, now, AppState, CmdResult};

/// Destroy one map at the practitioner's request (the UI confirms first).
#[tauri::command]
pub async fn delete_map(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<()> {
    blocking(&state, move |s| {
        s.with_vault(|v| v.destroy_map(id, DestroyReason::DeletedByPractitioner, now()))
    })
    .await
}

/// Destroy every map at once (emergencies; the UI counts down first and can be cancelled).
/// Returns how many were destroyed.
#[tauri::command]
pub async fn delete_everything(state: tauri::State<'_, AppState>) -> CmdResult<usize> {
    blocking(&state, |s| {
        s.with_vault(|v| v.destroy_all(DestroyReason::DeletedByPractitioner, now()))
    })
    .await
}
