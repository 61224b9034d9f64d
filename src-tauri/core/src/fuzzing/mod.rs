//! The bodies of the fuzz targets (`tests/fuzz`) and of their replay
//! (`tests/fuzz_replay.rs`): one function per target, so the two cannot drift. Compiled only
//! with the `test-hooks` feature, which the app never enables.
//!
//! Each `check_*` takes the fuzzer's bytes, calls the real public API, and panics only when
//! something is wrong: an `Err` is the expected answer to bad bytes. Some also check that what
//! was accepted is consistent (a document that opens can be saved and opened again unchanged).
//!
//! The vault targets need a vault. They work on private copies of the golden vault
//! (`tests/fixtures/vault-v1`, compiled in), made once per process in the system temp folder,
//! so the committed corpus (real files encrypted to that vault's keys) means the same thing in
//! every run. Their first byte picks a mode (see each function); the rest is the payload.

mod fixture;
mod seeds;
mod vault_targets;

use std::ffi::OsString;

use crate::cli_args::{self, Invocation};
use crate::document;

pub use seeds::seeds;
pub use vault_targets::{check_identity_file, check_map_file, check_shared_copy};

/// A target's body: the fuzzer's bytes in, a panic if something is wrong.
pub type Check = fn(&[u8]);

/// Every target: its name (= `tests/fuzz/fuzz_targets/<name>.rs` and
/// `tests/fuzz/corpus/<name>/`) and its body.
pub const TARGETS: &[(&str, Check)] = &[
    ("restore", check_restore),
    ("map_file", check_map_file),
    ("identity_file", check_identity_file),
    ("shared_copy", check_shared_copy),
    ("cli_args", check_cli_args),
];

/// `restore`: any bytes as a map document. A document that restores must save (`to_json`
/// validates again) and restore from what was saved to the same document: otherwise a map could
/// open but never be saved, or change by being saved.
pub fn check_restore(data: &[u8]) {
    let Ok(doc) = document::restore(data) else {
        return;
    };
    let json = match doc.to_json() {
        Ok(json) => json,
        Err(e) => panic!("a document that restored does not save: {e}"),
    };
    match document::restore(&json) {
        Ok(again) => assert!(again == doc, "saving and restoring changed the document"),
        Err(e) => panic!("a saved document does not restore: {e}"),
    }
}

/// `cli_args`: the bytes split at each NUL (which no real argument holds) into arguments, as
/// the operating system would pass them.
pub fn check_cli_args(data: &[u8]) {
    let args: Vec<OsString> = if data.is_empty() {
        Vec::new()
    } else {
        data.split(|b| *b == 0).map(os_string).collect()
    };
    match cli_args::parse(&args) {
        Invocation::Window => assert!(args.is_empty(), "arguments opened the window"),
        Invocation::Sweep(Some(dir)) | Invocation::Status(Some(dir)) => {
            assert!(
                !dir.as_os_str().is_empty(),
                "an empty data folder was accepted"
            )
        }
        Invocation::Unknown(_) | Invocation::BadOption(_) => assert!(!args.is_empty()),
        _ => {}
    }
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes.to_vec())
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The mode byte and the payload; empty input is mode 0 with no payload.
fn mode(data: &[u8], modes: u8) -> (u8, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => (first % modes, rest),
        None => (0, data),
    }
}
