//! What runs without unlocking: whether a vault exists, the headless sweep and the counts
//! for `peermap status`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::destroy::{finish_unlinks, SweepReport};
use super::files::has_map_files;
use super::{IDENTITY_FILE, MAPS_DIR};
use crate::clock::{clock_suspect, destruction_instant, effective_now};
use crate::index::DestroyReason;
use crate::{Error, Result};

const KEY_FILE_MISSING: &str = "The vault's key file is missing, so its maps cannot be opened. \
     If you have a backup of the data folder, restore it.";

/// Whether a vault exists in a data directory. (Unlocked is a [`Vault`] value, not a status.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultStatus {
    /// No vault yet: offer to create one.
    Absent,
    /// A vault exists: ask for the passphrase.
    Locked,
}

/// Whether `dir` holds a vault. A data folder with maps but no key file is an error, never
/// `Absent`, so the app never offers to create a vault over maps it cannot read.
pub fn vault_status(dir: &Path) -> Result<VaultStatus> {
    if dir.join(IDENTITY_FILE).is_file() {
        return Ok(VaultStatus::Locked);
    }
    if has_map_files(&dir.join(MAPS_DIR))? {
        return Err(Error::Corrupt(KEY_FILE_MISSING.into()));
    }
    Ok(VaultStatus::Absent)
}

/// What `peermap status` prints: counts and one date, never a label or any content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultCounts {
    /// Maps in the vault (kept and drafts).
    pub maps_held: usize,
    /// The earliest retention date of any map.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub next_destruction: Option<OffsetDateTime>,
    /// Maps whose retention date falls within 30 days of now (or has already passed).
    pub due_within_30_days: usize,
    /// Tombstones per reason, every reason listed (0 when none).
    pub tombstones: BTreeMap<&'static str, usize>,
    /// Whether the clock is too far past the latest instant the vault has seen to be believed
    /// (see [`crate::clock::CLOCK_JUMP_LIMIT`]): a sweep now would destroy nothing that was
    /// not already due at that instant.
    pub clock_suspect: bool,
}

/// Every reason a map can be destroyed for, in the order `status` lists them.
pub const DESTROY_REASONS: [DestroyReason; 4] = [
    DestroyReason::RetentionExpired,
    DestroyReason::ConsentWithdrawn,
    DestroyReason::NotKept,
    DestroyReason::DeletedByPractitioner,
];
/// Destroy every map whose retention date has passed, without unlocking (the headless sweep).
///
/// Uses the later of `now` and the latest instant the vault has seen; but when `now` is suspect
/// (more than [`crate::clock::CLOCK_JUMP_LIMIT`] past that instant) it destroys only what was
/// already due at that instant, records nothing, and says so in the report. Because the list
/// catalogue cannot be re-encrypted while locked, it is dropped and rebuilt at the next unlock,
/// so no destroyed map's label survives even in encrypted form.
pub fn destroy_expired(dir: &Path, now: OffsetDateTime) -> Result<SweepReport> {
    if vault_status(dir)? == VaultStatus::Absent {
        return Ok(SweepReport::default());
    }
    let mut index = super::open_index_locked(dir)?;
    let (at, clock_suspect) = destruction_instant(now, index.latest_seen()?);
    index.note_seen(at)?;
    let expired = index.expired(at)?;
    let held = if clock_suspect {
        index.expired(now)?.len().saturating_sub(expired.len())
    } else {
        0
    };
    let destroyed = index.delete_maps(&expired, DestroyReason::RetentionExpired, at)?;
    if destroyed == 0 {
        // A sweep killed after its commit but before its checkpoint left the deleted rows'
        // old pages behind the WAL: checkpoint now. Best effort: an open app reading at this
        // moment only delays it to the next sweep, and closing the last connection does it too.
        let _ = index.checkpoint_truncate();
    }
    let leftover_files_removed = finish_unlinks(&index, &dir.join(MAPS_DIR), &expired)?;
    Ok(SweepReport {
        destroyed,
        leftover_files_removed,
        clock_suspect,
        held,
    })
}

/// Counts for `peermap status`, read while locked (clear columns only). Uses the later of
/// `now` and the latest instant the vault has seen (even a suspect one: counting destroys
/// nothing, and [`VaultCounts::clock_suspect`] says so), and records nothing.
pub fn vault_counts(dir: &Path, now: OffsetDateTime) -> Result<VaultCounts> {
    if vault_status(dir)? == VaultStatus::Absent {
        return Err(Error::NoVault);
    }
    let index = super::open_index_locked(dir)?;
    let seen = index.latest_seen()?;
    let clock_suspect = clock_suspect(now, seen);
    let now = effective_now(now, seen);
    let dates = index.retention_dates()?;
    let soon = now + Duration::days(30);
    let mut tombstones: BTreeMap<&'static str, usize> =
        DESTROY_REASONS.iter().map(|r| (r.as_str(), 0)).collect();
    for t in index.tombstones()? {
        *tombstones.entry(t.reason.as_str()).or_default() += 1;
    }
    Ok(VaultCounts {
        maps_held: dates.len(),
        next_destruction: dates.iter().map(|(_, until)| *until).min(),
        due_within_30_days: dates.iter().filter(|(_, until)| *until <= soon).count(),
        tombstones,
        clock_suspect,
    })
}
