//! The PDF: A4 pages, selectable text in the embedded Atkinson Hyperlegible Next, tagged for
//! screen readers (headings, paragraphs, the map as a figure with a description), language
//! en-GB and a title.
//!
//! Pages are laid out first into plain drawing operations grouped into blocks (one block is one
//! heading, paragraph or figure), so the page count is known for the footers and the reading
//! order of the tag tree is the order the blocks were written, whichever page they land on.

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

use super::assets::{assets, Assets, FONT_BOLD, FONT_REGULAR};
use super::content::Content;
use super::svg::{esc, wrap_lines};
use super::wording::{answers_intro, date, link_sentence, sentences};
use crate::{Error, Result};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 48.0;
const FOOTER_Y: f32 = PAGE_H - 26.0;
const BOTTOM: f32 = PAGE_H - 56.0;
const BODY: f32 = 11.0;
const INK: (u8, u8, u8) = (0x1a, 0x1a, 0x1a);
const SOFT_INK: (u8, u8, u8) = (0x44, 0x4f, 0x5c);

#[derive(Clone, Copy, PartialEq)]
enum Role {
    H1,
    H2,
    P,
    Figure,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
    },
    /// A small shape-and-colour sample beside a legend entry (decorative: the words say it).
    Swatch {
        x: f32,
        y: f32,
        size: f32,
        shape: String,
        colour: String,
    },
    Map {
        x: f32,
        y: f32,
        size: f32,
    },
}

struct Block {
    role: Role,
    alt: Option<String>,
    ops: Vec<(usize, Op)>,
}

struct Layout<'a> {
    assets: &'a Assets,
    page: usize,
    y: f32,
    blocks: Vec<Block>,
}

impl<'a> Layout<'a> {
    fn new(assets: &'a Assets) -> Self {
        Layout {
            assets,
            page: 0,
            y: MARGIN,
            blocks: Vec::new(),
        }
    }

    fn new_page(&mut self) {
        self.page += 1;
        self.y = MARGIN;
    }

    /// Make sure `height` fits on this page, else move to the next.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let metrics = if bold {
            &self.assets.bold
        } else {
            &self.assets.regular
        };
        metrics.width(text, size)
    }

    fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut out = Vec::new();
        for para in text.split('\n') {
            let lines = wrap_lines(para, f64::from(max), usize::MAX, &|s| {
                f64::from(self.width(s, size, bold))
            });
            if lines.is_empty() {
                out.push(String::new());
            }
            out.extend(lines);
        }
        out
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = if level == 1 {
            (20.0, 6.0)
        } else {
            (14.0, 10.0)
        };
        let lines = self.wrap(text, size, true, PAGE_W - 2.0 * MARGIN);
        let line_h = size * 1.3;
        // Keep a heading with at least three lines of what follows.
        self.room(before + line_h * lines.len() as f32 + 3.0 * BODY * 1.45);
        if self.y > MARGIN {
            self.y += before;
        }
        let mut block = Block {
            role: if level == 1 { Role::H1 } else { Role::H2 },
            alt: None,
            ops: Vec::new(),
        };
        for line in lines {
            self.y += line_h;
            block.ops.push((
                self.page,
                Op::Text {
                    x: MARGIN,
                    y: self.y - size * 0.25,
                    size,
                    bold: true,
                    colour: INK,
                    text: line,
                },
            ));
        }
        self.y += 4.0;
        self.blocks.push(block);
    }

    /// A paragraph, wrapped, starting at `indent`; may run over a page break.
    fn para_at(&mut self, text: &str, size: f32, bold: bool, indent: f32, colour: (u8, u8, u8)) {
        let line_h = size * 1.45;
        let lines = self.wrap(text, size, bold, PAGE_W - MARGIN - indent);
        let mut block = Block {
            role: Role::P,
            alt: None,
            ops: Vec::new(),
        };
        for line in lines {
            self.room(line_h);
            self.y += line_h;
            if !line.is_empty() {
                block.ops.push((
                    self.page,
                    Op::Text {
                        x: indent,
                        y: self.y - size * 0.3,
                        size,
                        bold,
                        colour,
                        text: line,
                    },
                ));
            }
        }
        self.y += size * 0.45;
        if !block.ops.is_empty() {
            self.blocks.push(block);
        }
    }

    fn para(&mut self, text: &str) {
        self.para_at(text, BODY, false, MARGIN, INK);
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }
}

/// Lay out and write the whole PDF.
pub(crate) fn write_pdf(content: &Content, map_tree: &usvg::Tree) -> Result<Vec<u8>> {
    render(lay_out(content)?, content, map_tree)
}

/// Lay every page out into drawing operations (shared by the PDF and the preview pictures).
fn lay_out(content: &Content) -> Result<Layout<'static>> {
    let assets = assets()?;
    let mut l = Layout::new(assets);
    let label = content.doc.label.trim();
    let for_whom = match content.share {
        Some(share) => format!(
            "Shared with {}, {}",
            share.recipient.role, share.recipient.team
        ),
        None => sentences::OWN_COPY.to_owned(),
    };

    // Page 1: title, the map, how to read it.
    l.heading(1, &format!("Peer map: {label}"));
    l.para_at(
        &format!(
            "Session of {} · {for_whom}",
            date(content.session.session_at),
        ),
        BODY,
        false,
        MARGIN,
        SOFT_INK,
    );
    // Leaves room on the first page for the reading help below the map.
    let map_size = 450.0;
    l.gap(4.0);
    l.blocks.push(Block {
        role: Role::Figure,
        alt: Some(map_description(content)),
        ops: vec![(
            l.page,
            Op::Map {
                x: (PAGE_W - map_size) / 2.0,
                y: l.y,
                size: map_size,
            },
        )],
    });
    l.y += map_size + 10.0;
    l.heading(2, "How to read this map");
    for line in sentences::HOW_TO_READ {
        l.para(line);
    }

    // The legend.
    l.new_page();
    l.heading(1, "Who is on the map");
    l.para(sentences::LEGEND_INTRO);
    legend(&mut l, content);

    // Answers, notes, about this copy.
    l.heading(1, "Answers to the questions");
    let order: Vec<&str> = assets.prompts.iter().map(|p| p.id.as_str()).collect();
    let answers = content.answers(&order);
    if answers.is_empty() {
        l.para("No questions were answered in this session, or none of the answers are shared.");
    } else {
        l.para(answers_intro());
    }
    for (id, who) in answers {
        let question = match assets.prompt(id) {
            Some(p) => p.question.clone(),
            None if id.starts_with("custom-") => {
                "A question the practitioner added for this session".to_owned()
            }
            None => format!(
                "Another question (recorded as “{}”)",
                id.replace(['-', '_'], " ")
            ),
        };
        l.heading(2, &question);
        let names: Vec<String> = who.iter().map(|&i| content.people[i].reference()).collect();
        l.para(&names.join(", "));
    }

    l.heading(1, "Notes");
    if content.notes.is_empty() {
        l.para("No notes from this session are shared.");
    } else {
        l.para("These notes were marked as fine to share. Notes kept private are not included.");
        for note in &content.notes {
            let by = match note.by {
                crate::document::Author::YoungPerson => "In the young person's own words",
                crate::document::Author::Practitioner => "Practitioner's note",
            };
            l.para_at(by, BODY, true, MARGIN, INK);
            l.para_at(&note.text, BODY, false, MARGIN + 12.0, INK);
        }
    }

    l.heading(1, "About this copy");
    match content.share {
        Some(share) => {
            for line in about(content, share) {
                l.para(&line);
            }
            l.gap(6.0);
            l.para_at(sentences::SAFETY_ONLY, 12.0, true, MARGIN, INK);
        }
        None => {
            for line in about_own_copy(content) {
                l.para(&line);
            }
        }
    }
    Ok(l)
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

fn legend(l: &mut Layout, content: &Content) {
    let assets = l.assets;
    let rings = &content.doc.rings;
    let mut sections: Vec<(String, Vec<usize>)> = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        let members: Vec<usize> = content
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.token.ring.map(usize::from) == Some(r))
            .map(|(i, _)| i)
            .collect();
        if !members.is_empty() {
            let place = match r {
                0 => " (the ring closest to the centre)".to_owned(),
                r if r + 1 == rings.len() => " (the outside ring)".to_owned(),
                r => format!(" (ring {} from the centre)", r + 1),
            };
            sections.push((format!("{}{place}", ring.label.trim()), members));
        }
    }
    let parked: Vec<usize> = content
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.token.ring.is_none())
        .map(|(i, _)| i)
        .collect();
    if !parked.is_empty() {
        sections.push(("Talked about, but not placed on a ring".to_owned(), parked));
    }
    if sections.is_empty() {
        l.para("Nobody from this session is shared.");
    }
    let swatch = 18.0;
    let indent = MARGIN + swatch + 10.0;
    for (title, members) in sections {
        l.heading(2, &title);
        for i in members {
            let p = &content.people[i];
            let t = p.token;
            let colour = assets.colour(&t.colour);
            let shape = assets.shape(&t.shape);
            let mut name = format!("{}. {}", p.number, p.short_name());
            if let (Some(ini), Some(desc)) = (&t.initials, &t.descriptor) {
                if !ini.trim().is_empty() && !desc.trim().is_empty() {
                    name = format!("{}. {} – {}", p.number, ini.trim(), desc.trim());
                }
            }
            let kind = assets.kind_name(kind_code(t.kind));
            let detail = format!("{} {}. {}.", colour.name, shape.name.to_lowercase(), kind);
            let badge_lines: Vec<String> = t
                .badges
                .iter()
                .map(|b| match assets.prompt(b) {
                    Some(p) => format!("{}: “{}”", p.badge, p.question),
                    None if b.starts_with("custom-") => {
                        "Answered one of the practitioner's own questions".to_owned()
                    }
                    None => format!("Answered “{}”", b.replace(['-', '_'], " ")),
                })
                .collect();
            let need = BODY * 1.45 * (2 + badge_lines.len()) as f32 + 6.0;
            l.room(need.min(BOTTOM - MARGIN));
            let top = l.y;
            l.para_at(&name, BODY + 1.0, true, indent, INK);
            l.blocks
                .last_mut()
                .map(|b| {
                    b.ops.push((
                        l.page,
                        Op::Swatch {
                            x: MARGIN + 2.0,
                            y: top + 2.0,
                            size: swatch,
                            shape: shape.id.clone(),
                            colour: colour.id.clone(),
                        },
                    ))
                })
                .unwrap_or_default();
            l.y -= 3.0;
            l.para_at(&detail, BODY, false, indent, SOFT_INK);
            for line in badge_lines {
                l.y -= 3.0;
                l.para_at(&line, BODY, false, indent, SOFT_INK);
            }
            l.gap(3.0);
        }
    }

    if !content.groups.is_empty() {
        l.heading(2, "Groups");
        for (label, members) in &content.groups {
            let names: Vec<String> = members
                .iter()
                .map(|&i| content.people[i].reference())
                .collect();
            l.para(&format!("{}: {}.", label.trim(), names.join(", ")));
        }
    }
    if !content.links.is_empty() {
        l.heading(2, "Who knows whom");
        for &(a, b, kind) in &content.links {
            l.para(&link_sentence(
                &content.people[a].reference(),
                &content.people[b].reference(),
                kind,
            ));
        }
    }
}

fn kind_code(kind: crate::document::TokenKind) -> &'static str {
    use crate::document::TokenKind as K;
    match kind {
        K::Peer => "peer",
        K::Family => "family",
        K::Adult => "adult",
        K::Professional => "professional",
        K::Other => "other",
    }
}

/// The text alternative for the map figure.
fn map_description(content: &Content) -> String {
    let placed = content
        .people
        .iter()
        .filter(|p| p.token.ring.is_some())
        .count();
    format!(
        "The peer map: the young person in the centre with {} rings around them and {placed} \
         {} placed on the rings. Every person is described in words in the legend that follows.",
        content.doc.rings.len(),
        if placed == 1 { "person" } else { "people" },
    )
}

/// "About this copy" for the young person's own copy: what it is, and that it is theirs.
fn about_own_copy(content: &Content) -> Vec<String> {
    let doc = content.doc;
    let mut out = Vec::new();
    if !doc.purpose.trim().is_empty() {
        out.push(format!("Why the map was made: {}", doc.purpose.trim()));
    }
    out.push(format!(
        "This copy shows session {} of {}, held on {}. It was made on {}.",
        content.session_number,
        doc.versions.len(),
        date(content.session.session_at),
        date(content.now)
    ));
    out.extend(sentences::OWN_COPY_ABOUT.iter().map(|s| (*s).to_owned()));
    out
}

fn about(content: &Content, share: &crate::document::Share) -> Vec<String> {
    let doc = content.doc;
    let mut out = Vec::new();
    if !doc.purpose.trim().is_empty() {
        out.push(format!("Why the map was made: {}", doc.purpose.trim()));
    }
    out.push(format!(
        "Why it is shared with you: {}",
        share.purpose.trim()
    ));
    out.push(format!(
        "Shared with: {}, {}.",
        share.recipient.role.trim(),
        share.recipient.team.trim()
    ));
    if let Some(keep) = &doc.consent.keep_copy {
        let who = match keep.by {
            crate::document::ConsentBy::YoungPerson => "The young person",
            crate::document::ConsentBy::ParentCarer => "A parent or carer",
        };
        out.push(format!(
            "{who} agreed to the map being kept on {}.",
            date(keep.at)
        ));
    }
    out.push(format!(
        "The young person agreed to share it with you on {}.",
        date(share.agreed_at)
    ));
    out.push(match share.expires_at {
        Some(end) => format!(
            "That agreement ends on {}, and the young person can take it back sooner.",
            date(end)
        ),
        None => {
            "That agreement has no end date, and the young person can take it back at any time."
                .to_owned()
        }
    });
    if let Some(basis) = doc.consent.lawful_basis.as_deref() {
        if !basis.trim().is_empty() {
            out.push(format!("Lawful basis recorded: {}", basis.trim()));
        }
    }
    out.push(format!(
        "This copy shows session {} of {}, held on {}. It was made on {}.",
        content.session_number,
        doc.versions.len(),
        date(content.session.session_at),
        date(content.now)
    ));
    out.push(format!(
        "Please delete this copy by {}. (A copy is kept no longer than the agreement lasts, \
         and never more than {} days.)",
        date(content.destroy_by.unwrap_or(content.now)),
        super::content::MAX_COPY_DAYS
    ));
    out.push(sentences::LEFT_OUT.to_owned());
    out
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

fn render(l: Layout, content: &Content, map_tree: &usvg::Tree) -> Result<Vec<u8>> {
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
