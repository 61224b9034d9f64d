//! Saves in progress: rows whose map file may be newer than the row.
//!
//! A save writes the map's file first and its row second, and a crash can fall between the
//! two. When a save is about to change the row (the destroy date, the list fields or the
//! recipients), it first marks the row in `vault_state` (key `pending_save:<id>`, value the
//! row's destroy date before the save) and holds the row's destroy date at the later of the
//! old and the new one, in one transaction. [`Index::update_map`] clears the mark in the
//! transaction that completes the row. A mark still there at the next unlock means the save
//! was interrupted: the vault brings the row in step with the file (see `vault/pending.rs`).
//! Until then no sweep destroys the map by a date that is no longer, or not yet, its own.

use rusqlite::params;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{db_err, parse_id, Index};
use crate::clock::to_rfc3339;
use crate::{Error, Result};

const PREFIX: &str = "pending_save:";

fn key(id: Uuid) -> String {
    format!("{PREFIX}{}", id.hyphenated())
}

impl Index {
    /// Mark map `id` as being saved and hold its destroy date at `hold_until` (the later of
    /// its current and its new one), in one transaction. `NotFound` if the row is gone.
    pub fn hold_for_save(&mut self, id: Uuid, hold_until: OffsetDateTime) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        let before: String = tx
            .query_row(
                "SELECT retain_until FROM maps WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound,
                e => db_err(e),
            })?;
        tx.execute(
            "UPDATE maps SET retain_until = ?2 WHERE id = ?1",
            params![id.to_string(), to_rfc3339(hold_until)?],
        )
        .map_err(db_err)?;
        tx.execute(
            "INSERT INTO vault_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key(id), before],
        )
        .map_err(db_err)?;
        tx.commit().map_err(db_err)
    }

    /// The save of map `id` failed before its file changed: put its destroy date back to
    /// `retain_until` and clear the mark, in one transaction.
    pub fn release_hold(&mut self, id: Uuid, retain_until: OffsetDateTime) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        tx.execute(
            "UPDATE maps SET retain_until = ?2 WHERE id = ?1",
            params![id.to_string(), to_rfc3339(retain_until)?],
        )
        .map_err(db_err)?;
        clear_pending_save(&tx, id)?;
        tx.commit().map_err(db_err)
    }

    /// Maps whose save was interrupted between the file and the row.
    pub fn pending_saves(&self) -> Result<Vec<Uuid>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key FROM vault_state WHERE key LIKE 'pending_save:%'")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(db_err)?;
        let mut out = Vec::new();
        for row in rows {
            let row = row.map_err(db_err)?;
            out.push(parse_id(row.strip_prefix(PREFIX).unwrap_or(&row))?);
        }
        Ok(out)
    }

    /// Forget the mark of a map that has no row any more.
    pub fn forget_pending_save(&mut self, id: Uuid) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        clear_pending_save(&tx, id)?;
        tx.commit().map_err(db_err)
    }
}

/// Clear map `id`'s mark inside a transaction that completes its row.
pub(super) fn clear_pending_save(tx: &rusqlite::Transaction<'_>, id: Uuid) -> Result<()> {
    tx.execute("DELETE FROM vault_state WHERE key = ?1", [key(id)])
        .map_err(db_err)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::super::{MapRow, FILE_NAME};
    use super::*;
    use time::macros::datetime;

    const OLD: OffsetDateTime = datetime!(2026-03-09 10:00 UTC);
    const NEW: OffsetDateTime = datetime!(2027-03-02 10:00 UTC);

    fn index_with_a_row() -> (tempfile::TempDir, Index, Uuid) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut index = Index::create(&dir.path().join(FILE_NAME)).expect("create");
        let id = Uuid::new_v4();
        let row = MapRow {
            id,
            wrapped_key: vec![1],
            retain_until: OLD,
            meta: vec![2],
        };
        index.insert_map(&row, "[]", b"c", None).expect("insert");
        (dir, index, id)
    }

    fn until(index: &Index, id: Uuid) -> OffsetDateTime {
        index.map_row(id).expect("row").expect("some").retain_until
    }

    #[test]
    fn a_held_row_is_marked_until_the_row_is_completed() {
        let (_dir, mut index, id) = index_with_a_row();
        index.hold_for_save(id, NEW).expect("hold");
        assert_eq!(index.pending_saves().expect("pending"), vec![id]);
        assert_eq!(until(&index, id), NEW);
        index
            .update_map(id, NEW, &[3], "[]", None, None)
            .expect("update");
        assert!(index.pending_saves().expect("pending").is_empty());
    }

    #[test]
    fn a_released_hold_puts_the_old_date_back() {
        let (_dir, mut index, id) = index_with_a_row();
        index.hold_for_save(id, NEW).expect("hold");
        index.release_hold(id, OLD).expect("release");
        assert!(index.pending_saves().expect("pending").is_empty());
        assert_eq!(until(&index, id), OLD);
    }

    #[test]
    fn holding_a_row_that_is_gone_changes_nothing() {
        let (_dir, mut index, _) = index_with_a_row();
        let other = Uuid::new_v4();
        assert!(matches!(
            index.hold_for_save(other, NEW),
            Err(Error::NotFound)
        ));
        assert!(index.pending_saves().expect("pending").is_empty());
    }
}
