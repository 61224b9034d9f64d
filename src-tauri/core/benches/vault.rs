//! Vault benchmarks against floors measured in the same run (docs/DESIGN.md §8).
//!
//! `cargo bench -p peermap-core --bench vault` — prints a table for docs/PERFORMANCE.md.
//! Set `PEERMAP_BENCH_DIR` to measure on a particular disk (default: the system temp dir).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use peermap_core::atomic;
use peermap_core::crypto;
use peermap_core::document::{MapDocument, Token, TokenKind};
use peermap_core::vault::{destroy_expired, Vault};
use peermap_core::view;
use secrecy::SecretString;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);
const PASS: &str = "copper lantern orbit thistle";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_n(n: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// Measure `a` and `b` alternately, so background load hits both alike; returns the medians.
fn paired(n: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let t = Instant::now();
        a();
        ta.push(t.elapsed());
        let t = Instant::now();
        b();
        tb.push(t.elapsed());
    }
    (median(ta), median(tb))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, took: Duration, floor_name: &str, floor: Option<Duration>, budget: &str) {
    let ratio = floor
        .map(|f| format!("{:.2}×", took.as_secs_f64() / f.as_secs_f64()))
        .unwrap_or_else(|| "—".into());
    println!(
        "| {what} | {} | {floor_name} {} | {ratio} | {budget} |",
        ms(took),
        floor.map(ms).unwrap_or_default()
    );
}

fn hundred_tokens(doc: &mut MapDocument) {
    doc.versions[0].tokens = (0..100)
        .map(|i| Token {
            id: format!("t{i}"),
            kind: TokenKind::Peer,
            ring: Some((i % 4) as u8),
            angle: (i as f64 * 3.6) % 360.0,
            colour: "green".into(),
            shape: "circle".into(),
            initials: Some("AB".into()),
            descriptor: Some("friend from the youth club".into()),
            badges: vec!["supports".into()],
            private: i % 10 == 0,
        })
        .collect();
}

fn main() {
    let base = std::env::var_os("PEERMAP_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let root = tempfile::tempdir_in(&base).unwrap();
    let dir = root.path().join("vault");
    let pass = SecretString::from(PASS.to_owned());
    println!(
        "peermap-core vault benchmark (medians; data dir on {})",
        base.display()
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at start: {}", load.trim());
    }
    println!();
    println!("| what | took | floor | ratio | budget |");
    println!("| --- | --- | --- | --- | --- |");

    // --- unlock vs one scrypt work-factor-18 derivation -------------------------------
    let mut vault = Vault::create(&dir, &pass, NOW).unwrap();
    let mut doc = vault
        .create_map(
            "Bench map",
            "Benchmark",
            NOW,
            NOW + time::Duration::days(90),
        )
        .unwrap();
    hundred_tokens(&mut doc);
    vault.save_map(&doc, NOW).unwrap();
    vault.lock();
    let identity = std::fs::read(dir.join("identity.age")).unwrap();
    let (unlock, scrypt) = paired(
        5,
        || Vault::unlock(&dir, &pass, NOW).unwrap().lock(),
        || {
            crypto::decrypt_with_passphrase(&pass, &identity).unwrap();
        },
    );
    row(
        "unlock (1 map)",
        unlock,
        "scrypt wf18",
        Some(scrypt),
        "≤ 1.1×",
    );

    // --- save a 100-token map vs writing + fsyncing the same bytes ---------------------
    let mut vault = Vault::unlock(&dir, &pass, NOW).unwrap();
    let file_len = std::fs::metadata(dir.join("maps").join(format!("{}.age", doc.id)))
        .unwrap()
        .len() as usize;
    let payload = vec![0x5au8; file_len];
    let floor_dir = root.path().join("floor");
    std::fs::create_dir(&floor_dir).unwrap();
    let mut k = 0;
    let mut write_fsync_once = || {
        k += 1;
        let mut f = std::fs::File::create(floor_dir.join(format!("f{k}"))).unwrap();
        f.write_all(&payload).unwrap();
        f.sync_all().unwrap();
    };
    let (save, write_fsync) = paired(
        61,
        || vault.save_map(&doc, NOW).unwrap(),
        &mut write_fsync_once,
    );
    let (atomic_floor, _) = paired(
        61,
        || atomic::write_atomic(&floor_dir, "same", &payload).unwrap(),
        &mut write_fsync_once,
    );
    let mut n = 0;
    let save_meta = time_n(21, || {
        n += 1;
        doc.label = format!("Bench map {n}");
        vault.save_map(&doc, NOW).unwrap();
    });
    row(
        &format!("save 100-token map ({file_len} bytes)"),
        save,
        "write+fsync",
        Some(write_fsync),
        "≤ 2×",
    );
    row(
        "  same bytes via write_atomic (no crypto)",
        atomic_floor,
        "write+fsync",
        Some(write_fsync),
        "(floor detail)",
    );
    row(
        "  save that also changes the list fields",
        save_meta,
        "write+fsync",
        Some(write_fsync),
        "(index write)",
    );

    // Where a save's CPU time goes.
    let recipient = crypto::generate_identity().to_public();
    let json_len = doc.to_json().unwrap().len();
    let (to_json, encrypt) = paired(
        101,
        || {
            doc.to_json().unwrap();
        },
        || {
            crypto::encrypt_to(&recipient, &payload[..json_len.min(payload.len())]).unwrap();
        },
    );
    row(
        "  of which validate + serialise (to_json)",
        to_json,
        "write+fsync",
        Some(write_fsync),
        "(detail)",
    );
    row(
        "  of which age encryption",
        encrypt,
        "write+fsync",
        Some(write_fsync),
        "(detail)",
    );

    // --- open ---------------------------------------------------------------------------
    let open = time_n(101, || {
        vault.open_map(doc.id).unwrap();
    });
    row("open 100-token map", open, "", None, "≤ 10 ms");

    // --- the autosave round trip, as the shell's save_map command runs it --------------
    // Open the map saved a moment ago, apply the drawing (validates), save it; against
    // write_atomic of the same number of bytes (temp + fsync + rename + folder fsync).
    let drawing = (doc.rings.clone(), doc.latest().clone());
    let (round_trip, atomic_rt) = paired(
        61,
        || {
            let mut opened = vault.open_map(doc.id).unwrap();
            view::apply_drawing(&mut opened, drawing.0.clone(), drawing.1.clone(), NOW).unwrap();
            vault.save_map(&opened, NOW).unwrap();
        },
        || atomic::write_atomic(&floor_dir, "same", &payload).unwrap(),
    );
    row(
        "open + apply drawing + save (autosave round trip)",
        round_trip,
        "write_atomic",
        Some(atomic_rt),
        "≤ 2×",
    );
    let (save_only, atomic_save) = paired(
        61,
        || vault.save_map(&doc, NOW).unwrap(),
        || atomic::write_atomic(&floor_dir, "same", &payload).unwrap(),
    );
    row(
        "  save alone",
        save_only,
        "write_atomic",
        Some(atomic_save),
        "(detail)",
    );

    // --- list 10,000 ----------------------------------------------------------------------
    let t = Instant::now();
    vault
        .seed_rows_for_benchmark(8_999, NOW, NOW + time::Duration::days(400))
        .unwrap();
    vault
        .seed_rows_for_benchmark(
            1_000,
            NOW - time::Duration::days(400),
            NOW - time::Duration::days(1),
        )
        .unwrap();
    let seeding = t.elapsed();
    let list = time_n(11, || {
        assert_eq!(vault.list_maps(NOW).unwrap().len(), 10_000)
    });
    row(
        "list 10,000 maps (catalogue row)",
        list,
        "",
        None,
        "≤ 200 ms",
    );
    let rebuild = time_n(3, || {
        vault.rebuild_catalogue_for_benchmark().unwrap();
    });
    row(
        "  decrypt 10,000 per-row meta blobs (rebuild)",
        rebuild,
        "",
        None,
        "(why the catalogue)",
    );
    let catalogue_bytes = {
        let conn = rusqlite::Connection::open(dir.join("index.sqlite3")).unwrap();
        conn.query_row("SELECT length(body) FROM catalogue", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap()
    };
    let save_meta_10k = time_n(5, || {
        n += 1;
        doc.label = format!("Bench map {n}");
        vault.save_map(&doc, NOW).unwrap();
    });
    row(
        &format!("  save changing list fields, 10,000 maps ({catalogue_bytes}-byte catalogue)"),
        save_meta_10k,
        "write+fsync",
        Some(write_fsync),
        "(catalogue cost)",
    );
    let (save_10k, _) = paired(
        41,
        || vault.save_map(&doc, NOW).unwrap(),
        &mut write_fsync_once,
    );
    row(
        "  save (autosave) with 10,000 maps",
        save_10k,
        "write+fsync",
        Some(write_fsync),
        "≤ 2×",
    );
    // Files for the 1,000 expired maps, so the sweep unlinks real files.
    for m in vault
        .list_maps(NOW)
        .unwrap()
        .iter()
        .filter(|m| m.days_left < 0)
    {
        std::fs::write(dir.join("maps").join(format!("{}.age", m.id)), &payload).unwrap();
    }
    vault.lock();
    let (unlock_10k, scrypt_10k) = paired(
        5,
        || Vault::unlock(&dir, &pass, NOW).unwrap().lock(),
        || {
            crypto::decrypt_with_passphrase(&pass, &identity).unwrap();
        },
    );
    row(
        "unlock (10,000 maps)",
        unlock_10k,
        "scrypt wf18",
        Some(scrypt_10k),
        "≤ 1.1×",
    );

    // --- sweep 10,000 maps, 1,000 expired (locked) ------------------------------------------
    let sweep_start = Instant::now();
    let report = destroy_expired(&dir, NOW).unwrap();
    let sweep = sweep_start.elapsed();
    assert_eq!(report.destroyed, 1_000);
    row(
        "sweep 10,000 maps, 1,000 expired (locked)",
        sweep,
        "",
        None,
        "≤ 2 s",
    );
    let unlock_rebuild = time_n(1, || {
        Vault::unlock(&dir, &pass, NOW).unwrap().lock();
    });
    row(
        "  first unlock after a sweep (catalogue rebuilt)",
        unlock_rebuild,
        "scrypt wf18",
        Some(scrypt),
        "(once)",
    );
    println!();
    println!("(seeding 10,000 rows took {}; not a budget)", ms(seeding));
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at end: {}", load.trim());
    }
    let _ = Path::new(".");
}
