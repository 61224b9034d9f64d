//! Native file dialogs, opened from Rust only: the WebView never sends a path.
//!
//! GTK may only be used from the thread that runs its main loop, which is the app's main
//! thread. The dialog is therefore built and shown there (`run_on_main_thread`), and its
//! answer is awaited on the command's worker thread; the main loop keeps running meanwhile,
//! so the window stays responsive and the dialog is modal to it.

use std::path::PathBuf;

use peermap_core::app::Ask;
use peermap_core::export;
use tauri::{Runtime, Window};

/// Show the dialog for `ask` over `window` and wait for the answer (`None` = closed, or the
/// dialog could not be shown).
pub fn ask_path<R: Runtime>(window: &Window<R>, ask: Ask) -> Option<PathBuf> {
    let (tx, rx) = std::sync::mpsc::channel::<Option<PathBuf>>();
    let parent = window.clone();
    let shown = window.run_on_main_thread(move || {
        let dialog = rfd::AsyncFileDialog::new().set_parent(&parent);
        type Pending =
            std::pin::Pin<Box<dyn std::future::Future<Output = Option<rfd::FileHandle>> + Send>>;
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
    });
    if shown.is_err() {
        eprintln!("peermap: dialog_failed");
        return None;
    }
    rx.recv().ok().flatten()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialog_title_is_a_ui_string() {
        for id in DIALOG_TEXT {
            assert_ne!(export::ui_text(id), id, "{id} is missing from main.ftl");
        }
    }
}
