//! Where the vault lives on disk.

use std::path::PathBuf;

/// The app identifier; the OS data dir is `<data_dir>/<IDENTIFIER>` (what Tauri uses too).
pub const IDENTIFIER: &str = "org.peermap.desktop";

/// The environment variable that overrides the data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "PEERMAP_DATA_DIR";

/// The data directory: `PEERMAP_DATA_DIR` if set and non-empty, else the OS app-data dir.
///
/// Returns `None` only when the OS reports no home or data directory at all.
pub fn data_dir() -> Option<PathBuf> {
    data_dir_from(std::env::var_os(DATA_DIR_ENV))
}

/// [`data_dir`] with the override passed in, so it can be tested without touching the
/// process environment.
pub fn data_dir_from(env_value: Option<std::ffi::OsString>) -> Option<PathBuf> {
    match env_value {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => dirs::data_dir().map(|d| d.join(IDENTIFIER)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_override_wins() {
        assert_eq!(
            data_dir_from(Some("/tmp/pm-test".into())),
            Some(PathBuf::from("/tmp/pm-test"))
        );
    }

    #[test]
    fn empty_override_falls_back_to_os_dir() {
        let d = data_dir_from(Some("".into()));
        if let Some(d) = d {
            assert!(d.ends_with(IDENTIFIER));
        }
    }
}
