// Tauri generates one permission per app command from this list, and the single capability
// (capabilities/main.json, itself generated from the same list) allows exactly these. The
// list is the core's own (core/src/app/command_list.rs), read here as text-level macro input:
// only the names are used, so the types it mentions need not exist in this build script.
macro_rules! commands {
    ($($name:ident : $input:ty => $output:ty),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("core/src/app/command_list.rs");

fn main() {
    println!("cargo:rerun-if-changed=core/src/app/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
