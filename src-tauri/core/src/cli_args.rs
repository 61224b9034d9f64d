//! The `peermap` command line, read into an [`Invocation`]. The shell (`src-tauri/src/cli.rs`)
//! runs it; the parser lives here so it can be fuzzed and tested headless.
//!
//! Arguments are taken as the operating system gives them ([`OsString`]), not as text: a folder
//! name that is not valid UTF-8 is still a folder on Linux, and any other word that is not
//! valid text is an unknown command, never a crash.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// No arguments: open the window.
    Window,
    /// `--version` / `-V`.
    Version,
    /// `--help` / `-h`.
    Help,
    /// `sweep [--data-dir DIR]`: destroy every map whose retention date has passed.
    Sweep(Option<PathBuf>),
    /// `status [--data-dir DIR]`: counts only.
    Status(Option<PathBuf>),
    /// A command with a bad option; carries a plain message.
    BadOption(String),
    /// Anything we do not understand; carries the first unknown word (as text, any bytes that
    /// are not valid text replaced).
    Unknown(String),
}

/// Read the arguments after the program name.
pub fn parse(args: &[OsString]) -> Invocation {
    let Some(first) = args.first() else {
        return Invocation::Window;
    };
    match first.to_str() {
        Some("--version" | "-V") => Invocation::Version,
        Some("--help" | "-h" | "help") => Invocation::Help,
        Some("sweep") => match data_dir_option(&args[1..]) {
            Ok(dir) => Invocation::Sweep(dir),
            Err(msg) => Invocation::BadOption(msg),
        },
        Some("status") => match data_dir_option(&args[1..]) {
            Ok(dir) => Invocation::Status(dir),
            Err(msg) => Invocation::BadOption(msg),
        },
        _ => Invocation::Unknown(first.to_string_lossy().into_owned()),
    }
}

const NEEDS_FOLDER: &str = "--data-dir needs a folder after it";

/// `--data-dir DIR` or `--data-dir=DIR`, at most once, and nothing else.
fn data_dir_option(rest: &[OsString]) -> Result<Option<PathBuf>, String> {
    let mut dir = None;
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        let value = if word == "--data-dir" {
            words
                .next()
                .cloned()
                .ok_or_else(|| NEEDS_FOLDER.to_owned())?
        } else if let Some(v) = strip_data_dir_prefix(word) {
            v
        } else {
            // Typed by the user, not map content, so echoing it is safe.
            return Err(format!("unknown option '{}'", word.to_string_lossy()));
        };
        if value.is_empty() {
            return Err(NEEDS_FOLDER.to_owned());
        }
        if dir.replace(PathBuf::from(value)).is_some() {
            return Err("--data-dir was given twice".to_owned());
        }
    }
    Ok(dir)
}

/// The folder of `--data-dir=DIR`, byte for byte.
#[cfg(unix)]
fn strip_data_dir_prefix(word: &OsStr) -> Option<OsString> {
    use std::os::unix::ffi::OsStrExt;
    word.as_bytes()
        .strip_prefix(b"--data-dir=")
        .map(|v| OsStr::from_bytes(v).to_owned())
}

/// The folder of `--data-dir=DIR`. Elsewhere than Unix only a folder name that is valid text
/// can be given this way (`--data-dir DIR` takes any).
#[cfg(not(unix))]
fn strip_data_dir_prefix(word: &OsStr) -> Option<OsString> {
    word.to_str()?
        .strip_prefix("--data-dir=")
        .map(OsString::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn no_arguments_opens_the_window() {
        assert_eq!(parse(&[]), Invocation::Window);
    }

    #[test]
    fn version_and_help_are_headless() {
        assert_eq!(parse(&args(&["--version"])), Invocation::Version);
        assert_eq!(parse(&args(&["-V"])), Invocation::Version);
        assert_eq!(parse(&args(&["--help"])), Invocation::Help);
    }

    #[test]
    fn unknown_words_fail_with_usage() {
        assert_eq!(
            parse(&args(&["frobnicate"])),
            Invocation::Unknown("frobnicate".into())
        );
    }

    #[test]
    fn sweep_and_status_take_an_optional_data_dir() {
        assert_eq!(parse(&args(&["sweep"])), Invocation::Sweep(None));
        assert_eq!(
            parse(&args(&["sweep", "--data-dir", "/tmp/x"])),
            Invocation::Sweep(Some("/tmp/x".into()))
        );
        assert_eq!(
            parse(&args(&["status", "--data-dir=/tmp/y"])),
            Invocation::Status(Some("/tmp/y".into()))
        );
        for bad in [
            &["sweep", "--data-dir"][..],
            &["sweep", "--data-dir", "a", "--data-dir", "b"],
            &["status", "--force"],
            &["sweep", "--data-dir="],
        ] {
            assert!(
                matches!(parse(&args(bad)), Invocation::BadOption(_)),
                "{bad:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_name_that_is_not_valid_text_is_kept_byte_for_byte() {
        use std::os::unix::ffi::OsStringExt;
        let folder = OsString::from_vec(b"/tmp/caf\xe9".to_vec());
        let mut joined = b"--data-dir=".to_vec();
        joined.extend_from_slice(b"/tmp/caf\xe9");
        assert_eq!(
            parse(&[OsString::from("sweep"), "--data-dir".into(), folder.clone()]),
            Invocation::Sweep(Some(PathBuf::from(folder.clone())))
        );
        assert_eq!(
            parse(&[OsString::from("status"), OsString::from_vec(joined)]),
            Invocation::Status(Some(PathBuf::from(folder)))
        );
        assert_eq!(
            parse(&[OsString::from_vec(b"sw\xffeep".to_vec())]),
            Invocation::Unknown("sw\u{fffd}eep".into())
        );
    }
}
