//! The last state the vault wrote or read for each map, so the autosave round trip (the shell
//! opens the map it saved a second ago, applies the drawing, saves it) does not unwrap the
//! map's key, decrypt its file and restore it again.
//!
//! An entry is used only while the disk still holds exactly what it describes: the map's row
//! has the same wrapped key (a key this vault made or unwrapped itself) and the map file has
//! the same bytes (the SHA-256 of the ciphertext). Anything else (the file replaced, rolled
//! back or damaged, the row changed or gone) misses, and the map is opened the full way with
//! every check. Same ciphertext under the same key means the same plaintext (age is
//! authenticated encryption), so a hit returns exactly what a full open would.
//!
//! The entry holds the document's JSON, byte for byte what is inside the file, in a zeroizing
//! buffer: dropping or locking the vault zeroizes it. A hit parses it (no validation: those
//! bytes were validated on their way in, by `to_json` before the write or by `restore` after
//! the read).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::document::MapDocument;

/// See the module documentation.
#[derive(Default)]
pub(super) struct DocCache {
    /// Behind a mutex because `open_map` takes `&self`.
    entries: Mutex<HashMap<Uuid, Entry>>,
}

struct Entry {
    /// The row's `wrapped_key` (ciphertext, not secret) when the entry was made.
    wrapped_key: Vec<u8>,
    /// SHA-256 of the map file's bytes (ciphertext) as written or read.
    file_sha256: [u8; 32],
    /// The document as JSON, exactly as inside the file.
    json: Zeroizing<Vec<u8>>,
}

impl DocCache {
    /// Every operation leaves the map whole, so a panic elsewhere while it was held does not
    /// make it wrong: keep using it.
    fn entries(&self) -> MutexGuard<'_, HashMap<Uuid, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remember that map `id`'s file is `file_bytes`, encrypted to the key wrapped as
    /// `wrapped_key`, and holds `json`. Only for a key this vault made or unwrapped, and JSON
    /// that `restore` accepts unchanged (written by `to_json`, or read without migration).
    pub(super) fn keep(
        &self,
        id: Uuid,
        wrapped_key: &[u8],
        file_bytes: &[u8],
        json: Zeroizing<Vec<u8>>,
    ) {
        let entry = Entry {
            wrapped_key: wrapped_key.to_vec(),
            file_sha256: Sha256::digest(file_bytes).into(),
            json,
        };
        self.entries().insert(id, entry);
    }

    /// The document of map `id` if its row still wraps the same key and its file still has
    /// the same bytes; `None` otherwise (open it the full way).
    pub(super) fn get(
        &self,
        id: Uuid,
        wrapped_key: &[u8],
        file_bytes: &[u8],
    ) -> Option<MapDocument> {
        let entries = self.entries();
        let entry = entries.get(&id)?;
        if entry.wrapped_key != wrapped_key {
            return None;
        }
        let file_sha256: [u8; 32] = Sha256::digest(file_bytes).into();
        if entry.file_sha256 != file_sha256 {
            return None;
        }
        let doc: MapDocument = serde_json::from_slice(&entry.json).ok()?;
        (doc.id == id).then_some(doc)
    }

    /// Forget map `id` (before its file is rewritten, or once it is destroyed).
    pub(super) fn forget(&self, id: Uuid) {
        self.entries().remove(&id);
    }

    /// Forget every map.
    pub(super) fn clear(&self) {
        self.entries().clear();
    }

    /// How many maps are remembered (tests).
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entries().len()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use secrecy::SecretString;
    use time::macros::datetime;
    use time::{Duration, OffsetDateTime};

    use super::super::maps::{FILE_SWAPPED, MAP_DAMAGED};
    use super::super::seal::FILE_OLDER;
    use super::super::{map_file_name, Vault, KEY_DAMAGED, MAPS_DIR};
    use crate::document::Token;
    use crate::document::TokenKind;
    use crate::Error;

    const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);

    fn vault(dir: &Path) -> Vault {
        let pass = SecretString::from("copper lantern orbit thistle".to_owned());
        Vault::create(dir, &pass, NOW).expect("create")
    }

    fn map_file(vault: &Vault, id: uuid::Uuid) -> std::path::PathBuf {
        vault.dir().join(MAPS_DIR).join(map_file_name(id))
    }

    fn corrupt_message(result: crate::Result<crate::document::MapDocument>) -> String {
        match result {
            Err(Error::Corrupt(message)) => message,
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    #[test]
    fn a_file_swapped_after_a_save_is_not_answered_from_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let until = NOW + Duration::days(30);
        let a = v.create_map("A", "", NOW, until).expect("a");
        let b = v.create_map("B", "", NOW, until).expect("b");
        v.save_map(&a, NOW).expect("save a");
        std::fs::copy(map_file(&v, b.id), map_file(&v, a.id)).expect("swap");
        // B's file under A's name is encrypted to B's key: refused, as a full open refuses it.
        let message = corrupt_message(v.open_map(a.id));
        assert!(message == MAP_DAMAGED || message == FILE_SWAPPED);
        v.docs.clear();
        assert_eq!(message, corrupt_message(v.open_map(a.id)));
    }

    #[test]
    fn a_file_rolled_back_after_a_save_is_refused_from_memory_and_in_full() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let mut doc = v
            .create_map("First", "", NOW, NOW + Duration::days(30))
            .expect("create");
        let older = std::fs::read(map_file(&v, doc.id)).expect("read");
        doc.label = "Second".to_owned();
        v.save_map(&doc, NOW).expect("save");
        assert_eq!(v.open_map(doc.id).expect("open").label, "Second");
        std::fs::write(map_file(&v, doc.id), &older).expect("roll back");
        // An older copy of the file is not the one last saved (see `seal`).
        assert_eq!(corrupt_message(v.open_map(doc.id)), FILE_OLDER);
        v.docs.clear();
        assert_eq!(corrupt_message(v.open_map(doc.id)), FILE_OLDER);
    }

    #[test]
    fn a_byte_flipped_in_place_after_a_save_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let doc = v
            .create_map("Map", "", NOW, NOW + Duration::days(30))
            .expect("create");
        v.save_map(&doc, NOW).expect("save");
        let path = map_file(&v, doc.id);
        let mut bytes = std::fs::read(&path).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).expect("flip");
        assert_eq!(corrupt_message(v.open_map(doc.id)), MAP_DAMAGED);
        v.docs.clear();
        assert_eq!(corrupt_message(v.open_map(doc.id)), MAP_DAMAGED);
    }

    #[test]
    fn a_key_row_damaged_after_a_save_is_still_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let doc = v
            .create_map("Map", "", NOW, NOW + Duration::days(30))
            .expect("create");
        v.save_map(&doc, NOW).expect("save");
        v.index
            .connection()
            .execute(
                "UPDATE maps SET wrapped_key = x'00' WHERE id = ?1",
                [doc.id.to_string()],
            )
            .expect("damage the key");
        assert_eq!(corrupt_message(v.open_map(doc.id)), KEY_DAMAGED);
        // A save with the remembered recipient still works as before, but is not remembered
        // against the damaged row.
        v.save_map(&doc, NOW)
            .expect("save with the known recipient");
        assert_eq!(corrupt_message(v.open_map(doc.id)), KEY_DAMAGED);
    }

    #[test]
    fn a_destroyed_map_is_not_answered_from_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let until = NOW + Duration::days(30);
        let a = v.create_map("A", "", NOW, until).expect("a");
        let b = v.create_map("B", "", NOW, until).expect("b");
        assert_eq!(v.docs.len(), 2);
        v.destroy_map(
            a.id,
            crate::index::DestroyReason::DeletedByPractitioner,
            NOW,
        )
        .expect("destroy");
        assert_eq!(v.docs.len(), 1);
        assert!(matches!(v.open_map(a.id), Err(Error::NotFound)));
        v.destroy_all(crate::index::DestroyReason::DeletedByPractitioner, NOW)
            .expect("destroy all");
        assert_eq!(v.docs.len(), 0);
        assert!(matches!(v.open_map(b.id), Err(Error::NotFound)));
    }

    #[test]
    fn an_open_from_memory_returns_what_a_full_open_returns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut v = vault(dir.path());
        let mut doc = v
            .create_map("Map 🌊", "Why", NOW, NOW + Duration::days(30))
            .expect("create");
        // An angle that is stored rounded: the remembered document must be the stored one.
        doc.versions[0].tokens.push(Token {
            id: "t1".to_owned(),
            kind: TokenKind::Peer,
            ring: Some(1),
            angle: 12.345_678_912_3,
            colour: "orange".to_owned(),
            shape: "circle".to_owned(),
            initials: Some("JB".to_owned()),
            descriptor: Some("best friend".to_owned()),
            badges: Vec::new(),
            private: false,
        });
        doc.updated_at = datetime!(2026-03-02 10:00:00.123456789 +02:00);
        v.save_map(&doc, NOW).expect("save");
        let remembered = v.open_map(doc.id).expect("open from memory");
        v.docs.clear();
        let full = v.open_map(doc.id).expect("full open");
        assert!(remembered == full);
        assert_eq!(remembered.updated_at.offset(), full.updated_at.offset());
        assert_eq!(
            *remembered.to_json().expect("json"),
            *full.to_json().expect("json")
        );
        // The full open is remembered too, and answers the same.
        assert_eq!(v.docs.len(), 1);
        assert!(v.open_map(doc.id).expect("open again") == full);
    }
}
