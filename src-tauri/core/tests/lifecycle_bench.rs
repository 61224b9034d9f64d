//! Benchmark (not a test: ignored, asserts nothing about time): sweep 10,000 maps of which
//! 1,000 have expired, locked and through the open vault, against a floor measured in the same
//! run (unlinking 1,000 files of the same size and syncing the folder, which any sweep must do).
//!
//! `cargo test --release -p peermap-core --test lifecycle_bench -- --ignored --nocapture`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use peermap_core::atomic;
use peermap_core::index::{Index, FILE_NAME};
use peermap_core::vault::{destroy_expired, Vault};

const TOTAL: usize = 10_000;
const EXPIRED: usize = 1_000;
const FILE_BYTES: usize = 4_096;

/// A vault with TOTAL rows, EXPIRED of them due on day 1 with real files; returns its folder.
fn seeded() -> tempfile::TempDir {
    let (dir, mut vault) = fresh_vault();
    vault
        .seed_rows_for_benchmark(TOTAL - EXPIRED, now(), later(400))
        .unwrap();
    vault
        .seed_rows_for_benchmark(EXPIRED, now(), later(1))
        .unwrap();
    vault.lock();
    let index = Index::open(&dir.path().join(FILE_NAME)).unwrap();
    let ids = index.expired(later(2)).unwrap();
    assert_eq!(ids.len(), EXPIRED);
    for id in ids {
        std::fs::write(map_file(dir.path(), id), vec![7u8; FILE_BYTES]).unwrap();
    }
    dir
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture"]
fn sweep_ten_thousand_maps_one_thousand_expired() {
    let runs = 3;
    let (mut locked, mut open, mut floor) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        // Floor: the unlinks and the folder sync alone.
        let plain = tempfile::tempdir().unwrap();
        let paths: Vec<_> = (0..EXPIRED)
            .map(|i| {
                let p = plain.path().join(format!("{i}.age"));
                std::fs::write(&p, vec![7u8; FILE_BYTES]).unwrap();
                p
            })
            .collect();
        let t = Instant::now();
        for p in &paths {
            std::fs::remove_file(p).unwrap();
        }
        atomic::sync_dir(plain.path()).unwrap();
        floor.push(t.elapsed());

        let dir = seeded();
        let t = Instant::now();
        let report = destroy_expired(dir.path(), later(2)).unwrap();
        locked.push(t.elapsed());
        assert_eq!(report.destroyed, EXPIRED);

        let dir = seeded();
        let mut vault = Vault::unlock(dir.path(), &passphrase(), now()).unwrap();
        let t = Instant::now();
        let report = vault.sweep(later(2)).unwrap();
        open.push(t.elapsed());
        assert_eq!(report.destroyed, EXPIRED);
        // A sweep with nothing to do (the hourly case).
        let t = Instant::now();
        vault.sweep(later(2)).unwrap();
        println!("  idle sweep, open vault: {}", ms(t.elapsed()));
        vault.lock();
        let t = Instant::now();
        destroy_expired(dir.path(), later(2)).unwrap();
        println!("  idle sweep, locked: {}", ms(t.elapsed()));
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (l, o, f) = (median(locked), median(open), median(floor));
    println!(
        "| what | median of {runs} | floor (unlink 1,000 files + dir fsync) | ratio | budget |"
    );
    println!(
        "| sweep, locked | {} | {} | {:.1}× | ≤ 2 s |",
        ms(l),
        ms(f),
        l.as_secs_f64() / f.as_secs_f64()
    );
    println!(
        "| sweep, open vault | {} | {} | {:.1}× | ≤ 2 s |",
        ms(o),
        ms(f),
        o.as_secs_f64() / f.as_secs_f64()
    );
}
