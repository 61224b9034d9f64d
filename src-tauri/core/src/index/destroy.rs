//! Destroying rows: each deletion leaves a tombstone and empties the WAL.

use rusqlite::{params, OptionalExtension};
use time::OffsetDateTime;
use uuid::Uuid;

use super::state::{drop_catalogue, put_catalogue, put_latest_seen};
use super::{damaged, db_err, parse_id, DestroyReason, Index, Tombstone};
use crate::clock::{from_rfc3339, to_rfc3339};
use crate::{Error, Result};

impl Index {
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
}
