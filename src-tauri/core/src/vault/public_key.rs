//! `identity.pub`: the vault's public key in clear, so that a locked sweep or `status` can tell
//! this vault's catalogue from another vault's without the passphrase.
//!
//! The catalogue (`index.sqlite3`) is bound to its vault by the SHA-256 of the master public
//! key (`vault_state`). Unlock checks that against the decrypted key; the locked sweep and
//! `status` check it against this file, which holds the same `age1…` line (a public key: not
//! secret). A catalogue that names another key is refused while locked too, and nothing is
//! destroyed or counted through it.
//!
//! The file is a convenience for the locked checks, never trusted to open anything: unlock
//! writes it again whenever it is missing or differs from the real key. A damaged or replaced
//! `identity.pub` can therefore only make a locked sweep refuse (keep and ask), never destroy.
//! A vault made before this file existed has none until its next unlock; until then the locked
//! checks refuse only an empty or schema-less catalogue, as before.

use std::path::Path;

use age::x25519::Recipient;

use super::fingerprint;
use crate::atomic;
use crate::error::{Error, Result};
use crate::index::{self, Index};

/// The public key's file in the data folder.
pub const PUBLIC_KEY_FILE: &str = "identity.pub";

/// The longest `identity.pub` read (an `age1…` line is 62 characters).
const MAX_PUBLIC_KEY_BYTES: u64 = 256;

/// Why a locked sweep or `status` stopped at a damaged `identity.pub`. Not the catalogue's
/// fault, so the advice is to unlock (which writes the file again), not to restore a backup.
const PUBLIC_KEY_DAMAGED: &str = "The vault's public key file (identity.pub) is damaged, so \
     Peer Map could not check the catalogue while locked and did not use it. Nothing was \
     deleted. Unlock Peer Map once to put the file right.";

/// Write `identity.pub` for `recipient` (atomic, `0600`, like every file Peer Map writes).
pub(super) fn write_public_key(dir: &Path, recipient: &Recipient) -> Result<()> {
    atomic::write_atomic(dir, PUBLIC_KEY_FILE, format!("{recipient}\n").as_bytes())
}

/// At unlock, with the real key known: put `identity.pub` right if it is missing or differs.
/// Best effort: a full disk must not stop anyone reading their maps, and the locked checks
/// then refuse rather than trust a wrong file.
pub(super) fn repair_public_key(dir: &Path, recipient: &Recipient) {
    let found = read_public_key(dir).ok().flatten().map(|r| r.to_string());
    if found != Some(recipient.to_string()) {
        let _ = write_public_key(dir, recipient);
    }
}

/// What `identity.pub` says: `None` if there is no such file (a vault made before it existed).
/// A file that is not one public key is an error: refused, never guessed at.
fn read_public_key(dir: &Path) -> Result<Option<Recipient>> {
    let path = dir.join(PUBLIC_KEY_FILE);
    let bytes = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::storage(&e)),
        Ok(meta) if meta.len() > MAX_PUBLIC_KEY_BYTES => return Err(damaged()),
        Ok(_) => std::fs::read(&path).map_err(|e| Error::storage(&e))?,
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| damaged())?;
    text.trim()
        .parse::<Recipient>()
        .map(Some)
        .map_err(|_| damaged())
}

fn damaged() -> Error {
    Error::Corrupt(PUBLIC_KEY_DAMAGED.into())
}

/// Open the catalogue of the vault in `dir` without the passphrase (the locked sweep, `status`,
/// the locked clock check), refusing one bound to another vault's key. Refusing changes
/// nothing on disk.
pub fn open_index_locked(dir: &Path) -> Result<Index> {
    let index = Index::open(&dir.join(index::FILE_NAME))?;
    let Some(recipient) = read_public_key(dir)? else {
        return Ok(index);
    };
    match index.vault_fingerprint()? {
        Some(found) if found != fingerprint(&recipient) => {
            Err(Error::Corrupt(index::NOT_THIS_VAULT.into()))
        }
        // Not bound yet (format v1 before its first unlock): unlock proves and binds it.
        _ => Ok(index),
    }
}
