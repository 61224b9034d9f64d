//! The `maps` rows: inserting, updating and reading them.

use rusqlite::{params, OptionalExtension};
use time::OffsetDateTime;
use uuid::Uuid;

use super::pending::clear_pending_save;
use super::state::{put_catalogue, put_latest_seen};
use super::{db_err, parse_id, Index, MapRow};
use crate::clock::{from_rfc3339, to_rfc3339};
use crate::{Error, Result};

impl Index {
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
        // The row now says what the file says: any save marked in progress is complete.
        clear_pending_save(&tx, id)?;
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

    /// Insert many rows and the catalogue in one transaction (benchmark seeding). Only with the
    /// `test-hooks` feature.
    #[cfg(any(test, feature = "test-hooks"))]
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
