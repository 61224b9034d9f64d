//! The windowed app: one copy per data folder, its state, the one window, and navigation rules.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use peermap_core::app::App;
use peermap_core::lock::LockError;
use tauri::Manager;

/// Only the app's own pages may load in the window; everything else is refused.
fn navigation_allowed(url: &tauri::Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        // Windows and Android serve the app from http(s)://tauri.localhost.
        ("http" | "https", Some("tauri.localhost")) => true,
        // The Vite dev server, only in debug builds (`tauri dev`).
        ("http", Some("localhost")) => cfg!(debug_assertions) && url.port() == Some(5173),
        _ => false,
    }
}

/// The exit code of a second copy that found the data folder locked and could not hand over to
/// the first (the same code `peermap sweep` uses for "the app is open").
const EXIT_ALREADY_OPEN: i32 = crate::cli::EXIT_APP_OPEN;

/// How long a starting app waits for the data folder's lock before it says "already open": a
/// scheduled `peermap sweep` holds it for a moment, and must not stop the app opening.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);
const LOCK_RETRY: Duration = Duration::from_millis(100);

pub fn run() {
    let Some(data_dir) = peermap_core::paths::data_dir() else {
        eprintln!("peermap: no data folder could be found for this user; set PEERMAP_DATA_DIR");
        std::process::exit(1);
    };
    // The single-instance plugin goes first: a second copy on the same data folder hands over
    // to the first (which comes to the front) and exits inside `build`, before anything below
    // touches the vault. Its D-Bus name is per data folder, so copies on different folders
    // (the real-app tests, several workers on one login) do not meet.
    let built = tauri::Builder::default()
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(&data_dir))
                .callback(|app, _args, _cwd| bring_to_front(app))
                .build(),
        )
        .invoke_handler(crate::ipc::handle)
        .setup(|app| {
            // No state: another copy holds the data folder. Say so, and open no window.
            let Some(state) = app.try_state::<crate::ipc::AppState>() else {
                show_already_open(app.handle().clone());
                return Ok(());
            };
            crate::sweep::start_hourly(Arc::clone(state.inner()));
            let config = app
                .config()
                .app
                .windows
                .iter()
                .find(|w| w.label == "main")
                .cloned()
                .ok_or("the main window is missing from tauri.conf.json")?;
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(navigation_allowed)
                .build()?;
            Ok(())
        })
        .build(tauri::generate_context!());
    let app = match built {
        Ok(app) => app,
        Err(err) => {
            // A second copy whose first did not answer ends up here too.
            if matches!(App::new(data_dir.clone()), Err(LockError::Held)) {
                eprintln!("peermap: {}", already_open_text());
                std::process::exit(EXIT_ALREADY_OPEN);
            }
            eprintln!("peermap: the window could not start ({err})");
            std::process::exit(1);
        }
    };
    // The lock first, held for as long as the process runs (inside `App`): no sweep and no other
    // copy changes the vault under this one.
    match open_app(data_dir) {
        Ok(state) => {
            // Destroy what has expired before anyone can unlock.
            crate::sweep::at_startup(state.data_dir());
            app.manage::<crate::ipc::AppState>(Arc::new(state));
        }
        // Nothing is managed, so `setup` shows the message (GTK's loop must be running for a
        // dialog) and exits.
        Err(LockError::Held) => eprintln!("peermap: {}", already_open_text()),
        Err(LockError::Failed(err)) => {
            eprintln!("peermap: {err}");
            std::process::exit(1);
        }
    }
    app.run(|_, _| {});
}

/// The app over `data_dir`, waiting up to [`LOCK_PATIENCE`] for a sweep to let go of the lock.
fn open_app(data_dir: PathBuf) -> Result<App, LockError> {
    let start = Instant::now();
    loop {
        match App::new(data_dir.clone()) {
            Err(LockError::Held) if start.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(LOCK_RETRY);
            }
            other => return other,
        }
    }
}

fn already_open_text() -> &'static str {
    peermap_core::export::ui_text("already-open")
}

/// Another Peer Map holds the data folder and could not be brought to the front (no session
/// bus, another login, or a sweep that did not finish): say so in a small window and exit when
/// it is closed, having touched nothing. Called on the main thread with GTK's loop running (as
/// the file dialogs are); the answer is awaited off it.
fn show_already_open<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    let pending = rfd::AsyncMessageDialog::new()
        .set_title("Peer Map")
        .set_description(already_open_text())
        .set_level(rfd::MessageLevel::Info)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    let spawned = std::thread::Builder::new()
        .name("peermap-already-open".into())
        .spawn(move || {
            tauri::async_runtime::block_on(pending);
            app.exit(EXIT_ALREADY_OPEN);
        });
    if spawned.is_err() {
        std::process::exit(EXIT_ALREADY_OPEN);
    }
}

/// Called in the first copy when a second one starts on the same data folder.
fn bring_to_front<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The single-instance D-Bus id for a data folder: the app's identifier plus a digest of the
/// folder's full path, so one name per folder (`<id>.SingleInstance` is what the plugin owns).
fn instance_id(data_dir: &Path) -> String {
    use sha2::{Digest, Sha256};
    let full = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // A D-Bus name element may not start with a digit.
    format!("{}.d{hex}", peermap_core::paths::IDENTIFIER)
}

#[cfg(test)]
mod tests {
    use super::{instance_id, navigation_allowed};

    #[test]
    fn each_data_folder_has_its_own_single_instance_name() {
        let a = instance_id(std::path::Path::new("/tmp/peermap-a"));
        let b = instance_id(std::path::Path::new("/tmp/peermap-b"));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(std::path::Path::new("/tmp/peermap-a")));
        // A valid D-Bus well-known name once the plugin adds ".SingleInstance".
        let name = format!("{a}.SingleInstance");
        assert!(name.len() <= 255);
        for element in name.split('.') {
            assert!(!element.is_empty());
            assert!(!element.starts_with(|c: char| c.is_ascii_digit()), "{name}");
            assert!(element
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        }
    }

    #[test]
    fn the_already_open_message_is_a_ui_string() {
        let text = peermap_core::export::ui_text("already-open");
        assert!(text.starts_with("Peer Map is already open"), "{text}");
    }

    fn url(s: &str) -> tauri::Url {
        s.parse().expect("test url")
    }

    #[test]
    fn app_pages_may_load() {
        assert!(navigation_allowed(&url("tauri://localhost/index.html")));
        assert!(navigation_allowed(&url("http://tauri.localhost/")));
    }

    #[test]
    fn the_outside_world_may_not() {
        assert!(!navigation_allowed(&url("https://example.com/")));
        assert!(!navigation_allowed(&url("http://localhost:8080/")));
        assert!(!navigation_allowed(&url("file:///etc/passwd")));
        assert!(!navigation_allowed(&url("data:text/html,hi")));
    }
}
