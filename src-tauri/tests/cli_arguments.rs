//! Arguments that are not valid text (a folder name in another encoding, a stray byte) reach
//! the real binary's command-line parser as the system gave them: a usage error or a folder,
//! never a crash.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn peermap(args: &[&[u8]]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peermap"))
        .args(args.iter().map(|a| OsStr::from_bytes(a)))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

#[test]
fn a_word_that_is_not_valid_text_is_a_usage_error_not_a_crash() {
    let out = peermap(&[b"fr\xffobnicate"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown command"), "{stderr}");
}

/// The golden vault copied into `dir` (files only; the fixture has one level of folders).
fn copy_golden_vault(dir: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vault-v1");
    for sub in ["", "maps"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(fixture.join(sub)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
            }
        }
    }
}

#[test]
fn a_data_folder_whose_name_is_not_valid_text_is_used_as_it_is() {
    // A Latin-1 "é" (0xE9) is one byte, not valid UTF-8.
    let mut name = std::env::temp_dir().as_os_str().as_bytes().to_vec();
    name.extend_from_slice(format!("/peermap-cli-{}-caf", std::process::id()).as_bytes());
    name.push(0xe9);
    let dir = PathBuf::from(OsStr::from_bytes(&name));
    copy_golden_vault(&dir);
    let mut joined = b"--data-dir=".to_vec();
    joined.extend_from_slice(&name);
    for args in [
        &[&b"status"[..], b"--data-dir", &name][..],
        &[b"status", &joined],
    ] {
        let out = peermap(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stdout.contains("maps held: 2"), "{stdout}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
