//! The first inputs of each target's corpus: the golden fixtures, and real files made from them
//! by the real encryption functions. Written by `tests/fuzz_replay.rs`'s ignored
//! `write_fuzz_seeds` (see tests/README.md).
//!
//! Key files and passphrase copies are made at the cheapest scrypt work factor: the golden
//! ones (work factor 18) would cost the fuzzer a second per input.

use super::fixture::{self, LONG, SHORT};
use super::vault_targets::{CHEAP_WORK_FACTOR, MASTER_PLACEHOLDER};
use crate::crypto;

macro_rules! document {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tests/fixtures/documents/",
                $name,
                ".json"
            ))
            .as_slice(),
        )
    };
}

const DOCUMENTS: [(&str, &[u8]); 8] = [
    document!("v1-minimal"),
    document!("v1-full"),
    document!("v1-extra-fields"),
    document!("fail_duplicate_token_ids"),
    document!("fail_future_version"),
    document!("fail_truncated"),
    document!("fail_unknown_token_kind"),
    document!("fail_wrong_format"),
];

const SMALL_PDF: &[u8] =
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

/// Every seed: (target, file name, bytes).
pub fn seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut add = |target: &'static str, name: &str, mode: Option<u8>, bytes: &[u8]| {
        let mut data = mode.map(|m| vec![m]).unwrap_or_default();
        data.extend_from_slice(bytes);
        out.push((target, format!("seed-{name}"), data));
    };
    let encrypt_to = |r: &crypto::Recipient, b: &[u8]| crypto::encrypt_to(r, b).expect("encrypts");
    let with_words = |w: &secrecy::SecretString, b: &[u8]| {
        crypto::encrypt_with_passphrase(w, b, CHEAP_WORK_FACTOR).expect("encrypts")
    };

    // The golden maps' documents, decrypted with their own keys.
    let dir = fixture::vault_copy("seeds");
    let short_key = fixture::map_key(&dir, SHORT);
    let long_key = fixture::map_key(&dir, LONG);
    let _ = std::fs::remove_dir_all(&dir);
    let short = crypto::decrypt_map_bytes(&short_key, fixture::SHORT_AGE).expect("opens");
    let long = crypto::decrypt_map_bytes(&long_key, fixture::LONG_AGE).expect("opens");

    for (name, bytes) in DOCUMENTS {
        add("restore", name, None, bytes);
    }
    add("restore", "golden-short", None, &short);
    add("restore", "golden-long", None, &long);

    add("map_file", "golden-short-file", Some(0), fixture::SHORT_AGE);
    add("map_file", "other-maps-file", Some(0), fixture::LONG_AGE);
    add("map_file", "golden-short-document", Some(1), &short);
    add("map_file", "other-maps-document", Some(1), &long);
    for (name, bytes) in [DOCUMENTS[0], DOCUMENTS[4], DOCUMENTS[5]] {
        add("map_file", &format!("document-{name}"), Some(1), bytes);
    }

    let pass = fixture::vault_passphrase();
    let master_line = crypto::identity_line(fixture::master());
    let master_text = format!("{}\n", secrecy::ExposeSecret::expose_secret(&master_line));
    let foreign = secrecy::SecretString::from("not the vault passphrase".to_owned());
    add(
        "identity_file",
        "key-file",
        Some(0),
        &with_words(&pass, master_text.as_bytes()),
    );
    add(
        "identity_file",
        "foreign-key-file",
        Some(0),
        &with_words(&pass, fixture::RECIPIENT_KEY),
    );
    add(
        "identity_file",
        "other-passphrase",
        Some(0),
        &with_words(&foreign, master_text.as_bytes()),
    );
    add(
        "identity_file",
        "not-scrypt",
        Some(0),
        &encrypt_to(&fixture::master().to_public(), master_text.as_bytes()),
    );
    let placeholder = String::from_utf8_lossy(MASTER_PLACEHOLDER).into_owned();
    for (name, text) in [
        ("text-key", format!("{placeholder}\n")),
        (
            "text-key-with-comments",
            format!(
                "# created: 2026-01-15T16:00:00Z\n# public key: {}\n\n{placeholder}\n",
                fixture::master().to_public()
            ),
        ),
        ("text-two-keys", format!("{placeholder}\n{placeholder}\n")),
        (
            "text-foreign-key",
            String::from_utf8_lossy(fixture::RECIPIENT_KEY).into_owned(),
        ),
    ] {
        add("identity_file", name, Some(1), text.as_bytes());
    }

    let receiving = fixture::receiving_key().to_public();
    let words = fixture::copy_passphrase();
    let stranger = crypto::generate_identity().to_public();
    add(
        "shared_copy",
        "golden-copy",
        Some(0),
        fixture::COPY_TO_RECIPIENT,
    );
    add(
        "shared_copy",
        "small-copy",
        Some(0),
        &encrypt_to(&receiving, SMALL_PDF),
    );
    add(
        "shared_copy",
        "copy-for-someone-else",
        Some(0),
        &encrypt_to(&stranger, SMALL_PDF),
    );
    add(
        "shared_copy",
        "passphrase-copy",
        Some(1),
        &with_words(&words, SMALL_PDF),
    );
    add(
        "shared_copy",
        "passphrase-copy-other-words",
        Some(1),
        &with_words(&foreign, SMALL_PDF),
    );
    add(
        "shared_copy",
        "passphrase-copy-with-key",
        Some(0),
        &with_words(&words, SMALL_PDF),
    );
    add("shared_copy", "inside-pdf", Some(2), SMALL_PDF);
    add(
        "shared_copy",
        "inside-not-pdf",
        Some(2),
        b"not a PDF at all\n",
    );

    for (name, args) in [
        ("none", &b""[..]),
        ("version", b"--version"),
        ("help", b"help"),
        ("sweep", b"sweep"),
        ("sweep-dir", b"sweep\0--data-dir\0/tmp/peermap"),
        ("status-dir-equals", b"status\0--data-dir=/tmp/peermap"),
        ("dir-twice", b"status\0--data-dir=/a\0--data-dir\0/b"),
        ("dir-missing", b"sweep\0--data-dir"),
        ("dir-not-text", b"sweep\0--data-dir=/tmp/caf\xe9"),
        ("unknown-option", b"status\0--force"),
        ("unknown-word", b"fr\xffobnicate"),
    ] {
        add("cli_args", name, None, args);
    }
    out
}
