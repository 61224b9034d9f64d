//! Export rendering against docs/DESIGN.md §8 (render export, PDF + PNG, 100 tokens: ≤ 150 ms).
//!
//! `cargo bench -p peermap-core --bench export` — prints lines for docs/PERFORMANCE.md.
//! Floors measured in the same run: serialising the same document to JSON, and rendering a
//! map with nobody on it (fixed cost: fonts, page furniture, PNG of an empty map).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use peermap_core::document::{
    ConsentBy, KeepCopy, MapDocument, Recipient, Share, Token, TokenKind,
};
use peermap_core::export::{self, ExportOptions};
use time::macros::datetime;
use time::OffsetDateTime;
use uuid::Uuid;

const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);

fn map(n: usize) -> MapDocument {
    let mut doc = MapDocument::new(
        Uuid::from_u128(1),
        "Bench map",
        "Benchmark",
        NOW,
        datetime!(2027-03-02 00:00 UTC),
    )
    .unwrap();
    let colours = [
        "orange", "sky", "green", "yellow", "blue", "red", "pink", "grey",
    ];
    let shapes = [
        "circle", "square", "triangle", "diamond", "star", "heart", "hexagon",
    ];
    doc.versions[0].tokens = (0..n)
        .map(|i| Token {
            id: format!("t{i}"),
            kind: TokenKind::Peer,
            ring: Some((i % 4) as u8),
            angle: (i as f64 * 37.0) % 360.0,
            colour: colours[i % 8].into(),
            shape: shapes[i % 7].into(),
            initials: Some("AB".into()),
            descriptor: Some("friend from the youth club".into()),
            badges: if i % 4 == 0 {
                vec!["support-listens".into()]
            } else {
                Vec::new()
            },
            private: false,
        })
        .collect();
    doc.consent.keep_copy = Some(KeepCopy {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
        at: NOW,
    });
    doc.consent.shares.push(Share {
        id: "s1".into(),
        recipient: Recipient {
            role: "Social worker".into(),
            team: "Team".into(),
            age_recipient: None,
        },
        purpose: "Review".into(),
        agreed_at: NOW,
        expires_at: None,
        withdrawn_at: None,
    });
    doc.retention.policy = "default".into();
    doc
}

fn median(n: usize, mut f: impl FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let full = map(100);
    let empty = map(0);
    let options = ExportOptions::new(NOW);
    // Warm up (fonts and palette are parsed once per process).
    export::render(&full, "s1", &options).unwrap();
    let render = median(15, || {
        std::hint::black_box(export::render(&full, "s1", &options).unwrap());
    });
    let render_empty = median(15, || {
        std::hint::black_box(export::render(&empty, "s1", &options).unwrap());
    });
    let json = median(15, || {
        std::hint::black_box(full.to_json().unwrap());
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| what | median | budget / ratio |");
    println!("| --- | --- | --- |");
    println!(
        "| render export, 100 tokens (PDF + PNG) | {:.1} ms | ≤ 150 ms: {:.2} of budget |",
        ms(render),
        ms(render) / 150.0
    );
    println!(
        "| floor: render export, empty map | {:.1} ms | 100 tokens = {:.2} × this |",
        ms(render_empty),
        ms(render) / ms(render_empty)
    );
    println!(
        "| floor: same document to JSON | {:.3} ms | 100 tokens = {:.0} × this |",
        ms(json),
        ms(render) / ms(json)
    );
}
