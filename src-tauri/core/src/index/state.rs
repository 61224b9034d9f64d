//! The vault's own state: the latest instant seen, settings and the catalogue row.

use rusqlite::{params, OptionalExtension};
use time::OffsetDateTime;

use super::{db_err, Index, LATEST_SEEN, VAULT_FINGERPRINT};
use crate::clock::{clock_suspect, from_rfc3339, to_rfc3339};
use crate::Result;

impl Index {
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

    /// Record `at` as seen, if it is later than what is recorded and not suspect (more than
    /// [`crate::clock::CLOCK_JUMP_LIMIT`] past it, in which case nothing is recorded).
    pub fn note_seen(&mut self, at: OffsetDateTime) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        put_latest_seen(&tx, Some(at))?;
        tx.commit().map_err(db_err)
    }

    /// The fingerprint of the vault this index belongs to (SHA-256 hex of its master
    /// recipient), or `None` for an index written before fingerprints (format v1 vaults until
    /// their first unlock).
    pub fn vault_fingerprint(&self) -> Result<Option<String>> {
        self.setting(VAULT_FINGERPRINT)
    }

    /// Bind this index to a vault. Only vault creation and the first unlock of an older vault
    /// (after its passphrase proved the key) call this.
    pub fn set_vault_fingerprint(&self, fingerprint: &str) -> Result<()> {
        self.set_setting(VAULT_FINGERPRINT, fingerprint)
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
}

pub(super) fn put_catalogue(tx: &rusqlite::Transaction<'_>, body: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO catalogue (id, body) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        [body],
    )
    .map_err(db_err)
    .map(|_| ())
}

pub(super) fn drop_catalogue(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM catalogue", [])
        .map_err(db_err)
        .map(|_| ())
}

pub(super) fn put_latest_seen(
    tx: &rusqlite::Transaction<'_>,
    at: Option<OffsetDateTime>,
) -> Result<()> {
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
        // A suspect instant (a clock jumped forward) must never become the latest seen: it
        // would date, and judge destruction for, everything after it.
        if current >= at || clock_suspect(at, Some(current)) {
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

#[cfg(test)]
mod tests {
    use super::super::FILE_NAME;
    use super::*;
    use time::macros::datetime;

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
