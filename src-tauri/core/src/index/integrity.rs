//! Writes of the vault's integrity checks (`crate::vault` seal and integrity modules): a
//! map's `meta` on its own, and clear retention dates put back from their sealed copies.

use rusqlite::params;
use time::OffsetDateTime;
use uuid::Uuid;

use super::events::append_event_tx;
use super::{db_err, Index};
use crate::clock::to_rfc3339;
use crate::{Error, Result};

impl Index {
    /// Replace a map's `meta` (one statement, so one atomic commit). `durable = false` lets
    /// the commit skip its flush: for a write whose loss in a power cut leaves the vault safe
    /// (the next durable commit flushes it with its own). `NotFound` if the row is gone.
    pub fn set_meta(&self, id: Uuid, meta: &[u8], durable: bool) -> Result<()> {
        if !durable {
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(db_err)?;
        }
        let n = self.conn.execute(
            "UPDATE maps SET meta = ?2 WHERE id = ?1",
            params![id.to_string(), meta],
        );
        if !durable {
            self.conn
                .pragma_update(None, "synchronous", "FULL")
                .map_err(db_err)?;
        }
        match n.map_err(db_err)? {
            1 => Ok(()),
            _ => Err(Error::NotFound),
        }
    }

    /// Replace a map's `meta` only if it is still `expected` (nothing else wrote it since it
    /// was read). Returns whether it was replaced.
    pub fn replace_meta(&self, id: Uuid, expected: &[u8], meta: &[u8]) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE maps SET meta = ?3 WHERE id = ?1 AND meta = ?2",
                params![id.to_string(), expected, meta],
            )
            .map_err(db_err)?;
        Ok(n == 1)
    }

    /// Append one encrypted event body from a caller holding the index shared (one
    /// statement, so one atomic commit).
    pub fn append_event_shared(&self, body: &[u8]) -> Result<()> {
        self.conn
            .execute("INSERT INTO vault_events (body) VALUES (?1)", [body])
            .map_err(db_err)
            .map(|_| ())
    }

    /// Put clear retention dates back (`(id, date)`), and log the events saying so, in one
    /// transaction.
    pub fn restore_retention(
        &mut self,
        dates: &[(Uuid, OffsetDateTime)],
        events: &[Vec<u8>],
    ) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        for (id, until) in dates {
            tx.execute(
                "UPDATE maps SET retain_until = ?2 WHERE id = ?1",
                params![id.to_string(), to_rfc3339(*until)?],
            )
            .map_err(db_err)?;
        }
        for body in events {
            append_event_tx(&tx, body)?;
        }
        tx.commit().map_err(db_err)
    }
}
