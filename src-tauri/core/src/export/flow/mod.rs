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

use std::path::Path;

use secrecy::SecretString;
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{content::Content, ExportOptions, Protection};
use crate::atomic::{self, ByteWriter, PlainWriter};
use crate::consent;
use crate::document::{Disclosure, MapDocument};
use crate::record::DisclosureView;
use crate::vault::Vault;
use crate::{Error, Result};

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

/// True when the map was edited after its latest completed disclosure (see the module
/// documentation). False when it has never been shared.
pub fn changed_since_last_shared(doc: &MapDocument) -> bool {
    last_shared_at(doc).is_some_and(|at| doc.updated_at > at)
}

/// When the latest completed disclosure was made, if any.
pub fn last_shared_at(doc: &MapDocument) -> Option<OffsetDateTime> {
    doc.disclosures
        .iter()
        .filter(|d| is_completed(d))
        .map(|d| d.at)
        .max()
}

fn is_completed(d: &Disclosure) -> bool {
    d.status == STATUS_WRITTEN || d.status == STATUS_EXPORTED
}

/// One share, as the export panel offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareChoice {
    /// The share id.
    pub id: String,
    /// The recipient's role.
    pub role: String,
    /// The recipient's team.
    pub team: String,
    /// Why the young person agreed to share.
    pub purpose: String,
    /// `active`, `expired` or `withdrawn`.
    pub status: &'static str,
    /// Whether the recipient's age public key is on the share.
    pub has_key: bool,
    /// When the agreement ends, if it does.
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// What the export panel shows before anything is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportStatus {
    /// Not yet agreed to keep: nothing can be shared.
    pub is_draft: bool,
    /// Every share, active ones first.
    pub shares: Vec<ShareChoice>,
    /// Every disclosure, newest first.
    pub disclosures: Vec<DisclosureView>,
    /// When the map was last shared (a completed disclosure).
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_shared_at: Option<OffsetDateTime>,
    /// See [`changed_since_last_shared`].
    pub changed_since_last_shared: bool,
}

/// The export panel's view of a map at `now`.
pub fn export_status(doc: &MapDocument, now: OffsetDateTime) -> ExportStatus {
    let mut shares: Vec<ShareChoice> = doc
        .consent
        .shares
        .iter()
        .map(|s| ShareChoice {
            id: s.id.clone(),
            role: s.recipient.role.clone(),
            team: s.recipient.team.clone(),
            purpose: s.purpose.clone(),
            status: consent::share_status(s, now).as_str(),
            has_key: s
                .recipient
                .age_recipient
                .as_deref()
                .is_some_and(|k| !k.trim().is_empty()),
            expires_at: s.expires_at,
        })
        .collect();
    shares.sort_by_key(|s| s.status != "active");
    let mut disclosures: Vec<DisclosureView> = doc
        .disclosures
        .iter()
        .rev()
        .map(DisclosureView::from)
        .collect();
    // Newest first; records made at the same instant stay newest first (stable sort).
    disclosures.sort_by_key(|d| std::cmp::Reverse(d.at));
    ExportStatus {
        is_draft: doc.is_draft(),
        shares,
        disclosures,
        last_shared_at: last_shared_at(doc),
        changed_since_last_shared: changed_since_last_shared(doc),
    }
}

/// Something the young person can untick in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// The token or note id.
    pub id: String,
    /// What the legend calls it (initials or descriptor), or the start of a note.
    pub label: String,
    /// Whether it is left out of this copy.
    pub excluded: bool,
}

/// How wide each page picture of the preview is, in pixels.
pub const PREVIEW_WIDTH: u32 = 800;

/// The preview of one copy: every page as a picture, laid out by the same code as the PDF,
/// and what can still be unticked. Private people and notes are never offered: they are
/// always left out.
pub struct Preview {
    /// Each page as a PNG, [`PREVIEW_WIDTH`] pixels wide.
    pub pages: Vec<zeroize::Zeroizing<Vec<u8>>>,
    /// People who can be unticked.
    pub people: Vec<Choice>,
    /// Notes that can be unticked.
    pub notes: Vec<Choice>,
    /// The date printed on the copy by which it must be deleted.
    pub destroy_by: OffsetDateTime,
    /// Whether the copy can be encrypted to the recipient's own key.
    pub has_key: bool,
}

/// Render the copy's pages for the preview (the gate runs first) and list what can be
/// unticked.
pub fn preview(doc: &MapDocument, share_id: &str, options: &ExportOptions) -> Result<Preview> {
    let pages = super::render_pages(doc, share_id, options, PREVIEW_WIDTH)?;
    let share = super::gate(doc, share_id, options.now)?;
    let index = options
        .session_index
        .unwrap_or_else(|| doc.versions.len().saturating_sub(1));
    let session = doc.versions.get(index).ok_or(Error::NotFound)?;
    // Everyone who could be shared, in the legend's order, with their legend name.
    let everyone = ExportOptions {
        excluded_token_ids: Vec::new(),
        excluded_note_ids: Vec::new(),
        ..options.clone()
    };
    let content = Content::build(doc, Some(share), &everyone)?;
    let people = content
        .people
        .iter()
        .map(|p| Choice {
            id: p.token.id.clone(),
            label: format!("{}. {}", p.number, p.short_name()),
            excluded: options.excluded_token_ids.contains(&p.token.id),
        })
        .collect();
    let notes = session
        .notes
        .iter()
        .filter(|n| !n.private)
        .map(|n| Choice {
            id: n.id.clone(),
            label: note_start(&n.text),
            excluded: options.excluded_note_ids.contains(&n.id),
        })
        .collect();
    Ok(Preview {
        pages,
        people,
        notes,
        destroy_by: super::destroy_by(share, options.now),
        has_key: share
            .recipient
            .age_recipient
            .as_deref()
            .is_some_and(|k| !k.trim().is_empty()),
    })
}

/// The first 80 characters of a note, on one line.
fn note_start(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        one_line
    } else {
        let cut: String = one_line.chars().take(79).collect();
        format!("{}…", cut.trim_end())
    }
}

/// How many pages a PDF Peer Map wrote has: its `/Type /Page` objects (not `/Pages`).
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphabetic())
        .count()
}

/// `data:image/png;base64,…` for a PNG, so the UI can show it without a file.
pub fn png_data_url(png: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(22 + png.len().div_ceil(3) * 4);
    out.push_str("data:image/png;base64,");
    for chunk in png.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        let strip = |s: String| s["data:image/png;base64,".len()..].to_owned();
        assert_eq!(strip(png_data_url(b"")), "");
        assert_eq!(strip(png_data_url(b"f")), "Zg==");
        assert_eq!(strip(png_data_url(b"fo")), "Zm8=");
        assert_eq!(strip(png_data_url(b"foo")), "Zm9v");
        assert_eq!(strip(png_data_url(b"foobar")), "Zm9vYmFy");
    }

    #[test]
    fn notes_are_cut_to_one_short_line() {
        assert_eq!(note_start("a\n  b"), "a b");
        let long = "word ".repeat(40);
        let cut = note_start(&long);
        assert!(cut.chars().count() <= 80 && cut.ends_with('…'));
    }

    #[test]
    fn pages_are_counted_without_the_page_tree() {
        assert_eq!(
            pdf_page_count(b"<< /Type /Pages >> << /Type /Page >> << /Type /Page/X >>"),
            2
        );
    }
}
