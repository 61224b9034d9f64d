//! `index.sqlite3`: the vault's catalogue (DESIGN.md §3).
//!
//! Every connection gets the same pragmas; the schema is created and upgraded by ordered
//! migrations applied in one transaction and recorded in `user_version`; a database written
//! by a newer Peer Map is refused rather than guessed at.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::clock::{from_rfc3339, to_rfc3339};
use crate::{Error, Result};

/// The file name inside the data directory.
pub const FILE_NAME: &str = "index.sqlite3";

/// Migrations in order; migration `i` takes `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[include_str!("index/migrations/001_initial.sql")];

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

    fn parse(text: &str) -> Option<Self> {
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
        Index::open_with(path, flags)
    }

    /// Open an existing index, upgrading its schema if it is older than this build.
    pub fn open(path: &Path) -> Result<Index> {
        if !path.is_file() {
            return Err(Error::Corrupt(
                "The vault's catalogue file is missing, so its maps cannot be opened. \
                 If you have a backup of the data folder, restore it."
                    .into(),
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Index::open_with(path, flags)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Index> {
        let conn = Connection::open_with_flags(path, flags).map_err(db_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(db_err)?;
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

    /// Insert a new map row and, in the same transaction, the new catalogue body.
    pub fn insert_map(
        &mut self,
        row: &MapRow,
        notify: &str,
        catalogue: &[u8],
        latest_seen: Option<OffsetDateTime>,
    ) -> Result<()> {
        let retain = to_rfc3339(row.retain_until)?;
        let tx = self.conn.transaction().map_err(db_err)?;
        tx.execute(
            "INSERT INTO maps (id, wrapped_key, retain_until, meta, notify) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![row.id.to_string(), row.wrapped_key, retain, row.meta, notify],
        )
        .map_err(db_err)?;
        put_catalogue(&tx, catalogue)?;
        put_latest_seen(&tx, latest_seen)?;
        tx.commit().map_err(db_err)
    }

    /// Update a map's clear retention date, encrypted list fields and share recipients, and the
    /// catalogue, in one transaction. `NotFound` if the row is gone.
    pub fn update_map(
        &mut self,
        id: Uuid,
        retain_until: OffsetDateTime,
        meta: &[u8],
        notify: &str,
        catalogue: Option<&[u8]>,
        latest_seen: Option<OffsetDateTime>,
    ) -> Result<()> {
        let retain = to_rfc3339(retain_until)?;
        let tx = self.conn.transaction().map_err(db_err)?;
        let n = tx
            .execute(
                "UPDATE maps SET retain_until = ?2, meta = ?3, notify = ?4 WHERE id = ?1",
                params![id.to_string(), retain, meta, notify],
            )
            .map_err(db_err)?;
        if n != 1 {
            return Err(Error::NotFound);
        }
        if let Some(body) = catalogue {
            put_catalogue(&tx, body)?;
        }
        put_latest_seen(&tx, latest_seen)?;
        tx.commit().map_err(db_err)
    }

    /// One map's row, or `None`.
    pub fn map_row(&self, id: Uuid) -> Result<Option<MapRow>> {
        self.conn
            .query_row(
                "SELECT id, wrapped_key, retain_until, meta FROM maps WHERE id = ?1",
                [id.to_string()],
                raw_row,
            )
            .optional()
            .map_err(db_err)?
            .map(MapRow::try_from)
            .transpose()
    }

    /// Every map row.
    pub fn map_rows(&self) -> Result<Vec<MapRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, wrapped_key, retain_until, meta FROM maps")
            .map_err(db_err)?;
        let rows = stmt.query_map([], raw_row).map_err(db_err)?;
        let mut out = Vec::new();
        for raw in rows {
            out.push(MapRow::try_from(raw.map_err(db_err)?)?);
        }
        Ok(out)
    }

    /// Every map's id.
    pub fn map_ids(&self) -> Result<Vec<Uuid>> {
        let mut stmt = self.conn.prepare("SELECT id FROM maps").map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(parse_id(&row.map_err(db_err)?)?);
        }
        Ok(out)
    }

    /// Every map's id and retention date (clear columns only: works while locked).
    pub fn retention_dates(&self) -> Result<Vec<(Uuid, OffsetDateTime)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, retain_until FROM maps")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, until) = row.map_err(db_err)?;
            out.push((parse_id(&id)?, from_rfc3339(&until)?));
        }
        Ok(out)
    }

    /// Ids of maps whose retention date is at or before `now`.
    pub fn expired(&self, now: OffsetDateTime) -> Result<Vec<Uuid>> {
        // Compare as instants, not strings: stored strings may differ in fractional digits.
        Ok(self
            .retention_dates()?
            .into_iter()
            .filter(|(_, until)| *until <= now)
            .map(|(id, _)| id)
            .collect())
    }

    /// Delete a map's row (the only copy of its key), record a tombstone and the new catalogue
    /// in one transaction, then checkpoint the WAL so no copy of the row stays in it.
    /// Returns `false` if there was no such row (nothing recorded).
    pub fn delete_map(
        &mut self,
        id: Uuid,
        reason: DestroyReason,
        at: OffsetDateTime,
        catalogue: Option<&[u8]>,
    ) -> Result<bool> {
        let at_text = to_rfc3339(at)?;
        let tx = self.conn.transaction().map_err(db_err)?;
        let notify: Option<String> = tx
            .query_row(
                "SELECT notify FROM maps WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)?;
        let Some(notify) = notify else {
            return Ok(false);
        };
        tx.execute("DELETE FROM maps WHERE id = ?1", [id.to_string()])
            .map_err(db_err)?;
        tx.execute(
            "INSERT INTO tombstones (map_id, deleted_at, reason, notify) VALUES (?1, ?2, ?3, ?4)",
            params![id.to_string(), at_text, reason.as_str(), notify],
        )
        .map_err(db_err)?;
        match catalogue {
            Some(body) => put_catalogue(&tx, body)?,
            // Locked: the catalogue cannot be re-encrypted, so drop it; the next unlock
            // rebuilds it from the rows. No destroyed map's list fields survive.
            None => drop_catalogue(&tx)?,
        }
        put_latest_seen(&tx, Some(at))?;
        tx.commit().map_err(db_err)?;
        self.checkpoint_truncate()?;
        Ok(true)
    }

    /// Destroy several maps while locked (the sweep): rows deleted, tombstones written and the
    /// catalogue dropped in one transaction, then the WAL checkpointed. Returns how many rows
    /// were deleted.
    pub fn delete_maps(
        &mut self,
        ids: &[Uuid],
        reason: DestroyReason,
        at: OffsetDateTime,
    ) -> Result<usize> {
        self.delete_maps_with_catalogue(ids, reason, at, None)
    }

    /// [`Index::delete_maps`] for an unlocked vault: the new catalogue body (without the
    /// destroyed maps) is written in the same transaction instead of the catalogue being
    /// dropped. `None` drops it, as a locked sweep must.
    pub fn delete_maps_with_catalogue(
        &mut self,
        ids: &[Uuid],
        reason: DestroyReason,
        at: OffsetDateTime,
        catalogue: Option<&[u8]>,
    ) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let at_text = to_rfc3339(at)?;
        let tx = self.conn.transaction().map_err(db_err)?;
        let mut deleted = 0;
        for id in ids {
            let n = tx
                .execute(
                    "INSERT INTO tombstones (map_id, deleted_at, reason, notify)
                     SELECT id, ?2, ?3, notify FROM maps WHERE id = ?1",
                    params![id.to_string(), at_text, reason.as_str()],
                )
                .map_err(db_err)?;
            tx.execute("DELETE FROM maps WHERE id = ?1", [id.to_string()])
                .map_err(db_err)?;
            deleted += n;
        }
        match catalogue {
            Some(body) => put_catalogue(&tx, body)?,
            None => drop_catalogue(&tx)?,
        }
        put_latest_seen(&tx, Some(at))?;
        tx.commit().map_err(db_err)?;
        self.checkpoint_truncate()?;
        Ok(deleted)
    }

    /// Insert many rows and the catalogue in one transaction (benchmark seeding).
    pub fn insert_maps(&mut self, rows: &[MapRow], catalogue: &[u8]) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO maps (id, wrapped_key, retain_until, meta) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(db_err)?;
            for row in rows {
                stmt.execute(params![
                    row.id.to_string(),
                    row.wrapped_key,
                    to_rfc3339(row.retain_until)?,
                    row.meta
                ])
                .map_err(db_err)?;
            }
        }
        put_catalogue(&tx, catalogue)?;
        tx.commit().map_err(db_err)
    }

    /// The share recipients stored for a map (JSON), or `None` if there is no such row.
    pub fn map_notify(&self, id: Uuid) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT notify FROM maps WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: copy the WAL into the database and empty it.
    pub fn checkpoint_truncate(&self) -> Result<()> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(db_err)?;
        if busy != 0 {
            return Err(Error::Storage(
                "Another program is reading the vault's catalogue, so a deletion could not be \
                 completed. Close it and try again."
                    .into(),
            ));
        }
        Ok(())
    }

    /// Every tombstone, oldest first.
    pub fn tombstones(&self) -> Result<Vec<Tombstone>> {
        let mut stmt = self
            .conn
            .prepare("SELECT map_id, deleted_at, reason, notify FROM tombstones ORDER BY rowid")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, reason, notify) = row.map_err(db_err)?;
            out.push(Tombstone {
                map_id: parse_id(&id)?,
                deleted_at: from_rfc3339(&at)?,
                reason: DestroyReason::parse(&reason).ok_or_else(damaged)?,
                notify,
            });
        }
        Ok(out)
    }

    /// The latest instant the vault has seen (clock rollback guard).
    pub fn latest_seen(&self) -> Result<Option<OffsetDateTime>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM vault_state WHERE key = ?1",
                [LATEST_SEEN],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err)?;
        text.as_deref().map(from_rfc3339).transpose()
    }

    /// Record `at` as seen, if it is later than what is recorded.
    pub fn note_seen(&mut self, at: OffsetDateTime) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        put_latest_seen(&tx, Some(at))?;
        tx.commit().map_err(db_err)
    }

    /// A clear setting from `vault_state`.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM vault_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err)
    }

    /// Store a clear setting in `vault_state`. Never put content here.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO vault_state (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(db_err)
            .map(|_| ())
    }

    /// The encrypted catalogue body, if any.
    pub fn catalogue(&self) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT body FROM catalogue WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(db_err)
    }

    /// Replace the encrypted catalogue body on its own.
    pub fn set_catalogue(&mut self, body: &[u8]) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        put_catalogue(&tx, body)?;
        tx.commit().map_err(db_err)
    }

    /// The raw connection, for tests and tools in this crate.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

type RawRow = (String, Vec<u8>, String, Vec<u8>);

fn raw_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

impl TryFrom<RawRow> for MapRow {
    type Error = Error;
    fn try_from((id, wrapped_key, retain, meta): RawRow) -> Result<MapRow> {
        Ok(MapRow {
            id: parse_id(&id)?,
            wrapped_key,
            retain_until: from_rfc3339(&retain)?,
            meta,
        })
    }
}

fn put_catalogue(tx: &rusqlite::Transaction<'_>, body: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO catalogue (id, body) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        [body],
    )
    .map_err(db_err)
    .map(|_| ())
}

fn drop_catalogue(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM catalogue", [])
        .map_err(db_err)
        .map(|_| ())
}

fn put_latest_seen(tx: &rusqlite::Transaction<'_>, at: Option<OffsetDateTime>) -> Result<()> {
    let Some(at) = at else { return Ok(()) };
    let current: Option<String> = tx
        .query_row(
            "SELECT value FROM vault_state WHERE key = ?1",
            [LATEST_SEEN],
            |r| r.get(0),
        )
        .optional()
        .map_err(db_err)?;
    if let Some(current) = current.as_deref().map(from_rfc3339).transpose()? {
        if current >= at {
            return Ok(());
        }
    }
    tx.execute(
        "INSERT INTO vault_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![LATEST_SEEN, to_rfc3339(at)?],
    )
    .map_err(db_err)
    .map(|_| ())
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
    use time::macros::datetime;

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

    #[test]
    fn latest_seen_only_moves_forward() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut index = Index::create(&dir.path().join(FILE_NAME)).expect("create");
        assert_eq!(index.latest_seen().expect("seen"), None);
        index
            .note_seen(datetime!(2030-01-01 0:00 UTC))
            .expect("note");
        index
            .note_seen(datetime!(2029-01-01 0:00 UTC))
            .expect("note");
        assert_eq!(
            index.latest_seen().expect("seen"),
            Some(datetime!(2030-01-01 0:00 UTC))
        );
    }
}
