//! Every committed fuzz input (`tests/fuzz/corpus/<target>/`) replayed through the very function
//! its fuzz target calls (`peermap_core::fuzzing`), on stable Rust, with the normal tests: a
//! crash the fuzzer once found, or an input it learnt from, can never come back unnoticed.
//!
//! Seeds: `PEERMAP_WRITE_SEEDS=1 cargo test --release -p peermap-core --test fuzz_replay --
//! --ignored write_fuzz_seeds` writes the first inputs of every target (or `=<target>` of one;
//! see tests/README.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use peermap_core::fuzzing::{seeds, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz")
}

fn corpus_files(target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join("corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no corpus for {target} at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Run every corpus file of `target`; fail naming each one that panicked.
fn replay(target: &str) {
    let (_, check) = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a known target");
    let files = corpus_files(target);
    assert!(!files.is_empty(), "the {target} corpus is empty");
    let panicked: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap();
            catch_unwind(AssertUnwindSafe(|| check(&data))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        panicked.is_empty(),
        "{} of {} {target} inputs panicked: {panicked:#?}",
        panicked.len(),
        files.len()
    );
}

#[test]
fn restore_corpus_never_panics() {
    replay("restore");
}

#[test]
fn map_file_corpus_never_panics() {
    replay("map_file");
}

#[test]
fn identity_file_corpus_never_panics() {
    replay("identity_file");
}

#[test]
fn shared_copy_corpus_never_panics() {
    replay("shared_copy");
}

#[test]
fn cli_args_corpus_never_panics() {
    replay("cli_args");
}

/// Each target has a fuzz target file that calls its shared function, and a corpus; and each
/// replay test above is one of them.
#[test]
fn every_fuzz_target_calls_its_shared_check_and_has_a_corpus() {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut known: Vec<String> = TARGETS.iter().map(|(n, _)| format!("{n}.rs")).collect();
    known.sort();
    assert_eq!(on_disk, known, "fuzz_targets/ and fuzzing::TARGETS differ");
    for (name, _) in TARGETS {
        let body = std::fs::read_to_string(dir.join(format!("{name}.rs"))).unwrap();
        assert!(
            body.contains(&format!("fuzzing::check_{name}(")),
            "fuzz_targets/{name}.rs does not call fuzzing::check_{name}"
        );
        assert!(!corpus_files(name).is_empty(), "no corpus for {name}");
    }
}

/// Writes the seeds into each corpus (other files are kept), or into one target's with
/// `PEERMAP_WRITE_SEEDS=<target>`. Run by hand; see the module comment.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let which = std::env::var("PEERMAP_WRITE_SEEDS").unwrap_or_default();
    assert!(
        which == "1" || TARGETS.iter().any(|(name, _)| *name == which),
        "set PEERMAP_WRITE_SEEDS=1 (every target) or to a target's name to write fuzz seeds"
    );
    for (target, name, bytes) in seeds() {
        if which != "1" && which != target {
            continue;
        }
        let dir = fuzz_dir().join("corpus").join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}
