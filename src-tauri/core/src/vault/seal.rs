//! Which map file is the one this vault last saved: the seal in each map's encrypted `meta`
//! (its file's SHA-256 and a generation counter; [`Seal`]).
//!
//! Without it, an older copy of `maps/<id>.age` put back in place (last month's, from a
//! backup) opens as if nothing happened, undoing a consent withdrawal or hiding a disclosure.
//! With it, a full open refuses a file whose bytes are not the sealed ones, changes nothing and
//! logs a [`super::VaultEventKind::MapFileRefused`].
//!
//! Crash safety, save by save:
//!
//! 1. the new file's bytes are encrypted in memory and hashed;
//! 2. `meta` is rewritten, durably, with that hash as `pending` beside the current one, while
//!    the temp file is written and flushed on another thread (`atomic::write_atomic_alongside`);
//! 3. only when both are on the disk is the file renamed into place;
//! 4. `meta` is rewritten with the new hash as the only one (with the list fields, when they
//!    changed). This commit need not be flushed at once: lost in a power cut, it leaves step 2's
//!    `meta`, which accepts the old file and the new one, and the next durable commit flushes it.
//!
//! A kill anywhere leaves a file that `meta` accepts: before the rename the old one, after it
//! the pending one (promoted by the next open or save). Only the previous file stays accepted
//! between steps 2 and 4, never an older one.
//!
//! A `meta` written before seals has none, and its map opens as before; its first save seals
//! it. Once the catalogue says a map is sealed, a `meta` that cannot be read or carries no seal
//! for that map refuses the open too (someone could otherwise damage the seal to switch the
//! check off).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::catalogue::{Meta, Seal};
use super::{Vault, VaultEventKind};
use crate::document::MapDocument;
use crate::index::MapRow;
use crate::{Error, Result};

pub(super) const FILE_OLDER: &str = "This map could not be opened: its file is not the one \
     Peer Map last saved. It may be an older copy put back from a backup. Nothing was changed. \
     Your other maps are not affected.";
pub(super) const SEAL_UNREADABLE: &str = "This map could not be opened: its entry in the \
     vault's catalogue is damaged, so Peer Map cannot check that its file is the latest one. \
     Nothing was changed. Your other maps are not affected.";

/// SHA-256 of `bytes`, lower-case hex.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The seal each map's `meta` was last seen to hold, keyed by the `meta` bytes themselves, so
/// a save need not decrypt `meta` again. Hashes only: nothing secret.
#[derive(Default)]
pub(super) struct SealCache {
    entries: Mutex<HashMap<Uuid, (Vec<u8>, Seal)>>,
}

impl SealCache {
    fn entries(&self) -> MutexGuard<'_, HashMap<Uuid, (Vec<u8>, Seal)>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn keep(&self, id: Uuid, meta: Vec<u8>, seal: Seal) {
        self.entries().insert(id, (meta, seal));
    }

    fn get(&self, id: Uuid, meta: &[u8]) -> Option<Seal> {
        let entries = self.entries();
        let (blob, seal) = entries.get(&id)?;
        (blob.as_slice() == meta).then(|| seal.clone())
    }

    pub(super) fn forget(&self, id: Uuid) {
        self.entries().remove(&id);
    }

    pub(super) fn clear(&self) {
        self.entries().clear();
    }
}

impl Vault {
    /// Whether `bytes` (read from map `row.id`'s file and already decrypted and checked) are
    /// the file this vault last saved. Refuses, logging an event, if not; promotes a pending
    /// hash the file matches (a save interrupted after its rename).
    pub(super) fn check_file(&self, row: &MapRow, bytes: &[u8]) -> Result<()> {
        let hash = sha256_hex(bytes);
        let sealed = self
            .catalogue
            .maps
            .get(&row.id)
            .is_some_and(|m| m.file_sealed);
        let seal = match Meta::decrypt_sealed(&self.master, &row.meta) {
            Some((meta, Some(seal))) if seal.id == row.id => (meta, seal),
            Some((_, Some(_))) => return Err(self.refuse(row.id, FILE_OLDER)),
            _ if sealed => return Err(self.refuse(row.id, SEAL_UNREADABLE)),
            _ => return Ok(()),
        };
        let (meta, seal) = seal;
        if seal.file_sha256 == hash && seal.pending_sha256.is_none() {
            self.seals.keep(row.id, row.meta.clone(), seal);
            return Ok(());
        }
        if seal.file_sha256 != hash && seal.pending_sha256.as_deref() != Some(hash.as_str()) {
            return Err(self.refuse(row.id, FILE_OLDER));
        }
        // The file is one of the two: settle on it. Best effort (the open needs no write, and
        // the check gives the same answer until it is written).
        let settled = Seal {
            file_sha256: hash,
            pending_sha256: None,
            ..seal
        };
        if let Ok(blob) = meta.encrypt_sealed(&settled, &self.master_recipient) {
            if let Ok(true) = self.index.replace_meta(row.id, &row.meta, &blob) {
                self.seals.keep(row.id, blob, settled);
            }
        }
        Ok(())
    }

    /// Log that map `id`'s file was refused (best effort: the refusal stands without it).
    fn refuse(&self, id: Uuid, message: &str) -> Error {
        if let Ok(body) = self.event_body(
            VaultEventKind::MapFileRefused { map_id: id },
            self.now_for_event(),
        ) {
            let _ = self.index.append_event_shared(&body);
        }
        Error::Corrupt(message.into())
    }

    /// Step 2 of a save (see the module documentation): record `new_hash` as pending, durably.
    /// Returns the seal to write once the file is in place.
    pub(super) fn seal_before_write(
        &self,
        row: &MapRow,
        doc: &MapDocument,
        new_hash: &str,
    ) -> Result<Seal> {
        let current = self.seals.get(row.id, &row.meta).or_else(|| {
            Meta::decrypt_sealed(&self.master, &row.meta)
                .and_then(|(_, seal)| seal)
                .filter(|s| s.id == row.id)
        });
        let on_disk = || {
            crate::crypto::read_file_bounded(&self.map_path(row.id))
                .ok()
                .map(|b| sha256_hex(&b))
        };
        let committed = match &current {
            Some(s) if s.pending_sha256.is_none() => s.file_sha256.clone(),
            Some(s) => match on_disk() {
                Some(h) if s.pending_sha256.as_deref() == Some(h.as_str()) => h,
                _ => s.file_sha256.clone(),
            },
            None => on_disk().unwrap_or_else(|| new_hash.to_owned()),
        };
        let generation = current.as_ref().map_or(0, |s| s.generation) + 1;
        let pending = Seal {
            id: row.id,
            generation,
            file_sha256: committed,
            pending_sha256: Some(new_hash.to_owned()),
        };
        let list = self
            .catalogue
            .maps
            .get(&row.id)
            .cloned()
            .unwrap_or_else(|| Meta::of(doc));
        let blob = list.encrypt_sealed(&pending, &self.master_recipient)?;
        self.index.set_meta(row.id, &blob, true)?;
        Ok(Seal {
            id: row.id,
            generation,
            file_sha256: new_hash.to_owned(),
            pending_sha256: None,
        })
    }

    /// A seal for the file map `id` has on disk now, keeping the generation its `meta` had:
    /// for writers that rebuild a row from a file just opened and checked (an interrupted
    /// save finished at unlock, a damaged `meta` repaired). `None` if the file is unreadable.
    pub(super) fn seal_of_current_file(&self, row: &MapRow) -> Option<Seal> {
        let file = crate::crypto::read_file_bounded(&self.map_path(row.id)).ok()?;
        let generation = Meta::decrypt_sealed(&self.master, &row.meta)
            .and_then(|(_, seal)| seal)
            .filter(|s| s.id == row.id)
            .map_or(1, |s| s.generation);
        Some(Seal {
            id: row.id,
            generation,
            file_sha256: sha256_hex(&file),
            pending_sha256: None,
        })
    }

    /// The instant to date an event logged from a shared borrow: the latest seen.
    fn now_for_event(&self) -> time::OffsetDateTime {
        self.latest_seen.unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }
}
