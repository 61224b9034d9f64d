//! Interop: a vault the app wrote is recovered with the reference `age` CLI and `sqlite3`
//! only, by running the commands in docs/RECOVERY.md exactly as written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use peermap_core::document::restore;

fn recovery_doc() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/RECOVERY.md")
}

/// The shell block that follows the `recovery-script` marker.
fn recovery_script() -> String {
    let text = std::fs::read_to_string(recovery_doc()).expect("docs/RECOVERY.md");
    let after = text
        .split("<!-- recovery-script")
        .nth(1)
        .expect("marker in RECOVERY.md");
    let block = after
        .split("```sh\n")
        .nth(1)
        .expect("sh block after marker");
    block
        .split("\n```")
        .next()
        .expect("closing fence")
        .to_owned()
}

fn tool(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn recovery_md_recovers_a_map_with_age_and_sqlite3_only() {
    for t in ["age", "sqlite3", "script"] {
        assert!(
            tool(t),
            "{t} is needed for the interop test (Debian packages age, sqlite3, util-linux)"
        );
    }
    let (dir, mut vault) = fresh_vault();
    let mut doc = vault
        .create_map("Silver kite", "See who R can turn to", now(), later(60))
        .unwrap();
    with_tokens(&mut doc, 15);
    doc.versions[0]
        .notes
        .push(note("n1", "Feels safe at the youth club", true));
    vault.save_map(&doc, now()).unwrap();
    let other = vault
        .create_map("Red fern", "Second map", now(), later(90))
        .unwrap();
    vault.lock();

    // RECOVERY.md says: work on a copy.
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("vault-copy");
    copy_dir(dir.path(), &copy);
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let script_path = work.path().join("recover.sh");
    std::fs::write(&script_path, recovery_script()).unwrap();

    // age reads the passphrase from a terminal only: `script` provides one, fed from stdin.
    let output = run_in_terminal(&format!("sh {}", script_path.display()), PASSPHRASE, |c| {
        c.current_dir(&out)
            .env("VAULT", &copy)
            .env("MAP_ID", doc.id.to_string());
    });
    let transcript = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "recovery script failed: {transcript}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The map, exactly as the app saved it.
    let json = std::fs::read(out.join("map.json")).expect("map.json written");
    let recovered = restore(&json).unwrap();
    assert!(recovered == doc, "recovered map differs from the saved one");
    // The label list names both maps with their ids.
    let labels = std::fs::read_to_string(out.join("labels")).unwrap();
    for (id, label) in [(doc.id, "Silver kite"), (other.id, "Red fern")] {
        let line = labels
            .lines()
            .find(|l| l.starts_with(&id.to_string()))
            .unwrap();
        assert!(line.contains(label), "{line}");
    }
    // The key line is the standard form.
    let key = std::fs::read_to_string(out.join("map.key")).unwrap();
    assert!(key.trim().starts_with("AGE-SECRET-KEY-1"));
}
