// Where the words on the canvas go. A person's caption (their descriptor) normally sits under
// their shape; near the centre that put it on top of the young person ("Me"), and near the top
// of a ring on top of the ring's name. Now each ring's name sits at 12 o'clock unless people
// are in its way, and then moves round its ring (or to the bottom of it) to where it covers
// nobody; each caption then takes the first side (below, above, right, left) that covers
// neither "Me" nor a ring name, and, when it can, no other person either.
//
// All of this is in canvas units (the outer ring has radius WORLD_RADIUS). A person is drawn
// scaled by `ts` about their centre and ring names by `ls` (see MapCanvas), so both come in.
import { TOKEN_RADIUS, WORLD_RADIUS, ringBoundaries, type Point } from './geometry';

/** Caption font size, before the person's scale. */
export const CAPTION_SIZE = 22;
/** Ring name font size, before the ring names' scale. */
export const RING_LABEL_SIZE = 24;
/** Ring names too long for their arc shrink, but not below this size. */
export const RING_LABEL_MIN_SIZE = 15;
/** A ring's name sits this far inside the ring's outer edge (times the ring names' scale). */
export const RING_LABEL_INSET = 17;
/** A ring's name is written along an arc from -this to +this degrees (0 = 12 o'clock). */
export const RING_LABEL_ARC_DEG = 50;
/** Ring names have a little letter spacing (in em). */
const RING_LABEL_TRACKING = 0.02;
/** Captions longer than this many characters are cut with an ellipsis. */
export const CAPTION_MAX_CHARS = 16;

// Advance widths (thousandths of an em) of Atkinson Hyperlegible Next Bold for the printable
// ASCII characters U+0020 to U+007E, read from assets/fonts/AtkinsonHyperlegibleNext-Bold.ttf.
// Other characters count as a wide letter, so estimates err on the generous side.
const ASCII_WIDTHS = [
  312, 303, 390, 765, 610, 969, 725, 210, 335, 335, 485, 595, 271, 373, 272, 440, 659, 440, 579, 600,
  624, 607, 626, 537, 624, 571, 272, 272, 569, 612, 569, 547, 781, 678, 643, 658, 688, 597, 566, 718,
  701, 424, 561, 663, 552, 858, 717, 746, 629, 756, 650, 610, 607, 686, 644, 886, 685, 650, 618, 340,
  440, 344, 582, 400, 288, 552, 596, 510, 596, 563, 365, 593, 571, 300, 259, 555, 318, 882, 571, 576,
  596, 599, 376, 508, 376, 567, 530, 740, 539, 521, 505, 381, 254, 381, 537,
];
const OTHER_WIDTH = 760;

/** About how wide `text` is in the bold UI font at `size` (no kerning; a little generous). */
export function textWidth(text: string, size: number, tracking = 0): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    em += (code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : OTHER_WIDTH) / 1000 + tracking;
  }
  return em * size;
}

/** A caption as drawn: cut to CAPTION_MAX_CHARS characters with an ellipsis. */
export function captionText(text: string, max = CAPTION_MAX_CHARS): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export interface Box { x0: number; y0: number; x1: number; y1: number }

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Distance from a point to the nearest point of a box (0 inside it). */
function distanceToBox(p: Point, b: Box): number {
  const dx = b.x0 > p.x ? b.x0 - p.x : p.x > b.x1 ? p.x - b.x1 : 0;
  const dy = b.y0 > p.y ? b.y0 - p.y : p.y > b.y1 ? p.y - b.y1 : 0;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Whether a point is closer than `r` to a box (quick for the many that are far). */
function nearBox(p: Point, b: Box, r: number): boolean {
  if (p.x <= b.x0 - r || p.x >= b.x1 + r || p.y <= b.y0 - r || p.y >= b.y1 + r) return false;
  return distanceToBox(p, b) < r;
}

export type CaptionSide = 'below' | 'above' | 'right' | 'left';
/** Tried in this order: below reads most naturally, so it wins whenever it is free. */
export const CAPTION_SIDES: readonly CaptionSide[] = ['below', 'above', 'right', 'left'];

/** Where the caption's text goes relative to the person's centre, before the person's scale. */
export interface CaptionSpot {
  side: CaptionSide;
  x: number;
  y: number;
  anchor: 'middle' | 'start' | 'end';
}

// Room between the shape and its words. Above leaves space for the badges on the upper right;
// the sides start past the badges, which sit just outside the shape's right edge.
const BELOW_BASELINE = TOKEN_RADIUS + 20;
const ABOVE_BASELINE = -(TOKEN_RADIUS + 14);
const SIDE_X = TOKEN_RADIUS + 14;
const SIDE_BASELINE = CAPTION_SIZE * 0.3;
const ASCENT = 0.76;
const DESCENT = 0.24;
/** The white halo round caption letters (stroke 4 → 2 each side), plus a hair of air. */
const HALO = 3;

export function captionSpot(side: CaptionSide): CaptionSpot {
  switch (side) {
    case 'below': return { side, x: 0, y: BELOW_BASELINE, anchor: 'middle' };
    case 'above': return { side, x: 0, y: ABOVE_BASELINE, anchor: 'middle' };
    case 'right': return { side, x: SIDE_X, y: SIDE_BASELINE, anchor: 'start' };
    case 'left': return { side, x: -SIDE_X, y: SIDE_BASELINE, anchor: 'end' };
  }
}

/** The box a caption of `width` covers on `side`, in canvas units, for a person at `p` drawn at scale `ts`. */
export function captionBox(p: Point, side: CaptionSide, width: number, ts = 1): Box {
  const s = captionSpot(side);
  const x0 = s.anchor === 'middle' ? s.x - width / 2 : s.anchor === 'start' ? s.x : s.x - width;
  const local = {
    x0: x0 - HALO, x1: x0 + width + HALO,
    y0: s.y - ASCENT * CAPTION_SIZE - HALO, y1: s.y + DESCENT * CAPTION_SIZE + HALO,
  };
  return { x0: p.x + local.x0 * ts, x1: p.x + local.x1 * ts, y0: p.y + local.y0 * ts, y1: p.y + local.y1 * ts };
}

/** Where one ring's name is drawn. */
export interface RingLabelSpot {
  ring: number;
  /** Radius of the arc the letters sit on (centred on it), canvas units. */
  radius: number;
  /** Font size, canvas units. */
  size: number;
  /** Where the middle of the name is (degrees, 0 = 12 o'clock, clockwise). */
  angle: number;
  /** The name covers angle - halfAngle .. angle + halfAngle. */
  halfAngle: number;
  /** Written along the bottom of the ring (read left to right, letters' tops to the centre). */
  flipped: boolean;
}

/**
 * Where a name may go, best first: 12 o'clock, a little either side, then the bottom of the
 * ring and round from there. Never near 3 or 9 o'clock, where the words would stand on end.
 */
export const RING_LABEL_ANGLES: readonly number[] = [0, -12, 12, -24, 24, -36, 36, 180, 168, 192, 156, 204, 144, 216];

/** Ring `ring`'s name (one of `labels`, innermost first) at name scale `ls`, centred on `angle`. */
export function ringLabelSpot(labels: readonly string[], ring: number, ls = 1, angle = 0): RingLabelSpot {
  const b = ringBoundaries(labels.length);
  const radius = (b[ring + 1] ?? 1) * WORLD_RADIUS - RING_LABEL_INSET * ls;
  // A name too long for its arc is written smaller (down to RING_LABEL_MIN_SIZE); letters
  // still past the end of the arc are not drawn, so it covers the arc and no more.
  const room = ((2 * RING_LABEL_ARC_DEG * Math.PI) / 180) * radius * 0.94;
  const full = RING_LABEL_SIZE * ls;
  const wide = textWidth(labels[ring] ?? '', full, RING_LABEL_TRACKING);
  const size = wide > room ? Math.max(RING_LABEL_MIN_SIZE, (full * room) / wide) : full;
  const width = textWidth(labels[ring] ?? '', size, RING_LABEL_TRACKING);
  const halfAngle = Math.min(RING_LABEL_ARC_DEG, ((width / 2 / radius) * 180) / Math.PI);
  const a = ((angle % 360) + 360) % 360;
  return { ring, radius, size, angle: a, halfAngle, flipped: a > 90 && a < 270 };
}

/** Signed difference b - a in degrees, in -180..180. */
const turn = (a: number, b: number) => ((((b - a) % 360) + 540) % 360) - 180;

/** Whether a point is on a ring name (with `pad` canvas units of air round it). */
export function onRingLabel(p: Point, spot: RingLabelSpot, pad = 0): boolean {
  const r = Math.hypot(p.x, p.y);
  if (r === 0 || Math.abs(r - spot.radius) > spot.size / 2 + pad) return false;
  const angle = (Math.atan2(p.x, -p.y) * 180) / Math.PI;
  return Math.abs(turn(spot.angle, angle)) <= spot.halfAngle + ((pad / r) * 180) / Math.PI;
}

/**
 * A ring name's band as small boxes along its arc, each covering its piece of the band
 * completely (a little more where the arc tilts), so box tests never miss a touch.
 */
export function ringLabelBoxes(spot: RingLabelSpot, pad = 2): Box[] {
  const inner = spot.radius - spot.size / 2 - pad;
  const outer = spot.radius + spot.size / 2 + pad;
  const reach = spot.halfAngle + ((pad / spot.radius) * 180) / Math.PI;
  const pieces = Math.max(1, Math.ceil((reach * 2) / 4));
  const step = (reach * 2) / pieces;
  const boxes: Box[] = [];
  for (let k = 0; k < pieces; k++) {
    const a0 = spot.angle - reach + k * step;
    const a1 = a0 + step;
    const angles = [a0, a1];
    // Where a piece crosses 12, 3, 6 or 9 o'clock, it reaches furthest that way there.
    for (let q = Math.ceil(a0 / 90) * 90; q < a1; q += 90) angles.push(q);
    const pts = angles.flatMap((a) => {
      const rad = (a * Math.PI) / 180;
      return [inner, outer].map((r) => ({ x: r * Math.sin(rad), y: -r * Math.cos(rad) }));
    });
    boxes.push({
      x0: Math.min(...pts.map((q) => q.x)), x1: Math.max(...pts.map((q) => q.x)),
      y0: Math.min(...pts.map((q) => q.y)), y1: Math.max(...pts.map((q) => q.y)),
    });
  }
  return boxes;
}

/** How big the young person ("Me") is drawn, as a radius: a little inside the centre disc,
 * growing a little (not as much as the people) when people are drawn bigger. */
export function meSize(n: number, ts = 1): number {
  return (ringBoundaries(n)[0] ?? 0) * WORLD_RADIUS * 0.9 * Math.min(1.2, Math.max(1, ts));
}

/** Radius of the disc at the centre that no caption may touch: the young person. */
export function meRadius(n: number, ts = 1): number {
  return Math.max((ringBoundaries(n)[0] ?? 0) * WORLD_RADIUS, meSize(n, ts));
}

export interface LayoutPerson {
  id: string;
  /** The person's centre, canvas units. */
  p: Point;
  /** The caption as drawn (already cut to length), or null when they have none. */
  text: string | null;
}

export interface MapLayoutInput {
  /** Ring names, innermost first (their count is the number of rings). */
  labels: readonly string[];
  /** Everyone drawn on the map. */
  people: readonly LayoutPerson[];
  /** People's scale. */
  ts?: number;
  /** Ring names' scale. */
  ls?: number;
  /** How far the view reaches each side of the centre: captions stay inside it. */
  view?: number;
}

export interface MapLayout {
  rings: RingLabelSpot[];
  captions: Map<string, CaptionSide>;
}

interface Prepared { id: string; p: Point; boxes: Box[]; near: number[]; far: number[] }

interface SpotShape { spot: RingLabelSpot; boxes: Box[]; all: Box; r0: number; r1: number }

// A name's place and boxes depend only on the names, the scale and the angle, not on the
// people, so they are worked out once and reused by every layout until those change.
const spotCache = new Map<string, SpotShape>();
function spotShape(labels: readonly string[], ring: number, ls: number, angle: number): SpotShape {
  const key = `${labels.length}\u0000${ring}\u0000${ls}\u0000${angle}\u0000${labels[ring] ?? ''}`;
  let shape = spotCache.get(key);
  if (!shape) {
    const spot = ringLabelSpot(labels, ring, ls, angle);
    const boxes = ringLabelBoxes(spot);
    const all = {
      x0: Math.min(...boxes.map((b) => b.x0)), x1: Math.max(...boxes.map((b) => b.x1)),
      y0: Math.min(...boxes.map((b) => b.y0)), y1: Math.max(...boxes.map((b) => b.y1)),
    };
    shape = { spot, boxes, all, r0: spot.radius - spot.size / 2 - 2, r1: spot.radius + spot.size / 2 + 2 };
    if (spotCache.size > 2000) spotCache.clear();
    spotCache.set(key, shape);
  }
  return shape;
}

const boxesOverlap = (boxes: readonly Box[], box: Box) => boxes.some((b) => overlaps(b, box));

/**
 * Where the ring names and the captions go. Each ring's name (innermost first) takes the
 * first place that leaves every caption a side clear of "Me" and the names so far, covers no
 * person and pushes no caption off the side it would take, or else the place that does least of that; then each caption takes the first side clear of "Me" and every
 * name that covers no other person or caption (or, if none, the one that covers least). When nothing is clear (a crowded ring, a very
 * long name) a caption still keeps off "Me" if it can, and sits below as a last resort.
 */
export function layoutMap(input: MapLayoutInput): MapLayout {
  const ts = input.ts ?? 1;
  const ls = input.ls ?? 1;
  const n = input.labels.length;
  const me = meRadius(n, ts) + 2;
  const origin = { x: 0, y: 0 };
  const body = (TOKEN_RADIUS + 2) * ts;
  const farthest = (b: Box) => {
    const x = Math.max(-b.x0, b.x1);
    const y = Math.max(-b.y0, b.y1);
    return Math.sqrt(x * x + y * y);
  };
  const dist = input.people.map((q) => Math.sqrt(q.p.x * q.p.x + q.p.y * q.p.y));
  // Each caption's four candidate boxes, how near and far from the centre each reaches, and
  // which are still free (clear of "Me" and of the names placed so far).
  const prepared: Prepared[] = input.people.filter((x) => x.text).map((x) => {
    const width = textWidth(x.text!, CAPTION_SIZE);
    const boxes = CAPTION_SIDES.map((side) => captionBox(x.p, side, width, ts));
    return { id: x.id, p: x.p, boxes, near: boxes.map((b) => distanceToBox(origin, b)), far: boxes.map(farthest) };
  });
  // A side is out if it runs into "Me" or off the edge of the view.
  const view = input.view ?? Infinity;
  const inView = (b: Box) => b.x0 >= -view && b.x1 <= view && b.y0 >= -view && b.y1 <= view;
  const allowed = prepared.map((c) => c.boxes.map((b, k) => c.near[k]! >= me && inView(b)));
  const free = allowed.map((sides) => [...sides]);
  const taken: Box[] = [];
  const rings: RingLabelSpot[] = [];
  for (let ring = 0; ring < n; ring++) {
    let best: { spot: RingLabelSpot; boxes: Box[]; cost: number } | null = null;
    for (const angle of RING_LABEL_ANGLES) {
      const { spot, boxes, all, r0, r1 } = spotShape(input.labels, ring, ls, angle);
      // Only boxes that reach the name's band and its outline can meet it (most do not:
      // checking those two first keeps a map of 150 people quick to lay out).
      const hits = (c: Prepared, k: number) => c.far[k]! > r0 && c.near[k]! < r1 && overlaps(all, c.boxes[k]!) && boxesOverlap(boxes, c.boxes[k]!);
      // What a place costs: a caption left with no side at all is worst, then a name on top
      // of a person, then a caption pushed off the side it would have taken.
      let cost = 0;
      prepared.forEach((c, i) => {
        const first = free[i]!.indexOf(true);
        if (first < 0 || !hits(c, first)) return;
        cost += free[i]!.some((ok, k) => ok && k !== first && !hits(c, k)) ? 1 : 100;
      });
      input.people.forEach((person, j) => {
        const d = dist[j]!;
        if (d + body <= r0 || d - body >= r1 || !nearBox(person.p, all, body)) return;
        if (boxes.some((b) => nearBox(person.p, b, body))) cost += 4;
      });
      if (!best || cost < best.cost) best = { spot, boxes, cost };
      if (cost === 0) break;
    }
    const placed = best!;
    rings.push(placed.spot);
    taken.push(...placed.boxes);
    prepared.forEach((c, i) => {
      c.boxes.forEach((b, k) => { if (free[i]![k] && boxesOverlap(placed.boxes, b)) free[i]![k] = false; });
    });
  }
  const captions = new Map<string, CaptionSide>();
  const words: Box[] = [];
  // Captions with the fewest sides to choose from go first, so the others make way for them.
  const order = prepared.map((_, i) => i);
  const choices = (i: number) => free[i]!.filter(Boolean).length;
  order.sort((a, b) => choices(a) - choices(b));
  for (const i of order) {
    const c = prepared[i]!;
    // Among the sides clear of "Me" and the names: the first that covers nothing else, or
    // else the one that covers least, where words on words (unreadable) count for most.
    let chosen: CaptionSide | null = null;
    let cost = Infinity;
    let clearOfMe: CaptionSide | null = null;
    for (let k = 0; k < CAPTION_SIDES.length; k++) {
      if (!allowed[i]![k]) continue;
      const side = CAPTION_SIDES[k]!;
      clearOfMe ??= side;
      if (!free[i]![k]) continue;
      const box = c.boxes[k]!;
      let here = 0;
      for (const w of words) if (overlaps(w, box)) here += 3;
      for (const q of input.people) if (q.id !== c.id && nearBox(q.p, box, body)) here += 1;
      if (here < cost) { chosen = side; cost = here; }
      if (here === 0) break;
    }
    const side = chosen ?? clearOfMe ?? 'below';
    captions.set(c.id, side);
    words.push(c.boxes[CAPTION_SIDES.indexOf(side)]!);
  }
  return { rings, captions };
}
