// Ring geometry, shared in spirit with the export renderer: both implement the formula in
// assets/palette.json (`rings.geometryFormula`). Radii here are fractions of the outer radius;
// the canvas multiplies them by WORLD_RADIUS.
import palette from '$assets/palette.json';

/** The outer ring's radius in canvas (SVG user) units. */
export const WORLD_RADIUS = 400;
/** A token's drawn radius in canvas units (about 46 px across on a 1200×800 window). */
export const TOKEN_RADIUS = 34;
/** Tokens in one ring are kept at least this far apart, centre to centre. */
export const TOKEN_SPACING = TOKEN_RADIUS * 2 + 8;

export interface Point {
  x: number;
  y: number;
}

/** Boundaries b[0..n] of n rings, innermost first, as fractions of the outer radius. */
export function ringBoundaries(n: number): number[] {
  const { centreRadius: c, outerRadius: outer, weights } = palette.rings.geometry;
  if (!Number.isInteger(n) || n < 1 || n > weights.length) throw new RangeError(`no geometry for ${n} rings`);
  const w = weights.slice(0, n);
  const total = w.reduce((s, x) => s + x, 0);
  const b = [c];
  let running = 0;
  for (let k = 1; k <= n; k++) {
    running += w[k - 1] ?? 0;
    b.push(k === n ? outer : c + ((outer - c) * running) / total);
  }
  return b;
}

/** The radius (fraction) a token in ring `ring` of `n` is drawn at: the middle of its annulus. */
export function ringMidRadius(ring: number, n: number): number {
  const b = ringBoundaries(n);
  return ((b[ring] ?? 0) + (b[ring + 1] ?? 0)) / 2;
}

/** Any number of degrees → [0, 360), rounded to 0.01°; never returns 360 or -0. */
export function normalizeAngle(deg: number): number {
  if (!Number.isFinite(deg)) return 0;
  let a = Math.round((((deg % 360) + 360) % 360) * 100) / 100;
  if (a >= 360) a -= 360;
  return a === 0 ? 0 : a;
}

/** Polar (angle in degrees, 0 = up, clockwise; radius) → cartesian with y pointing down (SVG). */
export function polarToPoint(angle: number, radius: number): Point {
  const rad = (angle * Math.PI) / 180;
  return { x: radius * Math.sin(rad), y: -radius * Math.cos(rad) };
}

/** Cartesian (SVG, y down) → polar. The angle of the exact centre is 0. */
export function pointToPolar(p: Point): { angle: number; radius: number } {
  const radius = Math.hypot(p.x, p.y);
  if (radius === 0) return { angle: 0, radius: 0 };
  return { angle: normalizeAngle((Math.atan2(p.x, -p.y) * 180) / Math.PI), radius };
}

/** Where a token in ring `ring` at `angle` is drawn, in canvas units. */
export function tokenPoint(ring: number, angle: number, n: number): Point {
  return polarToPoint(angle, ringMidRadius(ring, n) * WORLD_RADIUS);
}

export type RingHit = { kind: 'ring'; ring: number; angle: number } | { kind: 'centre' } | { kind: 'outside' };

/**
 * Which ring a canvas point falls in. Points a little outside the outer ring (within `slack`
 * of the radius) still count as the outer ring, so a drop on the edge is not lost.
 */
export function hitRing(p: Point, n: number, slack = 0.08): RingHit {
  const b = ringBoundaries(n);
  const { angle, radius } = pointToPolar(p);
  const r = radius / WORLD_RADIUS;
  if (r < (b[0] ?? 0)) return { kind: 'centre' };
  for (let i = 0; i < n; i++) {
    if (r < (b[i + 1] ?? 1)) return { kind: 'ring', ring: i, angle };
  }
  return r <= 1 + slack ? { kind: 'ring', ring: n - 1, angle } : { kind: 'outside' };
}

/** The smallest angle (degrees) between two tokens' centres in ring `ring` of `n` rings. */
export function minAngularGap(ring: number, n: number): number {
  const r = ringMidRadius(ring, n) * WORLD_RADIUS;
  const half = Math.min(1, TOKEN_SPACING / 2 / r);
  return (2 * Math.asin(half) * 180) / Math.PI;
}

const forward = (from: number, to: number) => (((to - from) % 360) + 360) % 360;

/**
 * Spreads the tokens of one ring so no two are closer than `gap` degrees. The anchor (the
 * token just placed) keeps its angle; the others move as little as they need to, away from
 * it. If the ring is too full for `gap`, the tokens share it out evenly. Returns new angles
 * only for tokens that moved.
 */
export function nudgeRing(
  items: readonly { id: string; angle: number }[],
  anchorId: string | null,
  gap: number,
): Map<string, number> {
  const moved = new Map<string, number>();
  if (items.length < 2) return moved;
  const g = Math.min(gap, 360 / items.length);
  const anchor = items.find((t) => t.id === anchorId) ?? [...items].sort((a, b) => a.angle - b.angle)[0]!;
  const others = items.filter((t) => t !== anchor);
  // Offsets from the anchor: those just clockwise are pushed clockwise, the rest anticlockwise.
  const isRight = (t: { angle: number }) => forward(anchor.angle, t.angle) <= 180;
  const right = others.filter(isRight).map((t) => ({ id: t.id, off: forward(anchor.angle, t.angle) }))
    .sort((a, b) => a.off - b.off);
  const left = others.filter((t) => !isRight(t)).map((t) => ({ id: t.id, off: -forward(t.angle, anchor.angle) }))
    .sort((a, b) => b.off - a.off);
  let prev = 0;
  for (const t of right) { t.off = Math.max(t.off, prev + g); prev = t.off; }
  prev = 0;
  for (const t of left) { t.off = Math.min(t.off, prev - g); prev = t.off; }
  const lastRight = right.at(-1)?.off ?? 0;
  const lastLeft = left.at(-1)?.off ?? 0;
  let placed: { id: string; off: number }[];
  if (lastRight - lastLeft <= 360 - g + 1e-9) {
    placed = [...right, ...left];
  } else {
    // The two sides meet behind the anchor: squeeze everyone into the full circle instead.
    const all = others.map((t) => ({ id: t.id, off: forward(anchor.angle, t.angle) }))
      .sort((a, b) => a.off - b.off);
    prev = 0;
    for (const t of all) { t.off = Math.max(t.off, prev + g); prev = t.off; }
    let next = 360;
    for (let i = all.length - 1; i >= 0; i--) {
      const t = all[i]!;
      t.off = Math.min(t.off, next - g);
      next = t.off;
    }
    placed = all;
  }
  const before = new Map(items.map((t) => [t.id, normalizeAngle(t.angle)]));
  for (const t of placed) {
    const angle = normalizeAngle(anchor.angle + t.off);
    const old = before.get(t.id) ?? -1;
    const diff = Math.min(forward(old, angle), forward(angle, old));
    if (diff > 0.005) moved.set(t.id, angle);
  }
  return moved;
}

/** A clock-face description of an angle for announcements: 0 → 12, 90 → 3. */
export function clockHour(angle: number): number {
  const h = Math.round(normalizeAngle(angle) / 30) % 12;
  return h === 0 ? 12 : h;
}

/** An angle in a ring that is as far as possible from the tokens already there. */
export function freeAngle(taken: readonly number[], preferred = 0): number {
  if (taken.length === 0) return normalizeAngle(preferred);
  const sorted = [...taken].map(normalizeAngle).sort((a, b) => a - b);
  let best = sorted[0]!;
  let bestGap = -1;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[(i + 1) % sorted.length]!;
    const gap = i === sorted.length - 1 ? forward(a, b) || 360 : forward(a, b);
    if (gap > bestGap) { bestGap = gap; best = a + gap / 2; }
  }
  return normalizeAngle(best);
}
