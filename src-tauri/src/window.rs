//! The windowed app: state, the one window, and navigation rules.

use crate::commands::{self, AppState};

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

pub fn run() {
    let Some(data_dir) = peermap_core::paths::data_dir() else {
        eprintln!("peermap: no data folder could be found for this user; set PEERMAP_DATA_DIR");
        std::process::exit(1);
    };
    // Destroy what has expired before anyone can unlock (issue 5).
    crate::sweep::at_startup(&data_dir);
    let result = tauri::Builder::default()
        .manage(AppState::new(data_dir))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::passphrase_strength,
            commands::create_vault,
            commands::unlock,
            commands::lock,
            commands::list_maps,
            commands::create_map,
            commands::looks_like_name,
            commands::open_map,
            commands::save_map,
            commands::start_session,
            commands::get_session,
            commands::get_settings,
            commands::set_settings,
            commands::change_passphrase,
            crate::lifecycle_commands::delete_map,
            crate::lifecycle_commands::delete_everything,
            crate::lifecycle_commands::map_record,
            crate::lifecycle_commands::record_explained,
            crate::lifecycle_commands::decide_keep,
            crate::lifecycle_commands::add_share,
            crate::lifecycle_commands::withdraw_share,
            crate::lifecycle_commands::withdraw_keep,
            crate::lifecycle_commands::extend_retention,
            crate::export_commands::export_status,
            crate::export_commands::export_preview,
            crate::export_commands::export_share,
            crate::export_commands::save_own_copy,
            crate::export_commands::receiving_key,
            crate::export_commands::open_shared_copy,
        ])
        .setup(|app| {
            {
                use tauri::Manager;
                crate::sweep::start_hourly(app.state::<AppState>().shared());
            }
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
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("peermap: the window could not start ({err})");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::navigation_allowed;

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
