//! The preview back end: the same layout as the PDF drawn to PNG pictures with resvg.

use resvg::usvg;

use super::super::content::Content;
use super::super::svg::esc;
use super::layout::Op;
use super::pages::lay_out;
use super::{footer, svg_tree, FOOTER_Y, MARGIN, PAGE_H, PAGE_W, SOFT_INK};
use crate::{Error, Result};

/// Every page of the copy as a PNG `width` pixels wide, for the preview: the same layout as
/// the PDF ([`lay_out`]), drawn with resvg instead of written with krilla. `map_svg` and
/// `map_tree` are the map picture the PDF holds.
pub(crate) fn page_pngs(
    content: &Content,
    map_svg: &str,
    map_tree: &usvg::Tree,
    width: u32,
) -> Result<Vec<Vec<u8>>> {
    let l = lay_out(content)?;
    let assets = l.assets;
    let pages = l.page + 1;
    // The map's own drawing, without its outer <svg> element, to place on the first page.
    let inner = map_svg
        .find('>')
        .zip(map_svg.rfind("</svg>"))
        .and_then(|(open, close)| map_svg.get(open + 1..close))
        .ok_or(Error::Internal("export-preview"))?;
    let map_w = map_tree.size().width();
    let scale = width as f32 / PAGE_W;
    let height = (PAGE_H * scale).round() as u32;
    let mut out = Vec::with_capacity(pages);
    for page_index in 0..pages {
        let mut svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}" height="{PAGE_H}" viewBox="0 0 {PAGE_W} {PAGE_H}"><rect width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>"##
        );
        let text = |svg: &mut String,
                    (x, y): (f32, f32),
                    size: f32,
                    bold: bool,
                    c: (u8, u8, u8),
                    t: &str| {
            svg.push_str(&format!(
                r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{}" fill="rgb({},{},{})" xml:space="preserve">{}</text>"#,
                if bold { "bold" } else { "normal" },
                c.0,
                c.1,
                c.2,
                esc(t)
            ));
        };
        for block in &l.blocks {
            for (_, op) in block.ops.iter().filter(|(p, _)| *p == page_index) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold,
                        colour,
                        text: t,
                    } => text(&mut svg, (*x, *y), *size, *bold, *colour, t),
                    Op::Swatch {
                        x,
                        y,
                        size,
                        shape,
                        colour,
                    } => svg.push_str(&format!(
                        r##"<svg x="{x}" y="{y}" width="{size}" height="{size}" viewBox="-1.15 -1.15 2.3 2.3"><path d="{}" fill="{}" stroke="#1a1a1a" stroke-width="0.12" stroke-linejoin="round"/></svg>"##,
                        esc(&assets.shape(shape).path),
                        esc(&assets.colour(colour).hex)
                    )),
                    Op::Map { x, y, size } => svg.push_str(&format!(
                        r#"<g transform="translate({x} {y}) scale({})">{inner}</g>"#,
                        size / map_w
                    )),
                }
            }
        }
        let (left, right) = footer(content, page_index, pages);
        text(&mut svg, (MARGIN, FOOTER_Y), 8.5, false, SOFT_INK, left);
        let w = assets.regular.width(&right, 8.5);
        text(
            &mut svg,
            (PAGE_W - MARGIN - w, FOOTER_Y),
            8.5,
            false,
            SOFT_INK,
            &right,
        );
        svg.push_str("</svg>");
        let tree = svg_tree(&svg, assets)?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
            .ok_or(Error::Internal("export-preview"))?;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        out.push(
            pixmap
                .encode_png()
                .map_err(|_| Error::Internal("export-preview"))?,
        );
    }
    Ok(out)
}
