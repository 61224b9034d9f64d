//! The vault: what the Tauri shell calls to create, unlock, list, open, save and destroy maps.
//!
//! On disk (DESIGN.md §3):
//!
//! ```text
//! identity.age        master X25519 identity line, passphrase-encrypted (scrypt, work factor 18)
//! index.sqlite3       maps(id, wrapped_key, retain_until, meta, notify), tombstones,
//!                     vault_state, catalogue
//! maps/<id>.age       one map document, encrypted to that map's own X25519 recipient
//! ../<dir>.ledger     beside the data folder: the destruction ledger (`ledger.rs`)
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

mod cache;
mod catalogue;
mod clock;
mod destroy;
mod events;
mod files;
mod headless;
#[cfg(any(test, feature = "test-hooks"))]
mod hooks;
mod integrity;
mod ledger;
mod maps;
mod pending;
mod public_key;
mod seal;

use std::io;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::atomic::{self, ByteWriter, PlainWriter};
use crate::clock::effective_now;
use crate::crypto::{self, Identity, Recipient};
use crate::index::{self, Index, MapRow};
use crate::{Error, Result};

use cache::DocCache;
use catalogue::Catalogue;
use files::{has_map_files, make_private_dir, map_file_name, remove_if_present};

pub use crate::index::{DestroyReason, Tombstone};
pub use crate::strength::{passphrase_strength, Strength};
pub use clock::{clock_check_locked, ClockCheck, ClockCorrected};
pub use destroy::{ReconcileReport, SweepReport};
pub use events::{VaultEvent, VaultEventKind};
pub use headless::{
    destroy_expired, vault_counts, vault_status, VaultCounts, VaultStatus, DESTROY_REASONS,
};
pub use ledger::ledger_path;
pub use maps::MapSummary;
pub use public_key::{open_index_locked, PUBLIC_KEY_FILE};

/// The passphrase-encrypted master identity.
pub const IDENTITY_FILE: &str = "identity.age";
/// The folder of encrypted map documents.
pub const MAPS_DIR: &str = "maps";
/// Map files found without an index row are moved here by [`Vault::reconcile`], never deleted
/// (0700; files 0600). Restoring `index.sqlite3` from a backup and moving them back into
/// `maps/` makes them readable again (docs/RECOVERY.md).
pub const QUARANTINE_DIR: &str = "quarantine";
/// The extension of a map file.
pub const MAP_EXT: &str = "age";

/// How often, at most, a save that changes nothing in the index still records the time.
const SEEN_RESOLUTION: Duration = Duration::hours(1);

const KEY_DAMAGED: &str = "This map could not be opened: its key in the vault's catalogue is \
     damaged. Your other maps are not affected.";
const MASTER_DAMAGED: &str = "The vault's key file does not hold a valid key, so the vault \
     cannot be opened. If you have a backup of the data folder, restore it.";

/// An unlocked vault. Dropping it (or [`Vault::lock`]) drops every key and zeroizes the
/// decrypted list fields.
pub struct Vault {
    dir: PathBuf,
    master: Identity,
    master_recipient: Recipient,
    index: Index,
    catalogue: Catalogue,
    latest_seen: Option<OffsetDateTime>,
    /// The instant last sealed in (or read from) `latest_seen_sealed` (see [`clock`]).
    sealed_seen: Option<OffsetDateTime>,
    writer: Box<dyn ByteWriter>,
    /// Each map's public recipient once known, so a save need not decrypt its key again.
    /// Public keys: nothing secret here.
    recipients: std::collections::HashMap<Uuid, KnownKey>,
    /// The last document saved or opened for each map (see [`cache`]); zeroized on drop.
    docs: DocCache,
    /// The seal each map's `meta` holds, once read or written (see [`seal`]).
    seals: seal::SealCache,
    last_reconcile: Option<ReconcileReport>,
}

/// A map's public recipient, and the wrapped key it was made or unwrapped from.
struct KnownKey {
    recipient: Recipient,
    /// The row's `wrapped_key` this recipient belongs to (ciphertext, not secret).
    wrapped_key: Vec<u8>,
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
        index.set_vault_fingerprint(&fingerprint(&master.to_public()))?;
        index.note_seen(now)?;
        public_key::write_public_key(dir, &master.to_public())?;
        // The key file is written last: until it exists the folder is not a vault.
        atomic::write_atomic(dir, IDENTITY_FILE, &encrypted)?;
        let mut vault = Vault::assemble(dir, master, index)?;
        vault.save_catalogue()?;
        vault.seal_latest_seen();
        Ok(vault)
    }

    /// Unlock the vault in `dir`. Runs [`Vault::reconcile`] before returning, then the
    /// integrity checks (sealed retention dates, the destruction ledger; `integrity.rs`).
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
        let index = Index::open(&dir.join(index::FILE_NAME))?;
        check_binding(dir, &index, &master)?;
        public_key::repair_public_key(dir, &master.to_public());
        let mut vault = Vault::assemble(dir, master, index)?;
        // The later of the clear and sealed latest seen instants, before `now` is judged by it.
        vault.guard_latest_seen(now);
        // Best effort: a full disk must not stop anyone reading their maps.
        let _ = vault.index.note_seen(now);
        vault.note_seen_locally(now);
        // Best effort, like reconciliation: a save a crash interrupted is finished first.
        let _ = vault.finish_interrupted_saves();
        vault.last_reconcile = vault.reconcile().ok();
        // Like reconciliation, best effort: what it cannot finish now, the next unlock redoes.
        let mut integrity = ReconcileReport::default();
        let checked = vault.check_integrity(now, &mut integrity);
        if let (Ok(()), Some(report)) = (checked, vault.last_reconcile.as_mut()) {
            report.retention_restored = integrity.retention_restored;
            report.destroyed_again = integrity.destroyed_again;
            report.ledger_entries_ignored = integrity.ledger_entries_ignored;
        }
        Ok(vault)
    }

    /// What the reconciliation run by unlock found, or `None` if it could not finish (call
    /// [`Vault::reconcile`] to see the error).
    pub fn last_reconcile(&self) -> Option<ReconcileReport> {
        self.last_reconcile
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
            sealed_seen: None,
            writer: Box::new(PlainWriter),
            recipients: std::collections::HashMap::new(),
            docs: DocCache::default(),
            seals: seal::SealCache::default(),
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

    /// The instant to use for `now`: never earlier than what the vault has already seen. A
    /// suspect instant (see [`crate::clock::CLOCK_JUMP_LIMIT`]) is returned as it is, but it is
    /// never recorded as the latest instant seen, and sweeps do not destroy by it.
    pub fn effective_now(&self, now: OffsetDateTime) -> OffsetDateTime {
        effective_now(now, self.latest_seen)
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

    fn map_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(MAPS_DIR).join(map_file_name(id))
    }

    fn unwrap_key(&self, row: &MapRow) -> Result<Identity> {
        crypto::try_decrypt(&self.master, &row.wrapped_key)
            .and_then(|line| crypto::parse_identity(&line))
            .ok_or_else(|| Error::Corrupt(KEY_DAMAGED.into()))
    }

    fn save_catalogue(&mut self) -> Result<()> {
        let body = self.catalogue.encrypt(&self.master_recipient)?;
        self.index.set_catalogue(&body)
    }

    /// Refuse to go on if the index on disk is no longer bound to this vault's key (replaced
    /// while the vault was open): nothing may be destroyed through a foreign index.
    fn check_bound(&self) -> Result<()> {
        match self.index.vault_fingerprint()? {
            Some(found) if found == fingerprint(&self.master_recipient) => Ok(()),
            _ => Err(Error::Corrupt(index::NOT_THIS_VAULT.into())),
        }
    }
}

/// The fingerprint binding an index to its vault: SHA-256 (lower-case hex) of the master
/// recipient's `age1…` string. Public: the recipient is a public key.
fn fingerprint(recipient: &Recipient) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(recipient.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `index` belongs to the vault whose key is `master`. An index bound to another key
/// is refused. One with no binding yet (format v1, before its first unlock) is bound now, but
/// only if it proves to be this vault's: a row whose key this master decrypts, or no rows and
/// no map files. Refusing changes nothing on disk.
fn check_binding(dir: &Path, index: &Index, master: &Identity) -> Result<()> {
    let mine = fingerprint(&master.to_public());
    let refused = || Error::Corrupt(index::NOT_THIS_VAULT.into());
    match index.vault_fingerprint()? {
        Some(found) if found == mine => return Ok(()),
        Some(_) => return Err(refused()),
        None => {}
    }
    let ids = index.map_ids()?;
    let proven = if ids.is_empty() {
        !has_map_files(&dir.join(MAPS_DIR))?
    } else {
        let mut any = false;
        for id in ids {
            if let Some(row) = index.map_row(id)? {
                if crypto::try_decrypt(master, &row.wrapped_key).is_some() {
                    any = true;
                    break;
                }
            }
        }
        any
    };
    if !proven {
        return Err(refused());
    }
    // Best effort, like recording the time: the checks above hold at every unlock until it
    // is written.
    let _ = index.set_vault_fingerprint(&mine);
    Ok(())
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
