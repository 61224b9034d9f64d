//! Hooks for the core's own tests and benchmarks, compiled only with the `test-hooks`
//! feature (which the app never enables). Not for the app.

use std::path::Path;

use time::OffsetDateTime;
use uuid::Uuid;

use super::catalogue::{Catalogue, Meta};
use super::{identity_file_text, ReconcileReport, Vault};
use crate::atomic::ByteWriter;
use crate::crypto::{self, Identity};
use crate::index::MapRow;
use crate::Result;

impl Vault {
    /// Unlock with the master identity itself instead of the passphrase (crash tests, which
    /// must not spend a scrypt derivation on each of hundreds of child processes; and
    /// recovery tools). Whoever holds the identity can read everything anyway.
    #[doc(hidden)]
    pub fn unlock_with_identity(
        dir: &Path,
        master: Identity,
        now: OffsetDateTime,
    ) -> Result<Vault> {
        Vault::open_unlocked(dir, master, now)
    }

    /// Replace how bytes reach the disk (tests inject failures; see [`crate::atomic::FailAfter`]).
    #[doc(hidden)]
    pub fn set_byte_writer(&mut self, writer: Box<dyn ByteWriter>) {
        self.writer = writer;
    }

    /// Add `n` rows with real wrapped keys and list fields but no map files, in one
    /// transaction (benchmarks of listing 10,000 maps). Not for the app.
    #[doc(hidden)]
    pub fn seed_rows_for_benchmark(
        &mut self,
        n: usize,
        now: OffsetDateTime,
        retain_until: OffsetDateTime,
    ) -> Result<()> {
        let mut rows = Vec::with_capacity(n);
        let mut catalogue = self.catalogue.clone();
        for i in 0..n {
            let id = Uuid::new_v4();
            let key = crypto::generate_identity();
            let meta = Meta {
                label: format!("Bench {i:05}"),
                created_at: now,
                last_session_at: now,
                is_draft: i % 2 == 0,
                retain_until: Some(retain_until),
                file_sealed: false,
            };
            rows.push(MapRow {
                id,
                wrapped_key: crypto::encrypt_to(
                    &self.master_recipient,
                    identity_file_text(&key).as_bytes(),
                )?,
                retain_until,
                meta: meta.encrypt(&self.master_recipient)?,
            });
            catalogue.maps.insert(id, meta);
        }
        let body = catalogue.encrypt(&self.master_recipient)?;
        self.index.insert_maps(&rows, &body)?;
        self.catalogue = catalogue;
        Ok(())
    }

    /// Forget the in-memory catalogue and rebuild it from every row's `meta`, as a vault
    /// whose catalogue row was dropped by a locked sweep would (benchmarks).
    #[doc(hidden)]
    pub fn rebuild_catalogue_for_benchmark(&mut self) -> Result<ReconcileReport> {
        self.catalogue = Catalogue::default();
        self.reconcile()
    }
}
