//! Shared helpers for the vault integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use peermap_core::document::{Author, MapDocument, Note, SessionVersion, Token, TokenKind};
use peermap_core::vault::Vault;
use secrecy::SecretString;
use time::macros::datetime;
use time::OffsetDateTime;

/// A passphrase the strength check accepts.
pub const PASSPHRASE: &str = "copper lantern orbit thistle";

pub fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

/// A fixed "now" for tests.
pub fn now() -> OffsetDateTime {
    datetime!(2026-03-02 10:00 UTC)
}

pub fn later(days: i64) -> OffsetDateTime {
    now() + time::Duration::days(days)
}

/// A new vault in a new temp dir (costs one scrypt work-factor-18 derivation).
pub fn fresh_vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::create(dir.path(), &passphrase(), now()).expect("create vault");
    (dir, vault)
}

/// A token with the given id and ring.
pub fn token(
    id: &str,
    ring: Option<u8>,
    initials: Option<&str>,
    descriptor: Option<&str>,
) -> Token {
    Token {
        id: id.to_owned(),
        kind: TokenKind::Peer,
        ring,
        angle: 45.0,
        colour: "green".to_owned(),
        shape: "circle".to_owned(),
        initials: initials.map(str::to_owned),
        descriptor: descriptor.map(str::to_owned),
        badges: Vec::new(),
        private: false,
    }
}

pub fn note(id: &str, text: &str, private: bool) -> Note {
    Note {
        id: id.to_owned(),
        by: Author::Practitioner,
        text: text.to_owned(),
        private,
    }
}

/// Give `doc` `n` tokens in its latest session.
pub fn with_tokens(doc: &mut MapDocument, n: usize) {
    let session: &mut SessionVersion = doc.versions.last_mut().expect("a session");
    session.tokens = (0..n)
        .map(|i| {
            let mut t = token(
                &format!("t{i}"),
                Some((i % 4) as u8),
                Some("AB"),
                Some("friend from club"),
            );
            t.angle = (i as f64 * 7.0) % 360.0;
            t
        })
        .collect();
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let entry = entry.expect("entry");
            let ty = entry.file_type().expect("type");
            if ty.is_dir() {
                stack.push(entry.path());
            } else if ty.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// Names of temp files (`.tmp-*`) anywhere under `dir`.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".tmp-"))
        })
        .collect()
}

/// Copy a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The path of a map's file.
pub fn map_file(dir: &Path, id: uuid::Uuid) -> PathBuf {
    dir.join("maps").join(format!("{id}.age"))
}

/// Run `command` through `sh` inside a pseudo-terminal made by `script`, typing `line` and
/// Enter at it. The age CLI reads passphrases only from a terminal; this is how tests (and
/// docs/RECOVERY.md readers without one) feed it. `setup` adds a working folder, env, …
pub fn run_in_terminal(
    command: &str,
    line: &str,
    setup: impl FnOnce(&mut std::process::Command),
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut cmd = Command::new("script");
    cmd.args(["-qec", command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut cmd);
    let mut child = cmd.spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{line}").unwrap();
    }
    child.wait_with_output().unwrap()
}
