//! Soak: a vault as it looks after years of use — 10,000 maps, one seen over 200 sessions,
//! one with 300 people — and what each everyday operation costs in it, against floors
//! measured in the same run and against the same operation in a vault of three maps.
//!
//! `cargo bench -p peermap-core --bench soak` — not run by CI (which only compiles it); prints
//! the table in docs/PERFORMANCE.md ("Soak"). About two minutes on a 2-core machine.
//! Set `PEERMAP_BENCH_DIR` to measure on a particular disk (default: the system temp dir).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "soak/fixtures.rs"]
mod fixtures;

use std::path::Path;
use std::time::{Duration, Instant};

use fixtures::*;
use peermap_core::atomic;
use peermap_core::crypto;
use peermap_core::document::MapDocument;
use peermap_core::export::flow::{self, ExportRequest};
use peermap_core::export::{self, ExportOptions, Protection};
use peermap_core::vault::{vault_counts, Vault};
use peermap_core::view;
use secrecy::SecretString;
use time::macros::datetime;
use time::OffsetDateTime;

const T0: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);
const PASS: &str = "copper lantern orbit thistle";
const MAPS: usize = 10_000;
const EXPIRED_PER_SWEEP: usize = 1_000;

/// `f` measured alternately with `write_atomic` of as many bytes as `doc`'s file (the save
/// protocol's own cost): the medians of both, and the file's size.
fn against_write_atomic(
    root: &Path,
    dir: &Path,
    doc: &MapDocument,
    n: usize,
    f: impl FnMut(),
) -> (Duration, Duration, usize) {
    let len = std::fs::metadata(dir.join("maps").join(format!("{}.age", doc.id)))
        .unwrap()
        .len() as usize;
    let payload = vec![0x5au8; len];
    let floor_dir = root.join("floor");
    std::fs::create_dir_all(&floor_dir).unwrap();
    let (took, floor) = paired(n, f, || {
        atomic::write_atomic(&floor_dir, "same", &payload).unwrap()
    });
    (took, floor, len)
}

/// Write a 4 KiB stand-in file for every map the list shows that has none (seeded rows), so
/// the maps folder holds as many files as the index holds rows.
fn stand_in_files(vault: &Vault, dir: &Path) -> usize {
    let bytes = vec![0xa5u8; 4096];
    let mut n = 0;
    for m in vault.list_maps(T0).unwrap() {
        let path = dir.join("maps").join(format!("{}.age", m.id));
        if !path.exists() {
            std::fs::write(path, &bytes).unwrap();
            n += 1;
        }
    }
    n
}

/// The autosave round trip (open, apply the drawing, save) of `doc`.
fn autosave(vault: &mut Vault, doc: &MapDocument, at: OffsetDateTime) {
    let mut opened = vault.open_map(doc.id).unwrap();
    let latest = doc.latest().clone();
    view::apply_drawing(&mut opened, doc.rings.clone(), latest, at).unwrap();
    vault.save_map(&opened, at).unwrap();
}

fn main() {
    let base = std::env::var_os("PEERMAP_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let root = tempfile::tempdir_in(&base).unwrap();
    let dir = root.path().join("vault");
    let out_dir = root.path().join("exports");
    std::fs::create_dir_all(&out_dir).unwrap();
    let pass = SecretString::from(PASS.to_owned());
    let now = T0 + time::Duration::days(1);
    println!(
        "peermap-core soak (medians; data dir on {})",
        base.display()
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at start: {}", load.trim());
    }

    // --- the three real maps ----------------------------------------------------------------
    let mut vault = Vault::create(&dir, &pass, T0).unwrap();
    let identity_ct = std::fs::read(dir.join("identity.age")).unwrap();
    let master_line = crypto::decrypt_with_passphrase(&pass, &identity_ct).unwrap();
    let master = || crypto::parse_identity(&master_line).unwrap();
    let recipient = crypto::generate_identity();
    let to = recipient.to_public().to_string();
    let mk = |v: &mut Vault, label: &str| {
        v.create_map(label, "Soak", T0, T0 + time::Duration::days(7))
            .unwrap()
    };
    let mut small = mk(&mut vault, "Soak small");
    small.versions[0].tokens = people(100);
    let small_share = keep_and_share(&mut vault, &mut small, &to, T0);
    let mut big = mk(&mut vault, "Soak 300 people");
    three_hundred(&mut big);
    let big_share = keep_and_share(&mut vault, &mut big, &to, T0);
    let mut long = mk(&mut vault, "Soak 200 sessions");
    two_hundred_sessions(&mut long, T0);
    let long_share = keep_and_share(&mut vault, &mut long, &to, T0 + time::Duration::hours(4));

    // --- the same operations with three maps, for scaling -----------------------------------
    let mut n = 0;
    let mut relabel = |v: &mut Vault, doc: &mut MapDocument| {
        n += 1;
        doc.label = format!("Soak small {n}");
        v.save_map(doc, now).unwrap();
    };
    let list_3 = time_n(21, || {
        vault.list_maps(now).unwrap();
    });
    let relabel_3 = time_n(21, || relabel(&mut vault, &mut small));
    let sweep_3 = time_n(11, || {
        vault.sweep(now).unwrap();
    });
    vault.lock();
    let open_3 = time_n(5, || {
        let v = Vault::unlock_with_identity(&dir, master(), now).unwrap();
        v.list_maps(now).unwrap();
    });

    // --- 10,000 maps ---------------------------------------------------------------------------
    let mut vault = Vault::unlock_with_identity(&dir, master(), now).unwrap();
    let t = Instant::now();
    vault
        .seed_rows_for_benchmark(MAPS - 3, T0, T0 + time::Duration::days(400))
        .unwrap();
    let files = stand_in_files(&vault, &dir);
    println!(
        "(seeded {} rows and {files} stand-in files in {})",
        MAPS - 3,
        ms(t.elapsed())
    );
    println!();
    println!("| what (10,000 maps) | took | floor | ratio |");
    println!("| --- | --- | --- | --- |");
    vault.lock();

    let (open, scrypt) = paired(
        5,
        || {
            let v = Vault::unlock(&dir, &pass, now).unwrap();
            assert_eq!(v.list_maps(now).unwrap().len(), MAPS);
        },
        || {
            crypto::decrypt_with_passphrase(&pass, &identity_ct).unwrap();
        },
    );
    row("open: unlock + list", open, "scrypt wf18", scrypt);
    let open_10k = time_n(5, || {
        let v = Vault::unlock_with_identity(&dir, master(), now).unwrap();
        v.list_maps(now).unwrap();
    });
    row(
        "  the same without the key derivation",
        open_10k,
        "3 maps",
        open_3,
    );

    let mut vault = Vault::unlock_with_identity(&dir, master(), now).unwrap();
    let (list, counts) = paired(
        21,
        || assert_eq!(vault.list_maps(now).unwrap().len(), MAPS),
        || {
            vault_counts(&dir, now).unwrap();
        },
    );
    row("list", list, "locked count of the clear columns", counts);
    row("  list", list, "3 maps", list_3);

    let (save, save_floor, len) = against_write_atomic(root.path(), &dir, &small, 31, || {
        autosave(&mut vault, &small, now)
    });
    row(
        &format!("save (autosave round trip), 100 people, {len}-byte file"),
        save,
        "write_atomic",
        save_floor,
    );
    let relabel_10k = time_n(11, || relabel(&mut vault, &mut small));
    row(
        "save changing list fields",
        relabel_10k,
        "3 maps",
        relabel_3,
    );
    row("  save changing list fields", relabel_10k, "autosave", save);

    for (name, doc) in [("300 people", &big), ("200 sessions", &long)] {
        let json = doc.to_json().unwrap().len();
        let to_json = time_n(11, || {
            doc.to_json().unwrap();
        });
        let mut cold_only = Vec::new();
        for _ in 0..5 {
            let v = Vault::unlock_with_identity(&dir, master(), now).unwrap();
            let t = Instant::now();
            v.open_map(doc.id).unwrap();
            cold_only.push(t.elapsed());
        }
        row(
            &format!("open the {name} map, first time ({json} bytes of JSON)"),
            median(cold_only),
            "to_json of it",
            to_json,
        );
        let warm = time_n(21, || {
            vault.open_map(doc.id).unwrap();
        });
        row("  open it again", warm, "to_json of it", to_json);
        let (took, floor, len) = against_write_atomic(root.path(), &dir, doc, 11, || {
            autosave(&mut vault, doc, now)
        });
        row(
            &format!("  save it (autosave round trip), {len}-byte file"),
            took,
            "write_atomic",
            floor,
        );
    }

    // --- export -------------------------------------------------------------------------------
    let mut empty = small.clone();
    empty.versions[0].tokens.clear();
    let options = ExportOptions::new(now);
    let render_empty = time_n(5, || {
        export::render(&empty, &small_share, &options).unwrap();
    });
    let mut k = 0;
    for (name, doc, share) in [
        ("100 people", &small, &small_share),
        ("300 people", &big, &big_share),
        ("200 sessions", &long, &long_share),
    ] {
        let latest = vault.open_map(doc.id).unwrap();
        // Alternately with rendering the same map; every sample kept, since the disk of a
        // shared machine sometimes stalls a whole export.
        let (mut exports, mut renders) = (Vec::new(), Vec::new());
        for _ in 0..7 {
            k += 1;
            let request = ExportRequest {
                map_id: doc.id,
                share_id: share.clone(),
                options: ExportOptions::new(now),
                protection: Protection::ShareRecipient,
            };
            let target = out_dir.join(format!("copy-{k}.pdf.age"));
            let t = Instant::now();
            flow::export_to_file(&mut vault, &request, &target).unwrap();
            exports.push(t.elapsed());
            let t = Instant::now();
            export::render(&latest, share, &options).unwrap();
            renders.push(t.elapsed());
        }
        let slowest = exports.iter().max().copied().unwrap_or_default();
        let (took, render) = (median(exports), median(renders));
        row(
            &format!(
                "export the {name} map (render, encrypt, record, write; slowest {})",
                ms(slowest)
            ),
            took,
            "render of it alone",
            render,
        );
        row(
            "  render of it alone",
            render,
            "render of an empty map",
            render_empty,
        );
    }

    // --- sweeps -------------------------------------------------------------------------------
    let mut sweeps = Vec::new();
    let mut unlinks = Vec::new();
    for round in 0..3 {
        vault
            .seed_rows_for_benchmark(
                EXPIRED_PER_SWEEP,
                T0 - time::Duration::days(400),
                now - time::Duration::hours(1),
            )
            .unwrap();
        stand_in_files(&vault, &dir);
        let floor_dir = root.path().join(format!("unlink{round}"));
        std::fs::create_dir_all(&floor_dir).unwrap();
        for i in 0..EXPIRED_PER_SWEEP {
            std::fs::write(floor_dir.join(format!("f{i}")), [0u8; 4096]).unwrap();
        }
        let t = Instant::now();
        for i in 0..EXPIRED_PER_SWEEP {
            std::fs::remove_file(floor_dir.join(format!("f{i}"))).unwrap();
        }
        atomic::sync_dir(&floor_dir).unwrap();
        unlinks.push(t.elapsed());
        let t = Instant::now();
        let report = vault.sweep(now).unwrap();
        sweeps.push(t.elapsed());
        assert_eq!(report.destroyed, EXPIRED_PER_SWEEP);
    }
    row(
        "sweep, 1,000 of 11,000 expired (open vault)",
        median(sweeps),
        "unlink 1,000 files + folder fsync",
        median(unlinks),
    );
    let sweep_idle = time_n(11, || {
        vault.sweep(now).unwrap();
    });
    row(
        "sweep with nothing due, 3,000 tombstones (hourly)",
        sweep_idle,
        "3 maps, no tombstones",
        sweep_3,
    );
    vault.lock();
    let open_tomb = time_n(5, || {
        let v = Vault::unlock_with_identity(&dir, master(), now).unwrap();
        v.list_maps(now).unwrap();
    });
    row(
        "open without the key derivation, 3,000 tombstones",
        open_tomb,
        "the same before the sweeps",
        open_10k,
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at end: {}", load.trim());
    }
}
