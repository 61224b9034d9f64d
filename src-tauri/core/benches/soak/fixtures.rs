//! The soak's maps and its timing helpers.

use std::time::{Duration, Instant};

use peermap_core::consent::{self, KeepDecision, NewShare};
use peermap_core::document::{ConsentBy, Group, Link, MapDocument, Note, Token, TokenKind};
use peermap_core::settings::Settings;
use peermap_core::vault::Vault;
use time::OffsetDateTime;

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn time_n(n: usize, mut f: impl FnMut()) -> Duration {
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
pub fn paired(n: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
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

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// One table row: what, took, the floor and the ratio.
pub fn row(what: &str, took: Duration, floor_name: &str, floor: Duration) {
    println!(
        "| {what} | {} | {floor_name} {} | {:.2}× |",
        ms(took),
        ms(floor),
        took.as_secs_f64() / floor.as_secs_f64()
    );
}

/// `n` people with every text near its limit, on four rings.
pub fn people(n: usize) -> Vec<Token> {
    (0..n)
        .map(|i| Token {
            id: format!("t{i}"),
            kind: TokenKind::Peer,
            ring: Some((i % 4) as u8),
            angle: (i as f64 * 37.0) % 360.0,
            colour: "green".into(),
            shape: "circle".into(),
            initials: Some("ABC".into()),
            descriptor: Some(format!("friend from the youth club, year {i:04}, football")),
            badges: vec!["supports".into()],
            private: i % 10 == 0,
        })
        .collect()
}

/// A 300-person map: 300 people, 299 links, 10 groups, 50 notes.
pub fn three_hundred(doc: &mut MapDocument) {
    let s = &mut doc.versions[0];
    s.tokens = people(300);
    s.links = (0..299)
        .map(|i| Link {
            a: format!("t{i}"),
            b: format!("t{}", i + 1),
            kind: "knows".into(),
        })
        .collect();
    s.groups = (0..10)
        .map(|g| Group {
            id: format!("g{g}"),
            label: format!("Group {g}"),
            members: (0..30).map(|i| format!("t{}", g * 30 + i)).collect(),
        })
        .collect();
    s.notes = (0..50)
        .map(|i| Note {
            id: format!("n{i}"),
            by: peermap_core::document::Author::Practitioner,
            text: "Talked about who they sit with at lunch and who they message after school."
                .into(),
            private: false,
        })
        .collect();
}

/// A map with 200 sessions (a minute apart here: only their number matters), 10 to 20 people
/// each.
pub fn two_hundred_sessions(doc: &mut MapDocument, first: OffsetDateTime) {
    doc.versions[0].tokens = people(20);
    let template = doc.versions[0].clone();
    doc.versions = (0..200)
        .map(|k| {
            let mut s = template.clone();
            s.session_at = first + time::Duration::minutes(k);
            s.tokens.truncate(10 + (k as usize % 11));
            s
        })
        .collect();
}

/// Make `doc` kept, with a share to an age recipient, as the consent screens would; returns
/// the share id.
pub fn keep_and_share(
    vault: &mut Vault,
    doc: &mut MapDocument,
    recipient: &str,
    now: OffsetDateTime,
) -> String {
    consent::record_explained(doc, true, true, now).unwrap();
    let yes = KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
    };
    consent::decide_keep(doc, yes, None, &Settings::default(), now).unwrap();
    let share = NewShare {
        role: "Social worker".into(),
        team: "North team".into(),
        age_recipient: Some(recipient.to_owned()),
        purpose: "Planning meeting".into(),
        expires_at: None,
    };
    let id = consent::add_share(doc, share, now).unwrap();
    vault.save_map(doc, now).unwrap();
    id
}
