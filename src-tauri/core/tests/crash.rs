//! Crash safety: a child process (this test binary, re-run) drives the app's own commands —
//! save, the keep decision, withdrawing consent, the retention sweep and exporting a copy —
//! over and over and reports each step; the parent kills it with SIGKILL, mostly just after a
//! step of the kind it is aiming at begins, then restarts as the app does and checks everything
//! (see `crash/check.rs`): nothing reported done is lost and the step in flight is either not
//! applied at all or applied completely.
//!
//! `PEERMAP_CRASH_KILLS` sets the number of kills (default [`DEFAULT_KILLS`], CI's quick run;
//! docs/SECURITY.md records a long one). `PEERMAP_CRASH_SEED` replays a run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "crash/check.rs"]
mod check;
#[path = "crash/child.rs"]
mod child;
mod common;
#[path = "crash/model.rs"]
mod model;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use check::{Checked, Ctx, Restart};
use common::*;
use model::Model;
use peermap_core::crypto;
use time::OffsetDateTime;

const CHILD_ENV: &str = "PEERMAP_CRASH_CHILD_DIR";
const KEY_ENV: &str = "PEERMAP_CRASH_CHILD_KEY";
const FOCUS_ENV: &str = "PEERMAP_CRASH_CHILD_FOCUS";
const EXPORT_ENV: &str = "PEERMAP_CRASH_CHILD_EXPORTS";
const RECIPIENT_ENV: &str = "PEERMAP_CRASH_CHILD_RECIPIENT";
/// Kills in CI's quick run: about the time the earlier saves-only run of 120 kills took.
const DEFAULT_KILLS: usize = 60;
/// The vault's first instant; every later one comes from the vault's own latest instant.
const BASE: OffsetDateTime = time::macros::datetime!(2026-03-02 10:00 UTC);
/// How far the child's clock jumps before each sweep: past a draft's week, within the clock
/// jump limit, so after about 46 sweeps kept maps fall due too.
const SWEEP_JUMP: time::Duration = time::Duration::days(8);
/// Sessions a map may reach before saves stop starting new ones.
const MAX_SESSIONS: usize = 12;

/// The operation a child run aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Focus {
    Save,
    Keep,
    Withdraw,
    Sweep,
    Export,
}

const FOCI: [Focus; 5] = [
    Focus::Save,
    Focus::Keep,
    Focus::Withdraw,
    Focus::Sweep,
    Focus::Export,
];

impl Focus {
    fn name(self) -> &'static str {
        match self {
            Focus::Save => "save",
            Focus::Keep => "keep",
            Focus::Withdraw => "withdraw",
            Focus::Sweep => "sweep",
            Focus::Export => "export",
        }
    }

    fn parse(name: &str) -> Focus {
        *FOCI.iter().find(|f| f.name() == name).expect("focus")
    }

    /// The steps that are this operation (the others are its setup).
    fn steps(self) -> &'static [&'static str] {
        match self {
            Focus::Save => &["save", "session"],
            Focus::Keep => &["keep-yes", "keep-no"],
            Focus::Withdraw => &["withdraw"],
            Focus::Sweep => &["sweep", "lsweep"],
            Focus::Export => &["export"],
        }
    }
}

/// The generation a document carries: the number in its latest session's first note.
fn generation(doc: &peermap_core::document::MapDocument) -> u64 {
    doc.latest()
        .notes
        .first()
        .and_then(|n| n.text.strip_prefix("gen "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The child: only does anything when re-run by the parent test below.
#[test]
fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let var = |k| std::env::var(k).unwrap();
    child::run(
        Path::new(&dir),
        &var(KEY_ENV),
        Focus::parse(&var(FOCUS_ENV)),
        Path::new(&var(EXPORT_ENV)),
        &var(RECIPIENT_ENV),
    );
}

/// Kills the child if the parent panics first, so no child outlives the test.
struct KillOnDrop(std::process::Child);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A tiny deterministic generator for kill moments; the seed is printed for reruns.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// How long each aimed-at step takes, to kill somewhere inside one.
#[derive(Default)]
struct Durations(BTreeMap<Focus, Vec<u64>>);
impl Durations {
    fn median_us(&self, focus: Focus) -> u64 {
        let Some(v) = self.0.get(&focus).filter(|v| !v.is_empty()) else {
            return 10_000;
        };
        let mut v = v.clone();
        v.sort_unstable();
        v[v.len() / 2]
    }
}

#[test]
fn sigkill_during_any_operation_loses_nothing() {
    let kills: usize = std::env::var("PEERMAP_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_KILLS);
    let (dir, vault) = fresh_vault();
    vault.lock();
    // The child skips scrypt: hand it the master identity, decrypted once here.
    let master_ct = std::fs::read(dir.path().join("identity.age")).unwrap();
    let master_text = crypto::decrypt_with_passphrase(&passphrase(), &master_ct).unwrap();
    let master_line = String::from_utf8(master_text.to_vec()).unwrap();
    let master_line = master_line.trim().to_owned();
    let recipient = crypto::generate_identity();
    let export_dir = tempfile::tempdir().unwrap();

    let seed = std::env::var("PEERMAP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) | 1
        });
    println!("crash seed {seed} (rerun with PEERMAP_CRASH_SEED={seed})");
    let mut rng = XorShift(seed);
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut model = Model::default();
    let mut durations = Durations::default();
    let mut by_step: BTreeMap<(Focus, String), usize> = BTreeMap::new();
    let mut checked = Checked::default();
    let mut steps_done = 0usize;
    let mut quarantined = 0usize;
    let mut unlock_only = 0usize;

    for kill in 0..kills {
        let focus = FOCI[kill % FOCI.len()];
        let mut child = KillOnDrop(
            Command::new(&exe)
                .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, dir.path())
                .env(KEY_ENV, &master_line)
                .env(FOCUS_ENV, focus.name())
                .env(EXPORT_ENV, export_dir.path())
                .env(RECIPIENT_ENV, recipient.to_public().to_string())
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
        let mut lines = Vec::new();
        if rng.next().is_multiple_of(7) {
            // Anywhere, including during unlock and reconciliation.
            std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
        } else {
            // Just after the n-th step of the aimed-at kind begins, somewhere inside it.
            let mut wanted = 1 + rng.next() % 2;
            loop {
                let line = rx
                    .recv_timeout(Duration::from_secs(60))
                    .unwrap_or_else(|_| panic!("kill {kill}: the child stopped: {lines:?}"));
                let begins = line
                    .strip_prefix("@ begin ")
                    .and_then(|r| r.split(' ').next())
                    .is_some_and(|op| focus.steps().contains(&op));
                lines.push(line);
                if begins {
                    wanted -= 1;
                    if wanted == 0 {
                        break;
                    }
                }
            }
            let span = durations.median_us(focus) * 5 / 4 + 1;
            std::thread::sleep(Duration::from_micros(rng.next() % span));
        }
        child.0.kill().unwrap(); // SIGKILL on Unix
        child.0.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        let (_ready, steps) = model::steps(&lines);
        for step in &steps {
            if let Some(us) = step
                .micros
                .filter(|_| focus.steps().contains(&step.op.as_str()))
            {
                durations.0.entry(focus).or_default().push(us);
            }
        }
        steps_done += steps.iter().filter(|s| s.done.is_some()).count();
        let in_flight = match steps.last() {
            Some(s) if s.done.is_none() => s.op.clone(),
            Some(_) => "(between steps)".to_owned(),
            None => "(starting)".to_owned(),
        };
        *by_step.entry((focus, in_flight)).or_default() += 1;

        let restart = if rng.next().is_multiple_of(4) {
            unlock_only += 1;
            Restart::UnlockOnly
        } else {
            Restart::SweepThenUnlock
        };
        let ctx = Ctx {
            dir: dir.path(),
            master: &master_line,
            recipient: &recipient,
            export_dir: export_dir.path(),
            kill,
        };
        let (next, c) = check::after_kill(&ctx, model, &steps, restart, quarantined);
        model = next;
        quarantined += c.quarantined;
        checked += c;
    }

    let took = started.elapsed();
    println!(
        "{kills} kills in {:.1} s ({unlock_only} restarts without the start-up sweep); \
         {steps_done} steps completed; checked {} maps, {} tombstones, {} exported copies \
         (summed over the kills); found {} saves marked in progress (finished at \
         unlock), {} destroyed maps' files left (removed), {} withdrawals stopped after their \
         save (finished by the next sweep), {} export temp files, {} create leftovers \
         quarantined; 0 lost or half-applied",
        took.as_secs_f64(),
        checked.maps,
        checked.tombstones,
        checked.exports,
        checked.saves_finished,
        checked.leftovers,
        checked.withdrawals_finished,
        checked.export_temps,
        checked.quarantined,
    );
    println!("| aimed at | step in flight when killed | kills |");
    println!("| --- | --- | --- |");
    for ((focus, step), n) in &by_step {
        println!("| {} | {step} | {n} |", focus.name());
    }
    for focus in FOCI {
        println!(
            "median {} step: {} µs",
            focus.name(),
            durations.median_us(focus)
        );
    }
    assert!(steps_done > 0, "the child never completed a step");
}
