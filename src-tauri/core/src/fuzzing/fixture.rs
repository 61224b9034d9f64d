//! Private copies of the golden vault (`tests/fixtures/vault-v1`) for the vault targets, and
//! the golden export's test receiving key (`tests/fixtures/export-v1`). Compiled in, so a fuzz
//! binary needs no path to the repository.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use secrecy::SecretString;
use time::macros::datetime;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crypto::{self, Identity};
use crate::index::{self, Index};
use crate::vault::{Vault, IDENTITY_FILE, MAPS_DIR, MAP_EXT};

macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
    };
}

/// The golden vault's files.
pub(super) const IDENTITY_AGE: &[u8] = fixture!("vault-v1/identity.age");
const INDEX: &[u8] = fixture!("vault-v1/index.sqlite3");
const VAULT_PASSPHRASE: &[u8] = fixture!("vault-v1/PASSPHRASE");
/// "Golden short" and "Golden long", and their files.
pub(super) const SHORT: Uuid = Uuid::from_u128(0x321145fa_32ee_4d19_a773_77c4e80a6f8c);
pub(super) const LONG: Uuid = Uuid::from_u128(0xfc6a8f94_f098_4d89_a7cf_a8699dfdb6d0);
pub(super) const SHORT_AGE: &[u8] =
    fixture!("vault-v1/maps/321145fa-32ee-4d19-a773-77c4e80a6f8c.age");
pub(super) const LONG_AGE: &[u8] =
    fixture!("vault-v1/maps/fc6a8f94-f098-4d89-a7cf-a8699dfdb6d0.age");

/// The golden export's receiving key, its passphrase, and a real copy sent to that key.
pub(super) const RECIPIENT_KEY: &[u8] = fixture!("export-v1/recipient.key");
const COPY_PASSPHRASE: &[u8] = fixture!("export-v1/PASSPHRASE");
pub(super) const COPY_TO_RECIPIENT: &[u8] = fixture!("export-v1/map-to-recipient.pdf.age");

/// The instant every vault target runs at: before both golden maps' retention dates, and
/// never the wall clock, so every run does the same.
pub(super) const NOW: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_owned()
}

/// The golden vault's passphrase.
pub(super) fn vault_passphrase() -> SecretString {
    SecretString::from(text(VAULT_PASSPHRASE))
}

/// The passphrase of the golden export's passphrase copy.
pub(super) fn copy_passphrase() -> SecretString {
    SecretString::from(text(COPY_PASSPHRASE))
}

/// The golden vault's master identity, from `identity.age` and its passphrase (one scrypt
/// derivation per process).
pub(super) fn master() -> &'static Identity {
    static MASTER: OnceLock<Identity> = OnceLock::new();
    MASTER.get_or_init(|| {
        let plain = crypto::decrypt_with_passphrase(&vault_passphrase(), IDENTITY_AGE)
            .expect("the golden vault's key file opens with its passphrase");
        crypto::parse_identity(&plain).expect("the golden vault's key file holds a key")
    })
}

/// The test receiving key of the golden export.
pub(super) fn receiving_key() -> Identity {
    crypto::parse_identity(RECIPIENT_KEY).expect("the golden receiving key parses")
}

/// A fresh copy of the golden vault for `target`, in the system temp folder. It is left there
/// when the process ends (a few kilobytes), and replaced by the next run with the same id.
pub(super) fn vault_copy(target: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peermap-fuzz-{}-{target}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(MAPS_DIR)).expect("a temp folder for the fuzz vault");
    let files: [(PathBuf, &[u8]); 4] = [
        (dir.join(IDENTITY_FILE), IDENTITY_AGE),
        (dir.join(index::FILE_NAME), INDEX),
        (map_path(&dir, SHORT), SHORT_AGE),
        (map_path(&dir, LONG), LONG_AGE),
    ];
    for (path, bytes) in files {
        std::fs::write(path, bytes).expect("the golden vault copied");
    }
    dir
}

/// The file of map `id` in the vault at `dir`.
pub(super) fn map_path(dir: &Path, id: Uuid) -> PathBuf {
    dir.join(MAPS_DIR).join(format!("{id}.{MAP_EXT}"))
}

/// Unlock a copy with the master identity (no second scrypt derivation).
pub(super) fn unlock(dir: &Path) -> Vault {
    Vault::unlock_with_identity(dir, master().clone(), NOW).expect("the golden vault unlocks")
}

/// The key of map `id`, read as `docs/RECOVERY.md` does: its row's wrapped key, decrypted
/// with the master identity.
pub(super) fn map_key(dir: &Path, id: Uuid) -> Identity {
    let index = Index::open(&dir.join(index::FILE_NAME)).expect("the golden index opens");
    let row = index
        .map_row(id)
        .expect("the golden index reads")
        .expect("the golden map has a row");
    let line = crypto::try_decrypt(master(), &row.wrapped_key).expect("the map key unwraps");
    crypto::parse_identity(&line).expect("the map key parses")
}
