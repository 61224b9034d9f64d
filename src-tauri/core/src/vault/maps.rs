//! The map list, and making, opening and saving one map.

use std::fs;
use std::io;

use serde::Serialize;
use std::collections::BTreeSet;
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::catalogue::{Meta, Seal};
use super::files::map_file_name;
use super::seal::sha256_hex;
use super::{identity_file_text, KnownKey, Vault, MAPS_DIR, SEEN_RESOLUTION};
use crate::atomic;
use crate::crypto::{self, Recipient};
use crate::document::{self, MapDocument};
use crate::index::MapRow;
use crate::{Error, Result};

const FILE_MISSING: &str = "This map's file is missing from the data folder, so it cannot be \
     opened. If you have a backup of the data folder, restore it.";
pub(super) const FILE_SWAPPED: &str =
    "This map could not be opened: its file has been replaced by another \
     map's file. Your other maps are not affected.";
pub(super) const MAP_DAMAGED: &str =
    "This map could not be opened: its file is damaged or has been \
     replaced. Your other maps are not affected.";

/// One row of the map list, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MapSummary {
    /// The map id.
    pub id: Uuid,
    /// The pseudonymous label (empty if `damaged`).
    pub label: String,
    /// When the map was made.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    /// When its latest session was.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub last_session_at: OffsetDateTime,
    /// When it will be destroyed.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub retain_until: OffsetDateTime,
    /// Whole days until it is destroyed (0 = within a day; negative = overdue).
    pub days_left: i64,
    /// Not yet agreed to keep.
    pub is_draft: bool,
    /// Its list fields could not be read; it can still be destroyed. Dates are placeholders.
    pub damaged: bool,
    /// The card's warning as the date nears, if it is within a month.
    pub warning: Option<crate::lifecycle::RetentionWarning>,
}

impl Vault {
    /// Every map, newest session first.
    pub fn list_maps(&self, now: OffsetDateTime) -> Result<Vec<MapSummary>> {
        let now = self.effective_now(now);
        let mut out = Vec::new();
        for (id, retain_until) in self.index.retention_dates()? {
            let days_left = crate::lifecycle::days_left(retain_until, now);
            let summary = match self.catalogue.maps.get(&id) {
                Some(meta) => MapSummary {
                    id,
                    label: meta.label.clone(),
                    created_at: meta.created_at,
                    last_session_at: meta.last_session_at,
                    retain_until,
                    days_left,
                    is_draft: meta.is_draft,
                    damaged: false,
                    warning: crate::lifecycle::retention_warning(days_left),
                },
                None => MapSummary {
                    id,
                    label: String::new(),
                    created_at: OffsetDateTime::UNIX_EPOCH,
                    last_session_at: OffsetDateTime::UNIX_EPOCH,
                    retain_until,
                    days_left,
                    is_draft: false,
                    damaged: true,
                    warning: crate::lifecycle::retention_warning(days_left),
                },
            };
            out.push(summary);
        }
        out.sort_by(|a, b| {
            b.last_session_at
                .cmp(&a.last_session_at)
                .then(a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// Make a new map with its own key, save it, and return it.
    pub fn create_map(
        &mut self,
        label: &str,
        purpose: &str,
        now: OffsetDateTime,
        retain_until: OffsetDateTime,
    ) -> Result<MapDocument> {
        let now = self.effective_now(now);
        if retain_until <= now {
            return Err(Error::InvalidInput(
                "The date the map will be destroyed must be in the future.".into(),
            ));
        }
        let id = Uuid::new_v4();
        let doc = MapDocument::new(id, label, purpose, now, retain_until)?;
        let key = crypto::generate_identity();
        let wrapped_key =
            crypto::encrypt_to(&self.master_recipient, identity_file_text(&key).as_bytes())?;
        let written = self.write_map_file(&key.to_public(), &doc)?;

        let meta = Meta::of(&doc);
        let seal = Seal {
            id,
            generation: 1,
            file_sha256: sha256_hex(&written.encrypted),
            pending_sha256: None,
        };
        let row = MapRow {
            id,
            wrapped_key,
            retain_until: doc.retention.until,
            meta: meta.encrypt_sealed(&seal, &self.master_recipient)?,
        };
        let catalogue = self.catalogue.with(id, meta);
        let body = catalogue.encrypt(&self.master_recipient)?;
        let inserted = self
            .index
            .insert_map(&row, &notify_json(&doc), &body, Some(now));
        if let Err(err) = inserted {
            // Without its row the file can never be read; don't leave it behind.
            let _ = fs::remove_file(self.map_path(id));
            return Err(err);
        }
        self.catalogue = catalogue;
        self.seals.keep(id, row.meta.clone(), seal);
        self.docs
            .keep(id, &row.wrapped_key, &written.encrypted, written.json);
        self.recipients.insert(
            id,
            KnownKey {
                recipient: key.to_public(),
                wrapped_key: row.wrapped_key,
            },
        );
        self.note_seen_locally(now);
        Ok(doc)
    }

    /// Open a map. A file whose inner id does not match its name and row (a swapped or foreign
    /// file) is refused as [`Error::Corrupt`], as is any damage.
    ///
    /// The row is always read (a map destroyed by the headless sweep of another process is
    /// gone) and so is the file. If both are exactly what this vault last wrote or read, the
    /// document it remembers is returned without unwrapping the key, decrypting the file or
    /// validating again (see the `cache` module); otherwise every check runs.
    pub fn open_map(&self, id: Uuid) -> Result<MapDocument> {
        let row = self.index.map_row(id)?.ok_or(Error::NotFound)?;
        let read = crypto::read_file_bounded(&self.map_path(id));
        if let Ok(bytes) = &read {
            if let Some(doc) = self.docs.get(id, &row.wrapped_key, bytes) {
                return Ok(doc);
            }
        }
        // Errors in the order they always had: the key before the file.
        let key = self.unwrap_key(&row)?;
        let bytes = match read {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Error::Corrupt(FILE_MISSING.into()))
            }
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Err(Error::Corrupt(MAP_DAMAGED.into()))
            }
            Err(e) => return Err(Error::storage(&e)),
        };
        let plain = crypto::decrypt_map_bytes(&key, &bytes)?;
        let (doc, migrated) =
            document::restore_reporting_migration(&plain).map_err(|e| match e {
                Error::TooNew(m) => Error::TooNew(m),
                _ => Error::Corrupt(MAP_DAMAGED.into()),
            })?;
        if doc.id != id {
            return Err(Error::Corrupt(FILE_SWAPPED.into()));
        }
        // A genuine file of this map, but is it the one last saved? (see `seal`)
        self.check_file(&row, &bytes)?;
        // Bytes that needed a migration are not what the document reads as: not remembered.
        if !migrated {
            self.docs.keep(id, &row.wrapped_key, &bytes, plain);
        }
        Ok(doc)
    }

    /// Validate, encrypt to the map's own key and write atomically; then update the index's
    /// list fields and retention date if they changed. Returns only once the save is durable.
    pub fn save_map(&mut self, doc: &MapDocument, now: OffsetDateTime) -> Result<()> {
        let now = self.effective_now(now);
        let row = self.index.map_row(doc.id)?.ok_or(Error::NotFound)?;
        // Whether the row still holds the key the recipient came from: only then may the
        // document be remembered (a hit must return what a full open would).
        let (recipient, same_key) = match self.recipients.get(&doc.id) {
            Some(known) => (
                known.recipient.clone(),
                known.wrapped_key == row.wrapped_key,
            ),
            None => {
                let recipient = self.unwrap_key(&row)?.to_public();
                let known = KnownKey {
                    recipient: recipient.clone(),
                    wrapped_key: row.wrapped_key.clone(),
                };
                self.recipients.insert(doc.id, known);
                (recipient, true)
            }
        };
        // The file is about to change: whatever happens next, do not answer from memory.
        self.docs.forget(doc.id);
        let meta = Meta::of(doc);
        let meta_changed = self.catalogue.maps.get(&doc.id) != Some(&meta);
        let notify = notify_json(doc);
        let index_changed = meta_changed
            || row.retain_until != doc.retention.until
            || self.index.map_notify(doc.id)?.as_deref() != Some(notify.as_str());
        if index_changed {
            // The file is about to get ahead of its row. Mark the row, and hold its destroy
            // date at the later of the two, so a crash before the row is updated is finished
            // at the next unlock and no sweep meanwhile destroys by the wrong date
            // (index/pending.rs).
            self.index
                .hold_for_save(doc.id, row.retain_until.max(doc.retention.until))?;
        }
        // to_json validates: the one validation a save needs, because this is the last gate
        // before the disk and save_map is public (callers such as view::apply_drawing validate
        // too, but the vault does not rely on it). Nothing is read back or decrypted to verify:
        // write_atomic fsyncs the file and the folder, and age's authentication would catch
        // any later damage on the next full open.
        let written = encode(&recipient, doc)?;
        // The pending seal is committed while the file is flushed; the rename waits for both
        // (see `seal`).
        let mut seal = None;
        let wrote = atomic::write_atomic_alongside(
            self.writer.as_ref(),
            &self.dir.join(MAPS_DIR),
            &map_file_name(doc.id),
            &written.encrypted,
            || {
                seal = Some(self.seal_before_write(&row, doc, &sha256_hex(&written.encrypted))?);
                Ok(())
            },
        );
        match wrote {
            Ok(()) => {}
            Err(err) => {
                // The file is as it was. If this fails too, the next unlock finds the mark
                // and reads the (unchanged) file.
                if index_changed {
                    let _ = self.index.release_hold(doc.id, row.retain_until);
                }
                return Err(err);
            }
        }
        let seal = seal.ok_or(Error::Internal("seal"))?;
        if same_key {
            self.docs
                .keep(doc.id, &row.wrapped_key, &written.encrypted, written.json);
        }
        let sealed_meta = meta.encrypt_sealed(&seal, &self.master_recipient)?;

        if index_changed {
            let catalogue = self.catalogue.with(doc.id, meta.clone());
            let body = catalogue.encrypt(&self.master_recipient)?;
            self.index.update_map(
                doc.id,
                doc.retention.until,
                &sealed_meta,
                &notify,
                Some(&body),
                Some(now),
            )?;
            self.catalogue = catalogue;
        } else {
            // Not flushed on its own: see `seal` (step 4).
            self.index.set_meta(doc.id, &sealed_meta, false)?;
        }
        self.seals.keep(doc.id, sealed_meta, seal);
        if !index_changed
            && self
                .latest_seen
                .is_none_or(|seen| now - seen >= SEEN_RESOLUTION)
        {
            self.index.note_seen(now)?;
        }
        self.note_seen_locally(now);
        Ok(())
    }

    /// Validate, serialise, encrypt and write atomically; returns what was written.
    fn write_map_file(&self, recipient: &Recipient, doc: &MapDocument) -> Result<Written> {
        let written = encode(recipient, doc)?;
        self.write_encoded(doc.id, &written)?;
        Ok(written)
    }

    /// Write an encoded map file atomically.
    fn write_encoded(&self, id: Uuid, written: &Written) -> Result<()> {
        atomic::write_atomic_with(
            self.writer.as_ref(),
            &self.dir.join(MAPS_DIR),
            &map_file_name(id),
            &written.encrypted,
        )
    }
}

/// Validate, serialise and encrypt a map file in memory.
fn encode(recipient: &Recipient, doc: &MapDocument) -> Result<Written> {
    let json = doc.to_json()?;
    let encrypted = crypto::encrypt_to(recipient, &json)?;
    Ok(Written { json, encrypted })
}

/// A map file just written: the plaintext (zeroized on drop) and the bytes on disk.
struct Written {
    json: Zeroizing<Vec<u8>>,
    encrypted: Vec<u8>,
}

/// The recipients a map has been agreed to be shared with, role and team only, as JSON.
pub(super) fn notify_json(doc: &MapDocument) -> String {
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord, ts_rs::TS)]
    struct Who<'a> {
        role: &'a str,
        team: &'a str,
    }
    let who: BTreeSet<Who<'_>> = doc
        .consent
        .shares
        .iter()
        .map(|s| &s.recipient)
        .chain(doc.disclosures.iter().map(|d| &d.recipient))
        .map(|r| Who {
            role: &r.role,
            team: &r.team,
        })
        .collect();
    serde_json::to_string(&who).unwrap_or_else(|_| "[]".to_owned())
}
