//! `index.sqlite3`: the vault's catalogue (DESIGN.md §3).
//!
//! Every connection gets the same pragmas; the schema is created and upgraded by ordered
//! migrations applied in one transaction and recorded in `user_version`; a database written
//! by a newer Peer Map is refused rather than guessed at.

mod destroy;
mod events;
mod integrity;
mod maps;
mod pending;
mod seen;
mod state;

#[allow(unused_imports)] // for writers that log an event with their own change
pub(crate) use events::append_event_tx;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Error, Result};

/// The file name inside the data directory.
pub const FILE_NAME: &str = "index.sqlite3";

/// Migrations in order; migration `i` takes `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_vault_events.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The pragmas every connection runs, in order (DESIGN.md §3).
pub const PRAGMAS: &[(&str, &str)] = &[
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("secure_delete", "ON"),
    ("temp_store", "MEMORY"),
    ("foreign_keys", "ON"),
];

const LATEST_SEEN: &str = "latest_seen";
/// `vault_state` key of the sealed copy of `latest_seen`: the same instant, encrypted to the
/// master recipient (ASCII-armored age), so lowering the clear value is noticed at unlock.
const LATEST_SEEN_SEALED: &str = "latest_seen_sealed";
/// `vault_state` key of the SHA-256 (hex) of the vault's master recipient: the index belongs
/// to the vault whose passphrase unlocks that key. See [`Index::vault_fingerprint`].
const VAULT_FINGERPRINT: &str = "vault_fingerprint";

/// Why an existing index is refused rather than opened with a fresh schema: opening it would
/// make every map file look like an orphan.
pub(crate) const NOT_THIS_VAULT: &str = "The vault's catalogue file (index.sqlite3) is empty, \
     damaged or belongs to another vault, so Peer Map did not open it. Nothing was deleted. \
     If you have a backup of the data folder, restore index.sqlite3 from it.";

/// Why a map was destroyed, as the tombstone records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DestroyReason {
    /// Its retention date passed.
    RetentionExpired,
    /// The young person withdrew consent to keep it.
    ConsentWithdrawn,
    /// At the end of the session the young person chose not to keep it.
    NotKept,
    /// The practitioner deleted it.
    DeletedByPractitioner,
}

impl DestroyReason {
    /// The spelling stored in `tombstones.reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            DestroyReason::RetentionExpired => "retention_expired",
            DestroyReason::ConsentWithdrawn => "consent_withdrawn",
            DestroyReason::NotKept => "not_kept",
            DestroyReason::DeletedByPractitioner => "deleted_by_practitioner",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        [
            DestroyReason::RetentionExpired,
            DestroyReason::ConsentWithdrawn,
            DestroyReason::NotKept,
            DestroyReason::DeletedByPractitioner,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// One row of `maps`, as stored (the blobs still encrypted).
#[derive(Debug, Clone)]
pub struct MapRow {
    /// The map id.
    pub id: Uuid,
    /// The map's identity line, encrypted to the master recipient.
    pub wrapped_key: Vec<u8>,
    /// When the map must be destroyed.
    pub retain_until: OffsetDateTime,
    /// age-encrypted list fields.
    pub meta: Vec<u8>,
}

/// One tombstone: what was destroyed, when and why, and who to tell. No content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tombstone {
    /// The destroyed map's id.
    pub map_id: Uuid,
    /// When it was destroyed.
    #[serde(with = "time::serde::rfc3339")]
    pub deleted_at: OffsetDateTime,
    /// Why.
    pub reason: DestroyReason,
    /// JSON list of `{role, team}` of recipients it had been shared with.
    pub notify: String,
}

/// An open connection to `index.sqlite3`.
pub struct Index {
    conn: Connection,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

impl Index {
    /// Create a new index at `path` (which must not exist yet) with the current schema.
    pub fn create(path: &Path) -> Result<Index> {
        if path.exists() {
            return Err(Error::VaultExists);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Index::open_with(path, flags, true)
    }

    /// Open an existing index, upgrading its schema if it is older than this build.
    ///
    /// Only [`Index::create`] makes a schema: a file that is empty or has none (a 0-byte file,
    /// a fresh database) is refused with [`Error::Corrupt`] and left untouched.
    pub fn open(path: &Path) -> Result<Index> {
        if !path.is_file() {
            return Err(Error::Corrupt(
                "The vault's catalogue file is missing, so its maps cannot be opened. \
                 If you have a backup of the data folder, restore it."
                    .into(),
            ));
        }
        let empty = std::fs::metadata(path)
            .map(|m| m.len() == 0)
            .map_err(|e| Error::storage(&e))?;
        if empty {
            return Err(Error::Corrupt(NOT_THIS_VAULT.into()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Index::open_with(path, flags, false)
    }

    fn open_with(path: &Path, flags: OpenFlags, creating: bool) -> Result<Index> {
        let conn = Connection::open_with_flags(path, flags).map_err(db_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db_err)?;
        if !creating {
            // Before any pragma writes to it: an existing index without a schema is not this
            // vault's (or lost it), and must not get a fresh one.
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(db_err)?;
            let has_maps: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'maps')",
                    [],
                    |r| r.get(0),
                )
                .map_err(db_err)?;
            if version == 0 || !has_maps {
                return Err(Error::Corrupt(NOT_THIS_VAULT.into()));
            }
        }
        for (name, value) in PRAGMAS {
            conn.pragma_update(None, name, value).map_err(db_err)?;
        }
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(db_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Storage(
                "The data folder's file system does not support the safe way Peer Map saves. \
                 Choose a folder on a local disk."
                    .into(),
            ));
        }
        let mut index = Index { conn };
        index.migrate()?;
        Ok(index)
    }

    /// The schema version recorded in the file.
    pub fn user_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(db_err)
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.user_version()?;
        if found > SCHEMA_VERSION {
            return Err(Error::TooNew(
                "This vault was last used by a newer version of Peer Map. Install that version \
                 or a later one to open it; nothing has been changed."
                    .into(),
            ));
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let start = usize::try_from(found).map_err(|_| Error::Internal("user-version"))?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)
            .map_err(db_err)?;
        for sql in &MIGRATIONS[start..] {
            tx.execute_batch(sql).map_err(db_err)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(db_err)?;
        tx.commit().map_err(db_err)
    }

    /// The raw connection, for tests and tools in this crate.
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| damaged())
}

fn damaged() -> Error {
    Error::Corrupt(
        "The vault's catalogue is damaged. If you have a backup of the data folder, restore it."
            .into(),
    )
}

/// Turn a SQLite error into a plain message. Never includes SQL, values or paths.
pub(crate) fn db_err(err: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match err {
        rusqlite::Error::SqliteFailure(e, _) => match e.code {
            C::DiskFull => Error::Storage(
                "The disk is full, so nothing was saved. Free some space and try again.".into(),
            ),
            C::ReadOnly | C::PermissionDenied | C::CannotOpen => Error::Storage(
                "Peer Map is not allowed to write to its data folder, so nothing was saved.".into(),
            ),
            C::DatabaseCorrupt | C::NotADatabase => damaged(),
            C::DatabaseBusy | C::DatabaseLocked => Error::Storage(
                "Another copy of Peer Map seems to be using this vault. Close it and try again."
                    .into(),
            ),
            C::ConstraintViolation => Error::Internal("index-constraint"),
            _ => Error::Storage(
                "The disk refused to read or write the vault's catalogue, so nothing was changed. \
                 Try again."
                    .into(),
            ),
        },
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => damaged(),
        _ => Error::Internal("index"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_are_applied_on_every_connection() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        drop(Index::create(&path).expect("create"));
        let index = Index::open(&path).expect("open");
        let c = index.connection();
        let q = |p: &str| -> i64 { c.pragma_query_value(None, p, |r| r.get(0)).expect(p) };
        assert_eq!(q("synchronous"), 2);
        assert_eq!(q("secure_delete"), 1);
        assert_eq!(q("temp_store"), 2);
        assert_eq!(q("foreign_keys"), 1);
        let mode: String = c
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        assert_eq!(index.user_version().expect("v"), SCHEMA_VERSION);
    }

    #[test]
    fn newer_database_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let index = Index::create(&path).expect("create");
        index
            .connection()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump");
        drop(index);
        assert!(matches!(Index::open(&path), Err(Error::TooNew(_))));
    }
}
