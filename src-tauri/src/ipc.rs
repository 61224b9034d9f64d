//! The one IPC handler: every command the window may call is run by the core's
//! [`dispatch`](peermap_core::app::dispatch) on a worker thread, so the window never freezes
//! while scrypt, decryption or the disk work. Errors cross as `{code, message}`
//! ([`BoundaryError`]).
//!
//! Tauri checks the capability (src-tauri/capabilities/main.json, generated from the core's
//! command list) before this handler sees a message, so a command outside the list never
//! arrives here; one that does is refused all the same.

use std::path::PathBuf;
use std::sync::Arc;

use peermap_core::app::{dispatch, App, Ask, Shell, COMMAND_NAMES};
use peermap_core::{BoundaryError, Error};
use tauri::ipc::{Invoke, InvokeBody};
use tauri::{Manager, Runtime, Webview};

use crate::dialogs;

/// The shared state behind every command.
pub type AppState = Arc<App>;

/// What the core asks of the window: native dialogs and a page reload.
struct WindowShell<R: Runtime> {
    webview: Webview<R>,
}

impl<R: Runtime> Shell for WindowShell<R> {
    fn ask_path(&self, ask: Ask) -> Option<PathBuf> {
        dialogs::ask_path(&self.webview.window(), ask)
    }

    fn reload(&self) -> peermap_core::Result<()> {
        self.webview
            .reload()
            .map_err(|_| Error::Internal("reload_failed"))
    }
}

/// Tauri's invoke handler. Returns false for a name that is not one of ours.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let Some(&name) = COMMAND_NAMES
        .iter()
        .find(|n| **n == invoke.message.command())
    else {
        return false;
    };
    let input = match invoke.message.payload() {
        InvokeBody::Json(value) => value.clone(),
        InvokeBody::Raw(_) => {
            invoke
                .resolver
                .reject(BoundaryError::from(Error::InvalidInput(
                    "Peer Map could not read that request. Nothing was changed.".into(),
                )));
            return true;
        }
    };
    let webview = invoke.message.webview();
    let app = Arc::clone(webview.state::<AppState>().inner());
    let resolver = invoke.resolver;
    tauri::async_runtime::spawn_blocking(move || {
        let shell = WindowShell { webview };
        match dispatch(&app, &shell, name, input) {
            Ok(answer) => resolver.resolve(answer),
            Err(err) => resolver.reject(BoundaryError::from(err)),
        }
    });
    true
}

#[cfg(test)]
mod tests {
    use peermap_core::app::COMMAND_NAMES;

    /// The capability is generated from the command list; this fails when it is stale.
    /// Refresh: PEERMAP_WRITE_CAPABILITY=1 cargo test -p peermap capability
    #[test]
    fn capability_allows_exactly_the_command_list() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/main.json");
        let want = crate::capability::json(COMMAND_NAMES);
        if std::env::var_os("PEERMAP_WRITE_CAPABILITY").is_some() {
            std::fs::write(path, &want).expect("write capability");
            return;
        }
        let have = std::fs::read_to_string(path).expect("capabilities/main.json");
        assert_eq!(have, want, "capabilities/main.json is stale");
    }
}
