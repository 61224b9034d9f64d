//! The PDF back end: the layout written with krilla, tagged for screen readers.

use std::collections::HashMap;
use std::num::NonZeroU16;
use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::super::assets::{FONT_BOLD, FONT_REGULAR};
use super::super::content::Content;
use super::layout::{Layout, Op, Role};
use super::{footer, svg_tree, swatch_svg, FOOTER_Y, MARGIN, PAGE_H, PAGE_W, SOFT_INK};
use crate::{Error, Result};

pub(super) fn render(l: Layout, content: &Content, map_tree: &usvg::Tree) -> Result<Vec<u8>> {
    let assets = l.assets;
    let regular = Font::new(FONT_REGULAR.into(), 0).ok_or(Error::Internal("export-font"))?;
    let bold = Font::new(FONT_BOLD.into(), 0).ok_or(Error::Internal("export-font"))?;
    let mut swatches: HashMap<(String, String), Arc<usvg::Tree>> = HashMap::new();
    let pages = l.page + 1;

    let settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut groups: Vec<TagGroup> = l
        .blocks
        .iter()
        .map(|b| {
            let tag: TagKind = match b.role {
                Role::H1 => Tag::Hn(NonZeroU16::MIN, None).into(),
                Role::H2 => Tag::Hn(NonZeroU16::MIN.saturating_add(1), None).into(),
                Role::P => Tag::P.into(),
                Role::Figure => Tag::Figure(b.alt.clone()).into(),
            };
            TagGroup::new(tag)
        })
        .collect();
    for page_index in 0..pages {
        let (footer_left, right) = footer(content, page_index, pages);
        let page_settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(Error::Internal("export-page"))?;
        let mut page = document.start_page_with(page_settings);
        let mut surface = page.surface();
        for (block, group) in l.blocks.iter().zip(groups.iter_mut()) {
            for (_, op) in block.ops.iter().filter(|(p, _)| *p == page_index) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: is_bold,
                        colour,
                        text,
                    } => {
                        let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                        text_at(
                            &mut surface,
                            if *is_bold { &bold } else { &regular },
                            (*x, *y),
                            *size,
                            *colour,
                            text,
                        );
                        surface.end_tagged();
                        group.push(id);
                    }
                    Op::Swatch {
                        x,
                        y,
                        size,
                        shape,
                        colour,
                    } => {
                        let key = (shape.clone(), colour.clone());
                        let tree = match swatches.get(&key) {
                            Some(tree) => tree.clone(),
                            None => {
                                let tree =
                                    Arc::new(svg_tree(&swatch_svg(assets, shape, colour), assets)?);
                                swatches.insert(key, tree.clone());
                                tree
                            }
                        };
                        surface.start_tagged(ContentTag::Artifact(ArtifactType::Other));
                        draw_svg_at(&mut surface, &tree, *x, *y, *size);
                        surface.end_tagged();
                    }
                    Op::Map { x, y, size } => {
                        let id = surface.start_tagged(ContentTag::Other);
                        draw_svg_at(&mut surface, map_tree, *x, *y, *size);
                        surface.end_tagged();
                        group.push(id);
                    }
                }
            }
        }
        // Footer on every page: a page artifact, not part of the reading order.
        surface.start_tagged(ContentTag::Artifact(ArtifactType::Footer));
        text_at(
            &mut surface,
            &regular,
            (MARGIN, FOOTER_Y),
            8.5,
            SOFT_INK,
            footer_left,
        );
        let w = assets.regular.width(&right, 8.5);
        text_at(
            &mut surface,
            &regular,
            (PAGE_W - MARGIN - w, FOOTER_Y),
            8.5,
            SOFT_INK,
            &right,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }

    let mut tree = TagTree::new().with_lang(Some("en-GB".to_owned()));
    for group in groups {
        tree.push(group);
    }
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title(format!("Peer map: {}", content.doc.label.trim()))
            .language("en-GB".to_owned())
            .creator("Peer Map".to_owned()),
    );
    document.finish().map_err(|_| Error::Internal("export-pdf"))
}

fn text_at(
    surface: &mut Surface,
    font: &Font,
    (x, y): (f32, f32),
    size: f32,
    colour: (u8, u8, u8),
    text: &str,
) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }));
    surface.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn draw_svg_at(surface: &mut Surface, tree: &usvg::Tree, x: f32, y: f32, size: f32) {
    surface.push_transform(&Transform::from_translate(x, y));
    if let Some(size) = Size::from_wh(size, size) {
        surface.draw_svg(tree, size, SvgSettings::default());
    }
    surface.pop();
}
