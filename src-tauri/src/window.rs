//! The windowed app: state, the one window, and navigation rules.

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
    // Destroy what has expired before anyone can unlock.
    crate::sweep::at_startup(&data_dir);
    let state: crate::ipc::AppState = std::sync::Arc::new(peermap_core::app::App::new(data_dir));
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(crate::ipc::handle)
        .setup(|app| {
            {
                use tauri::Manager;
                crate::sweep::start_hourly(std::sync::Arc::clone(
                    app.state::<crate::ipc::AppState>().inner(),
                ));
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
