//! The PDF: A4 pages, selectable text in the embedded Atkinson Hyperlegible Next, tagged for
//! screen readers (headings, paragraphs, the map as a figure with a description), language
//! en-GB and a title.
//!
//! Pages are laid out first into plain drawing operations grouped into blocks (one block is one
//! heading, paragraph or figure), so the page count is known for the footers and the reading
//! order of the tag tree is the order the blocks were written, whichever page they land on.

//!
//! One concern per module: `layout` is the page-filling machinery, `pages` what goes on
//! which page, `about` the sentences written about the copy, `writer` the PDF back end
//! (krilla) and `png` the preview back end (resvg), both drawing the same layout.

mod about;
mod layout;
mod pages;
mod png;
mod writer;

use resvg::usvg;

use super::assets::{assets, Assets};
use super::content::Content;
use super::svg::esc;
use super::wording::{date, sentences};
use crate::{Error, Result};

pub(crate) use png::page_pngs;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 48.0;
const FOOTER_Y: f32 = PAGE_H - 26.0;
const BOTTOM: f32 = PAGE_H - 56.0;
const BODY: f32 = 11.0;
const INK: (u8, u8, u8) = (0x1a, 0x1a, 0x1a);
const SOFT_INK: (u8, u8, u8) = (0x44, 0x4f, 0x5c);

/// Lay out and write the whole PDF.
pub(crate) fn write_pdf(content: &Content, map_tree: &usvg::Tree) -> Result<Vec<u8>> {
    writer::render(pages::lay_out(content)?, content, map_tree)
}

/// The footer of page `page_index` (0-based) of `pages`: the left text and the right text.
fn footer(content: &Content, page_index: usize, pages: usize) -> (&'static str, String) {
    let left = match content.share {
        Some(_) => sentences::FOOTER,
        None => sentences::OWN_COPY,
    };
    let right = match content.destroy_by {
        Some(by) => format!(
            "Delete by {} · Page {} of {pages}",
            date(by),
            page_index + 1
        ),
        None => format!("Page {} of {pages}", page_index + 1),
    };
    (left, right)
}

fn svg_tree(svg: &str, assets: &Assets) -> Result<usvg::Tree> {
    let options = usvg::Options {
        fontdb: assets.fontdb.clone(),
        font_family: assets.font_family.clone(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|_| Error::Internal("export-svg"))
}

pub(crate) fn parse_svg(svg: &str) -> Result<usvg::Tree> {
    svg_tree(svg, assets()?)
}

fn swatch_svg(assets: &Assets, shape: &str, colour: &str) -> String {
    let c = assets.colour(colour);
    let s = assets.shape(shape);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="-1.15 -1.15 2.3 2.3"><path d="{}" fill="{}" stroke="#1a1a1a" stroke-width="0.12" stroke-linejoin="round"/></svg>"##,
        esc(&s.path),
        esc(&c.hex)
    )
}
