//! The vault: what the Tauri shell calls to create, unlock, list, open, save and destroy maps.
//!
//! On disk (DESIGN.md §3):
//!
//! ```text
//! identity.age        master X25519 identity line, passphrase-encrypted (scrypt, work factor 18)
//! index.sqlite3       maps(id, wrapped_key, retain_until, meta, notify), tombstones,
//!                     vault_state, catalogue
//! maps/<id>.age       one map document, encrypted to that map's own X25519 recipient
//! ```
//!
//! The master identity only ever decrypts small things: each map's key line (`wrapped_key`),
//! each map's list fields (`meta`) and the catalogue (every map's list fields in one encrypted
//! row, so the list costs one decryption). Everything can be recovered with the `age` and
//! `sqlite3` command-line tools alone: see `docs/RECOVERY.md`.
//!
//! Time is always passed in. The vault remembers the latest instant it has seen, and every
//! operation uses [`effective_now`] so setting the computer's clock back cannot keep a map
//! alive past its retention date.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

use crate::atomic::{self, ByteWriter, PlainWriter};
use crate::clock::effective_now;
use crate::crypto::{self, Identity, Recipient};
use crate::document::{self, MapDocument};
use crate::index::{self, Index, MapRow};
use crate::{Error, Result};

pub use crate::index::{DestroyReason, Tombstone};
pub use crate::strength::{passphrase_strength, Strength};

/// The passphrase-encrypted master identity.
pub const IDENTITY_FILE: &str = "identity.age";
/// The folder of encrypted map documents.
pub const MAPS_DIR: &str = "maps";
/// The extension of a map file.
pub const MAP_EXT: &str = "age";

/// How often, at most, a save that changes nothing in the index still records the time.
const SEEN_RESOLUTION: Duration = Duration::hours(1);

const KEY_DAMAGED: &str = "This map could not be opened: its key in the vault's catalogue is \
     damaged. Your other maps are not affected.";
const FILE_MISSING: &str = "This map's file is missing from the data folder, so it cannot be \
     opened. If you have a backup of the data folder, restore it.";
const FILE_SWAPPED: &str = "This map could not be opened: its file has been replaced by another \
     map's file. Your other maps are not affected.";
const MAP_DAMAGED: &str = "This map could not be opened: its file is damaged or has been \
     replaced. Your other maps are not affected.";
const MASTER_DAMAGED: &str = "The vault's key file does not hold a valid key, so the vault \
     cannot be opened. If you have a backup of the data folder, restore it.";
const KEY_FILE_MISSING: &str = "The vault's key file is missing, so its maps cannot be opened. \
     If you have a backup of the data folder, restore it.";

/// Whether a vault exists in a data directory. (Unlocked is a [`Vault`] value, not a status.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultStatus {
    /// No vault yet: offer to create one.
    Absent,
    /// A vault exists: ask for the passphrase.
    Locked,
}

/// Whether `dir` holds a vault. A data folder with maps but no key file is an error, never
/// `Absent`, so the app never offers to create a vault over maps it cannot read.
pub fn vault_status(dir: &Path) -> Result<VaultStatus> {
    if dir.join(IDENTITY_FILE).is_file() {
        return Ok(VaultStatus::Locked);
    }
    if has_map_files(&dir.join(MAPS_DIR))? {
        return Err(Error::Corrupt(KEY_FILE_MISSING.into()));
    }
    Ok(VaultStatus::Absent)
}

/// One row of the map list, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapSummary {
    /// The map id.
    pub id: Uuid,
    /// The pseudonymous label (empty if `damaged`).
    pub label: String,
    /// When the map was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When its latest session was.
    #[serde(with = "time::serde::rfc3339")]
    pub last_session_at: OffsetDateTime,
    /// When it will be destroyed.
    #[serde(with = "time::serde::rfc3339")]
    pub retain_until: OffsetDateTime,
    /// Whole days until it is destroyed (0 = within a day; negative = overdue).
    pub days_left: i64,
    /// Not yet agreed to keep.
    pub is_draft: bool,
    /// Its list fields could not be read; it can still be destroyed. Dates are placeholders.
    pub damaged: bool,
}

/// What [`Vault::reconcile`] found and did. Counts only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    /// Map files with no index row: their key is gone, so they were unreadable; removed.
    pub orphan_files_removed: usize,
    /// Index rows whose map file is missing: kept (the key is never deleted silently).
    pub missing_files: usize,
    /// Leftover temp files of interrupted saves; removed.
    pub temp_files_removed: usize,
    /// Files in the maps folder that are not Peer Map's; left alone.
    pub unknown_files: usize,
    /// Whether the encrypted list catalogue had to be rebuilt.
    pub catalogue_rebuilt: bool,
}

/// What [`destroy_expired`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SweepReport {
    /// Maps destroyed because their retention date had passed.
    pub destroyed: usize,
    /// Files of maps destroyed earlier whose unlink had not happened (a sweep or deletion
    /// interrupted between its index commit and the unlink); removed now. Their keys were
    /// already gone, so they were unreadable.
    pub leftover_files_removed: usize,
}

/// What `peermap status` prints: counts and one date, never a label or any content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultCounts {
    /// Maps in the vault (kept and drafts).
    pub maps_held: usize,
    /// The earliest retention date of any map.
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_destruction: Option<OffsetDateTime>,
    /// Maps whose retention date falls within 30 days of now (or has already passed).
    pub due_within_30_days: usize,
    /// Tombstones per reason, every reason listed (0 when none).
    pub tombstones: BTreeMap<&'static str, usize>,
}

/// Every reason a map can be destroyed for, in the order `status` lists them.
pub const DESTROY_REASONS: [DestroyReason; 4] = [
    DestroyReason::RetentionExpired,
    DestroyReason::ConsentWithdrawn,
    DestroyReason::NotKept,
    DestroyReason::DeletedByPractitioner,
];

/// An unlocked vault. Dropping it (or [`Vault::lock`]) drops every key and zeroizes the
/// decrypted list fields.
pub struct Vault {
    dir: PathBuf,
    master: Identity,
    master_recipient: Recipient,
    index: Index,
    catalogue: Catalogue,
    latest_seen: Option<OffsetDateTime>,
    writer: Box<dyn ByteWriter>,
    /// Each map's public recipient once known, so a save need not decrypt its key again.
    /// Public keys: nothing secret here.
    recipients: std::collections::HashMap<Uuid, Recipient>,
    last_reconcile: Option<ReconcileReport>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("maps", &self.catalogue.maps.len())
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Create a new vault in `dir` (made if missing) protected by `passphrase`.
    ///
    /// Refuses a weak passphrase ([`Error::InvalidInput`] with hints) and a folder that already
    /// holds a vault or map files ([`Error::VaultExists`]).
    pub fn create(dir: &Path, passphrase: &SecretString, now: OffsetDateTime) -> Result<Vault> {
        check_strength(passphrase)?;
        if dir.join(IDENTITY_FILE).exists() || has_map_files(&dir.join(MAPS_DIR))? {
            return Err(Error::VaultExists);
        }
        make_private_dir(dir)?;
        make_private_dir(&dir.join(MAPS_DIR))?;
        // A catalogue without a key file is what an interrupted creation leaves behind. It
        // holds no maps (there are no map files), so it is safe to start again.
        for leftover in ["", "-wal", "-shm"] {
            remove_if_present(&dir.join(format!("{}{leftover}", index::FILE_NAME)))?;
        }

        let master = crypto::generate_identity();
        let line = identity_file_text(&master);
        let encrypted = crypto::encrypt_with_passphrase(
            passphrase,
            line.as_bytes(),
            crypto::PASSPHRASE_WORK_FACTOR,
        )?;
        let mut index = Index::create(&dir.join(index::FILE_NAME))?;
        index.note_seen(now)?;
        // The key file is written last: until it exists the folder is not a vault.
        atomic::write_atomic(dir, IDENTITY_FILE, &encrypted)?;
        let mut vault = Vault::assemble(dir, master, index)?;
        vault.save_catalogue()?;
        Ok(vault)
    }

    /// Unlock the vault in `dir`. Runs [`Vault::reconcile`] before returning.
    ///
    /// A wrong passphrase is [`Error::WrongPassphrase`]; nothing is ever deleted because of it.
    ///
    /// Reconciliation problems do not stop the unlock (a stray file Peer Map cannot remove must
    /// not lock the practitioner out of every map): see [`Vault::last_reconcile`].
    pub fn unlock(dir: &Path, passphrase: &SecretString, now: OffsetDateTime) -> Result<Vault> {
        let master = read_master(dir, passphrase)?;
        Vault::open_unlocked(dir, master, now)
    }

    fn open_unlocked(dir: &Path, master: Identity, now: OffsetDateTime) -> Result<Vault> {
        let mut index = Index::open(&dir.join(index::FILE_NAME))?;
        // Best effort: a full disk must not stop anyone reading their maps.
        let _ = index.note_seen(now);
        let mut vault = Vault::assemble(dir, master, index)?;
        vault.latest_seen = Some(effective_now(now, vault.latest_seen));
        vault.last_reconcile = vault.reconcile().ok();
        Ok(vault)
    }

    /// What the reconciliation run by unlock found, or `None` if it could not finish (call
    /// [`Vault::reconcile`] to see the error).
    pub fn last_reconcile(&self) -> Option<ReconcileReport> {
        self.last_reconcile
    }

    /// Unlock with the master identity itself instead of the passphrase (crash tests, which
    /// must not spend a scrypt derivation on each of hundreds of child processes; and
    /// recovery tools). Whoever holds the identity can read everything anyway.
    #[doc(hidden)]
    pub fn unlock_with_identity(
        dir: &Path,
        master: Identity,
        now: OffsetDateTime,
    ) -> Result<Vault> {
        Vault::open_unlocked(dir, master, now)
    }

    fn assemble(dir: &Path, master: Identity, index: Index) -> Result<Vault> {
        let master_recipient = master.to_public();
        let latest_seen = index.latest_seen()?;
        let catalogue = index
            .catalogue()?
            .and_then(|body| Catalogue::decrypt(&master, &body))
            .unwrap_or_default();
        Ok(Vault {
            dir: dir.to_path_buf(),
            master,
            master_recipient,
            index,
            catalogue,
            latest_seen,
            writer: Box::new(PlainWriter),
            recipients: std::collections::HashMap::new(),
            last_reconcile: None,
        })
    }

    /// Re-encrypt `identity.age` with a new passphrase, atomically. Maps are untouched.
    pub fn change_passphrase(&mut self, old: &SecretString, new: &SecretString) -> Result<()> {
        let current = read_master(&self.dir, old)?;
        if current.to_public().to_string() != self.master_recipient.to_string() {
            return Err(Error::Corrupt(MASTER_DAMAGED.into()));
        }
        check_strength(new)?;
        let line = identity_file_text(&self.master);
        let encrypted =
            crypto::encrypt_with_passphrase(new, line.as_bytes(), crypto::PASSPHRASE_WORK_FACTOR)?;
        atomic::write_atomic_with(self.writer.as_ref(), &self.dir, IDENTITY_FILE, &encrypted)
    }

    /// The instant to use for `now`: never earlier than what the vault has already seen.
    /// The vault's settings (defaults where none are stored yet).
    pub fn settings(&self) -> Result<crate::settings::Settings> {
        let stored = self.index.setting(crate::settings::KEY)?;
        Ok(crate::settings::Settings::from_stored(stored.as_deref()))
    }

    /// Change the vault's settings; refused with a plain message if a value is out of range.
    pub fn set_settings(&mut self, settings: &crate::settings::Settings) -> Result<()> {
        let text = settings.to_stored()?;
        self.index.set_setting(crate::settings::KEY, &text)
    }

    pub fn effective_now(&self, now: OffsetDateTime) -> OffsetDateTime {
        effective_now(now, self.latest_seen)
    }

    /// Every map, newest session first.
    pub fn list_maps(&self, now: OffsetDateTime) -> Result<Vec<MapSummary>> {
        let now = self.effective_now(now);
        let mut out = Vec::new();
        for (id, retain_until) in self.index.retention_dates()? {
            let days_left = (retain_until - now).whole_seconds().div_euclid(86_400);
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
        self.write_map_file(&key.to_public(), &doc)?;

        let meta = Meta::of(&doc);
        let row = MapRow {
            id,
            wrapped_key,
            retain_until: doc.retention.until,
            meta: meta.encrypt(&self.master_recipient)?,
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
        self.recipients.insert(id, key.to_public());
        self.note_seen_locally(now);
        Ok(doc)
    }

    /// Open a map. A file whose inner id does not match its name and row (a swapped or foreign
    /// file) is refused as [`Error::Corrupt`], as is any damage.
    pub fn open_map(&self, id: Uuid) -> Result<MapDocument> {
        let row = self.index.map_row(id)?.ok_or(Error::NotFound)?;
        let key = self.unwrap_key(&row)?;
        let bytes = match crypto::read_file_bounded(&self.map_path(id)) {
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
        let doc = document::restore(&plain).map_err(|e| match e {
            Error::TooNew(m) => Error::TooNew(m),
            _ => Error::Corrupt(MAP_DAMAGED.into()),
        })?;
        if doc.id != id {
            return Err(Error::Corrupt(FILE_SWAPPED.into()));
        }
        Ok(doc)
    }

    /// Validate, encrypt to the map's own key and write atomically; then update the index's
    /// list fields and retention date if they changed. Returns only once the save is durable.
    pub fn save_map(&mut self, doc: &MapDocument, now: OffsetDateTime) -> Result<()> {
        let now = self.effective_now(now);
        let row = self.index.map_row(doc.id)?.ok_or(Error::NotFound)?;
        let recipient = match self.recipients.get(&doc.id) {
            Some(r) => r.clone(),
            None => {
                let r = self.unwrap_key(&row)?.to_public();
                self.recipients.insert(doc.id, r.clone());
                r
            }
        };
        // to_json validates first.
        self.write_map_file(&recipient, doc)?;

        let meta = Meta::of(doc);
        let meta_changed = self.catalogue.maps.get(&doc.id) != Some(&meta);
        let notify = notify_json(doc);
        let index_changed = meta_changed
            || row.retain_until != doc.retention.until
            || self.index.map_notify(doc.id)?.as_deref() != Some(notify.as_str());
        if index_changed {
            let catalogue = self.catalogue.with(doc.id, meta.clone());
            let body = catalogue.encrypt(&self.master_recipient)?;
            self.index.update_map(
                doc.id,
                doc.retention.until,
                &meta.encrypt(&self.master_recipient)?,
                &notify,
                Some(&body),
                Some(now),
            )?;
            self.catalogue = catalogue;
        } else if self
            .latest_seen
            .is_none_or(|seen| now - seen >= SEEN_RESOLUTION)
        {
            self.index.note_seen(now)?;
        }
        self.note_seen_locally(now);
        Ok(())
    }

    /// Destroy a map: delete its index row (the only copy of its key) with a tombstone, empty
    /// the WAL, then unlink the file. A copy of the file left anywhere stays unreadable.
    pub fn destroy_map(
        &mut self,
        id: Uuid,
        reason: DestroyReason,
        now: OffsetDateTime,
    ) -> Result<()> {
        let now = self.effective_now(now);
        let catalogue = self.catalogue.without(id);
        let body = catalogue.encrypt(&self.master_recipient)?;
        if !self.index.delete_map(id, reason, now, Some(&body))? {
            return Err(Error::NotFound);
        }
        self.catalogue = catalogue;
        self.recipients.remove(&id);
        self.note_seen_locally(now);
        remove_if_present(&self.map_path(id))?;
        atomic::sync_dir(&self.dir.join(MAPS_DIR))
    }

    /// Destroy every map whose retention date has passed, through the unlocked vault, so its
    /// list catalogue stays valid (the hourly sweep while the app is open). Also finishes any
    /// unlink an earlier interrupted destruction left undone.
    pub fn sweep(&mut self, now: OffsetDateTime) -> Result<SweepReport> {
        let now = self.effective_now(now);
        let expired = self.index.expired(now)?;
        let mut report = SweepReport::default();
        if expired.is_empty() {
            if self
                .latest_seen
                .is_none_or(|seen| now - seen >= SEEN_RESOLUTION)
            {
                self.index.note_seen(now)?;
            }
        } else {
            let mut catalogue = self.catalogue.clone();
            for id in &expired {
                catalogue.maps.remove(id);
            }
            let body = catalogue.encrypt(&self.master_recipient)?;
            report.destroyed = self.index.delete_maps_with_catalogue(
                &expired,
                DestroyReason::RetentionExpired,
                now,
                Some(&body),
            )?;
            self.catalogue = catalogue;
            for id in &expired {
                self.recipients.remove(id);
            }
        }
        self.note_seen_locally(now);
        report.leftover_files_removed =
            finish_unlinks(&self.index, &self.dir.join(MAPS_DIR), &expired)?;
        Ok(report)
    }

    /// Destroy every map in one transaction (the emergency "delete everything"): rows gone
    /// with a tombstone each, WAL checkpointed, files unlinked. Returns how many.
    pub fn destroy_all(&mut self, reason: DestroyReason, now: OffsetDateTime) -> Result<usize> {
        let now = self.effective_now(now);
        let ids = self.index.map_ids()?;
        let body = Catalogue::default().encrypt(&self.master_recipient)?;
        let destroyed = self
            .index
            .delete_maps_with_catalogue(&ids, reason, now, Some(&body))?;
        self.catalogue = Catalogue::default();
        self.recipients.clear();
        self.note_seen_locally(now);
        finish_unlinks(&self.index, &self.dir.join(MAPS_DIR), &ids)?;
        Ok(destroyed)
    }

    /// Bring the folder and the index back in step after a crash or outside interference.
    ///
    /// - a map file without a row can never be read again (its key is gone): removed;
    /// - a row without a file is reported and kept (deleting the key must be a decision);
    /// - leftover temp files are removed; files that are not ours are left alone;
    /// - the encrypted list catalogue is rebuilt if it no longer matches the rows.
    pub fn reconcile(&mut self) -> Result<ReconcileReport> {
        let mut report = ReconcileReport::default();
        let maps_dir = self.dir.join(MAPS_DIR);
        make_private_dir(&maps_dir)?;
        report.temp_files_removed =
            atomic::remove_temp_files(&self.dir)? + atomic::remove_temp_files(&maps_dir)?;

        let row_ids: BTreeSet<Uuid> = self.index.map_ids()?.into_iter().collect();
        let mut file_ids = BTreeSet::new();
        for entry in fs::read_dir(&maps_dir).map_err(|e| Error::storage(&e))? {
            let entry = entry.map_err(|e| Error::storage(&e))?;
            match map_id_of(&entry.file_name()) {
                Some(id) if row_ids.contains(&id) => {
                    file_ids.insert(id);
                }
                Some(_) => {
                    fs::remove_file(entry.path()).map_err(|e| Error::storage(&e))?;
                    report.orphan_files_removed += 1;
                }
                None => report.unknown_files += 1,
            }
        }
        if report.orphan_files_removed > 0 {
            atomic::sync_dir(&maps_dir)?;
        }
        report.missing_files = row_ids.difference(&file_ids).count();

        // The catalogue must hold exactly the rows' maps.
        let stale = self.catalogue.maps.keys().any(|id| !row_ids.contains(id));
        let missing: Vec<Uuid> = row_ids
            .iter()
            .filter(|id| !self.catalogue.maps.contains_key(id))
            .copied()
            .collect();
        let mut rebuilt = stale;
        if stale {
            self.catalogue.maps.retain(|id, _| row_ids.contains(id));
        }
        for id in missing {
            let Some(row) = self.index.map_row(id)? else {
                continue;
            };
            if let Some(meta) = self.recover_meta(&row) {
                self.catalogue.maps.insert(id, meta);
                rebuilt = true;
            }
        }
        if rebuilt {
            self.save_catalogue()?;
            report.catalogue_rebuilt = true;
        }
        Ok(report)
    }

    /// Lock: drop every key and zeroize decrypted list fields.
    pub fn lock(self) {
        drop(self);
    }

    /// Tombstones of destroyed maps, oldest first.
    pub fn tombstones(&self) -> Result<Vec<Tombstone>> {
        self.index.tombstones()
    }

    /// The data directory this vault lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The master identity, for other files encrypted to it (crate::receiving).
    pub(crate) fn master_identity(&self) -> &Identity {
        &self.master
    }

    /// The master recipient, for other files encrypted to it (crate::receiving).
    pub(crate) fn master_recipient(&self) -> &Recipient {
        &self.master_recipient
    }

    /// How bytes reach the disk (see [`Vault::set_byte_writer`]).
    pub(crate) fn byte_writer(&self) -> &dyn ByteWriter {
        self.writer.as_ref()
    }

    /// Replace how bytes reach the disk (tests inject failures; see [`atomic::FailAfter`]).
    #[doc(hidden)]
    pub fn set_byte_writer(&mut self, writer: Box<dyn ByteWriter>) {
        self.writer = writer;
    }

    /// Add `n` rows with real wrapped keys and list fields but no map files, in one
    /// transaction (benchmarks of listing 10,000 maps). Not for the app.
    #[doc(hidden)]
    pub fn seed_rows_for_benchmark(
        &mut self,
        n: usize,
        now: OffsetDateTime,
        retain_until: OffsetDateTime,
    ) -> Result<()> {
        let mut rows = Vec::with_capacity(n);
        let mut catalogue = self.catalogue.clone();
        for i in 0..n {
            let id = Uuid::new_v4();
            let key = crypto::generate_identity();
            let meta = Meta {
                label: format!("Bench {i:05}"),
                created_at: now,
                last_session_at: now,
                is_draft: i % 2 == 0,
            };
            rows.push(MapRow {
                id,
                wrapped_key: crypto::encrypt_to(
                    &self.master_recipient,
                    identity_file_text(&key).as_bytes(),
                )?,
                retain_until,
                meta: meta.encrypt(&self.master_recipient)?,
            });
            catalogue.maps.insert(id, meta);
        }
        let body = catalogue.encrypt(&self.master_recipient)?;
        self.index.insert_maps(&rows, &body)?;
        self.catalogue = catalogue;
        Ok(())
    }

    /// Forget the in-memory catalogue and rebuild it from every row's `meta`, as a vault
    /// whose catalogue row was dropped by a locked sweep would (benchmarks).
    #[doc(hidden)]
    pub fn rebuild_catalogue_for_benchmark(&mut self) -> Result<ReconcileReport> {
        self.catalogue = Catalogue::default();
        self.reconcile()
    }

    fn map_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(MAPS_DIR).join(map_file_name(id))
    }

    fn unwrap_key(&self, row: &MapRow) -> Result<Identity> {
        crypto::try_decrypt(&self.master, &row.wrapped_key)
            .and_then(|line| crypto::parse_identity(&line))
            .ok_or_else(|| Error::Corrupt(KEY_DAMAGED.into()))
    }

    fn write_map_file(&self, recipient: &Recipient, doc: &MapDocument) -> Result<()> {
        let json = doc.to_json()?;
        let encrypted = crypto::encrypt_to(recipient, &json)?;
        drop(json);
        atomic::write_atomic_with(
            self.writer.as_ref(),
            &self.dir.join(MAPS_DIR),
            &map_file_name(doc.id),
            &encrypted,
        )
    }

    /// A row's list fields: from its `meta`, or failing that from the map itself (which also
    /// repairs the row's `meta`).
    fn recover_meta(&mut self, row: &MapRow) -> Option<Meta> {
        if let Some(meta) = Meta::decrypt(&self.master, &row.meta) {
            return Some(meta);
        }
        let doc = self.open_map(row.id).ok()?;
        let meta = Meta::of(&doc);
        let encrypted = meta.encrypt(&self.master_recipient).ok()?;
        self.index
            .update_map(
                row.id,
                row.retain_until,
                &encrypted,
                &notify_json(&doc),
                None,
                None,
            )
            .ok()?;
        Some(meta)
    }

    fn save_catalogue(&mut self) -> Result<()> {
        let body = self.catalogue.encrypt(&self.master_recipient)?;
        self.index.set_catalogue(&body)
    }

    fn note_seen_locally(&mut self, at: OffsetDateTime) {
        self.latest_seen = Some(effective_now(at, self.latest_seen));
    }
}

/// Destroy every map whose retention date has passed, without unlocking (the headless sweep).
///
/// Uses the later of `now` and the latest instant the vault has seen. Because the list
/// catalogue cannot be re-encrypted while locked, it is dropped and rebuilt at the next unlock,
/// so no destroyed map's label survives even in encrypted form.
pub fn destroy_expired(dir: &Path, now: OffsetDateTime) -> Result<SweepReport> {
    if vault_status(dir)? == VaultStatus::Absent {
        return Ok(SweepReport::default());
    }
    let mut index = Index::open(&dir.join(index::FILE_NAME))?;
    let now = effective_now(now, index.latest_seen()?);
    index.note_seen(now)?;
    let expired = index.expired(now)?;
    let destroyed = index.delete_maps(&expired, DestroyReason::RetentionExpired, now)?;
    if destroyed == 0 {
        // A sweep killed after its commit but before its checkpoint left the deleted rows'
        // old pages behind the WAL: checkpoint now. Best effort: an open app reading at this
        // moment only delays it to the next sweep, and closing the last connection does it too.
        let _ = index.checkpoint_truncate();
    }
    let leftover_files_removed = finish_unlinks(&index, &dir.join(MAPS_DIR), &expired)?;
    Ok(SweepReport {
        destroyed,
        leftover_files_removed,
    })
}

/// Unlink the files of maps just destroyed, and of any map destroyed earlier (it has a
/// tombstone and no row) whose file is still there because that destruction was interrupted
/// after its index commit. Returns how many earlier leftovers were removed.
fn finish_unlinks(index: &Index, maps_dir: &Path, just_destroyed: &[Uuid]) -> Result<usize> {
    let mut removed_any = false;
    for id in just_destroyed {
        removed_any |= remove_if_exists(&maps_dir.join(map_file_name(*id)))?;
    }
    let live: BTreeSet<Uuid> = index.map_ids()?.into_iter().collect();
    let just: BTreeSet<Uuid> = just_destroyed.iter().copied().collect();
    let mut leftovers = 0;
    let destroyed: BTreeSet<Uuid> = index.tombstones()?.into_iter().map(|t| t.map_id).collect();
    for id in destroyed {
        if live.contains(&id) || just.contains(&id) {
            continue;
        }
        if remove_if_exists(&maps_dir.join(map_file_name(id)))? {
            leftovers += 1;
            removed_any = true;
        }
    }
    if removed_any {
        atomic::sync_dir(maps_dir)?;
    }
    Ok(leftovers)
}

/// Counts for `peermap status`, read while locked (clear columns only). Uses the later of
/// `now` and the latest instant the vault has seen, and records nothing.
pub fn vault_counts(dir: &Path, now: OffsetDateTime) -> Result<VaultCounts> {
    if vault_status(dir)? == VaultStatus::Absent {
        return Err(Error::NoVault);
    }
    let index = Index::open(&dir.join(index::FILE_NAME))?;
    let now = effective_now(now, index.latest_seen()?);
    let dates = index.retention_dates()?;
    let soon = now + Duration::days(30);
    let mut tombstones: BTreeMap<&'static str, usize> =
        DESTROY_REASONS.iter().map(|r| (r.as_str(), 0)).collect();
    for t in index.tombstones()? {
        *tombstones.entry(t.reason.as_str()).or_default() += 1;
    }
    Ok(VaultCounts {
        maps_held: dates.len(),
        next_destruction: dates.iter().map(|(_, until)| *until).min(),
        due_within_30_days: dates.iter().filter(|(_, until)| *until <= soon).count(),
        tombstones,
    })
}

/// A map's list fields: what `meta` holds (encrypted) and the catalogue holds for every map.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Meta {
    label: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_session_at: OffsetDateTime,
    is_draft: bool,
}

impl Drop for Meta {
    fn drop(&mut self) {
        self.label.zeroize();
    }
}

impl Meta {
    fn of(doc: &MapDocument) -> Meta {
        Meta {
            label: doc.label.clone(),
            created_at: doc.created_at,
            last_session_at: doc.latest().session_at,
            is_draft: doc.is_draft(),
        }
    }

    fn encrypt(&self, to: &Recipient) -> Result<Vec<u8>> {
        crypto::encrypt_to(to, &json_zeroizing(self)?)
    }

    fn decrypt(master: &Identity, blob: &[u8]) -> Option<Meta> {
        let plain = crypto::try_decrypt(master, blob)?;
        serde_json::from_slice(&plain).ok()
    }
}

/// Every map's list fields, decrypted, while the vault is unlocked.
#[derive(Clone, Default)]
struct Catalogue {
    maps: BTreeMap<Uuid, Meta>,
}

/// One catalogue entry as written (borrowing, so no extra copy of a label is made).
#[derive(Serialize)]
struct CatalogueEntryOut<'a> {
    id: Uuid,
    label: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_session_at: OffsetDateTime,
    is_draft: bool,
}

/// One catalogue entry as read; its label moves into a [`Meta`].
#[derive(Deserialize)]
struct CatalogueEntryIn {
    id: Uuid,
    label: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_session_at: OffsetDateTime,
    is_draft: bool,
}

#[derive(Serialize)]
struct CatalogueFileOut<'a> {
    version: u32,
    maps: Vec<CatalogueEntryOut<'a>>,
}

#[derive(Deserialize)]
struct CatalogueFileIn {
    version: u32,
    maps: Vec<CatalogueEntryIn>,
}

impl Catalogue {
    fn with(&self, id: Uuid, meta: Meta) -> Catalogue {
        let mut next = self.clone();
        next.maps.insert(id, meta);
        next
    }

    fn without(&self, id: Uuid) -> Catalogue {
        let mut next = self.clone();
        next.maps.remove(&id);
        next
    }

    fn encrypt(&self, to: &Recipient) -> Result<Vec<u8>> {
        let file = CatalogueFileOut {
            version: 1,
            maps: self
                .maps
                .iter()
                .map(|(id, meta)| CatalogueEntryOut {
                    id: *id,
                    label: &meta.label,
                    created_at: meta.created_at,
                    last_session_at: meta.last_session_at,
                    is_draft: meta.is_draft,
                })
                .collect(),
        };
        crypto::encrypt_to(to, &json_zeroizing(&file)?)
    }

    /// `None` if the body cannot be read; the caller rebuilds from the rows.
    fn decrypt(master: &Identity, body: &[u8]) -> Option<Catalogue> {
        let plain = crypto::try_decrypt(master, body)?;
        let file: CatalogueFileIn = serde_json::from_slice(&plain).ok()?;
        if file.version != 1 {
            return None;
        }
        Some(Catalogue {
            maps: file
                .maps
                .into_iter()
                .map(|e| {
                    let meta = Meta {
                        label: e.label,
                        created_at: e.created_at,
                        last_session_at: e.last_session_at,
                        is_draft: e.is_draft,
                    };
                    (e.id, meta)
                })
                .collect(),
        })
    }
}

/// Serialise into a buffer sized exactly once (growth would leave plaintext in freed memory).
fn json_zeroizing<T: Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>> {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(|_| Error::Internal("json-size"))?;
    let mut buf = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *buf, value).map_err(|_| Error::Internal("json-write"))?;
    Ok(buf)
}

/// The recipients a map has been agreed to be shared with, role and team only, as JSON.
fn notify_json(doc: &MapDocument) -> String {
    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
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

fn identity_file_text(identity: &Identity) -> Zeroizing<String> {
    let line = crypto::identity_line(identity);
    let mut text = Zeroizing::new(String::with_capacity(line.expose_secret().len() + 1));
    text.push_str(line.expose_secret());
    text.push('\n');
    text
}

fn read_master(dir: &Path, passphrase: &SecretString) -> Result<Identity> {
    let encrypted = match crypto::read_file_bounded(&dir.join(IDENTITY_FILE)) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Error::NoVault),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Err(Error::Corrupt(MASTER_DAMAGED.into()))
        }
        Err(e) => return Err(Error::storage(&e)),
    };
    let plain = crypto::decrypt_with_passphrase(passphrase, &encrypted)?;
    crypto::parse_identity(&plain).ok_or_else(|| Error::Corrupt(MASTER_DAMAGED.into()))
}

fn check_strength(passphrase: &SecretString) -> Result<()> {
    let strength = passphrase_strength(passphrase.expose_secret());
    if strength.acceptable {
        return Ok(());
    }
    let mut message = String::from(
        "Choose a stronger passphrase. It protects every map, and a forgotten one cannot be \
         recovered.",
    );
    for hint in strength.feedback {
        message.push(' ');
        message.push_str(&hint);
    }
    Err(Error::InvalidInput(message))
}

fn map_file_name(id: Uuid) -> String {
    format!("{}.{MAP_EXT}", id.hyphenated())
}

fn map_id_of(name: &std::ffi::OsStr) -> Option<Uuid> {
    let name = name.to_str()?;
    let stem = name.strip_suffix(".age")?;
    let id = Uuid::parse_str(stem).ok()?;
    (map_file_name(id) == name).then_some(id)
}

fn has_map_files(maps_dir: &Path) -> Result<bool> {
    match fs::read_dir(maps_dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| Error::storage(&e))?;
                if map_id_of(&entry.file_name()).is_some() {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::storage(&e)),
    }
}

fn make_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| Error::storage(&e))
}

/// Like [`remove_if_present`], saying whether there was a file.
fn remove_if_exists(path: &Path) -> Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::storage(&e)),
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::storage(&e)),
    }
}
