//! Finishing saves a crash interrupted between a map's file and its row (see
//! `index/pending.rs`): at unlock, each marked row is brought in step with its file.

use super::catalogue::Meta;
use super::maps::notify_json;
use super::Vault;
use crate::Result;

impl Vault {
    /// Bring every row marked as being saved in step with its map's file, the newer of the
    /// two: destroy date, list fields and recipients, and the catalogue. Returns how many.
    /// A map that cannot be opened keeps its mark, and with it the later of its two dates:
    /// when in doubt, keep.
    pub(super) fn finish_interrupted_saves(&mut self) -> Result<usize> {
        let mut finished = 0;
        for id in self.index.pending_saves()? {
            if self.index.map_row(id)?.is_none() {
                self.index.forget_pending_save(id)?;
                continue;
            }
            let Ok(doc) = self.open_map(id) else {
                continue;
            };
            // The file just passed the seal check (`seal`): it is the one to seal.
            let Some(seal) = self
                .index
                .map_row(id)?
                .and_then(|row| self.seal_of_current_file(&row))
            else {
                continue;
            };
            let meta = Meta::of(&doc);
            let catalogue = self.catalogue.with(id, meta.clone());
            let body = catalogue.encrypt(&self.master_recipient)?;
            self.index.update_map(
                id,
                doc.retention.until,
                &meta.encrypt_sealed(&seal, &self.master_recipient)?,
                &notify_json(&doc),
                Some(&body),
                // The instant the interrupted save recorded in the file, as it would have
                // recorded it in the row (never a suspect one: see put_latest_seen).
                Some(doc.updated_at),
            )?;
            self.catalogue = catalogue;
            self.note_seen_locally(doc.updated_at);
            finished += 1;
        }
        Ok(finished)
    }
}
