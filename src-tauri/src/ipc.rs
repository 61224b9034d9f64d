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

use peermap_core::app::{
    dispatch, input_too_large, input_unreadable, read_input, App, Ask, Shell, COMMAND_NAMES,
    MAX_INPUT_BYTES,
};
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

/// A command's input from the body Tauri hands over, with the size checked before any parse.
///
/// The UI sends every command's arguments as the bytes of their JSON text (`ui/src/lib/call.ts`),
/// so Tauri's `ipc://` custom protocol passes them through untouched as [`InvokeBody::Raw`]
/// and the core's [`read_input`] refuses more than [`MAX_INPUT_BYTES`] before parsing them.
/// Should the custom protocol fail, Tauri's `postMessage` fallback delivers the same bytes as a
/// JSON array of numbers: its length is checked first too. A JSON object (arguments sent the
/// old way, already parsed whole by Tauri) is refused: no call site sends one.
fn command_input(body: &InvokeBody) -> peermap_core::Result<serde_json::Value> {
    match body {
        InvokeBody::Raw(bytes) => read_input(bytes),
        InvokeBody::Json(serde_json::Value::Array(numbers)) => {
            if numbers.len() > MAX_INPUT_BYTES {
                return Err(input_too_large());
            }
            let bytes = numbers
                .iter()
                .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(input_unreadable)?;
            read_input(&bytes)
        }
        InvokeBody::Json(_) => Err(input_unreadable()),
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
    let input = match command_input(invoke.message.payload()) {
        Ok(input) => input,
        Err(err) => {
            invoke.resolver.reject(BoundaryError::from(err));
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
    use peermap_core::app::{COMMAND_NAMES, MAX_INPUT_BYTES};
    use serde_json::json;
    use tauri::ipc::InvokeBody;

    use super::command_input;

    fn message(body: &InvokeBody) -> String {
        command_input(body).expect_err("refused").to_string()
    }

    #[test]
    fn an_oversize_raw_body_is_refused_as_too_large_without_being_parsed() {
        // Not JSON: had it been parsed before the size check, it would be "could not read".
        let body = InvokeBody::Raw(vec![b'{'; MAX_INPUT_BYTES + 1]);
        let text = message(&body);
        assert!(text.contains("too large"), "{text}");
    }

    #[test]
    fn a_raw_json_body_is_the_command_input() {
        let body = InvokeBody::Raw(br#"{"passphrase":"correct horse"}"#.to_vec());
        assert_eq!(
            command_input(&body).expect("read"),
            json!({ "passphrase": "correct horse" })
        );
        assert_eq!(
            command_input(&InvokeBody::Raw(b"{}".to_vec())).expect("empty"),
            json!({})
        );
        assert!(message(&InvokeBody::Raw(b"{\"id\"".to_vec())).contains("could not read"));
    }

    #[test]
    fn the_post_message_fallback_is_checked_for_size_first_too() {
        let bytes = br#"{"id":"x"}"#.iter().map(|b| json!(b)).collect::<Vec<_>>();
        let body = InvokeBody::Json(serde_json::Value::Array(bytes));
        assert_eq!(command_input(&body).expect("read"), json!({ "id": "x" }));
        let huge = InvokeBody::Json(serde_json::Value::Array(vec![
            json!(300);
            MAX_INPUT_BYTES + 1
        ]));
        assert!(message(&huge).contains("too large"));
        let not_bytes = InvokeBody::Json(json!([123, 300]));
        assert!(message(&not_bytes).contains("could not read"));
    }

    #[test]
    fn a_json_object_body_is_refused() {
        let body = InvokeBody::Json(json!({ "passphrase": "correct horse" }));
        assert!(message(&body).contains("could not read"));
    }

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
