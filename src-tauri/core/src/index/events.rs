//! `vault_events`: the vault's own event log, each row an encrypted body (see
//! `migrations/002_vault_events.sql`). The index only stores and orders the blobs; what they
//! say is [`crate::vault::VaultEvent`].

use super::{db_err, Index};
use crate::Result;

impl Index {
    /// Append one encrypted event body; returns its sequence number.
    pub fn append_event(&mut self, body: &[u8]) -> Result<i64> {
        let tx = self.conn.transaction().map_err(db_err)?;
        append_event_tx(&tx, body)?;
        let seq = tx.last_insert_rowid();
        tx.commit().map_err(db_err)?;
        Ok(seq)
    }

    /// Every event body, oldest first.
    pub fn event_bodies(&self) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT body FROM vault_events ORDER BY seq")
            .map_err(db_err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<Vec<u8>>>>()
            .map_err(db_err)
    }
}

/// Append an event body inside a transaction another write is part of, so the event and the
/// change it records commit together.
pub(crate) fn append_event_tx(tx: &rusqlite::Transaction<'_>, body: &[u8]) -> Result<()> {
    tx.execute("INSERT INTO vault_events (body) VALUES (?1)", [body])
        .map_err(db_err)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::super::FILE_NAME;
    use super::*;

    #[test]
    fn events_come_back_in_the_order_they_were_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut index = Index::create(&dir.path().join(FILE_NAME)).expect("create");
        assert!(index.event_bodies().expect("none").is_empty());
        let first = index.append_event(b"one").expect("append");
        let second = index.append_event(b"two").expect("append");
        assert!(second > first);
        assert_eq!(
            index.event_bodies().expect("bodies"),
            vec![b"one".to_vec(), b"two".to_vec()]
        );
    }
}
