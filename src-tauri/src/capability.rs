//! The window's only capability, made from the core's command list: the main window may call
//! Peer Map's own commands and nothing else (no plugins). The file Tauri reads at build time,
//! `capabilities/main.json`, is this function's output; a test fails when it is stale.

/// The capability file's text for these commands.
pub fn json(commands: &[&str]) -> String {
    let permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let value = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "main",
        "description": "The only capability: the main window may call Peer Map's own commands and nothing else. Generated from the core's command list.",
        "windows": ["main"],
        "local": true,
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
