// The one list of Peer Map's IPC commands: `name: Input => Output`, each run by the function
// of that name in `crate::app` (see app/commands.rs). Everything else is made from this list:
// the shell's handler, the capability (src-tauri/capabilities/main.json), the permissions
// Tauri generates (src-tauri/build.rs includes this file), the TypeScript the UI calls
// (ui/bindings/commands.ts) and the test bridge. Tests fail when any of them is stale.
commands! {
    // The vault
    app_info: NoInput => AppInfo,
    passphrase_strength: PassphraseInput => Strength,
    create_vault: PassphraseInput => (),
    unlock: PassphraseInput => ReconcileReport,
    lock: NoInput => (),
    get_settings: NoInput => Settings,
    set_settings: SettingsInput => (),
    change_passphrase: ChangePassphraseInput => (),
    // The clock
    clock_check: NoInput => ClockCheck,
    confirm_clock: NoInput => SweepReport,
    correct_clock: PassphraseInput => ClockCorrected,
    // Maps and drawing
    list_maps: NoInput => Vec<MapSummary>,
    create_map: CreateMapInput => MapView,
    looks_like_name: TextInput => bool,
    open_map: MapId => MapView,
    save_map: SaveMapInput => Saved,
    start_session: MapId => MapView,
    get_session: SessionInput => SessionVersion,
    // Consent, retention and destruction
    delete_map: MapId => (),
    delete_everything: NoInput => usize,
    map_record: MapId => MapRecord,
    record_explained: ExplainedInput => MapRecord,
    decide_keep: DecideKeepInput => KeepResult,
    add_share: AddShareInput => MapRecord,
    withdraw_share: ShareIdInput => Withdrawn,
    withdraw_keep: MapId => (),
    extend_retention: ExtendInput => MapRecord,
    // Sharing a copy, and receiving one
    export_status: MapId => ExportStatus,
    export_preview: PreviewInput => PreviewView,
    export_share: ExportShareInput => Exported,
    save_own_copy: OwnCopyInput => bool,
    receiving_key: ReceivingKeyInput => Option<String>,
    open_shared_copy: OpenCopyInput => Opened,
}
