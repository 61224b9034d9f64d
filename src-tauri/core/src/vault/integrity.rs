//! What unlock and the unlocked sweep check beyond the folder's tidiness: clear retention
//! dates against their sealed copies, and the index against the destruction ledger.
//!
//! - **Retention.** `maps.retain_until` is clear, so the locked sweep can work; anyone who can
//!   write the file can also push it back. Each map's `meta`, and its catalogue entry (which
//!   unlock already decrypts: no extra decryption per map), carry the date sealed. Unlock and
//!   the unlocked sweep use the earlier of the two, put the clear column back, log a
//!   [`VaultEventKind::RetentionRestored`], and destroy what is due. An entry written before
//!   the date was sealed takes the clear date as it finds it, once.
//! - **Destructions undone by a restored backup.** Every unlocked destruction is written to
//!   the ledger (`ledger.rs`) outside the data folder. At unlock, a map the ledger says was
//!   destroyed but that is in the index again is destroyed again, for the same reason, with a
//!   [`VaultEventKind::DestroyedAgain`]. Ledger lines that do not authenticate are counted,
//!   logged and never acted on.

use std::collections::BTreeMap;

use time::OffsetDateTime;
use uuid::Uuid;

use super::destroy::ReconcileReport;
use super::files::{map_file_name, remove_if_exists};
use super::ledger::Ledger;
use super::{fingerprint, Vault, VaultEventKind, MAPS_DIR};
use crate::atomic;
use crate::clock::destruction_instant;
use crate::index::DestroyReason;
use crate::Result;

impl Vault {
    /// The checks unlock runs after reconciling; their counts go into `report`.
    pub(super) fn check_integrity(
        &mut self,
        now: OffsetDateTime,
        report: &mut ReconcileReport,
    ) -> Result<()> {
        let (at, _) = destruction_instant(now, self.latest_seen);
        let (destroyed_again, ignored) = self.reapply_ledger(at)?;
        report.destroyed_again = destroyed_again;
        report.ledger_entries_ignored = ignored;
        let restored = self.restore_sealed_retention(at)?;
        report.retention_restored = restored.len();
        let due: Vec<Uuid> = restored
            .into_iter()
            .filter(|(_, sealed)| *sealed <= at)
            .map(|(id, _)| id)
            .collect();
        self.destroy_ids(&due, DestroyReason::RetentionExpired, at)?;
        self.record_destroyed(&due, DestroyReason::RetentionExpired, at);
        Ok(())
    }

    /// Put back every clear retention date later than its sealed copy, logging each; returns
    /// the maps put back with their sealed dates. Entries with no sealed date yet take the
    /// clear one.
    pub(super) fn restore_sealed_retention(
        &mut self,
        at: OffsetDateTime,
    ) -> Result<Vec<(Uuid, OffsetDateTime)>> {
        let mut restored = Vec::new();
        let mut events = Vec::new();
        let mut filled = false;
        // A row marked as being saved holds the later of its two dates on purpose until its
        // save is finished (`pending.rs`, which unlock runs first): when in doubt, keep.
        let held: std::collections::BTreeSet<Uuid> =
            self.index.pending_saves()?.into_iter().collect();
        for (id, clear) in self.index.retention_dates()? {
            if held.contains(&id) {
                continue;
            }
            let Some(meta) = self.catalogue.maps.get_mut(&id) else {
                continue;
            };
            match meta.retain_until {
                Some(sealed) if sealed < clear => {
                    restored.push((id, sealed));
                    let what = VaultEventKind::RetentionRestored {
                        map_id: id,
                        index_said: clear,
                        sealed,
                    };
                    events.push(what);
                }
                Some(_) => {}
                None => {
                    meta.retain_until = Some(clear);
                    filled = true;
                }
            }
        }
        if filled {
            self.save_catalogue()?;
        }
        if !restored.is_empty() {
            let bodies = events
                .into_iter()
                .map(|what| self.event_body(what, at))
                .collect::<Result<Vec<_>>>()?;
            self.index.restore_retention(&restored, &bodies)?;
        }
        Ok(restored)
    }

    /// Destroy again every map in the index that the ledger says was destroyed. Returns how
    /// many, and how many ledger lines were ignored.
    fn reapply_ledger(&mut self, at: OffsetDateTime) -> Result<(usize, usize)> {
        let read = self.ledger().read()?;
        let mut by_reason: BTreeMap<&'static str, (DestroyReason, Vec<Uuid>)> = BTreeMap::new();
        for id in self.index.map_ids()? {
            if let Some(reason) = read.destroyed.get(&id) {
                by_reason
                    .entry(reason.as_str())
                    .or_insert_with(|| (*reason, Vec::new()))
                    .1
                    .push(id);
            }
        }
        let mut destroyed = 0;
        for (reason, ids) in by_reason.into_values() {
            destroyed += self.destroy_ids(&ids, reason, at)?;
        }
        if destroyed > 0 {
            self.record_event(VaultEventKind::DestroyedAgain { count: destroyed }, at)?;
        }
        if read.ignored > 0 {
            let what = VaultEventKind::LedgerEntriesIgnored {
                count: read.ignored,
            };
            self.record_event(what, at)?;
        }
        Ok((destroyed, read.ignored))
    }

    /// Destroy these maps through the unlocked vault (rows, tombstones and the new catalogue in
    /// one transaction, then the files). Writes no ledger entry. Returns how many rows went.
    fn destroy_ids(
        &mut self,
        ids: &[Uuid],
        reason: DestroyReason,
        at: OffsetDateTime,
    ) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let mut catalogue = self.catalogue.clone();
        for id in ids {
            catalogue.maps.remove(id);
        }
        let body = catalogue.encrypt(&self.master_recipient)?;
        let n = self
            .index
            .delete_maps_with_catalogue(ids, reason, at, Some(&body))?;
        self.catalogue = catalogue;
        self.forget_maps(ids);
        let maps_dir = self.dir.join(MAPS_DIR);
        for id in ids {
            remove_if_exists(&maps_dir.join(map_file_name(*id)))?;
        }
        atomic::sync_dir(&maps_dir)?;
        Ok(n)
    }

    /// Drop what the vault remembers about these maps (after destroying them).
    pub(super) fn forget_maps(&mut self, ids: &[Uuid]) {
        for id in ids {
            self.recipients.remove(id);
            self.docs.forget(*id);
            self.seals.forget(*id);
        }
    }

    /// Write destroyed maps to the ledger. Best effort: the maps are already destroyed, and
    /// a ledger that cannot be written only means a restored backup would bring them back
    /// until their dates pass.
    pub(super) fn record_destroyed(&self, ids: &[Uuid], reason: DestroyReason, at: OffsetDateTime) {
        let _ = self.ledger().append(ids, reason, at);
    }

    fn ledger(&self) -> Ledger {
        Ledger::new(&self.dir, &self.master, fingerprint(&self.master_recipient))
    }
}
