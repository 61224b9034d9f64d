//! Destroying maps with the vault unlocked (one, the expired ones, all of them), and
//! bringing the folder and the index back in step.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::catalogue::{Catalogue, Meta};
use super::files::{
    make_private_dir, map_file_name, map_id_of, quarantine, remove_if_exists, remove_if_present,
};
use super::maps::notify_json;
use super::{Vault, MAPS_DIR, QUARANTINE_DIR, SEEN_RESOLUTION};
use crate::atomic;
use crate::clock::destruction_instant;
use crate::index::{DestroyReason, Index, MapRow};
use crate::{Error, Result};

/// What [`Vault::reconcile`] found and did. Counts only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconcileReport {
    /// Map files with no index row, moved out of `maps/` into `quarantine/` inside the vault:
    /// never deleted, since an index restored from a backup makes them readable again.
    pub orphan_files_removed: usize,
    /// Index rows whose map file is missing: kept (the key is never deleted silently).
    pub missing_files: usize,
    /// Leftover temp files of interrupted saves; removed.
    pub temp_files_removed: usize,
    /// Files in the maps folder that are not Peer Map's; left alone.
    pub unknown_files: usize,
    /// Whether the encrypted list catalogue had to be rebuilt.
    pub catalogue_rebuilt: bool,
    /// Maps whose clear retention date had been pushed later than their sealed date; the
    /// sealed date was put back, and those it made due were destroyed (unlock only).
    pub retention_restored: usize,
    /// Maps the destruction ledger says were destroyed, found in the index again (a backup
    /// of the data folder restored) and destroyed again (unlock only).
    pub destroyed_again: usize,
    /// Destruction ledger lines that could not be authenticated: ignored (unlock only).
    pub ledger_entries_ignored: usize,
}

/// What [`destroy_expired`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SweepReport {
    /// Maps destroyed because their retention date had passed.
    pub destroyed: usize,
    /// Files of maps destroyed earlier whose unlink had not happened (a sweep or deletion
    /// interrupted between its index commit and the unlink); removed now. Their keys were
    /// already gone, so they were unreadable.
    pub leftover_files_removed: usize,
    /// Whether the clock was too far past the latest instant the vault has seen to be believed
    /// (see [`crate::clock::CLOCK_JUMP_LIMIT`]). Then only maps already due at that instant
    /// were destroyed, and the clock was not recorded.
    pub clock_suspect: bool,
    /// Maps the clock says are due but that were kept because the clock was suspect.
    pub held: usize,
}

impl Vault {
    /// Destroy a map: delete its index row (the only copy of its key) with a tombstone, empty
    /// the WAL, then unlink the file. A copy of the file left anywhere stays unreadable.
    pub fn destroy_map(
        &mut self,
        id: Uuid,
        reason: DestroyReason,
        now: OffsetDateTime,
    ) -> Result<()> {
        let now = self.effective_now(now);
        let catalogue = self.catalogue.without(id);
        let body = catalogue.encrypt(&self.master_recipient)?;
        if !self.index.delete_map(id, reason, now, Some(&body))? {
            return Err(Error::NotFound);
        }
        self.catalogue = catalogue;
        self.forget_maps(&[id]);
        self.record_destroyed(&[id], reason, now);
        self.note_seen_locally(now);
        remove_if_present(&self.map_path(id))?;
        atomic::sync_dir(&self.dir.join(MAPS_DIR))
    }

    /// Destroy every map whose retention date has passed, through the unlocked vault, so its
    /// list catalogue stays valid (the hourly sweep while the app is open). Also finishes any
    /// unlink an earlier interrupted destruction left undone.
    ///
    /// A suspect clock (see [`crate::clock::CLOCK_JUMP_LIMIT`]) destroys only what was already
    /// due at the latest instant seen, and reports the rest as held.
    pub fn sweep(&mut self, now: OffsetDateTime) -> Result<SweepReport> {
        self.check_bound()?;
        // The later of the clear latest seen instant and its sealed copy (vault/clock.rs).
        self.guard_latest_seen(now);
        let (at, clock_suspect) = destruction_instant(now, self.latest_seen);
        // A clear date pushed later than the sealed one counts for nothing (`integrity`).
        self.restore_sealed_retention(at)?;
        let mut report = SweepReport {
            clock_suspect,
            ..SweepReport::default()
        };
        let expired = self.index.expired(at)?;
        if clock_suspect {
            report.held = self.index.expired(now)?.len().saturating_sub(expired.len());
        }
        let now = at;
        if expired.is_empty() {
            if self
                .latest_seen
                .is_none_or(|seen| now - seen >= SEEN_RESOLUTION)
            {
                self.index.note_seen(now)?;
            }
        } else {
            let mut catalogue = self.catalogue.clone();
            for id in &expired {
                catalogue.maps.remove(id);
            }
            let body = catalogue.encrypt(&self.master_recipient)?;
            report.destroyed = self.index.delete_maps_with_catalogue(
                &expired,
                DestroyReason::RetentionExpired,
                now,
                Some(&body),
            )?;
            self.catalogue = catalogue;
            self.forget_maps(&expired);
            self.record_destroyed(&expired, DestroyReason::RetentionExpired, now);
        }
        self.note_seen_locally(now);
        report.leftover_files_removed =
            finish_unlinks(&self.index, &self.dir.join(MAPS_DIR), &expired)?;
        Ok(report)
    }

    /// Destroy every map in one transaction (the emergency "delete everything"): rows gone
    /// with a tombstone each, WAL checkpointed, files unlinked. Returns how many.
    pub fn destroy_all(&mut self, reason: DestroyReason, now: OffsetDateTime) -> Result<usize> {
        let now = self.effective_now(now);
        let ids = self.index.map_ids()?;
        let body = Catalogue::default().encrypt(&self.master_recipient)?;
        let destroyed = self
            .index
            .delete_maps_with_catalogue(&ids, reason, now, Some(&body))?;
        self.catalogue = Catalogue::default();
        self.recipients.clear();
        self.docs.clear();
        self.seals.clear();
        self.record_destroyed(&ids, reason, now);
        self.note_seen_locally(now);
        finish_unlinks(&self.index, &self.dir.join(MAPS_DIR), &ids)?;
        Ok(destroyed)
    }

    /// Bring the folder and the index back in step after a crash or outside interference.
    ///
    /// - the file of a map destroyed earlier (it has a tombstone) that an interrupted
    ///   destruction left behind is removed, as the next sweep would;
    /// - a map file without a row cannot be read with this index: moved to `quarantine/`
    ///   (0700, files 0600), never deleted, since the index may be what was lost;
    /// - a row without a file is reported and kept (deleting the key must be a decision);
    /// - leftover temp files are removed; files that are not ours are left alone;
    /// - the encrypted list catalogue is rebuilt if it no longer matches the rows.
    pub fn reconcile(&mut self) -> Result<ReconcileReport> {
        let mut report = ReconcileReport::default();
        let maps_dir = self.dir.join(MAPS_DIR);
        make_private_dir(&maps_dir)?;
        report.temp_files_removed =
            atomic::remove_temp_files(&self.dir)? + atomic::remove_temp_files(&maps_dir)?;

        let row_ids: BTreeSet<Uuid> = self.index.map_ids()?.into_iter().collect();
        let mut file_ids = BTreeSet::new();
        let mut orphans = Vec::new();
        for entry in fs::read_dir(&maps_dir).map_err(|e| Error::storage(&e))? {
            let entry = entry.map_err(|e| Error::storage(&e))?;
            match map_id_of(&entry.file_name()) {
                Some(id) if row_ids.contains(&id) => {
                    file_ids.insert(id);
                }
                Some(id) => orphans.push((id, entry.path())),
                None => report.unknown_files += 1,
            }
        }
        // A file whose map has a tombstone is what a destruction interrupted before its
        // unlink left: removed, as the sweep would. Only the others may be a lost row's.
        let destroyed: BTreeSet<Uuid> = if orphans.is_empty() {
            BTreeSet::new()
        } else {
            self.index
                .tombstones()?
                .into_iter()
                .map(|t| t.map_id)
                .collect()
        };
        let mut unlinked = false;
        for (id, path) in orphans {
            if destroyed.contains(&id) {
                unlinked |= remove_if_exists(&path)?;
            } else {
                quarantine(&path, &self.dir.join(QUARANTINE_DIR))?;
                report.orphan_files_removed += 1;
            }
        }
        if report.orphan_files_removed > 0 || unlinked {
            atomic::sync_dir(&maps_dir)?;
        }
        if report.orphan_files_removed > 0 {
            atomic::sync_dir(&self.dir.join(QUARANTINE_DIR))?;
        }
        report.missing_files = row_ids.difference(&file_ids).count();

        // The catalogue must hold exactly the rows' maps.
        let stale = self.catalogue.maps.keys().any(|id| !row_ids.contains(id));
        let missing: Vec<Uuid> = row_ids
            .iter()
            .filter(|id| !self.catalogue.maps.contains_key(id))
            .copied()
            .collect();
        let mut rebuilt = stale;
        if stale {
            self.catalogue.maps.retain(|id, _| row_ids.contains(id));
        }
        for id in missing {
            let Some(row) = self.index.map_row(id)? else {
                continue;
            };
            if let Some(meta) = self.recover_meta(&row) {
                self.catalogue.maps.insert(id, meta);
                rebuilt = true;
            }
        }
        if rebuilt {
            self.save_catalogue()?;
            report.catalogue_rebuilt = true;
        }
        Ok(report)
    }

    /// A row's list fields: from its `meta`, or failing that from the map itself (which also
    /// repairs the row's `meta`).
    fn recover_meta(&mut self, row: &MapRow) -> Option<Meta> {
        if let Some(meta) = Meta::decrypt(&self.master, &row.meta) {
            return Some(meta);
        }
        let doc = self.open_map(row.id).ok()?;
        let meta = Meta::of(&doc);
        // The file was just opened and checked as far as it can be: it is the one to seal.
        let seal = self.seal_of_current_file(row)?;
        let encrypted = meta.encrypt_sealed(&seal, &self.master_recipient).ok()?;
        self.index
            .update_map(
                row.id,
                row.retain_until,
                &encrypted,
                &notify_json(&doc),
                None,
                None,
            )
            .ok()?;
        Some(meta)
    }
}

/// Unlink the files of maps just destroyed, and of any map destroyed earlier (it has a
/// tombstone and no row) whose file is still there because that destruction was interrupted
/// after its index commit. Returns how many earlier leftovers were removed.
pub(super) fn finish_unlinks(
    index: &Index,
    maps_dir: &Path,
    just_destroyed: &[Uuid],
) -> Result<usize> {
    let mut removed_any = false;
    for id in just_destroyed {
        removed_any |= remove_if_exists(&maps_dir.join(map_file_name(*id)))?;
    }
    let live: BTreeSet<Uuid> = index.map_ids()?.into_iter().collect();
    let just: BTreeSet<Uuid> = just_destroyed.iter().copied().collect();
    let mut leftovers = 0;
    let destroyed: BTreeSet<Uuid> = index.tombstones()?.into_iter().map(|t| t.map_id).collect();
    for id in destroyed {
        if live.contains(&id) || just.contains(&id) {
            continue;
        }
        if remove_if_exists(&maps_dir.join(map_file_name(id)))? {
            leftovers += 1;
            removed_any = true;
        }
    }
    if removed_any {
        atomic::sync_dir(maps_dir)?;
    }
    Ok(leftovers)
}
