//! IPC commands for exporting a consented copy and for receiving one (issue 6).
//!
//! File paths never come from the WebView: every file is chosen in a native dialog opened
//! here, in Rust. Each command checks what it can *before* showing a dialog (vault unlocked,
//! the share allowed), so nobody picks a place for a copy that would then be refused.
//!
//! # Dialogs and GTK
//!
//! GTK may only be used from the thread that runs its main loop, which is the app's main
//! thread. The dialog is therefore built and shown on the main thread (`run_on_main_thread`),
//! and its answer is awaited on another thread; the main loop keeps running meanwhile, so the
//! window stays responsive and the dialog is modal to it.

use std::path::PathBuf;

use peermap_core::export::flow::{self, Choice, ExportRequest, ExportStatus};
use peermap_core::export::{self, ExportOptions, Protection};
use peermap_core::receiving::{self, CopyKey};
use peermap_core::{crypto, BoundaryError, Error};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::commands::{blocking, now, AppState, CmdResult};

/// At most this many ids may be unticked in one request (a map holds far fewer).
const MAX_EXCLUDED: usize = 2000;

/// What was unticked in the preview.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exclusions {
    #[serde(default)]
    token_ids: Vec<String>,
    #[serde(default)]
    note_ids: Vec<String>,
}

impl Exclusions {
    fn options(self) -> peermap_core::Result<ExportOptions> {
        if self.token_ids.len() + self.note_ids.len() > MAX_EXCLUDED {
            return Err(Error::InvalidInput(
                "Too many things were unticked at once.".to_owned(),
            ));
        }
        Ok(ExportOptions {
            excluded_token_ids: self.token_ids,
            excluded_note_ids: self.note_ids,
            ..ExportOptions::new(now())
        })
    }
}

/// The export panel: shares, disclosures, "changed since last shared".
#[tauri::command]
pub async fn export_status(state: tauri::State<'_, AppState>, id: Uuid) -> CmdResult<ExportStatus> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let at = v.effective_now(now());
            Ok(flow::export_status(&v.open_map(id)?, at))
        })
    })
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    /// Every page of the copy as a picture (data URLs), laid out by the same code as the PDF.
    pages: Vec<String>,
    people: Vec<Choice>,
    notes: Vec<Choice>,
    #[serde(with = "time::serde::rfc3339")]
    destroy_by: time::OffsetDateTime,
    has_key: bool,
}

/// Render the copy for a share (the gate runs first) for the preview. Nothing is written.
#[tauri::command]
pub async fn export_preview(
    state: tauri::State<'_, AppState>,
    id: Uuid,
    share_id: String,
    excluded: Exclusions,
) -> CmdResult<PreviewView> {
    blocking(&state, move |s| {
        let options = excluded.options()?;
        s.with_vault(|v| {
            let options = ExportOptions {
                now: v.effective_now(options.now),
                ..options
            };
            let preview = flow::preview(&v.open_map(id)?, &share_id, &options)?;
            Ok(PreviewView {
                pages: preview
                    .pages
                    .iter()
                    .map(|p| flow::png_data_url(p))
                    .collect(),
                people: preview.people,
                notes: preview.notes,
                destroy_by: preview.destroy_by,
                has_key: preview.has_key,
            })
        })
    })
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The person closed the save dialog: nothing was written or recorded.
    cancelled: bool,
    /// The generated passphrase as words, to show once. Never stored.
    words: Option<Vec<String>>,
    sha256: Option<String>,
    /// False if the file was written but its record could not be completed.
    record_completed: bool,
}

/// Export the copy for a share: save dialog, then the whole flow (record, write, complete).
#[tauri::command]
pub async fn export_share(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
    id: Uuid,
    share_id: String,
    excluded: Exclusions,
    protection: String,
) -> CmdResult<Exported> {
    let protection = match protection.as_str() {
        "recipient" => Protection::ShareRecipient,
        "passphrase" => Protection::NewPassphrase,
        _ => {
            return Err(Error::InvalidInput(
                "Choose how the copy is protected: the recipient's key or a passphrase.".into(),
            )
            .into())
        }
    };
    let check_share = share_id.clone();
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let doc = v.open_map(id)?;
            let share = export::gate(&doc, &check_share, v.effective_now(now()))?;
            if protection == Protection::ShareRecipient {
                // Refuses a missing or malformed key before anyone picks a file.
                export::encrypt(b"%PDF-", share, protection)?;
            }
            Ok(())
        })
    })
    .await?;
    let name = format!("peer-map-copy-{}.pdf.age", now().date());
    let Some(target) = ask_path(&window, Ask::SaveCopy(name)).await? else {
        return Ok(Exported {
            cancelled: true,
            words: None,
            sha256: None,
            record_completed: true,
        });
    };
    blocking(&state, move |s| {
        let request = ExportRequest {
            map_id: id,
            share_id,
            options: excluded.options()?,
            protection,
        };
        let outcome = s.with_vault(|v| flow::export_to_file(v, &request, &target))?;
        Ok(Exported {
            cancelled: false,
            words: outcome
                .passphrase
                .as_ref()
                .map(|p| p.expose_secret().split(' ').map(str::to_owned).collect()),
            sha256: Some(outcome.sha256),
            record_completed: outcome.record_completed,
        })
    })
    .await
}

/// Save the young person's own copy (a PDF for them to take away) where the practitioner
/// chooses; `excluded` is optional (nothing unticked). Returns false if the dialog was closed.
#[tauri::command]
pub async fn save_own_copy(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
    id: Uuid,
    excluded: Option<Exclusions>,
) -> CmdResult<bool> {
    blocking(&state, move |s| {
        s.with_vault(|v| v.open_map(id).map(|_| ()))
    })
    .await?;
    let name = format!("my-peer-map-{}.pdf", now().date());
    let Some(target) = ask_path(&window, Ask::SavePdf(name)).await? else {
        return Ok(false);
    };
    blocking(&state, move |s| {
        let options = excluded.unwrap_or_default().options()?;
        s.with_vault(|v| flow::save_own_copy(v, id, &options, &target))?;
        Ok(true)
    })
    .await
}

/// The receiving public key (`age1…`), creating it first if `create` and there is none.
#[tauri::command]
pub async fn receiving_key(
    state: tauri::State<'_, AppState>,
    create: bool,
) -> CmdResult<Option<String>> {
    blocking(&state, move |s| {
        s.with_vault(|v| {
            if create {
                receiving::create_receiving_key(v).map(Some)
            } else {
                receiving::receiving_public_key(v)
            }
        })
    })
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opened {
    /// `picked`: no file chosen; `saved`: the PDF was saved; `not_saved`: it opened but the
    /// person closed the save dialog, so nothing was written.
    outcome: &'static str,
}

/// Open a shared copy: pick the file, decrypt it in memory (with the receiving key, or with
/// `passphrase`), then save the PDF where the person chooses. Nothing enters the vault.
#[tauri::command]
pub async fn open_shared_copy(
    state: tauri::State<'_, AppState>,
    window: tauri::WebviewWindow,
    passphrase: Option<String>,
) -> CmdResult<Opened> {
    let key = match passphrase {
        Some(p) if !p.trim().is_empty() => CopyKey::Passphrase(SecretString::from(p)),
        _ => CopyKey::ReceivingKey,
    };
    blocking(&state, |s| s.with_vault(|_| Ok(()))).await?;
    let Some(source) = ask_path(&window, Ask::OpenCopy).await? else {
        return Ok(Opened { outcome: "picked" });
    };
    let pdf = blocking(&state, move |s| {
        let bytes = crypto::read_file_bounded(&source).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => {
                Error::InvalidInput("That file is far too big to be a shared copy.".into())
            }
            _ => Error::storage(&e),
        })?;
        s.with_vault(|v| receiving::open_shared_copy(v, &bytes, &key))
    })
    .await?;
    let name = format!("shared-peer-map-{}.pdf", now().date());
    let Some(target) = ask_path(&window, Ask::SavePdf(name)).await? else {
        return Ok(Opened {
            outcome: "not_saved",
        });
    };
    blocking(&state, move |s| {
        s.with_vault(|v| {
            let (dir, name) = flow::split_save_target(v, &target)?;
            peermap_core::atomic::write_atomic(&dir, &name, &pdf)
        })?;
        Ok(Opened { outcome: "saved" })
    })
    .await
}

/// The UI strings the native dialogs use (all in `main.ftl`).
#[cfg(test)]
const DIALOG_TEXT: [&str; 5] = [
    "dialog-save-copy",
    "dialog-save-pdf",
    "dialog-open-copy",
    "dialog-filter-copy",
    "dialog-filter-pdf",
];

/// Which native dialog to show.
enum Ask {
    /// Save an encrypted copy, suggesting this file name.
    SaveCopy(String),
    /// Save a PDF, suggesting this file name.
    SavePdf(String),
    /// Pick a received copy.
    OpenCopy,
}

/// Show a native dialog for `window` and wait for the answer (`None` = closed).
async fn ask_path(window: &tauri::WebviewWindow, ask: Ask) -> CmdResult<Option<PathBuf>> {
    let (tx, rx) = std::sync::mpsc::channel::<Option<PathBuf>>();
    let parent = window.clone();
    window
        .run_on_main_thread(move || {
            let dialog = rfd::AsyncFileDialog::new().set_parent(&parent);
            type Pending = std::pin::Pin<
                Box<dyn std::future::Future<Output = Option<rfd::FileHandle>> + Send>,
            >;
            let pending: Pending = match ask {
                Ask::SaveCopy(name) => Box::pin(
                    dialog
                        .set_title(export::ui_text("dialog-save-copy"))
                        .set_file_name(name)
                        .add_filter(export::ui_text("dialog-filter-copy"), &["age"])
                        .save_file(),
                ),
                Ask::SavePdf(name) => Box::pin(
                    dialog
                        .set_title(export::ui_text("dialog-save-pdf"))
                        .set_file_name(name)
                        .add_filter(export::ui_text("dialog-filter-pdf"), &["pdf"])
                        .save_file(),
                ),
                Ask::OpenCopy => Box::pin(
                    dialog
                        .set_title(export::ui_text("dialog-open-copy"))
                        .add_filter(export::ui_text("dialog-filter-copy"), &["age"])
                        .pick_file(),
                ),
            };
            // Wait for the answer off the main thread, so GTK's loop keeps running.
            std::thread::spawn(move || {
                let picked = tauri::async_runtime::block_on(pending);
                let _ = tx.send(picked.map(|h| h.path().to_path_buf()));
            });
        })
        .map_err(|_| BoundaryError::from(Error::Internal("dialog_failed")))?;
    tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .map_err(|_| BoundaryError::from(Error::Internal("dialog_failed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialog_title_is_a_ui_string() {
        for id in DIALOG_TEXT {
            assert_ne!(export::ui_text(id), id, "{id} is missing from main.ftl");
        }
    }

    #[test]
    fn too_many_exclusions_are_refused_plainly() {
        let many = Exclusions {
            token_ids: vec!["t".to_owned(); MAX_EXCLUDED + 1],
            note_ids: Vec::new(),
        };
        let err = many.options().expect_err("refused");
        assert!(err.to_string().contains("Too many"), "{err}");
        assert!(Exclusions::default().options().is_ok());
    }
}
