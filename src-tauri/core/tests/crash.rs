//! Crash safety: a child process (this test binary, re-run) saves in a loop and reports each
//! durable save; the parent kills it with SIGKILL at random moments, then opens everything.
//! Every map must be a complete version, never older than the last one reported saved.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use peermap_core::crypto;
use peermap_core::vault::Vault;
use secrecy::ExposeSecret;

const CHILD_ENV: &str = "PEERMAP_CRASH_CHILD_DIR";
const KEY_ENV: &str = "PEERMAP_CRASH_CHILD_KEY";
const MAPS: usize = 3;
const KILLS: usize = 120;

/// The generation a document carries: the number in its first note, "gen N".
fn generation(doc: &peermap_core::document::MapDocument) -> u64 {
    doc.versions[0]
        .notes
        .first()
        .and_then(|n| n.text.strip_prefix("gen "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The child: only does anything when re-run by `sigkill_during_saves_loses_nothing_reported`.
#[test]
fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let key = crypto::parse_identity(std::env::var(KEY_ENV).unwrap().as_bytes()).unwrap();
    let mut vault = Vault::unlock_with_identity(dir, key, now()).unwrap();
    let list = vault.list_maps(now()).unwrap();
    let mut docs: Vec<_> = list.iter().map(|m| vault.open_map(m.id).unwrap()).collect();
    docs.sort_by_key(|d| d.label.clone());
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for round in 0u64.. {
        let i = (round % MAPS as u64) as usize;
        let doc = &mut docs[i];
        let gen = generation(doc) + 1;
        doc.versions[0].notes[0].text = format!("gen {gen}");
        // Vary the size, so the file is rewritten at different lengths.
        with_tokens(doc, (gen % 60) as usize + 1);
        // Every fourth save also changes the list fields, so the index is written too.
        if gen.is_multiple_of(4) {
            doc.label = format!("{} {}", &doc.label[..5], gen % 97);
        }
        vault.save_map(doc, now()).unwrap();
        writeln!(out, "saved {i} {gen}").unwrap();
        out.flush().unwrap();
    }
}

/// Kills the child if the parent panics first, so no saving loop outlives the test.
struct KillOnDrop(std::process::Child);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A tiny deterministic generator for kill delays; the seed is printed for reruns.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_during_saves_loses_nothing_reported() {
    let (dir, mut vault) = fresh_vault();
    for m in 0..MAPS {
        let mut doc = vault
            .create_map(&format!("Map{m} crash"), "Crash test", now(), later(100))
            .unwrap();
        doc.versions[0].notes.push(note("n0", "gen 0", false));
        vault.save_map(&doc, now()).unwrap();
    }
    vault.lock();
    // The child skips scrypt: hand it the master identity, decrypted once here.
    let master_ct = std::fs::read(dir.path().join("identity.age")).unwrap();
    let master_text = crypto::decrypt_with_passphrase(&passphrase(), &master_ct).unwrap();
    let master_line = String::from_utf8(master_text.to_vec()).unwrap();
    let master = || crypto::parse_identity(master_line.as_bytes()).unwrap();

    let seed = std::env::var("PEERMAP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) | 1
        });
    println!("crash seed {seed} (rerun with PEERMAP_CRASH_SEED={seed})");
    let mut rng = XorShift(seed);
    let exe = std::env::current_exe().unwrap();
    let mut reported = [0u64; MAPS];
    let mut total_saves = 0u64;

    for kill in 0..KILLS {
        let mut child = KillOnDrop(
            Command::new(&exe)
                .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, dir.path())
                .env(KEY_ENV, master_line.trim())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let stdout = child.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill at a random moment: sometimes before "ready" (during unlock and reconcile),
        // mostly during the save loop.
        let delay = Duration::from_micros(rng.next() % 40_000);
        if !rng.next().is_multiple_of(5) {
            // The test harness prints its own lines first.
            loop {
                let line = rx
                    .recv_timeout(Duration::from_secs(30))
                    .expect("child did not start");
                if line.ends_with("ready") {
                    break;
                }
                assert!(!line.starts_with("saved"), "saved before ready");
            }
        }
        std::thread::sleep(delay);
        child.0.kill().unwrap(); // SIGKILL on Unix
        child.0.wait().unwrap();
        reader.join().unwrap();
        for line in rx.try_iter() {
            if let Some(rest) = line.strip_prefix("saved ") {
                let mut parts = rest.split(' ');
                let i: usize = parts.next().unwrap().parse().unwrap();
                let gen: u64 = parts.next().unwrap().parse().unwrap();
                assert!(gen > reported[i], "generations go forward");
                reported[i] = gen;
                total_saves += 1;
            }
        }

        // Open everything: each map complete, never older than what was reported saved.
        let vault = Vault::unlock_with_identity(dir.path(), master(), now()).unwrap();
        let list = vault.list_maps(now()).unwrap();
        assert_eq!(list.len(), MAPS, "kill {kill}: a map went missing");
        for summary in &list {
            let doc = vault
                .open_map(summary.id)
                .unwrap_or_else(|e| panic!("kill {kill}: map unreadable: {e}"));
            let i: usize = doc.label[3..4].parse().unwrap();
            let gen = generation(&doc);
            assert!(
                gen == reported[i] || gen == reported[i] + 1,
                "kill {kill}: map {i} is at generation {gen}, last reported saved {}",
                reported[i]
            );
            // If the process died after the file but before the index, the list may show the
            // previous label for a moment; it must be one of the two.
            assert!(summary.label.starts_with(&doc.label[..5]));
            // Carry the state forward: the next child continues from what is on disk.
            reported[i] = gen;
        }
        assert!(
            temp_files(dir.path()).is_empty(),
            "kill {kill}: temp file left"
        );
        vault.lock();
    }
    println!("{KILLS} kills, {total_saves} saves reported");
    assert!(total_saves > 0, "the child never completed a save");
    let _ = master().to_public().to_string();
    let _ = crypto::identity_line(&master()).expose_secret().len();
}
