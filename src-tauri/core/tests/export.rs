//! Exporting a consented copy: the gate, what is left out, the PDF as the reference
//! tools see it, the golden export fixture and the renderer's golden pictures.
//!
//! Regenerate the fixtures in `tests/fixtures/export-v1/` (only after a deliberate change to
//! the renderer; look at the new pictures before committing them):
//! `PEERMAP_WRITE_GOLDEN=1 cargo test -p peermap-core --test export -- --ignored write_export_goldens`
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use peermap_core::document::{
    Author, ConsentBy, Group, KeepCopy, Link, MapDocument, Note, Recipient, Share, Token, TokenKind,
};
use peermap_core::export::{self, ExportOptions, Protection};
use peermap_core::vault::Vault;
use peermap_core::Error;
use secrecy::{ExposeSecret, SecretString};
use time::macros::datetime;
use time::OffsetDateTime;
use uuid::Uuid;

/// "Now" for every export here: the golden share (s1) runs until 2026-06-01.
const NOW: OffsetDateTime = datetime!(2026-03-01 09:00 UTC);
/// The documented passphrase of `map-with-passphrase.pdf.age` (test data only).
const TEST_PASSPHRASE: &str = "lantern pebble orchard velvet harbour meadow";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn export_dir() -> PathBuf {
    fixtures().join("export-v1")
}

fn writing_goldens() -> bool {
    std::env::var_os("PEERMAP_WRITE_GOLDEN").is_some()
}

/// "Golden short" from a copy of the golden vault (one scrypt derivation, shared by all tests).
fn golden_doc() -> MapDocument {
    static DOC: OnceLock<MapDocument> = OnceLock::new();
    DOC.get_or_init(|| {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join("vault-v1"), copy.path());
        let pass = std::fs::read_to_string(copy.path().join("PASSPHRASE")).unwrap();
        let pass = SecretString::from(pass.trim_end_matches(['\n', '\r']).to_owned());
        let vault = Vault::unlock(copy.path(), &pass, NOW).unwrap();
        let summary = vault
            .list_maps(NOW)
            .unwrap()
            .into_iter()
            .find(|m| m.label == "Golden short")
            .unwrap();
        vault.open_map(summary.id).unwrap()
    })
    .clone()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn recipient_identity() -> age::x25519::Identity {
    let text = std::fs::read_to_string(export_dir().join("recipient.key")).unwrap();
    peermap_core::crypto::parse_identity(text.as_bytes()).unwrap()
}

/// The golden map with its share pointed at the committed test recipient.
fn golden_for_recipient() -> MapDocument {
    let mut doc = golden_doc();
    doc.consent.shares[0].recipient.age_recipient =
        Some(recipient_identity().to_public().to_string());
    doc
}

fn tool(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn need_tools() {
    for t in ["age", "pdftotext", "pdffonts", "script"] {
        assert!(
            tool(t),
            "{t} is needed (Debian packages age, poppler-utils, util-linux)"
        );
    }
}

fn age_decrypt_with_key(ciphertext: &Path, key: &Path, out: &Path) {
    let status = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(key)
        .arg("-o")
        .arg(out)
        .arg(ciphertext)
        .status()
        .unwrap();
    assert!(status.success(), "age -d -i failed");
}

/// age reads a passphrase from a terminal only: `script` provides one, fed from stdin.
fn age_decrypt_with_passphrase(ciphertext: &Path, passphrase: &str, out: &Path) {
    let output = common::run_in_terminal(
        &format!("age -d -o '{}' '{}'", out.display(), ciphertext.display()),
        passphrase,
        |_| {},
    );
    assert!(
        output.status.success(),
        "age -d (passphrase) failed: {}",
        String::from_utf8_lossy(&output.stdout)
    );
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    // pdftotext may break lines anywhere; compare with single spaces.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_fonts_embedded(pdf: &Path) {
    let out = Command::new("pdffonts").arg(pdf).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {text}");
    for row in rows {
        assert!(row.contains("Atkinson"), "unexpected font: {row}");
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
    }
}

/// What every golden export must say, and must never say.
fn check_golden_text(text: &str) {
    for want in [
        "Peer map: Golden short",
        "Who is on the map",
        "JB – best friend",
        "older cousin",
        "K – coach at boxing",
        "AM – new friend at college",
        "Green circle",
        "Park crew",
        "know each other",
        "Closest to me",
        "Social worker, Children's services, North",
        "Planning meeting",
        "feels safest with the coach",
        "1 June 2026",
        "safe and supported",
        "Session of 12 February 2026",
    ] {
        assert!(text.contains(want), "PDF lacks {want:?}:\n{text}");
    }
    for never in [
        "someone from online",
        "follow up about online contact",
        "practitioner only",
    ] {
        assert!(!text.contains(never), "PDF leaks private {never:?}");
    }
}

#[test]
fn golden_export_fixtures_open_with_the_age_cli() {
    need_tools();
    let work = tempfile::tempdir().unwrap();
    let dir = export_dir();

    let a = work.path().join("recipient.pdf");
    age_decrypt_with_key(
        &dir.join("map-to-recipient.pdf.age"),
        &dir.join("recipient.key"),
        &a,
    );
    let b = work.path().join("passphrase.pdf");
    let pass = std::fs::read_to_string(dir.join("PASSPHRASE")).unwrap();
    assert_eq!(pass.trim(), TEST_PASSPHRASE);
    age_decrypt_with_passphrase(&dir.join("map-with-passphrase.pdf.age"), pass.trim(), &b);

    for pdf in [&a, &b] {
        assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
        check_golden_text(&pdf_text(pdf));
        assert_fonts_embedded(pdf);
    }
}

#[test]
fn fresh_export_to_recipient_decrypts_with_age_and_reads_right() {
    need_tools();
    let doc = golden_for_recipient();
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    let enc = export::encrypt(
        &rendered.pdf,
        &doc.consent.shares[0],
        Protection::ShareRecipient,
    )
    .unwrap();
    assert!(enc.passphrase.is_none());
    assert_eq!(enc.sha256, export::sha256_hex(&enc.ciphertext));
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("copy.pdf.age");
    std::fs::write(&file, &enc.ciphertext).unwrap();
    let key = work.path().join("recipient.key");
    std::fs::copy(export_dir().join("recipient.key"), &key).unwrap();
    let out = work.path().join("copy.pdf");
    age_decrypt_with_key(&file, &key, &out);
    assert_eq!(std::fs::read(&out).unwrap(), rendered.pdf.as_slice());
    check_golden_text(&pdf_text(&out));
    assert_fonts_embedded(&out);
    // The PDF declares its language and title, and is tagged.
    let raw = String::from_utf8_lossy(&rendered.pdf);
    assert!(raw.contains("en-GB"), "language not set");
    assert!(raw.contains("/StructTreeRoot"), "not tagged");
    assert!(raw.contains("/MarkInfo"), "not marked as tagged");
}

#[test]
fn generated_passphrase_opens_the_copy_in_peer_map() {
    let doc = golden_doc();
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    let enc = export::encrypt(
        &rendered.pdf,
        &doc.consent.shares[0],
        Protection::NewPassphrase,
    )
    .unwrap();
    let pass = enc.passphrase.as_ref().unwrap();
    assert_eq!(pass.expose_secret().split(' ').count(), 6);
    let plain = peermap_core::crypto::decrypt_with_passphrase(pass, &enc.ciphertext).unwrap();
    assert_eq!(&plain[..], rendered.pdf.as_slice());
}

#[test]
fn recipient_protection_needs_a_valid_key() {
    let doc = golden_doc();
    let share = &doc.consent.shares[0];
    assert!(share.recipient.age_recipient.is_none());
    let err = export::encrypt(b"%PDF-", share, Protection::ShareRecipient).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    let mut bad = share.clone();
    bad.recipient.age_recipient = Some("age1notakey".into());
    let err = export::encrypt(b"%PDF-", &bad, Protection::ShareRecipient).unwrap_err();
    assert!(err.to_string().contains("age1"), "{err}");
}

// ---------------------------------------------------------------------------------------
// The gate

fn refused(doc: &MapDocument, share: &str, now: OffsetDateTime) -> String {
    assert!(export::gate(doc, share, now).is_err());
    match export::render(doc, share, &ExportOptions::new(now)) {
        Err(Error::ConsentRequired(msg)) => msg,
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("export was not refused"),
    }
}

#[test]
fn fail_no_such_share() {
    let msg = refused(&golden_doc(), "s9", NOW);
    assert!(msg.contains("hasn't agreed to share"), "{msg}");
}

#[test]
fn fail_withdrawn_share() {
    let mut doc = golden_doc();
    doc.consent.shares[0].withdrawn_at = Some(NOW - time::Duration::days(1));
    let msg = refused(&doc, "s1", NOW);
    assert!(msg.contains("taken back"), "{msg}");
}

#[test]
fn fail_expired_share() {
    let doc = golden_doc();
    let msg = refused(&doc, "s1", datetime!(2026-06-01 00:00 UTC));
    assert!(msg.contains("end date"), "{msg}");
}

#[test]
fn fail_draft_map() {
    let mut doc = golden_doc();
    doc.consent.keep_copy = None;
    let msg = refused(&doc, "s1", NOW);
    assert!(msg.contains("agreed to keep"), "{msg}");
}

#[test]
fn refusals_carry_no_map_content() {
    let doc = golden_doc();
    let msg = refused(&doc, "s9", NOW);
    for content in ["Golden", "JB", "Park crew", "Social worker"] {
        assert!(!msg.contains(content));
    }
}

// ---------------------------------------------------------------------------------------
// What is left out

fn canary() -> String {
    format!("zq{}", Uuid::new_v4().simple())
}

#[test]
fn private_and_unticked_things_never_reach_the_copy() {
    let mut doc = golden_doc();
    let c: Vec<String> = (0..6).map(|_| canary()).collect();
    let s = doc.versions.last_mut().unwrap();
    // A private person with a canary descriptor, a badge, a link and a group.
    let mut private = person("pv", Some(1), 90.0, None, Some(&c[0]));
    private.private = true;
    private.badges = vec!["support-listens".into()];
    s.tokens.push(private);
    s.links.push(Link {
        a: "pv".into(),
        b: "t1".into(),
        kind: "knows".into(),
    });
    s.groups.push(Group {
        id: "gpv".into(),
        label: c[1].clone(),
        members: vec!["pv".into()],
    });
    // An unticked person and an unticked note.
    s.tokens
        .push(person("ut", Some(2), 200.0, None, Some(&c[2])));
    s.notes.push(Note {
        id: "nu".into(),
        by: Author::YoungPerson,
        text: c[3].clone(),
        private: false,
    });
    s.notes.push(Note {
        id: "np".into(),
        by: Author::Practitioner,
        text: c[4].clone(),
        private: true,
    });
    doc.validate().unwrap();
    let options = ExportOptions {
        excluded_token_ids: vec!["ut".into()],
        excluded_note_ids: vec!["nu".into()],
        ..ExportOptions::new(NOW)
    };
    let rendered = export::render(&doc, "s1", &options).unwrap();
    for canary in &c[..5] {
        assert!(
            !rendered.svg.contains(canary.as_str()),
            "map leaks {canary}"
        );
    }
    for id in ["pv", "ut", "nu", "np", "t4", "n2"] {
        assert!(!rendered.included.contains(&id.to_owned()), "{id} recorded");
    }
    for id in ["map", "legend", "t1", "t5", "n1"] {
        assert!(rendered.included.contains(&id.to_owned()), "{id} missing");
    }
    // Only one private person had the "listens" badge: the question must not appear.
    if tool("pdftotext") {
        let work = tempfile::tempdir().unwrap();
        let pdf = work.path().join("c.pdf");
        std::fs::write(&pdf, &rendered.pdf).unwrap();
        let text = pdf_text(&pdf);
        for canary in &c[..5] {
            assert!(!text.contains(canary.as_str()), "PDF leaks {canary}");
        }
        assert!(!text.contains("Who really listens"), "private badge leaked");
    }
}

#[test]
fn export_writes_nothing_to_the_temp_dir() {
    let started = std::time::SystemTime::now();
    let mut doc = golden_doc();
    // Short enough to stay whole in the map's caption.
    let secret = canary()[..12].to_owned();
    doc.versions.last_mut().unwrap().tokens[0].descriptor = Some(secret.clone());
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    assert!(rendered.svg.contains(&secret), "the canary is shared");
    let enc = export::encrypt_with_passphrase(
        &rendered.pdf,
        &SecretString::from("a b c d e f".to_owned()),
    )
    .unwrap();
    assert!(!enc
        .ciphertext
        .windows(secret.len())
        .any(|w| w == secret.as_bytes()));
    let mut hits = Vec::new();
    scan(&std::env::temp_dir(), started, secret.as_bytes(), &mut hits);
    assert!(hits.is_empty(), "plaintext in temp files: {hits:?}");
}

fn scan(dir: &Path, since: std::time::SystemTime, needle: &[u8], hits: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            scan(&entry.path(), since, needle, hits);
        } else if meta.is_file()
            && meta.len() < 64 << 20
            && meta.modified().is_ok_and(|m| m >= since)
        {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    hits.push(entry.path());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The disclosure record

#[test]
fn disclosure_pending_then_written_or_failed_is_a_valid_record() {
    let mut doc = golden_doc();
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    let share = doc.consent.shares[0].clone();
    let pending = export::disclosure_pending(&share, &rendered.included, NOW);
    assert_eq!(pending.status, "pending");
    assert!(pending.export_sha256.is_none());
    doc.disclosures.push(pending);
    doc.validate().unwrap();

    let mut written = doc.disclosures.last().unwrap().clone();
    export::disclosure_written(&mut written, &export::sha256_hex(b"file"));
    assert_eq!(written.status, "written");
    let mut failed = doc.disclosures.last().unwrap().clone();
    export::disclosure_failed(&mut failed);
    assert_eq!(failed.status, "failed");
    for record in [written, failed] {
        *doc.disclosures.last_mut().unwrap() = record;
        doc.validate().unwrap();
    }
}

#[test]
fn destroy_by_is_the_share_end_or_ninety_days_whichever_is_sooner() {
    let doc = golden_doc();
    let share = &doc.consent.shares[0];
    // Ends 2026-06-01, sooner than 90 days from 2026-03-10 (2026-06-08).
    assert_eq!(
        export::destroy_by(share, datetime!(2026-03-10 00:00 UTC)),
        datetime!(2026-06-01 00:00 UTC)
    );
    // 90 days from 2026-01-01 is 2026-04-01, sooner than the end.
    assert_eq!(
        export::destroy_by(share, datetime!(2026-01-01 00:00 UTC)),
        datetime!(2026-04-01 00:00 UTC)
    );
    let mut open = share.clone();
    open.expires_at = None;
    assert_eq!(
        export::destroy_by(&open, NOW),
        NOW + time::Duration::days(90)
    );
}

// ---------------------------------------------------------------------------------------
// Renderer golden pictures

fn person(
    id: &str,
    ring: Option<u8>,
    angle: f64,
    initials: Option<&str>,
    descriptor: Option<&str>,
) -> Token {
    Token {
        id: id.into(),
        kind: TokenKind::Peer,
        ring,
        angle,
        colour: "green".into(),
        shape: "circle".into(),
        initials: initials.map(Into::into),
        descriptor: descriptor.map(Into::into),
        badges: Vec::new(),
        private: false,
    }
}

/// A kept map with one open share, `s1`, and the given people.
fn kept_map(tokens: Vec<Token>) -> MapDocument {
    let at = datetime!(2026-02-01 15:00 UTC);
    let mut doc = MapDocument::new(
        Uuid::from_u128(7),
        "Blue heron",
        "See who D can turn to after school",
        at,
        datetime!(2027-02-01 00:00 UTC),
    )
    .unwrap();
    doc.versions[0].tokens = tokens;
    doc.versions[0].me.initials = Some("D".into());
    doc.consent.keep_copy = Some(KeepCopy {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
        at,
    });
    doc.consent.shares.push(Share {
        id: "s1".into(),
        recipient: Recipient {
            role: "Social worker".into(),
            team: "Children's services, East".into(),
            age_recipient: None,
        },
        purpose: "Child in need review".into(),
        agreed_at: at,
        expires_at: None,
        withdrawn_at: None,
    });
    doc.retention.policy = "default".into();
    doc.validate().unwrap();
    doc
}

const COLOURS: [&str; 8] = [
    "orange", "sky", "green", "yellow", "blue", "red", "pink", "grey",
];
/// The palette's shapes, in palette order (read by the core from `assets/palette.json`).
use peermap_core::document::SHAPES;
const PROMPTS: [&str; 5] = [
    "support-listens",
    "trust-private",
    "worries-pressure",
    "stickup-for-me",
    "group-fun",
];

fn many(n: usize) -> MapDocument {
    let tokens = (0..n)
        .map(|i| {
            let mut t = person(
                &format!("t{i}"),
                Some((i % 4) as u8),
                (i as f64 * 37.0) % 360.0,
                (i % 3 != 0).then_some(["AB", "K", "JMT"][i % 3]),
                (i % 2 == 0).then_some(["friend", "cousin", "coach", "neighbour"][i % 4]),
            );
            t.colour = COLOURS[i % COLOURS.len()].into();
            t.shape = SHAPES[i % SHAPES.len()].into();
            t.kind = [TokenKind::Peer, TokenKind::Family, TokenKind::Adult][i % 3];
            if i % 5 == 0 {
                t.badges = vec![PROMPTS[i % PROMPTS.len()].into()];
            }
            t
        })
        .collect();
    let mut doc = kept_map(tokens);
    let s = &mut doc.versions[0];
    s.links = (0..n.min(40))
        .step_by(4)
        .map(|i| Link {
            a: format!("t{i}"),
            b: format!("t{}", i + 1),
            kind: "knows".into(),
        })
        .filter(|l| l.b != format!("t{n}"))
        .collect();
    s.groups = vec![Group {
        id: "g1".into(),
        label: "Football".into(),
        members: (0..n.min(6)).map(|i| format!("t{i}")).collect(),
    }];
    doc.validate().unwrap();
    doc
}

fn long_descriptors() -> MapDocument {
    let texts = [
        "the older lad from the bus stop who knows where everyone is",
        "my nan's neighbour who lets us use the wifi",
        "supercalifragilisticexpialidocious online gaming friend",
        "teaching assistant in maths",
        "cousin",
        "someone my brother knows from football and the park on Sats",
    ];
    let tokens = texts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut t = person(
                &format!("t{i}"),
                Some((i % 3) as u8),
                i as f64 * 12.0,
                None,
                Some(d),
            );
            t.colour = COLOURS[i].into();
            t.shape = SHAPES[i].into();
            t.badges = vec!["support-listens".into(), "trust-honest".into()];
            t
        })
        .collect();
    let mut doc = kept_map(tokens);
    doc.rings[2].label = "People I see now and then, not weekly".into();
    doc.validate().unwrap();
    doc
}

/// Pixels differing by more than 16 in any channel, as a fraction of all pixels.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    let a = resvg::tiny_skia::Pixmap::decode_png(a).unwrap();
    let b = resvg::tiny_skia::Pixmap::decode_png(b).unwrap();
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let differing = a
        .data()
        .chunks(4)
        .zip(b.data().chunks(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 16))
        .count();
    differing as f64 / f64::from(a.width() * a.height())
}

fn golden_maps() -> Vec<(&'static str, MapDocument)> {
    vec![
        ("render-golden-short.png", golden_doc()),
        ("render-150-tokens.png", many(150)),
        ("render-long-descriptors.png", long_descriptors()),
        ("render-empty.png", kept_map(Vec::new())),
    ]
}

#[test]
fn rendered_maps_match_the_golden_pictures() {
    for (name, doc) in golden_maps() {
        let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
        let path = export_dir().join(name);
        if writing_goldens() && !path.exists() {
            std::fs::write(&path, &*rendered.png).unwrap();
            continue;
        }
        let golden = std::fs::read(&path).unwrap_or_else(|_| panic!("{name} missing"));
        let diff = difference(&rendered.png, &golden);
        assert!(
            diff <= 0.005,
            "{name}: {:.3}% of pixels differ; look at the new picture and regenerate if right",
            diff * 100.0
        );
    }
}

#[test]
fn every_person_is_in_the_legend_even_on_a_crowded_map() {
    if !tool("pdftotext") {
        return;
    }
    let doc = many(150);
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("m.pdf");
    std::fs::write(&pdf, &*rendered.pdf).unwrap();
    let text = pdf_text(&pdf);
    for n in [1, 75, 150] {
        assert!(text.contains(&format!("{n}. ")), "person {n} missing");
    }
    assert!(text.contains("Who really listens when you talk?"));
    assert!(text.contains("Football:"));
}

/// Writes every fixture in `tests/fixtures/export-v1/` that is missing.
#[test]
#[ignore = "writes committed fixtures; run by hand only"]
fn write_export_goldens() {
    assert!(
        writing_goldens(),
        "set PEERMAP_WRITE_GOLDEN=1 to (re)write tests/fixtures/export-v1"
    );
    let dir = export_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("recipient.key");
    if !key.exists() {
        let id = age::x25519::Identity::generate();
        std::fs::write(
            &key,
            format!(
                "# Test recipient for tests/fixtures/export-v1 (test data only, not a secret)\n# public key: {}\n{}\n",
                id.to_public(),
                id.to_string().expose_secret()
            ),
        )
        .unwrap();
    }
    let doc = golden_for_recipient();
    let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    let to_recipient = dir.join("map-to-recipient.pdf.age");
    if !to_recipient.exists() {
        let enc = export::encrypt(
            &rendered.pdf,
            &doc.consent.shares[0],
            Protection::ShareRecipient,
        )
        .unwrap();
        std::fs::write(&to_recipient, &enc.ciphertext).unwrap();
    }
    let with_pass = dir.join("map-with-passphrase.pdf.age");
    if !with_pass.exists() {
        std::fs::write(dir.join("PASSPHRASE"), format!("{TEST_PASSPHRASE}\n")).unwrap();
        let enc = export::encrypt_with_passphrase(
            &rendered.pdf,
            &SecretString::from(TEST_PASSPHRASE.to_owned()),
        )
        .unwrap();
        std::fs::write(&with_pass, &enc.ciphertext).unwrap();
    }
    for (name, doc) in golden_maps() {
        let path = dir.join(name);
        if !path.exists() {
            let rendered = export::render(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
            std::fs::write(&path, &*rendered.png).unwrap();
        }
    }
}
