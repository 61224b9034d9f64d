//! The clock guard's rows in `vault_state`: `latest_seen` (clear, RFC 3339) and
//! `latest_seen_sealed` (the same instant encrypted to the master recipient). The ordinary
//! forward-only writes are in `state.rs`; here are the writes only the unlocked vault makes,
//! each committed together with the event that explains it.

use rusqlite::params;
use time::OffsetDateTime;

use super::events::append_event_tx;
use super::{db_err, Index, LATEST_SEEN, LATEST_SEEN_SEALED};
use crate::clock::to_rfc3339;
use crate::Result;

impl Index {
    /// The sealed copy of `latest_seen` as stored (armored age text), if any.
    pub fn latest_seen_sealed(&self) -> Result<Option<String>> {
        self.setting(LATEST_SEEN_SEALED)
    }

    /// Store a new sealed copy on its own (after the clear value moved forward).
    pub fn set_latest_seen_sealed(&self, sealed: &str) -> Result<()> {
        self.set_setting(LATEST_SEEN_SEALED, sealed)
    }

    /// Set `latest_seen` to `at` whatever it was (no forward-only or suspect check), with the
    /// sealed copy if given and the encrypted event saying why, in one transaction. Only the
    /// unlocked vault calls this: confirming a clock, lowering it with the passphrase, or
    /// restoring a clear value found lowered from its sealed copy.
    pub fn replace_latest_seen(
        &mut self,
        at: OffsetDateTime,
        sealed: Option<&str>,
        event: &[u8],
    ) -> Result<()> {
        let tx = self.conn.transaction().map_err(db_err)?;
        let upsert = "INSERT INTO vault_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        tx.execute(upsert, params![LATEST_SEEN, to_rfc3339(at)?])
            .map_err(db_err)?;
        if let Some(sealed) = sealed {
            tx.execute(upsert, params![LATEST_SEEN_SEALED, sealed])
                .map_err(db_err)?;
        }
        append_event_tx(&tx, event)?;
        tx.commit().map_err(db_err)
    }
}

#[cfg(test)]
mod tests {
    use super::super::FILE_NAME;
    use super::*;
    use time::macros::datetime;

    #[test]
    fn replacing_latest_seen_moves_it_either_way_and_logs_the_event() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut index = Index::create(&dir.path().join(FILE_NAME)).expect("create");
        index
            .note_seen(datetime!(2052-01-01 0:00 UTC))
            .expect("note");
        index
            .replace_latest_seen(datetime!(2030-01-01 0:00 UTC), Some("sealed"), b"event")
            .expect("replace");
        assert_eq!(
            index.latest_seen().expect("seen"),
            Some(datetime!(2030-01-01 0:00 UTC))
        );
        assert_eq!(
            index.latest_seen_sealed().expect("sealed").as_deref(),
            Some("sealed")
        );
        assert_eq!(
            index.event_bodies().expect("events"),
            vec![b"event".to_vec()]
        );
    }
}
