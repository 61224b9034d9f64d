//! Where things go on the map picture: people round their rings, pushed apart so they do not
//! overlap, captions where they cover nothing, and the tree that draws a group.

use std::f64::consts::PI;

use super::super::content::Content;
use super::{CAPTION_LINE, CENTRE, OUTER, SIZE};

#[derive(Clone, Copy, Debug)]
pub(super) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn inside_canvas(&self) -> bool {
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

pub(super) fn place(content: &Content, bounds: &[f64]) -> Placement {
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
pub(super) fn spread(angles: &mut [f64], sep: f64) {
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

pub(super) fn place_caption(
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

/// Edges of a minimum spanning tree over `points` (Prim's algorithm; groups are small).
pub(super) fn spanning_tree(points: &[(f64, f64)]) -> Vec<(usize, usize)> {
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
    fn spreading_keeps_order_and_separates() {
        let mut a = vec![0.0, 0.01, 0.02, 3.0];
        spread(&mut a, 0.2);
        for k in 0..3 {
            assert!(a[k + 1] - a[k] >= 0.2 - 1e-6, "{a:?}");
        }
    }
}
