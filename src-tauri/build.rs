// App commands are declared here so Tauri generates one permission per command; the single
// capability in capabilities/main.json then allows exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "app_info",
    "passphrase_strength",
    "create_vault",
    "unlock",
    "lock",
    "list_maps",
    "create_map",
    "looks_like_name",
    "open_map",
    "save_map",
    "start_session",
    "get_session",
    "get_settings",
    "set_settings",
    "change_passphrase",
    // consent, retention and destruction (issue 5)
    "delete_map",
    "delete_everything",
    "map_record",
    "record_explained",
    "decide_keep",
    "add_share",
    "withdraw_share",
    "withdraw_keep",
    "extend_retention",
    // exporting a consented copy, and receiving one (issue 6)
    "export_status",
    "export_preview",
    "export_share",
    "save_own_copy",
    "receiving_key",
    "open_shared_copy",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
