//! The map picture as one SVG, drawn from a [`Content`]: rings with their names, the young
//! person at the centre, people as coloured shapes with initials, numbered captions, links as
//! lines, groups as soft outlines and a small mark for answered questions.
//!
//! The same SVG becomes the PDF's first page (krilla-svg) and the PNG (resvg).
//!
//! Every colour comes from `assets/palette.json` (`colours` for people, `map` for everything
//! else), the same file the canvas draws with, so a copy looks like the screen. No colour is
//! written in this file; a test checks.
//!
//! Places are not in copies yet: the canvas shows them as tags just outside the outer ring
//! (the UI's `lib/scene/places.ts`), but nothing here draws them and the legend does not list
//! them.
//!
//! Layout rules, so a crowded map stays readable:
//! - people in the same ring are pushed apart round the ring until they no longer overlap
//!   (and, when a ring is very full, alternate people sit slightly in or out); their order
//!   round the ring never changes;
//! - shapes get smaller as the map fills up, but text never drops below 16 units
//!   (about 8 pt on the A4 page);
//! - each caption tries below, above, right and left of its person and is dropped (leaving
//!   only the number) or left out entirely rather than drawn over something else. Every
//!   person is always fully described in the legend.

mod layout;
mod text;

use std::fmt::Write as _;

use super::assets::{Assets, Tone};
use super::content::Content;
use layout::{place, place_caption, spanning_tree, Rect};
use text::truncate;
pub(crate) use text::{esc, wrap_lines};

/// The SVG's user space: a square this many units wide.
pub(crate) const SIZE: f64 = 1000.0;
const CENTRE: f64 = SIZE / 2.0;
const OUTER: f64 = 450.0;
const CAPTION_SIZE: f64 = 17.0;
const CAPTION_LINE: f64 = 19.0;
const CAPTION_MAX_WIDTH: f64 = 150.0;
const RING_LABEL_SIZE: f64 = 17.0;
/// How see-through a group's soft shape is.
const GROUP_OPACITY: f64 = 0.2;

/// A shape path scaled to radius `r` around (x, y), filled and outlined.
fn shape_element(out: &mut String, path: &str, at: (f64, f64, f64), fill: &str, ink: &str) {
    let (x, y, r) = at;
    let _ = write!(
        out,
        r#"<path d="{}" transform="translate({x:.2} {y:.2}) scale({r:.3})" fill="{fill}" stroke="{ink}" stroke-width="{:.4}" stroke-linejoin="round"/>"#,
        esc(path),
        2.2 / r,
    );
}

/// The map as an SVG document (UTF-8 text), `SIZE` × `SIZE` user units.
pub(crate) fn map_svg(content: &Content, assets: &Assets) -> String {
    let family = esc(&assets.font_family);
    let rings = content.doc.rings.len();
    let bounds = assets.ring_bounds(rings);
    let placement = place(content, &bounds);
    let r = placement.radius;
    let look = &assets.map;
    let ink = look.ink.as_str();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" font-family="{family}">"#
    );
    let _ = write!(
        out,
        r#"<rect width="{SIZE}" height="{SIZE}" fill="{}"/>"#,
        look.background
    );

    // Rings, outermost first so inner ones paint over.
    for i in (0..rings).rev() {
        let _ = write!(
            out,
            r#"<circle cx="{CENTRE}" cy="{CENTRE}" r="{:.2}" fill="{}" stroke="{}" stroke-width="2"/>"#,
            bounds[i + 1] * OUTER,
            look.ring_fill(i),
            look.line
        );
    }
    let _ = write!(
        out,
        r#"<circle cx="{CENTRE}" cy="{CENTRE}" r="{:.2}" fill="{}" stroke="{}" stroke-width="2"/>"#,
        bounds[0] * OUTER,
        look.centre,
        look.line
    );

    // Groups: a soft shape joining the members (a minimum spanning tree of thick, rounded,
    // see-through strokes drawn as one layer, so overlaps do not darken).
    for (g, (_, members)) in content.groups.iter().enumerate() {
        let points: Vec<(f64, f64)> = members.iter().filter_map(|&m| placement.pos[m]).collect();
        if points.is_empty() {
            continue;
        }
        let colour = look.group_tint(g);
        let width = 2.0 * (r + 9.0);
        let _ = write!(
            out,
            r#"<g opacity="{GROUP_OPACITY}" stroke="{colour}" fill="{colour}" stroke-width="{width:.1}" stroke-linecap="round">"#
        );
        for (x, y) in &points {
            let _ = write!(
                out,
                r#"<circle cx="{x:.2}" cy="{y:.2}" r="{:.2}" stroke="none"/>"#,
                r + 9.0
            );
        }
        for (a, b) in spanning_tree(&points) {
            let _ = write!(
                out,
                r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
                points[a].0, points[a].1, points[b].0, points[b].1
            );
        }
        out.push_str("</g>");
    }

    // Links.
    for &(a, b, _) in &content.links {
        if let (Some((x1, y1)), Some((x2, y2))) = (placement.pos[a], placement.pos[b]) {
            let _ = write!(
                out,
                r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{}" stroke-width="2.5" stroke-opacity="0.7"/>"#,
                look.link
            );
        }
    }

    // Things captions must not cover: every shape, the centre, the ring names.
    let mut taken: Vec<Rect> = placement
        .pos
        .iter()
        .flatten()
        .map(|&(x, y)| Rect::around(x, y, r + 3.0))
        .collect();
    taken.push(Rect::around(CENTRE, CENTRE, bounds[0] * OUTER));

    // Ring names, at 12 o'clock just inside each ring's outer edge, on a white pill.
    let mut ring_labels = String::new();
    for (i, ring) in content.doc.rings.iter().enumerate() {
        let y = CENTRE - bounds[i + 1] * OUTER + RING_LABEL_SIZE + 4.0;
        let label = truncate(&ring.label, 260.0, &|s| {
            f64::from(assets.bold.width(s, RING_LABEL_SIZE as f32))
        });
        let w = f64::from(assets.bold.width(&label, RING_LABEL_SIZE as f32));
        let rect = Rect {
            x0: CENTRE - w / 2.0 - 8.0,
            y0: y - RING_LABEL_SIZE - 1.0,
            x1: CENTRE + w / 2.0 + 8.0,
            y1: y + 6.0,
        };
        let _ = write!(
            ring_labels,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="10" fill="{}" fill-opacity="0.92" stroke="{}"/><text x="{CENTRE}" y="{y:.2}" font-size="{RING_LABEL_SIZE}" font-weight="700" text-anchor="middle" fill="{}">{}</text>"#,
            rect.x0,
            rect.y0,
            rect.x1 - rect.x0,
            rect.y1 - rect.y0,
            look.background,
            look.line,
            look.ring_label,
            esc(&label)
        );
        taken.push(rect);
    }

    // People.
    let mut captions = String::new();
    for (i, person) in content.people.iter().enumerate() {
        let Some((x, y)) = placement.pos[i] else {
            continue;
        };
        let colour = assets.colour(&person.token.colour);
        let shape = assets.shape(&person.token.shape);
        shape_element(&mut out, &shape.path, (x, y, r), &colour.hex, ink);
        let inside = person
            .token
            .initials
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map_or_else(|| person.number.to_string(), str::to_owned);
        let size = if inside.chars().count() >= 3 {
            r * 0.72
        } else {
            r * 0.9
        }
        .max(11.0);
        // Triangles and hearts have their visual centre a little off the box centre.
        let dy = match shape.id.as_str() {
            "triangle" => r * 0.22,
            "heart" => -r * 0.05,
            _ => 0.0,
        };
        let _ = write!(
            out,
            r#"<text x="{x:.2}" y="{:.2}" font-size="{size:.1}" font-weight="700" text-anchor="middle" fill="{}">{}</text>"#,
            y + dy + size * 0.35,
            esc(&colour.ink),
            esc(&inside)
        );
        // The mark for answered questions: the strength badge's colours with the count, the
        // quiet worry ones when the only answers are about worries.
        let badges = &person.token.badges;
        if !badges.is_empty() {
            let warm = badges
                .iter()
                .any(|b| assets.prompt(b).is_none_or(|p| p.tone != Tone::Worry));
            let badge = if warm {
                &look.badges.strength
            } else {
                &look.badges.worry
            };
            let (bx, by) = (x + r * 0.85, y - r * 0.85);
            let br = 9.5;
            let _ = write!(
                out,
                r#"<circle cx="{bx:.2}" cy="{by:.2}" r="{br}" fill="{}" stroke="{}" stroke-width="1.5"/><text x="{bx:.2}" y="{:.2}" font-size="13" font-weight="700" text-anchor="middle" fill="{}">{}</text>"#,
                badge.fill,
                badge.line,
                by + 4.6,
                badge.ink,
                badges.len().min(99)
            );
        }
        // The caption: "number  descriptor", placed where it covers nothing.
        let desc = person
            .token
            .descriptor
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let full = match desc {
            Some(d) => format!("{}. {d}", person.number),
            None => person.number.to_string(),
        };
        let measure = |s: &str| f64::from(assets.regular.width(s, CAPTION_SIZE as f32));
        let lines = wrap_lines(&full, CAPTION_MAX_WIDTH, 2, &measure);
        let short = vec![person.number.to_string()];
        for lines in [lines, short] {
            if let Some(rect) = place_caption(x, y, r, &lines, &measure, &taken) {
                write_caption(&mut captions, &rect, &lines, assets);
                taken.push(rect);
                break;
            }
        }
    }

    // Me, at the centre.
    let me_colour = assets.colour(&content.me.colour);
    let me_shape = assets.shape(&content.me.shape);
    let me_r = bounds[0] * OUTER * 0.78;
    shape_element(
        &mut out,
        &me_shape.path,
        (CENTRE, CENTRE, me_r),
        &me_colour.hex,
        ink,
    );
    let me_text = content
        .me
        .initials
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("Me");
    let _ = write!(
        out,
        r#"<text x="{CENTRE}" y="{:.2}" font-size="22" font-weight="700" text-anchor="middle" fill="{}">{}</text>"#,
        CENTRE + 7.5,
        esc(&me_colour.ink),
        esc(me_text)
    );

    out.push_str(&captions);
    out.push_str(&ring_labels);
    out.push_str("</svg>");
    out
}

fn write_caption(out: &mut String, rect: &Rect, lines: &[String], assets: &Assets) {
    let cx = (rect.x0 + rect.x1) / 2.0;
    let _ = write!(
        out,
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="5" fill="{}" fill-opacity="0.85"/>"#,
        rect.x0,
        rect.y0,
        rect.x1 - rect.x0,
        rect.y1 - rect.y0,
        assets.map.background
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{cx:.2}" y="{:.2}" font-size="{CAPTION_SIZE}" text-anchor="middle" fill="{}">{}</text>"#,
            rect.y0 + 2.0 + CAPTION_LINE * (k as f64 + 1.0) - 4.5,
            assets.map.ink,
            esc(line)
        );
    }
}

#[cfg(test)]
mod tests;
