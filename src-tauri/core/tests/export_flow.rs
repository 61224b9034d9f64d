//! The export flow on a real vault: the disclosure is on disk before the file, a
//! failed write leaves a `failed` record and no file, refusals change nothing, "changed since
//! last shared", the receiving key, opening a shared copy, the own copy, and canary scans.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use peermap_core::atomic::{ByteWriter, FailAfter};
use peermap_core::crypto::{self, Identity};
use peermap_core::document::MapDocument;
use peermap_core::export::flow::{self, ExportRequest};
use peermap_core::export::{self, ExportOptions, Protection};
use peermap_core::receiving::{self, CopyKey};
use peermap_core::vault::Vault;
use peermap_core::{view, Error};
use secrecy::{ExposeSecret, SecretString};
use time::macros::datetime;
use time::OffsetDateTime;
use uuid::Uuid;

/// The golden share (s1) runs until 2026-06-01.
const NOW: OffsetDateTime = datetime!(2026-03-01 09:00 UTC);

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v1")
}

fn golden_passphrase(dir: &Path) -> SecretString {
    let text = std::fs::read_to_string(dir.join("PASSPHRASE")).unwrap();
    SecretString::from(text.trim_end_matches(['\n', '\r']).to_owned())
}

/// A copy of the golden vault, unlocked, and the id of "Golden short" (kept, share s1).
fn golden() -> (tempfile::TempDir, Vault, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), dir.path());
    let vault = Vault::unlock(dir.path(), &golden_passphrase(dir.path()), NOW).unwrap();
    let id = vault
        .list_maps(NOW)
        .unwrap()
        .into_iter()
        .find(|m| m.label == "Golden short")
        .unwrap()
        .id;
    (dir, vault, id)
}

fn request(id: Uuid, share: &str, protection: Protection) -> ExportRequest {
    ExportRequest {
        map_id: id,
        share_id: share.to_owned(),
        options: ExportOptions::new(NOW),
        protection,
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    common::files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn export_with_a_passphrase_records_the_file_and_opens_again() {
    let (_dir, mut vault, id) = golden();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let before = vault.open_map(id).unwrap().disclosures.len();

    let outcome = flow::export_to_file(
        &mut vault,
        &request(id, "s1", Protection::NewPassphrase),
        &target,
    )
    .unwrap();
    assert!(outcome.record_completed);
    let words = outcome.passphrase.as_ref().unwrap();
    assert_eq!(words.expose_secret().split(' ').count(), 6);

    let file = std::fs::read(&target).unwrap();
    assert_eq!(export::sha256_hex(&file), outcome.sha256);
    // Only the copy: no temp file left beside it.
    assert_eq!(common::files_under(out.path()), vec![target.clone()]);

    let doc = vault.open_map(id).unwrap();
    assert_eq!(doc.disclosures.len(), before + 1);
    let record = doc.disclosures.last().unwrap();
    assert_eq!(record.status, "written");
    assert_eq!(
        record.export_sha256.as_deref(),
        Some(outcome.sha256.as_str())
    );
    assert_eq!(record.share_id, "s1");
    assert!(record.included.iter().any(|c| c == "legend"));
    // The passphrase is nowhere in the vault.
    for (path, bytes) in snapshot(vault.dir()) {
        assert!(
            !contains(&bytes, words.expose_secret().as_bytes()),
            "passphrase stored in {path:?}"
        );
    }

    // The words open it, however they were typed down.
    let shouted = SecretString::from(format!(
        "  {}  ",
        words.expose_secret().to_uppercase().replace(' ', "   ")
    ));
    let pdf = receiving::open_shared_copy(&vault, &file, &CopyKey::Passphrase(shouted)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn fail_wrong_words_and_tampered_copies_are_refused_clearly() {
    let (_dir, mut vault, id) = golden();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let outcome = flow::export_to_file(
        &mut vault,
        &request(id, "s1", Protection::NewPassphrase),
        &target,
    )
    .unwrap();
    let file = std::fs::read(&target).unwrap();
    let words = outcome.passphrase.unwrap();

    let wrong = CopyKey::Passphrase(SecretString::from("apple banana cherry".to_owned()));
    let err = receiving::open_shared_copy(&vault, &file, &wrong).unwrap_err();
    assert!(err.to_string().contains("did not open the copy"), "{err}");

    let err = receiving::open_shared_copy(&vault, &file, &CopyKey::ReceivingKey).unwrap_err();
    assert!(err.to_string().contains("passphrase"), "{err}");

    // A flipped byte in the body, a cut-off file, and something that is not a copy at all.
    let mut tampered = file.clone();
    let at = tampered.len() - 40;
    tampered[at] ^= 0x55;
    let key = CopyKey::Passphrase(words);
    for bad in [
        tampered,
        file[..file.len() / 2].to_vec(),
        b"%PDF-1.7 hello".to_vec(),
    ] {
        let err = receiving::open_shared_copy(&vault, &bad, &key).unwrap_err();
        assert!(matches!(err, Error::Corrupt(_)), "{err}");
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}

#[test]
fn fail_write_leaves_a_failed_record_and_no_file() {
    let (_dir, mut vault, id) = golden();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let before = vault.open_map(id).unwrap();

    let full_disk = FailAfter {
        n: 100,
        kind: std::io::ErrorKind::StorageFull,
    };
    let err = flow::export_to_file_with(
        &mut vault,
        &request(id, "s1", Protection::NewPassphrase),
        &target,
        &full_disk,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("The disk is full"), "{err}");
    assert!(
        common::files_under(out.path()).is_empty(),
        "a file was left"
    );

    let after = vault.open_map(id).unwrap();
    assert_eq!(after.disclosures.len(), before.disclosures.len() + 1);
    let record = after.disclosures.last().unwrap();
    assert_eq!(record.status, "failed");
    assert!(record.export_sha256.is_none());
    // A failed attempt is not a share.
    assert_eq!(flow::last_shared_at(&after), flow::last_shared_at(&before));
    assert_eq!(
        after.updated_at, before.updated_at,
        "recording is not an edit"
    );
}

/// Writes the copy only after checking, through a second vault opened from the disk, that
/// the pending record is already saved there.
struct CheckDurable {
    dir: PathBuf,
    master: Identity,
    map: Uuid,
    seen: Mutex<Option<String>>,
}

impl ByteWriter for CheckDurable {
    fn write_bytes(&self, file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
        let other = Vault::unlock_with_identity(&self.dir, self.master.clone(), NOW).unwrap();
        let doc = other.open_map(self.map).unwrap();
        *self.seen.lock().unwrap() = doc.disclosures.last().map(|d| d.status.clone());
        std::io::Write::write_all(file, bytes)
    }
}

#[test]
fn the_disclosure_is_on_disk_before_the_file_is_written() {
    let (dir, mut vault, id) = golden();
    let identity_file = std::fs::read(dir.path().join("identity.age")).unwrap();
    let line =
        crypto::decrypt_with_passphrase(&golden_passphrase(dir.path()), &identity_file).unwrap();
    let writer = CheckDurable {
        dir: dir.path().to_path_buf(),
        master: crypto::parse_identity(&line).unwrap(),
        map: id,
        seen: Mutex::new(None),
    };
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    flow::export_to_file_with(
        &mut vault,
        &request(id, "s1", Protection::NewPassphrase),
        &target,
        &writer,
    )
    .unwrap();
    assert_eq!(writer.seen.lock().unwrap().as_deref(), Some("pending"));
    assert_eq!(
        vault
            .open_map(id)
            .unwrap()
            .disclosures
            .last()
            .unwrap()
            .status,
        "written"
    );
}

#[test]
fn fail_refusals_change_nothing() {
    let (dir, mut vault, id) = golden();
    let out = tempfile::tempdir().unwrap();
    let before = snapshot(dir.path());
    let good = out.path().join("copy.pdf.age");
    let cases: Vec<(ExportRequest, PathBuf, &str)> = vec![
        (
            request(id, "s9", Protection::NewPassphrase),
            good.clone(),
            "hasn't agreed to share",
        ),
        (
            // The golden share has no key on it.
            request(id, "s1", Protection::ShareRecipient),
            good.clone(),
            "No encryption key",
        ),
        (
            request(id, "s1", Protection::NewPassphrase),
            dir.path().join("copy.pdf.age"),
            "outside Peer Map's own data folder",
        ),
        (
            request(id, "s1", Protection::NewPassphrase),
            PathBuf::from("relative.pdf.age"),
            "can't save the copy there",
        ),
        (
            request(id, "s1", Protection::NewPassphrase),
            out.path().join("no-such-folder").join("copy.pdf.age"),
            "can't save the copy there",
        ),
        (
            request(id, "s1", Protection::NewPassphrase),
            out.path().to_path_buf(),
            "can't save the copy there",
        ),
    ];
    for (req, target, says) in cases {
        let err = flow::export_to_file(&mut vault, &req, &target).unwrap_err();
        assert!(err.to_string().contains(says), "{err} (wanted {says:?})");
    }
    // An ended share, with the clock moved on.
    let mut late = request(id, "s1", Protection::NewPassphrase);
    late.options.now = datetime!(2026-07-01 09:00 UTC);
    let err = flow::export_to_file(&mut vault, &late, &good).unwrap_err();
    assert!(err.to_string().contains("end date"), "{err}");

    assert!(common::files_under(out.path()).is_empty());
    let after = snapshot(dir.path());
    let maps: Vec<_> = before
        .keys()
        .filter(|p| p.starts_with(dir.path().join("maps")))
        .collect();
    for p in maps {
        assert_eq!(before.get(p), after.get(p), "{p:?} changed");
    }
}

#[test]
fn changed_since_last_shared_follows_edits_after_a_written_copy() {
    let (_dir, mut vault, id) = golden();
    let doc = vault.open_map(id).unwrap();
    // The golden map was shared after its last edit.
    assert!(flow::last_shared_at(&doc).is_some());
    assert!(!flow::changed_since_last_shared(&doc));

    // Edit it: now it has changed since it was shared.
    let mut edited = doc.clone();
    let mut session = edited.latest().clone();
    session.tokens[0].descriptor = Some("best mate".into());
    let rings = edited.rings.clone();
    let later = NOW + time::Duration::hours(1);
    view::apply_drawing(&mut edited, rings, session, later).unwrap();
    vault.save_map(&edited, later).unwrap();
    assert!(flow::changed_since_last_shared(
        &vault.open_map(id).unwrap()
    ));
    let status = flow::export_status(&vault.open_map(id).unwrap(), later);
    assert!(status.changed_since_last_shared);

    // A failed export does not count as sharing it.
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let mut req = request(id, "s1", Protection::NewPassphrase);
    req.options.now = later + time::Duration::minutes(5);
    let fail = FailAfter {
        n: 0,
        kind: std::io::ErrorKind::PermissionDenied,
    };
    flow::export_to_file_with(&mut vault, &req, &target, &fail).unwrap_err();
    assert!(flow::changed_since_last_shared(
        &vault.open_map(id).unwrap()
    ));

    // A written one does; the next edit flags it again.
    flow::export_to_file(&mut vault, &req, &target).unwrap();
    let shared = vault.open_map(id).unwrap();
    assert!(!flow::changed_since_last_shared(&shared));
    let status = flow::export_status(&shared, later);
    assert_eq!(status.disclosures[0].status, "written");
    assert_eq!(status.disclosures[1].status, "failed");
    assert!(!status.changed_since_last_shared);

    let mut again = shared.clone();
    let at = later + time::Duration::hours(1);
    view::start_session(&mut again, at).unwrap();
    vault.save_map(&again, at).unwrap();
    assert!(flow::changed_since_last_shared(
        &vault.open_map(id).unwrap()
    ));
}

#[test]
fn a_map_never_shared_has_not_changed_since() {
    let (_dir, mut vault) = common::fresh_vault();
    let doc = vault
        .create_map("Fresh", "Testing", common::now(), common::later(30))
        .unwrap();
    assert!(flow::last_shared_at(&doc).is_none());
    assert!(!flow::changed_since_last_shared(&doc));
    let status = flow::export_status(&doc, common::now());
    assert!(status.is_draft && status.shares.is_empty() && status.disclosures.is_empty());
}

#[test]
fn receiving_key_round_trip_and_recovery() {
    let (dir, mut vault, id) = golden();
    assert_eq!(receiving::receiving_public_key(&vault).unwrap(), None);
    let key = receiving::create_receiving_key(&vault).unwrap();
    assert!(key.starts_with("age1"), "{key}");
    // Asking again never replaces a key already handed out.
    assert_eq!(receiving::create_receiving_key(&vault).unwrap(), key);
    assert_eq!(
        receiving::receiving_public_key(&vault).unwrap().as_deref(),
        Some(key.as_str())
    );
    let file = dir.path().join(receiving::RECEIVING_FILE);
    let sealed = std::fs::read(&file).unwrap();
    assert!(!contains(&sealed, b"AGE-SECRET-KEY"), "stored in clear");

    // Recovery without Peer Map: the master identity opens receiving.age.
    let identity_file = std::fs::read(dir.path().join("identity.age")).unwrap();
    let master_line =
        crypto::decrypt_with_passphrase(&golden_passphrase(dir.path()), &identity_file).unwrap();
    let master = crypto::parse_identity(&master_line).unwrap();
    let line = crypto::decrypt_map_bytes(&master, &sealed).unwrap();
    let receiving_identity = crypto::parse_identity(&line).unwrap();
    assert_eq!(receiving_identity.to_public().to_string(), key);

    // A practitioner puts the key on the share and exports to it.
    let mut doc = vault.open_map(id).unwrap();
    doc.consent.shares[0].recipient.age_recipient = Some(key.clone());
    vault.save_map(&doc, NOW).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let outcome = flow::export_to_file(
        &mut vault,
        &request(id, "s1", Protection::ShareRecipient),
        &target,
    )
    .unwrap();
    assert!(outcome.passphrase.is_none());
    let copy = std::fs::read(&target).unwrap();
    assert_eq!(
        receiving::copy_protection(&copy).unwrap(),
        receiving::CopyProtection::Key
    );

    // Opening it reads and writes nothing in the vault.
    let before = snapshot(dir.path());
    let pdf = receiving::open_shared_copy(&vault, &copy, &CopyKey::ReceivingKey).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let err = receiving::open_shared_copy(
        &vault,
        &copy,
        &CopyKey::Passphrase(SecretString::from("some words".to_owned())),
    )
    .unwrap_err();
    assert!(err.to_string().contains("receiving key"), "{err}");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "opening a copy changed the vault"
    );

    // And the reference age CLI opens it with the recovered key.
    if std::process::Command::new("age")
        .arg("--version")
        .output()
        .is_ok()
    {
        let key_file = out.path().join("receiving.key");
        std::fs::write(&key_file, &line[..]).unwrap();
        let pdf_file = out.path().join("copy.pdf");
        let status = std::process::Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(&key_file)
            .arg("-o")
            .arg(&pdf_file)
            .arg(&target)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(std::fs::read(&pdf_file).unwrap(), pdf.as_slice());
    }
}

#[test]
fn fail_a_copy_for_someone_else_is_refused_with_the_receiving_key() {
    let (_dir, vault, _id) = golden();
    receiving::create_receiving_key(&vault).unwrap();
    let stranger = crypto::generate_identity();
    let copy = crypto::encrypt_to(&stranger.to_public(), b"%PDF-1.7 not for you").unwrap();
    let err = receiving::open_shared_copy(&vault, &copy, &CopyKey::ReceivingKey).unwrap_err();
    assert!(
        err.to_string()
            .contains("not encrypted to your receiving key"),
        "{err}"
    );
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("receiving.age"), b"junk").unwrap();
}

#[test]
fn fail_a_damaged_receiving_key_is_reported_not_replaced() {
    let (dir, vault, _id) = golden();
    let file = dir.path().join(receiving::RECEIVING_FILE);
    std::fs::write(&file, b"not an age file").unwrap();
    let err = receiving::receiving_public_key(&vault).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
    assert!(receiving::create_receiving_key(&vault).is_err());
    assert_eq!(std::fs::read(&file).unwrap(), b"not an age file");
}

fn canary() -> String {
    format!("zq{}", &Uuid::new_v4().simple().to_string()[..10])
}

fn scan(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    common::files_under(dir)
        .into_iter()
        .filter(|p| std::fs::read(p).is_ok_and(|b| contains(&b, needle)))
        .collect()
}

#[test]
fn no_plaintext_in_the_data_dir_or_beside_the_copy_after_export() {
    let (dir, mut vault, id) = golden();
    let secret = canary();
    let note_secret = canary();
    let mut doc = vault.open_map(id).unwrap();
    let session = doc.versions.last_mut().unwrap();
    session.tokens[0].descriptor = Some(secret.clone());
    session.tokens[0].initials = None;
    session.notes.push(common::note("nc", &note_secret, false));
    vault.save_map(&doc, NOW).unwrap();

    let doc = vault.open_map(id).unwrap();
    let preview = flow::preview(&doc, "s1", &ExportOptions::new(NOW)).unwrap();
    assert!(preview.people.iter().any(|c| c.label.contains(&secret)));
    assert!(preview.notes.iter().any(|c| c.id == "nc"));
    // One picture per page of the very PDF that is written.
    let pdf = export::render(&doc, "s1", &ExportOptions::new(NOW))
        .unwrap()
        .pdf;
    assert!(preview.pages.len() >= 2);
    assert_eq!(preview.pages.len(), flow::pdf_page_count(&pdf));
    assert!(preview.pages.iter().all(|p| p.starts_with(b"\x89PNG")));

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.pdf.age");
    let outcome = flow::export_to_file(
        &mut vault,
        &request(id, "s1", Protection::NewPassphrase),
        &target,
    )
    .unwrap();
    // The copy holds both (encrypted): check through the words, then scan the disk.
    let pdf = receiving::open_shared_copy(
        &vault,
        &std::fs::read(&target).unwrap(),
        &CopyKey::Passphrase(outcome.passphrase.unwrap()),
    )
    .unwrap();
    assert!(pdf.len() > 1000);
    drop(vault);
    for needle in [&secret, &note_secret] {
        let hits = [
            scan(dir.path(), needle.as_bytes()),
            scan(out.path(), needle.as_bytes()),
        ]
        .concat();
        assert!(hits.is_empty(), "plaintext {needle} in {hits:?}");
    }
}

#[test]
fn the_own_copy_needs_no_share_and_keeps_private_things_out() {
    let (_dir, mut vault) = common::fresh_vault();
    let mut doc: MapDocument = vault
        .create_map("Own", "Testing", common::now(), common::later(30))
        .unwrap();
    let public = canary();
    let private = canary();
    let session = doc.versions.last_mut().unwrap();
    session.tokens = vec![
        common::token("a", Some(0), Some("AB"), Some(&public)),
        common::token("b", Some(1), None, Some(&private)),
    ];
    session.tokens[1].private = true;
    vault.save_map(&doc, common::now()).unwrap();
    assert!(doc.is_draft());
    // A draft cannot be shared with anyone...
    assert!(export::render(&doc, "s1", &ExportOptions::new(common::now())).is_err());
    // ...but the young person can always have their own copy.
    let copy = export::render_own_copy(&doc, &ExportOptions::new(common::now())).unwrap();
    assert!(copy.pdf.starts_with(b"%PDF-") && !copy.png.is_empty());

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("my-map.pdf");
    flow::save_own_copy(&vault, doc.id, &ExportOptions::new(common::now()), &target).unwrap();
    let err = flow::save_own_copy(
        &vault,
        doc.id,
        &ExportOptions::new(common::now()),
        &vault.dir().join("maps").join("x.pdf"),
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
    {
        let text = std::process::Command::new("pdftotext")
            .arg(&target)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("Your own copy"), "{text}");
        assert!(text.contains(&public), "{text}");
        assert!(!text.contains(&private), "private person in the own copy");
        assert!(!text.contains("Shared with"), "{text}");
        assert!(!text.contains("Delete by"), "{text}");
    }
}
