//! The clock, with the vault unlocked: asking before a suspect clock destroys anything, the
//! practitioner confirming it or lowering a date that was believed wrongly, and the sealed copy
//! of `latest_seen` that notices the clear one being lowered behind Peer Map's back.
//!
//! `latest_seen` is the clear `vault_state` row the locked sweep reads and moves forward.
//! `latest_seen_sealed` holds the same instant encrypted to the master recipient, written
//! whenever the unlocked vault sees the clear value move forward (at most once per
//! [`SEEN_RESOLUTION`]). At unlock, in every unlocked sweep and before every clock question,
//! the vault uses the later of the two; a clear value found earlier than the sealed one is put
//! back and logged as [`VaultEventKind::LatestSeenLowered`]. See docs/DESIGN.md §3.

use secrecy::SecretString;
use serde::Serialize;
use time::OffsetDateTime;

use super::destroy::SweepReport;
use super::{read_master, Vault, VaultEventKind, SEEN_RESOLUTION};
use crate::clock::{clock_suspect, effective_now, from_rfc3339, to_rfc3339};
use crate::crypto;
use crate::index::Index;
use crate::{Error, Result};

/// What the app must know about the clock before it lets anyone work: whether to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClockCheck {
    /// What the computer's clock says.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub clock_says: OffsetDateTime,
    /// The latest instant the vault has seen and trusts (`None`: nothing yet).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub last_trusted: Option<OffsetDateTime>,
    /// The clock is more than [`crate::clock::CLOCK_JUMP_LIMIT`] past `last_trusted`: ask the
    /// practitioner before anything is destroyed or dated by it.
    pub suspect: bool,
    /// How many maps would be destroyed now if the practitioner says the date is right
    /// (0 unless `suspect`).
    pub due_if_confirmed: usize,
    /// `last_trusted` is later than the clock: a clock that was ahead was believed, and
    /// "The clock was wrong" can lower it.
    pub ahead_of_clock: bool,
}

/// What "The clock was wrong" did: `latest_seen` lowered from `from` to `to` (the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClockCorrected {
    /// The latest seen instant before.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub from: OffsetDateTime,
    /// The latest seen instant now (what the clock said).
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub to: OffsetDateTime,
}

const NOT_AHEAD: &str = "The last date Peer Map trusted is not later than the computer's \
     clock, so there is nothing to correct. Nothing was changed.";

/// [`ClockCheck`] from what anyone can read while the vault is locked (the clear rows only):
/// what the unlock screen shows before the passphrase is typed.
pub fn clock_check_locked(index: &Index, now: OffsetDateTime) -> Result<ClockCheck> {
    check_from(index, now, index.latest_seen()?)
}

fn check_from(
    index: &Index,
    now: OffsetDateTime,
    seen: Option<OffsetDateTime>,
) -> Result<ClockCheck> {
    let suspect = clock_suspect(now, seen);
    Ok(ClockCheck {
        clock_says: now,
        last_trusted: seen,
        suspect,
        due_if_confirmed: if suspect {
            index.expired(now)?.len()
        } else {
            0
        },
        ahead_of_clock: seen.is_some_and(|s| s > now),
    })
}

impl Vault {
    /// Whether the clock can be believed, after taking the later of the clear and sealed
    /// latest seen instants.
    pub fn clock_check(&mut self, now: OffsetDateTime) -> Result<ClockCheck> {
        self.check_bound()?;
        self.guard_latest_seen(now);
        check_from(&self.index, now, self.latest_seen)
    }

    /// The practitioner said the computer's date is right: record `now` as the latest instant
    /// seen even though it is suspect (forward only), log [`VaultEventKind::ClockConfirmed`],
    /// then sweep, so what is due by it is destroyed now. A clock that is not suspect (any
    /// more) is not recorded specially: this is then an ordinary sweep.
    pub fn confirm_clock(&mut self, now: OffsetDateTime) -> Result<SweepReport> {
        self.check_bound()?;
        self.guard_latest_seen(now);
        if let Some(seen) = self
            .latest_seen
            .filter(|_| clock_suspect(now, self.latest_seen))
        {
            let sealed = seal(&self.master_recipient, now)?;
            let event = self.event_body(
                VaultEventKind::ClockConfirmed {
                    clock_said: now,
                    last_trusted: seen,
                },
                now,
            )?;
            self.index.replace_latest_seen(now, Some(&sealed), &event)?;
            self.latest_seen = Some(now);
            self.sealed_seen = Some(now);
        }
        self.sweep(now)
    }

    /// "The clock was wrong": with the passphrase, lower the latest seen instant to `now`
    /// when it is later (a clock that was ahead and got believed), logging
    /// [`VaultEventKind::ClockCorrected`]. Maps already destroyed stay destroyed.
    ///
    /// A wrong passphrase is [`Error::WrongPassphrase`] and changes nothing; so does a latest
    /// seen instant that is not later than the clock ([`Error::InvalidInput`]).
    pub fn correct_clock(
        &mut self,
        passphrase: &SecretString,
        now: OffsetDateTime,
    ) -> Result<ClockCorrected> {
        let proven = read_master(&self.dir, passphrase)?;
        if proven.to_public().to_string() != self.master_recipient.to_string() {
            return Err(Error::WrongPassphrase);
        }
        self.check_bound()?;
        self.guard_latest_seen(now);
        let Some(from) = self.latest_seen.filter(|seen| *seen > now) else {
            return Err(Error::InvalidInput(NOT_AHEAD.into()));
        };
        let sealed = seal(&self.master_recipient, now)?;
        let event = self.event_body(VaultEventKind::ClockCorrected { from, to: now }, now)?;
        self.index.replace_latest_seen(now, Some(&sealed), &event)?;
        self.latest_seen = Some(now);
        self.sealed_seen = Some(now);
        Ok(ClockCorrected { from, to: now })
    }

    /// Use the later of the clear latest seen instant (re-read: a locked sweep may have moved
    /// it) and its sealed copy; put back a clear value found lowered, with an event. Best
    /// effort: a failure here must not stop anyone reading their maps, and it only ever makes
    /// the vault trust a later instant, never an earlier one.
    pub(super) fn guard_latest_seen(&mut self, now: OffsetDateTime) {
        let Ok(clear) = self.index.latest_seen() else {
            return;
        };
        let on_disk = self
            .index
            .latest_seen_sealed()
            .ok()
            .flatten()
            .and_then(|text| unseal(&self.master, &text));
        let sealed = self.sealed_seen.max(on_disk);
        self.sealed_seen = sealed;
        if let Some(sealed) = sealed.filter(|s| clear.is_none_or(|c| c < *s)) {
            let event = self.event_body(
                VaultEventKind::LatestSeenLowered {
                    found: clear,
                    sealed,
                },
                effective_now(now, Some(sealed)),
            );
            if let Ok(event) = event {
                let _ = self.index.replace_latest_seen(sealed, None, &event);
            }
        }
        self.latest_seen = self.latest_seen.max(clear).max(sealed);
    }

    /// Remember `at` as the latest instant seen, unless it is suspect (a clock jumped forward
    /// past [`crate::clock::CLOCK_JUMP_LIMIT`]): the index refuses it too. Then refresh the
    /// sealed copy if the clear value on disk has moved on (best effort).
    pub(super) fn note_seen_locally(&mut self, at: OffsetDateTime) {
        if !clock_suspect(at, self.latest_seen) {
            self.latest_seen = Some(effective_now(at, self.latest_seen));
        }
        self.seal_latest_seen();
    }

    /// Seal the clear value on disk if it is at least [`SEEN_RESOLUTION`] past the last one
    /// sealed. Only a value read back from the clear row is sealed, so the sealed copy is never
    /// later than the clear one unless the clear one was lowered.
    pub(super) fn seal_latest_seen(&mut self) {
        let Ok(Some(clear)) = self.index.latest_seen() else {
            return;
        };
        if self
            .sealed_seen
            .is_some_and(|sealed| clear - sealed < SEEN_RESOLUTION)
        {
            return;
        }
        let Ok(text) = seal(&self.master_recipient, clear) else {
            return;
        };
        if self.index.set_latest_seen_sealed(&text).is_ok() {
            self.sealed_seen = Some(clear);
        }
    }
}

fn seal(recipient: &crypto::Recipient, at: OffsetDateTime) -> Result<String> {
    crypto::encrypt_to_armored(recipient, to_rfc3339(at)?.as_bytes())
}

fn unseal(master: &crypto::Identity, text: &str) -> Option<OffsetDateTime> {
    let plain = crypto::try_decrypt_armored(master, text)?;
    from_rfc3339(std::str::from_utf8(&plain).ok()?).ok()
}
