//! The vault's own event log: what happened to the vault as a whole, not to one map (each
//! map's consent history is in its document). Every entry is encrypted to the master
//! recipient, so the log says nothing without the passphrase, and holds no map content.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::Vault;
use crate::crypto;
use crate::{Error, Result};

/// One thing that happened to the vault, and when (the effective instant it was recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultEvent {
    /// When it was recorded.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// What happened.
    pub what: VaultEventKind,
}

/// What happened. New kinds are added at the end, before [`VaultEventKind::Other`] (which
/// serde needs last); an entry of a kind this version does not
/// know (written by a newer one) reads as [`VaultEventKind::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum VaultEventKind {
    /// The practitioner confirmed a clock that was far past the latest instant the vault had
    /// seen; that instant became the latest seen.
    ClockConfirmed {
        /// What the clock said.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        clock_said: OffsetDateTime,
        /// The latest instant the vault had seen before.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        last_trusted: OffsetDateTime,
    },
    /// The practitioner said, with the passphrase, that the vault's latest seen instant was
    /// wrong; it was lowered.
    ClockCorrected {
        /// The latest seen instant before.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        from: OffsetDateTime,
        /// The latest seen instant after.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        to: OffsetDateTime,
    },
    // The clock guard's sealed copy (vault/clock.rs).
    /// At unlock or in a sweep, the clear latest seen instant was earlier than its sealed copy:
    /// it had been lowered behind Peer Map's back (which would let a clock set back keep maps
    /// past their date). It was put back to the sealed value.
    LatestSeenLowered {
        /// The clear value found (`None`: the row had been removed).
        #[serde(with = "time::serde::rfc3339::option")]
        #[ts(type = "string | null")]
        found: Option<OffsetDateTime>,
        /// The sealed value it was put back to.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        sealed: OffsetDateTime,
    },
    /// A map's clear retention date in the index was later than the date sealed in its
    /// encrypted entry (changed behind Peer Map's back); the sealed date was put back.
    RetentionRestored {
        /// The map.
        map_id: Uuid,
        /// What the clear column said.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        index_said: OffsetDateTime,
        /// The sealed date, now in force.
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        sealed: OffsetDateTime,
    },
    /// A map file that is not the one Peer Map last saved (an older copy put back) was
    /// refused; nothing was changed.
    MapFileRefused {
        /// The map.
        map_id: Uuid,
    },
    /// Maps the destruction ledger says were destroyed were in the index again (a backup of
    /// the data folder restored) and were destroyed again, for the same reasons.
    DestroyedAgain {
        /// How many.
        count: usize,
    },
    /// Entries of the destruction ledger that could not be authenticated (edited, damaged or
    /// another vault's) were ignored: never acted on.
    LedgerEntriesIgnored {
        /// How many.
        count: usize,
    },
    /// A kind written by a newer version of Peer Map.
    #[serde(other)]
    Other,
}

impl Vault {
    /// Append an event to the vault's log.
    pub fn record_event(&mut self, what: VaultEventKind, at: OffsetDateTime) -> Result<()> {
        let body = self.event_body(what, at)?;
        self.index.append_event(&body).map(|_| ())
    }

    /// An event encrypted for the log, for writers that append it in their own transaction
    /// (`crate::index::append_event_tx`).
    pub(super) fn event_body(&self, what: VaultEventKind, at: OffsetDateTime) -> Result<Vec<u8>> {
        let event = VaultEvent { at, what };
        let plain =
            Zeroizing::new(serde_json::to_vec(&event).map_err(|_| Error::Internal("event-json"))?);
        crypto::encrypt_to(&self.master_recipient, &plain)
    }

    /// The vault's log, oldest first. An entry that cannot be decrypted or read is counted
    /// in the second value rather than failing the whole list.
    pub fn vault_events(&self) -> Result<(Vec<VaultEvent>, usize)> {
        let mut events = Vec::new();
        let mut unreadable = 0;
        for body in self.index.event_bodies()? {
            match crypto::try_decrypt(&self.master, &body)
                .and_then(|plain| serde_json::from_slice::<VaultEvent>(&plain).ok())
            {
                Some(event) => events.push(event),
                None => unreadable += 1,
            }
        }
        Ok((events, unreadable))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn an_unknown_kind_from_a_newer_version_still_reads() {
        let text = r#"{"at":"2030-01-01T00:00:00Z","what":{"kind":"somethingNew","x":1}}"#;
        let event: VaultEvent = serde_json::from_str(text).expect("reads");
        assert_eq!(event.what, VaultEventKind::Other);
        assert_eq!(event.at, datetime!(2030-01-01 0:00 UTC));
    }

    #[test]
    fn the_stored_form_is_pinned() {
        let event = VaultEvent {
            at: datetime!(2030-01-01 0:00 UTC),
            what: VaultEventKind::ClockCorrected {
                from: datetime!(2052-01-01 0:00 UTC),
                to: datetime!(2030-01-01 0:00 UTC),
            },
        };
        assert_eq!(
            serde_json::to_string(&event).expect("json"),
            r#"{"at":"2030-01-01T00:00:00Z","what":{"kind":"clockCorrected","from":"2052-01-01T00:00:00Z","to":"2030-01-01T00:00:00Z"}}"#
        );
    }
}
