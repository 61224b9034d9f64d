// App commands are declared here so Tauri generates one permission per command; the single
// capability in capabilities/main.json then allows exactly these and nothing else.
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
