//! The whole export on an unlocked vault: gate, render, encrypt, record, write, complete.
//!
//! [`export_to_file`] is the only way a copy for a recipient reaches the disk. Its order is
//! the point of this module:
//!
//! 1. open the map and [`render`](super::render) it for the share (the gate runs first);
//! 2. encrypt the PDF (to the share's key, or with a new word passphrase);
//! 3. add a `pending` disclosure to the map and save the map **durably**;
//! 4. write the encrypted file atomically where the practitioner chose;
//! 5. complete the disclosure with the file's SHA-256 (`written`), or mark it `failed` if the
//!    write failed, and save the map again.
//!
//! A refusal in steps 1–2 (no such share, withdrawn, ended, a bad key, a bad place to save)
//! changes nothing at all. Once step 3 is done, every attempt leaves a record, even if the
//! computer stops before the file is written (the record then stays `pending`).
//!
//! # "Changed since last shared"
//!
//! A map has changed since it was last shared when its `updated_at` is later than the `at`
//! of its latest *completed* disclosure (status `written`, or `exported` in files written
//! before statuses existed). Every edit stamps `updated_at` (drawing, new session, consent,
//! retention) through the vault's rollback-guarded clock, and recording a disclosure
//! deliberately does not, so exporting does not count as a change. Consent edits count: the
//! copy carries a consent summary, so after one the copy a recipient holds is out of date
//! too. Failed and pending exports do not count as shared: nothing reached anyone.

mod preview;
mod status;

use std::path::Path;

use secrecy::SecretString;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{ExportOptions, Protection};
use crate::atomic::{self, ByteWriter, PlainWriter};
use crate::vault::Vault;
use crate::{Error, Result};

pub use preview::{pdf_page_count, png_data_url, preview, Choice, Preview, PREVIEW_WIDTH};
pub use status::{
    changed_since_last_shared, export_status, last_shared_at, ExportStatus, ShareChoice,
};

/// Disclosure statuses this module writes.
pub const STATUS_PENDING: &str = "pending";
/// The file was written and its checksum recorded.
pub const STATUS_WRITTEN: &str = "written";
/// Writing the file failed; nothing reached the recipient.
pub const STATUS_FAILED: &str = "failed";
/// What older files say for a completed export (the default when no status was written).
pub const STATUS_EXPORTED: &str = "exported";

/// What to export, chosen in the preview.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// The map.
    pub map_id: Uuid,
    /// The share that allows it.
    pub share_id: String,
    /// The session and what was unticked; `now` is replaced by the vault's guarded clock.
    pub options: ExportOptions,
    /// How the file is protected.
    pub protection: Protection,
}

/// What a finished export tells the caller.
pub struct ExportOutcome {
    /// SHA-256 of the file written, lowercase hex (as recorded in the disclosure).
    pub sha256: String,
    /// The generated passphrase, for [`Protection::NewPassphrase`]. Shown once, never stored.
    pub passphrase: Option<SecretString>,
    /// When the disclosure was recorded.
    pub disclosure_at: OffsetDateTime,
    /// False only if the file was written but the map could not be saved again to complete
    /// its record (the disclosure then stays `pending`; the file is still good).
    pub record_completed: bool,
}

impl std::fmt::Debug for ExportOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportOutcome")
            .field("sha256", &self.sha256)
            .field("record_completed", &self.record_completed)
            .finish_non_exhaustive()
    }
}

const BAD_TARGET: &str = "Peer Map can't save the copy there. Choose a folder and a file name.";
const TARGET_IN_VAULT: &str = "Choose a folder outside Peer Map's own data folder for the copy.";

/// Export the copy for `request.share_id` to `target` (a path the shell got from a native
/// save dialog). See the module documentation for the order of events.
pub fn export_to_file(
    vault: &mut Vault,
    request: &ExportRequest,
    target: &Path,
) -> Result<ExportOutcome> {
    export_to_file_with(vault, request, target, &PlainWriter)
}

/// [`export_to_file`] with the writer of the exported file injected (tests make it fail).
pub fn export_to_file_with(
    vault: &mut Vault,
    request: &ExportRequest,
    target: &Path,
    writer: &dyn ByteWriter,
) -> Result<ExportOutcome> {
    let (dir, name) = split_save_target(vault, target)?;
    let now = vault.effective_now(request.options.now);
    let options = ExportOptions {
        now,
        ..request.options.clone()
    };
    let mut doc = vault.open_map(request.map_id)?;
    let rendered = super::render(&doc, &request.share_id, &options)?;
    let share = super::gate(&doc, &request.share_id, now)?.clone();
    let encrypted = super::encrypt(&rendered.pdf, &share, request.protection)?;
    drop(rendered.pdf);

    // The record first, durably: from here on every attempt is on file.
    let pending = super::disclosure_pending(&share, &rendered.included, now);
    doc.disclosures.push(pending);
    let index = doc.disclosures.len() - 1;
    vault.save_map(&doc, now)?;

    let written = atomic::write_atomic_with(writer, &dir, &name, &encrypted.ciphertext);
    let Some(record) = doc.disclosures.get_mut(index) else {
        return Err(Error::Internal("disclosure_lost"));
    };
    match written {
        Ok(()) => {
            super::disclosure_written(record, &encrypted.sha256);
            let record_completed = vault.save_map(&doc, now).is_ok();
            Ok(ExportOutcome {
                sha256: encrypted.sha256,
                passphrase: encrypted.passphrase,
                disclosure_at: now,
                record_completed,
            })
        }
        Err(err) => {
            super::disclosure_failed(record);
            // Best effort: if this save fails too, the record stays `pending`, which is
            // still the truth as far as anyone can know (no file was completed).
            let _ = vault.save_map(&doc, now);
            Err(err)
        }
    }
}

/// Save the young person's own copy (a plain PDF: it is theirs to take away) to `target`.
/// No gate and no disclosure: nothing goes to anyone else.
pub fn save_own_copy(
    vault: &Vault,
    map_id: Uuid,
    options: &ExportOptions,
    target: &Path,
) -> Result<()> {
    let (dir, name) = split_save_target(vault, target)?;
    let options = ExportOptions {
        now: vault.effective_now(options.now),
        ..options.clone()
    };
    let doc = vault.open_map(map_id)?;
    let copy = super::render_own_copy(&doc, &options)?;
    atomic::write_atomic(&dir, &name, &copy.pdf)
}

/// The folder and file name of a save target (from a native dialog), refusing anything that
/// is not a file in an existing folder outside the vault's data folder.
pub fn split_save_target(vault: &Vault, target: &Path) -> Result<(std::path::PathBuf, String)> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.trim().is_empty() && !atomic::is_temp_name(std::ffi::OsStr::new(n)))
        .ok_or_else(|| Error::InvalidInput(BAD_TARGET.to_owned()))?;
    let parent = target
        .parent()
        .filter(|p| p.is_absolute())
        .ok_or_else(|| Error::InvalidInput(BAD_TARGET.to_owned()))?;
    let dir = parent
        .canonicalize()
        .map_err(|_| Error::InvalidInput(BAD_TARGET.to_owned()))?;
    if !dir.is_dir() {
        return Err(Error::InvalidInput(BAD_TARGET.to_owned()));
    }
    if let Ok(vault_dir) = vault.dir().canonicalize() {
        if dir.starts_with(&vault_dir) {
            return Err(Error::InvalidInput(TARGET_IN_VAULT.to_owned()));
        }
    }
    if dir.join(name).is_dir() {
        return Err(Error::InvalidInput(BAD_TARGET.to_owned()));
    }
    Ok((dir, name.to_owned()))
}
