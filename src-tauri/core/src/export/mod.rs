//! A consented copy of a map for someone the young person agreed to share it with: the
//! gate, the renderer (one SVG of the map → PDF pages and a PNG), the encryption and the
//! disclosure record.
//!
//! The order the shell follows:
//!
//! 1. [`render`] (which calls [`gate`] first) → [`Rendered`]: PDF and PNG bytes, in memory
//!    only, for the preview and the file.
//! 2. [`disclosure_pending`] → push it onto `doc.disclosures` and save the map durably.
//! 3. [`encrypt`] → ciphertext and its SHA-256; write the ciphertext with `write_atomic`.
//! 4. [`disclosure_written`] (or [`disclosure_failed`] if the write failed) and save again.
//!
//! Nothing here touches the disk. Plaintext buffers are zeroized on drop.
//!
//! # The destroy-by date
//!
//! Every copy says when it must be deleted: the share's end date, or 90 days after the copy
//! was made, whichever is sooner ([`destroy_by`]). A copy is evidence of a moment; 90 days
//! covers a typical planning cycle without leaving old copies about.

mod assets;
mod content;
pub mod flow;
mod pdf;
mod svg;
mod wording;

use age::secrecy::{ExposeSecret, SecretString};
use rand::Rng;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::document::{Disclosure, MapDocument, Share};
use crate::{Error, Result};

pub use content::{destroy_by, MAX_COPY_DAYS};

/// The scrypt work factor for passphrase-protected copies. The recipient opens them on an
/// ordinary laptop: 18 takes about a second there and makes guessing six words hopeless.
pub const EXPORT_WORK_FACTOR: u8 = 18;

/// How many words a generated passphrase has (12 bits each from a 4096-word list: 72 bits).
pub const PASSPHRASE_WORDS: usize = 6;

/// The width and height of the PNG of the map, in pixels.
pub const PNG_SIZE: u32 = 1000;

const WORDS: &str = include_str!("words.txt");

/// What to leave out and which session to show, chosen in the preview.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Which session (0-based, oldest first); `None` = the latest.
    pub session_index: Option<usize>,
    /// People the young person unticked in the preview.
    pub excluded_token_ids: Vec<String>,
    /// Notes the young person unticked in the preview.
    pub excluded_note_ids: Vec<String>,
    /// When the copy is made (passed in; never read from the clock here).
    pub now: OffsetDateTime,
}

impl ExportOptions {
    /// The latest session, nothing unticked.
    pub fn new(now: OffsetDateTime) -> Self {
        ExportOptions {
            session_index: None,
            excluded_token_ids: Vec::new(),
            excluded_note_ids: Vec::new(),
            now,
        }
    }
}

/// A rendered copy, in memory only.
pub struct Rendered {
    /// The PDF (A4, tagged, fonts embedded).
    pub pdf: Zeroizing<Vec<u8>>,
    /// The map page's picture as a PNG, [`PNG_SIZE`] pixels square (for the preview).
    pub png: Zeroizing<Vec<u8>>,
    /// The map as SVG text (the picture both of the above are made from).
    pub svg: Zeroizing<String>,
    /// Codes for the disclosure record: sections, then ids of the people and notes shared.
    pub included: Vec<String>,
    /// The date printed on the copy by which it must be deleted.
    pub destroy_by: OffsetDateTime,
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("pdf_bytes", &self.pdf.len())
            .field("png_bytes", &self.png.len())
            .finish_non_exhaustive()
    }
}

/// Check that `share_id` may be exported now: the map is kept (not a draft) and the share
/// exists, is not withdrawn and has not ended. Returns the share.
pub fn gate<'a>(doc: &'a MapDocument, share_id: &str, now: OffsetDateTime) -> Result<&'a Share> {
    // One rule for "may this go to that recipient now", shared with the consent screens.
    crate::consent::active_share(doc, share_id, now)
}

/// Render the copy for `share_id`: gate first, then the map SVG, the PDF and the PNG.
pub fn render(doc: &MapDocument, share_id: &str, options: &ExportOptions) -> Result<Rendered> {
    let share = gate(doc, share_id, options.now)?;
    let content = content::Content::build(doc, Some(share), options)?;
    let assets = assets::assets()?;
    let svg = Zeroizing::new(svg::map_svg(&content, assets));
    let tree = pdf::parse_svg(&svg)?;
    let pdf = Zeroizing::new(pdf::write_pdf(&content, &tree)?);
    let png = Zeroizing::new(png_of(&tree)?);
    Ok(Rendered {
        pdf,
        png,
        svg,
        included: content.included(),
        destroy_by: destroy_by(share, options.now),
    })
}

/// Every page of the copy for `share_id` as a PNG `width` pixels wide, for the preview: the
/// same gate, the same content and the same page layout as the PDF [`render`] writes.
pub fn render_pages(
    doc: &MapDocument,
    share_id: &str,
    options: &ExportOptions,
    width: u32,
) -> Result<Vec<Zeroizing<Vec<u8>>>> {
    let share = gate(doc, share_id, options.now)?;
    let content = content::Content::build(doc, Some(share), options)?;
    let assets = assets::assets()?;
    let svg = Zeroizing::new(svg::map_svg(&content, assets));
    let tree = pdf::parse_svg(&svg)?;
    Ok(pdf::page_pngs(&content, &svg, &tree, width)?
        .into_iter()
        .map(Zeroizing::new)
        .collect())
}

/// The young person's own copy, in memory only: the same renderer, everything that is not
/// private (less anything unticked), addressed to them and to nobody else.
///
/// There is no gate because nothing goes to anyone: the copy is handed to the young person
/// (printed, or saved where they choose). It is a different type from [`Rendered`], with no
/// disclosure codes, so it cannot be passed to the flow that sends a copy to a recipient
/// ([`flow::export_to_file`] renders its own, gated copy), and every page says it is the
/// young person's own copy, never "shared with" anyone.
pub fn render_own_copy(doc: &MapDocument, options: &ExportOptions) -> Result<OwnCopy> {
    let content = content::Content::build(doc, None, options)?;
    let assets = assets::assets()?;
    let svg = Zeroizing::new(svg::map_svg(&content, assets));
    let tree = pdf::parse_svg(&svg)?;
    let pdf = Zeroizing::new(pdf::write_pdf(&content, &tree)?);
    let png = Zeroizing::new(png_of(&tree)?);
    Ok(OwnCopy { pdf, png })
}

/// The young person's own copy ([`render_own_copy`]), in memory only.
pub struct OwnCopy {
    /// The PDF (A4, tagged, fonts embedded).
    pub pdf: Zeroizing<Vec<u8>>,
    /// The map page's picture as a PNG, [`PNG_SIZE`] pixels square.
    pub png: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for OwnCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnCopy")
            .field("pdf_bytes", &self.pdf.len())
            .finish_non_exhaustive()
    }
}

fn png_of(tree: &resvg::usvg::Tree) -> Result<Vec<u8>> {
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(PNG_SIZE, PNG_SIZE).ok_or(Error::Internal("export-png"))?;
    let scale = PNG_SIZE as f32 / tree.size().width();
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|_| Error::Internal("export-png"))
}

/// A plain UI string from `assets/locales/en-GB/main.ftl` for text the shell shows itself
/// (the titles of native file dialogs), so every word the app shows lives in one place.
/// Falls back to `id` itself (a test checks every id the shell uses exists).
pub fn ui_text(id: &str) -> &str {
    assets::ui_message(id).unwrap_or(id)
}

/// How the copy is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// Encrypt to the age public key stored on the share (`age1…`).
    ShareRecipient,
    /// Encrypt with a new passphrase of [`PASSPHRASE_WORDS`] random words, returned once.
    NewPassphrase,
}

/// An encrypted copy, ready to be written.
pub struct Encrypted {
    /// The age file.
    pub ciphertext: Vec<u8>,
    /// SHA-256 of `ciphertext`, lowercase hex, for the disclosure record.
    pub sha256: String,
    /// The generated passphrase, for [`Protection::NewPassphrase`]: show it once, never store it.
    pub passphrase: Option<SecretString>,
}

impl std::fmt::Debug for Encrypted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encrypted")
            .field("bytes", &self.ciphertext.len())
            .field("sha256", &self.sha256)
            .finish_non_exhaustive()
    }
}

/// Encrypt the PDF for the share, as `protection` says.
pub fn encrypt(pdf: &[u8], share: &Share, protection: Protection) -> Result<Encrypted> {
    match protection {
        Protection::ShareRecipient => {
            let key = share.recipient.age_recipient.as_deref().ok_or_else(|| {
                Error::InvalidInput(
                    "No encryption key is saved for this recipient. Use a passphrase instead, \
                     or add their key to the share."
                        .to_owned(),
                )
            })?;
            let recipient: crate::crypto::Recipient = key.trim().parse().map_err(|_| {
                Error::InvalidInput(
                    "The recipient's key isn't a valid age public key. It should start with \
                     “age1”."
                        .to_owned(),
                )
            })?;
            let ciphertext = crate::crypto::encrypt_to(&recipient, pdf)?;
            Ok(finish(ciphertext, None))
        }
        Protection::NewPassphrase => {
            let passphrase = generate_passphrase();
            let mut out = encrypt_with_passphrase(pdf, &passphrase)?;
            out.passphrase = Some(passphrase);
            Ok(out)
        }
    }
}

/// Encrypt the PDF with a passphrase the caller already has (test fixtures; a passphrase
/// agreed some other way). Work factor [`EXPORT_WORK_FACTOR`].
pub fn encrypt_with_passphrase(pdf: &[u8], passphrase: &SecretString) -> Result<Encrypted> {
    if passphrase.expose_secret().trim().is_empty() {
        return Err(Error::InvalidInput("The passphrase is empty.".to_owned()));
    }
    let ciphertext = crate::crypto::encrypt_with_passphrase(passphrase, pdf, EXPORT_WORK_FACTOR)?;
    Ok(finish(ciphertext, None))
}

fn finish(ciphertext: Vec<u8>, passphrase: Option<SecretString>) -> Encrypted {
    let sha256 = sha256_hex(&ciphertext);
    Encrypted {
        ciphertext,
        sha256,
        passphrase,
    }
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The built-in word list for passphrases (4096 common words of 4 to 6 letters).
pub fn word_list() -> impl Iterator<Item = &'static str> {
    WORDS.lines().map(str::trim).filter(|w| !w.is_empty())
}

/// A new passphrase: [`PASSPHRASE_WORDS`] words from [`word_list`], chosen with the operating
/// system's random generator, separated by spaces (easy to read out over the phone).
pub fn generate_passphrase() -> SecretString {
    let words: Vec<&str> = word_list().collect();
    let mut rng = rand::rngs::OsRng;
    let mut phrase = Zeroizing::new(String::with_capacity(PASSPHRASE_WORDS * 8));
    for k in 0..PASSPHRASE_WORDS {
        if k > 0 {
            phrase.push(' ');
        }
        if let Some(word) = words.get(rng.gen_range(0..words.len().max(1))) {
            phrase.push_str(word);
        }
    }
    SecretString::from(phrase.as_str().to_owned())
}

/// The disclosure record to save (durably, in the map) *before* the file is written:
/// status `pending`, no checksum yet.
pub fn disclosure_pending(share: &Share, included: &[String], now: OffsetDateTime) -> Disclosure {
    Disclosure {
        at: now,
        share_id: share.id.clone(),
        recipient: share.recipient.clone(),
        included: included.to_vec(),
        export_sha256: None,
        status: "pending".to_owned(),
    }
}

/// Complete the record once the file is written: its checksum, status `written`.
pub fn disclosure_written(disclosure: &mut Disclosure, sha256: &str) {
    disclosure.export_sha256 = Some(sha256.to_owned());
    disclosure.status = "written".to_owned();
}

/// Mark the record when writing the file failed: status `failed`, no checksum.
pub fn disclosure_failed(disclosure: &mut Disclosure) {
    disclosure.export_sha256 = None;
    disclosure.status = "failed".to_owned();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_is_big_plain_and_unique() {
        let words: Vec<&str> = word_list().collect();
        assert!(words.len() >= 2048, "{}", words.len());
        let unique: std::collections::HashSet<_> = words.iter().collect();
        assert_eq!(unique.len(), words.len());
        assert!(words
            .iter()
            .all(|w| (4..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn passphrases_have_six_listed_words_and_differ() {
        let list: std::collections::HashSet<&str> = word_list().collect();
        let a = generate_passphrase();
        let b = generate_passphrase();
        let words: Vec<&str> = a.expose_secret().split(' ').collect();
        assert_eq!(words.len(), PASSPHRASE_WORDS);
        assert!(words.iter().all(|w| list.contains(w)));
        assert_ne!(a.expose_secret(), b.expose_secret());
    }

    #[test]
    fn sha256_hex_is_lowercase_64() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
