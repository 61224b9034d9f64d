//! The preview of a copy before it is exported: page pictures and what can be unticked.

use serde::Serialize;
use time::OffsetDateTime;

use super::super::content::Content;
use crate::document::MapDocument;
use crate::export::{self, ExportOptions};
use crate::{Error, Result};

/// Something the young person can untick in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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
    let pages = export::render_pages(doc, share_id, options, PREVIEW_WIDTH)?;
    let share = export::gate(doc, share_id, options.now)?;
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
        destroy_by: export::destroy_by(share, options.now),
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
