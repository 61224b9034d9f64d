//! The map picture as one SVG, drawn from a [`Content`]: rings with their names, the young
//! person at the centre, people as coloured shapes with initials, numbered captions, links as
//! lines, groups as soft outlines and a small mark for answered questions.
//!
//! The same SVG becomes the PDF's first page (krilla-svg) and the PNG (resvg).
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

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::assets::{Assets, Tone};
use super::content::Content;

/// The SVG's user space: a square this many units wide.
pub(crate) const SIZE: f64 = 1000.0;
const CENTRE: f64 = SIZE / 2.0;
const OUTER: f64 = 450.0;
const CAPTION_SIZE: f64 = 17.0;
const CAPTION_LINE: f64 = 19.0;
const CAPTION_MAX_WIDTH: f64 = 150.0;
const RING_LABEL_SIZE: f64 = 17.0;
const INK: &str = "#1a1a1a";
const GROUP_COLOURS: [&str; 6] = [
    "#5b8def", "#e0a100", "#2aa876", "#c9548f", "#7a6ff0", "#d9663b",
];

#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside_canvas(&self) -> bool {
        self.x0 >= 2.0 && self.y0 >= 2.0 && self.x1 <= SIZE - 2.0 && self.y1 <= SIZE - 2.0
    }
}

/// Where each shared person is drawn (indexes match `Content::people`; `None` = not placed).
pub(crate) struct Placement {
    pub pos: Vec<Option<(f64, f64)>>,
    pub radius: f64,
}

/// The token radius for a map with `n` people placed.
fn token_radius(n: usize) -> f64 {
    match n {
        0..=30 => 24.0,
        31..=60 => 20.0,
        61..=100 => 17.0,
        _ => 14.0,
    }
}

fn place(content: &Content, bounds: &[f64]) -> Placement {
    let placed = content
        .people
        .iter()
        .filter(|p| p.token.ring.is_some())
        .count();
    let radius = token_radius(placed);
    let rings = bounds.len().saturating_sub(1);
    let mut pos = vec![None; content.people.len()];
    for ring in 0..rings {
        let members: Vec<usize> = content
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.token.ring.map(usize::from) == Some(ring))
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            continue;
        }
        let inner = bounds[ring] * OUTER;
        let outer = bounds[ring + 1] * OUTER;
        let mid = (inner + outer) / 2.0;
        let width = outer - inner;
        // Angles in radians, in the order `people` already has them (sorted by angle).
        let mut angles: Vec<f64> = members
            .iter()
            .map(|&i| content.people[i].token.angle.to_radians())
            .collect();
        let mut sep = (2.0 * radius + 6.0) / mid;
        let crowded = sep * members.len() as f64 > 2.0 * PI * 0.95;
        if crowded {
            // Alternate in and out: neighbours then only need half the spacing.
            sep = ((2.0 * radius + 6.0) / mid * 0.55).min(2.0 * PI / members.len() as f64);
        }
        spread(&mut angles, sep);
        for (k, (&i, angle)) in members.iter().zip(&angles).enumerate() {
            let r = if crowded {
                let offset = (width / 2.0 - radius - 2.0).max(0.0).min(radius * 1.2);
                if k % 2 == 0 {
                    mid - offset
                } else {
                    mid + offset
                }
            } else {
                mid
            };
            pos[i] = Some((CENTRE + r * angle.sin(), CENTRE - r * angle.cos()));
        }
    }
    Placement { pos, radius }
}

/// Push sorted angles apart until neighbours are at least `sep` apart (circularly), keeping
/// their order. A few passes of pairwise relaxation are plenty for maps of this size.
fn spread(angles: &mut [f64], sep: f64) {
    let n = angles.len();
    if n < 2 {
        return;
    }
    for _ in 0..200 {
        let mut moved = false;
        for k in 0..n {
            let next = (k + 1) % n;
            let mut gap = angles[next] - angles[k];
            if next == 0 {
                gap += 2.0 * PI;
            }
            if gap < sep - 1e-9 {
                let push = (sep - gap) / 2.0;
                angles[k] -= push;
                angles[next] += push;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Escape text for SVG content and attributes.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Wrap `text` into at most `max_lines` lines of `max_width`, ending with "…" if cut.
pub(crate) fn wrap_lines(
    text: &str,
    max_width: f64,
    max_lines: usize,
    width: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut cut = false;
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == max_lines {
            cut = true;
            break;
        }
        // A word longer than a line is broken by characters.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if width(&piece) > max_width {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
                if lines.len() == max_lines {
                    cut = true;
                    break;
                }
            }
        }
        if cut {
            break;
        }
        current = piece;
        if words.peek().is_none() {
            break;
        }
    }
    if !cut && !current.is_empty() {
        if lines.len() < max_lines {
            lines.push(current);
        } else {
            cut = true;
        }
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(&format!("{last}…")) > max_width {
                last.pop();
            }
            let trimmed = last.trim_end().to_owned();
            *last = format!("{trimmed}…");
        }
    }
    lines
}

/// A shape path scaled to radius `r` around (x, y), filled and outlined.
fn shape_element(out: &mut String, path: &str, x: f64, y: f64, r: f64, fill: &str) {
    let _ = write!(
        out,
        r#"<path d="{}" transform="translate({x:.2} {y:.2}) scale({r:.3})" fill="{fill}" stroke="{INK}" stroke-width="{:.4}" stroke-linejoin="round"/>"#,
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
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" font-family="{family}">"#
    );
    let _ = write!(
        out,
        r##"<rect width="{SIZE}" height="{SIZE}" fill="#ffffff"/>"##
    );

    // Rings, outermost first so inner ones paint over.
    for i in (0..rings).rev() {
        let fill = if i % 2 == 0 { "#eef3f9" } else { "#f9fbfd" };
        let _ = write!(
            out,
            r##"<circle cx="{CENTRE}" cy="{CENTRE}" r="{:.2}" fill="{fill}" stroke="#9aa8b8" stroke-width="2"/>"##,
            bounds[i + 1] * OUTER
        );
    }
    let _ = write!(
        out,
        r##"<circle cx="{CENTRE}" cy="{CENTRE}" r="{:.2}" fill="#dde8f5" stroke="#9aa8b8" stroke-width="2"/>"##,
        bounds[0] * OUTER
    );

    // Groups: a soft shape joining the members (a minimum spanning tree of thick, rounded,
    // see-through strokes drawn as one layer, so overlaps do not darken).
    for (g, (_, members)) in content.groups.iter().enumerate() {
        let points: Vec<(f64, f64)> = members.iter().filter_map(|&m| placement.pos[m]).collect();
        if points.is_empty() {
            continue;
        }
        let colour = GROUP_COLOURS[g % GROUP_COLOURS.len()];
        let width = 2.0 * (r + 9.0);
        let _ = write!(
            out,
            r#"<g opacity="0.28" stroke="{colour}" fill="{colour}" stroke-width="{width:.1}" stroke-linecap="round">"#
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
                r##"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="#4a5563" stroke-width="2.5" stroke-opacity="0.7"/>"##
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
            r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="10" fill="#ffffff" fill-opacity="0.92" stroke="#9aa8b8"/><text x="{CENTRE}" y="{y:.2}" font-size="{RING_LABEL_SIZE}" font-weight="700" text-anchor="middle" fill="#2c3a4b">{}</text>"##,
            rect.x0,
            rect.y0,
            rect.x1 - rect.x0,
            rect.y1 - rect.y0,
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
        shape_element(&mut out, &shape.path, x, y, r, &colour.hex);
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
        // The mark for answered questions: a warm dot with the count for strengths,
        // a quiet grey one when the only answers are about worries.
        let badges = &person.token.badges;
        if !badges.is_empty() {
            let warm = badges
                .iter()
                .any(|b| assets.prompt(b).is_none_or(|p| p.tone != Tone::Worry));
            let (fill, ink) = if warm {
                ("#ffd23f", INK)
            } else {
                ("#d5d9de", INK)
            };
            let (bx, by) = (x + r * 0.85, y - r * 0.85);
            let br = 9.5;
            let _ = write!(
                out,
                r#"<circle cx="{bx:.2}" cy="{by:.2}" r="{br}" fill="{fill}" stroke="{INK}" stroke-width="1.5"/><text x="{bx:.2}" y="{:.2}" font-size="13" font-weight="700" text-anchor="middle" fill="{ink}">{}</text>"#,
                by + 4.6,
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
                write_caption(&mut captions, &rect, &lines);
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
        CENTRE,
        CENTRE,
        me_r,
        &me_colour.hex,
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

fn truncate(text: &str, max: f64, width: &dyn Fn(&str) -> f64) -> String {
    wrap_lines(text, max, 1, width)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn place_caption(
    x: f64,
    y: f64,
    r: f64,
    lines: &[String],
    measure: &dyn Fn(&str) -> f64,
    taken: &[Rect],
) -> Option<Rect> {
    let w = lines.iter().map(|l| measure(l)).fold(0.0, f64::max) + 6.0;
    let h = CAPTION_LINE * lines.len() as f64 + 4.0;
    let gap = 3.0;
    let candidates = [
        (x - w / 2.0, y + r + gap),     // below
        (x - w / 2.0, y - r - gap - h), // above
        (x + r + gap, y - h / 2.0),     // right
        (x - r - gap - w, y - h / 2.0), // left
    ];
    candidates
        .into_iter()
        .map(|(x0, y0)| Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        })
        .find(|rect| rect.inside_canvas() && !taken.iter().any(|t| t.overlaps(rect)))
}

fn write_caption(out: &mut String, rect: &Rect, lines: &[String]) {
    let cx = (rect.x0 + rect.x1) / 2.0;
    let _ = write!(
        out,
        r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="5" fill="#ffffff" fill-opacity="0.85"/>"##,
        rect.x0,
        rect.y0,
        rect.x1 - rect.x0,
        rect.y1 - rect.y0
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{cx:.2}" y="{:.2}" font-size="{CAPTION_SIZE}" text-anchor="middle" fill="{INK}">{}</text>"#,
            rect.y0 + 2.0 + CAPTION_LINE * (k as f64 + 1.0) - 4.5,
            esc(line)
        );
    }
}

/// Edges of a minimum spanning tree over `points` (Prim's algorithm; groups are small).
fn spanning_tree(points: &[(f64, f64)]) -> Vec<(usize, usize)> {
    let n = points.len();
    let mut edges = Vec::new();
    if n < 2 {
        return edges;
    }
    let dist = |a: usize, b: usize| {
        let (dx, dy) = (points[a].0 - points[b].0, points[a].1 - points[b].1);
        dx * dx + dy * dy
    };
    let mut in_tree = vec![false; n];
    in_tree[0] = true;
    for _ in 1..n {
        let mut best: Option<(usize, usize, f64)> = None;
        for a in (0..n).filter(|&a| in_tree[a]) {
            for b in (0..n).filter(|&b| !in_tree[b]) {
                let d = dist(a, b);
                if best.is_none_or(|(_, _, bd)| d < bd) {
                    best = Some((a, b, d));
                }
            }
        }
        if let Some((a, b, _)) = best {
            in_tree[b] = true;
            edges.push((a, b));
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_cuts_with_an_ellipsis_and_breaks_long_words() {
        let w = |s: &str| s.chars().count() as f64;
        assert_eq!(wrap_lines("a bb ccc", 4.0, 2, &w), ["a bb", "ccc"]);
        assert_eq!(
            wrap_lines("one two three four", 7.0, 2, &w),
            ["one two", "three…"]
        );
        assert_eq!(wrap_lines("abcdefghij", 4.0, 2, &w), ["abcd", "efg…"]);
        assert!(wrap_lines("", 4.0, 2, &w).is_empty());
    }

    #[test]
    fn spreading_keeps_order_and_separates() {
        let mut a = vec![0.0, 0.01, 0.02, 3.0];
        spread(&mut a, 0.2);
        for k in 0..3 {
            assert!(a[k + 1] - a[k] >= 0.2 - 1e-6, "{a:?}");
        }
    }

    #[test]
    fn escaping_covers_markup() {
        assert_eq!(esc("<a & 'b'>\u{7}"), "&lt;a &amp; &apos;b&apos;&gt; ");
    }
}
