//! The targets that need a vault: a map file, the key file, a shared copy. Each has its own
//! copy of the golden vault, made once per process; inputs run one at a time.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use zeroize::Zeroizing;

use super::fixture::{self, NOW, SHORT};
use super::mode;
use crate::crypto::{self, Identity, Recipient};
use crate::document;
use crate::receiving::{self, CopyKey, RECEIVING_FILE};
use crate::vault::{Vault, IDENTITY_FILE};
use crate::Error;

/// In `identity_file` mode 1, replaced by the golden vault's master key line.
pub(super) const MASTER_PLACEHOLDER: &[u8] = b"{master}";

/// The scrypt work factor of the key files and copies this module encrypts itself: the
/// cheapest, so the fuzzer spends its time in the parsers, not in scrypt.
pub(super) const CHEAP_WORK_FACTOR: u8 = 1;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Bad bytes get a plain answer: never `Internal`, which means a bug.
fn assert_plain(err: &Error) {
    assert!(
        !matches!(err, Error::Internal(_)),
        "bad bytes were answered as a bug: {err:?}"
    );
}

struct MapTarget {
    vault: Vault,
    file: PathBuf,
    key: Identity,
}

/// `map_file`: the bytes as "Golden short"'s file `maps/<id>.age`, opened with
/// [`Vault::open_map`]. Mode 0: the payload is the file. Mode 1: the payload is the document,
/// encrypted to the map's own key first (reaching the checks behind the decryption).
///
/// A map that opens is the map it claims to be, and is what [`document::restore`] reads from
/// the decrypted file.
pub fn check_map_file(data: &[u8]) {
    static TARGET: OnceLock<Mutex<MapTarget>> = OnceLock::new();
    let target = lock(TARGET.get_or_init(|| {
        let dir = fixture::vault_copy("map_file");
        let key = fixture::map_key(&dir, SHORT);
        Mutex::new(MapTarget {
            vault: fixture::unlock(&dir),
            file: fixture::map_path(&dir, SHORT),
            key,
        })
    }));
    let (m, payload) = mode(data, 2);
    let bytes = match m {
        0 => payload.to_vec(),
        _ => crypto::encrypt_to(&target.key.to_public(), payload).expect("encrypting works"),
    };
    std::fs::write(&target.file, &bytes).expect("the fuzz vault is writable");
    match target.vault.open_map(SHORT) {
        Ok(doc) => {
            assert_eq!(doc.id, SHORT, "a map opened as another map");
            let plain =
                crypto::decrypt_map_bytes(&target.key, &bytes).expect("a map that opened decrypts");
            let direct = document::restore(&plain).expect("a map that opened restores");
            assert!(direct == doc, "the vault read the map differently");
        }
        Err(e) => assert_plain(&e),
    }
}

/// `identity_file`: the bytes as `identity.age`, then [`Vault::unlock`] with the golden
/// passphrase. Mode 0: the payload is the file. Mode 1: the payload is the key file's text
/// (each `{master}` replaced by the golden master key line), encrypted with the golden
/// passphrase at the cheapest work factor first.
///
/// A vault that unlocks is the golden vault: its key file held the golden master key.
pub fn check_identity_file(data: &[u8]) {
    static DIR: OnceLock<Mutex<PathBuf>> = OnceLock::new();
    let dir = lock(DIR.get_or_init(|| Mutex::new(fixture::vault_copy("identity_file"))));
    let passphrase = fixture::vault_passphrase();
    let (m, payload) = mode(data, 2);
    let bytes = match m {
        0 => payload.to_vec(),
        _ => {
            let line = crypto::identity_line(fixture::master());
            let text = replace_all(payload, MASTER_PLACEHOLDER, line_bytes(&line));
            crypto::encrypt_with_passphrase(&passphrase, &text, CHEAP_WORK_FACTOR)
                .expect("encrypting works")
        }
    };
    std::fs::write(dir.join(IDENTITY_FILE), &bytes).expect("the fuzz vault is writable");
    match Vault::unlock(&dir, &passphrase, NOW) {
        Ok(vault) => {
            drop(vault);
            let plain = crypto::decrypt_with_passphrase(&passphrase, &bytes)
                .expect("a key file that unlocked decrypts");
            let key = crypto::parse_identity(&plain).expect("a key file that unlocked parses");
            assert_eq!(
                key.to_public().to_string(),
                fixture::master().to_public().to_string(),
                "a foreign key unlocked the vault"
            );
        }
        Err(e) => assert_plain(&e),
    }
}

struct CopyTarget {
    vault: Vault,
    key: Recipient,
}

/// `shared_copy`: the bytes as a received copy, opened with
/// [`receiving::open_shared_copy`]. Mode 0: the payload is the file, opened with the receiving
/// key. Mode 1: the same, opened with the golden copy's passphrase. Mode 2: the payload is
/// what is inside, encrypted to the receiving key first.
///
/// What opens is a PDF, and is exactly what was encrypted.
pub fn check_shared_copy(data: &[u8]) {
    static TARGET: OnceLock<Mutex<CopyTarget>> = OnceLock::new();
    let target = lock(TARGET.get_or_init(|| {
        let dir = fixture::vault_copy("shared_copy");
        let key = fixture::receiving_key();
        let encrypted = crypto::encrypt_to(&fixture::master().to_public(), fixture::RECIPIENT_KEY)
            .expect("encrypting works");
        std::fs::write(dir.join(RECEIVING_FILE), encrypted).expect("the fuzz vault is writable");
        let vault = fixture::unlock(&dir);
        assert_eq!(
            receiving::receiving_public_key(&vault).expect("the receiving key reads"),
            Some(key.to_public().to_string())
        );
        Mutex::new(CopyTarget {
            vault,
            key: key.to_public(),
        })
    }));
    let (m, payload) = mode(data, 3);
    let (bytes, how) = match m {
        0 => (payload.to_vec(), CopyKey::ReceivingKey),
        1 => (
            payload.to_vec(),
            CopyKey::Passphrase(fixture::copy_passphrase()),
        ),
        _ => (
            crypto::encrypt_to(&target.key, payload).expect("encrypting works"),
            CopyKey::ReceivingKey,
        ),
    };
    match receiving::open_shared_copy(&target.vault, &bytes, &how) {
        Ok(pdf) => {
            assert!(pdf.starts_with(b"%PDF-"), "a copy that is not a PDF opened");
            if m == 2 {
                assert!(pdf[..] == payload[..], "the copy opened as something else");
            }
        }
        Err(e) => assert_plain(&e),
    }
}

fn line_bytes(line: &secrecy::SecretString) -> &[u8] {
    use secrecy::ExposeSecret;
    line.expose_secret().as_bytes()
}

/// `haystack` with every `needle` replaced by `with`.
pub(super) fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(haystack.len() + with.len()));
    let mut rest = haystack;
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}
