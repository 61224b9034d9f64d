// Where the places ("park", "school", "online"…) are drawn on the map. A place has no position
// in the map document (docs/DESIGN.md §4), so each gets a small tag just outside the outer ring,
// worked out here from the list alone: the same places always land in the same spots.
//
// The tags go into the corners of the view (all of the canvas when fitted, which on a wide
// window reaches past the map's square), where there is room the round map does not use,
// and never under the buttons that sit over the map. The top two corners come first (the
// first place top left, the next top right, and so on), because the editor's Undo and
// Connect buttons sit over the bottom corners on a small canvas; the bottom corners only take
// what the top ones cannot. In its corner a tag sits against the
// ring on the diagonal, or as near it as it can without touching another tag, the ring, or
// the words and people poking out past the ring; when the ring's edge is full, anywhere else
// in the corner, as near the ring as it can. If they still do not all fit, every tag is made
// smaller, and as a last resort the final tag says how many more there are (all of them are
// in the panel and the list view).
//
// Everything is in canvas units (the outer ring has radius WORLD_RADIUS); `scale` is how much
// bigger than usual the words on the map are drawn (MapCanvas's ring-name scale).
import { WORLD_RADIUS, polarToPoint } from './geometry';
import { textWidth, type Box } from './layout';

/** A place tag's font size, before the scale. */
export const PLACE_SIZE = 22;
/** Tags shrink down to this font size (before the scale) when many places are on the map. */
export const PLACE_MIN_SIZE = 19;
/** Labels longer than this many characters are cut with an ellipsis. */
export const PLACE_MAX_CHARS = 18;
/** Room left between a tag and the outer ring, between tags, and inside the view's edge. */
export const PLACE_GAP = 8;

/** One place tag as drawn: a rounded tag of `w` × `h` centred on (x, y), a pin, then `text`. */
export interface PlaceMarker {
  /** The place's id, or '' for the "and N more" tag. */
  id: string;
  /** The full label (the accessible name uses it, not the cut text). */
  label: string;
  /** The words on the tag (cut to length). */
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Font size, canvas units. */
  size: number;
  /** How many places the "and N more" tag stands for (0 on an ordinary tag). */
  more: number;
  box: Box;
}

export interface PlaceLayoutInput {
  places: readonly { id: string; label: string }[];
  /**
   * How far the view reaches each side of the centre: every tag stays inside it. A canvas
   * wider (or taller) than it is tall shows more of the map that way: give both reaches.
   */
  view: number | { x: number; y: number };
  /** The outer ring's radius (default WORLD_RADIUS): no tag comes inside it. */
  radius?: number;
  /** Words' scale on the map (1 on a big canvas). */
  scale?: number;
  /** What tags should keep off where they can: people, their captions, group names. */
  avoid?: readonly Box[];
  /** What tags must keep off: parts of the view that buttons over the map cover. */
  keepOff?: readonly Box[];
  /** The words of the last-resort tag standing for `count` places that did not fit. */
  moreText?: (count: number) => string;
}

/** A label as written on a tag: cut to `max` characters with an ellipsis. */
export function placeText(label: string, max = PLACE_MAX_CHARS): string {
  const chars = Array.from(label.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Width and height of a tag with `text` at font size `size` (pin, padding, words). */
export function placeTagSize(text: string, size: number): { w: number; h: number } {
  return { w: size * (0.6 + 0.8 + 0.4 + 0.6) + textWidth(text, size), h: size * 2 };
}

/** The top corners' diagonals (top left, top right), taken in turn. */
const TOP = [315, 45];
/** The bottom corners' (right, left), used only when the top ones are full. */
const BOTTOM = [135, 225];
/** Angles tried round a corner's diagonal, nearest first. */
const OFFSETS = [0, -6, 6, -12, 12, -18, 18, -24, 24, -30, 30, -36, 36, -42, 42];
/** At the bottom, higher up (towards 3 or 9 o'clock, away from the buttons) comes first. */
const UPWARDS = [0, 6, 12, 18, 24, 30, 36, 42, -6, -12, -18, -24, -30, -36, -42];
/** Sizes tried, biggest first (times the scale), with how many characters each shows. */
const STEPS: readonly { size: number; chars: number }[] = [
  { size: PLACE_SIZE, chars: PLACE_MAX_CHARS },
  { size: 20.5, chars: 16 },
  { size: PLACE_MIN_SIZE, chars: 14 },
];

const overlaps = (a: Box, b: Box, pad = 0) =>
  a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;

/** Distance from the centre of the map to the nearest point of a box. */
function nearest(b: Box): number {
  const dx = b.x0 > 0 ? b.x0 : b.x1 < 0 ? -b.x1 : 0;
  const dy = b.y0 > 0 ? b.y0 : b.y1 < 0 ? -b.y1 : 0;
  return Math.hypot(dx, dy);
}
function farthest(b: Box): number {
  return Math.hypot(Math.max(-b.x0, b.x1), Math.max(-b.y0, b.y1));
}

const boxAt = (x: number, y: number, w: number, h: number): Box => ({ x0: x - w / 2, x1: x + w / 2, y0: y - h / 2, y1: y + h / 2 });

/** The box of a w × h tag on the ray at `angle`, as close in as it can be while clear of `clear`. */
function onRay(angle: number, clear: number, w: number, h: number): Box {
  // The nearest point of the box only moves outwards as the box does, so halve the interval.
  let lo = clear;
  let hi = clear + w + h;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    const c = polarToPoint(angle, mid);
    if (nearest(boxAt(c.x, c.y, w, h)) >= clear) hi = mid;
    else lo = mid;
  }
  const c = polarToPoint(angle, hi);
  return boxAt(c.x, c.y, w, h);
}

/**
 * Every spot for a w × h tag in one corner of the view, in rows from the view's top (or
 * bottom) edge and steps from its side, clear of the ring: nearest the ring's diagonal first.
 */
function cornerGrid(corner: number, w: number, h: number, edge: { x: number; y: number }, clear: number, gap: number): Box[] {
  const sx = Math.sign(Math.sin((corner * Math.PI) / 180));
  const sy = -Math.sign(Math.cos((corner * Math.PI) / 180));
  const anchor = polarToPoint(corner, clear + h);
  const spots: { box: Box; d: number }[] = [];
  for (let y = edge.y - h / 2; y - h / 2 >= 0; y -= h + gap) {
    for (let x = edge.x - w / 2; x - w / 2 >= gap / 2; x -= 10) {
      const box = boxAt(sx * x, sy * y, w, h);
      if (nearest(box) >= clear) spots.push({ box, d: Math.hypot(sx * x - anchor.x, sy * y - anchor.y) });
    }
  }
  return spots.sort((a, b) => a.d - b.d).map((s) => s.box);
}

interface Tag { id: string; label: string; text: string; more: number }

/** Lays out `tags` at one size, in order: the markers of those that found room, and those that did not. */
function attempt(tags: readonly Tag[], size: number, input: PlaceLayoutInput, avoid: readonly Box[]): { out: PlaceMarker[]; left: Tag[] } {
  const radius = input.radius ?? WORLD_RADIUS;
  const reach = typeof input.view === 'number' ? { x: input.view, y: input.view } : input.view;
  const edge = { x: reach.x - PLACE_GAP / 2, y: reach.y - PLACE_GAP / 2 };
  const gap = PLACE_GAP * (input.scale ?? 1);
  const keepOff = input.keepOff ?? [];
  const inView = (b: Box) => b.x0 >= -edge.x && b.x1 <= edge.x && b.y0 >= -edge.y && b.y1 <= edge.y && !keepOff.some((k) => overlaps(k, b));
  const out: PlaceMarker[] = [];
  const left: Tag[] = [];
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const { w, h } = placeTagSize(tag.text, size);
    // This tag's turn: top left or top right first, then the other top corner; against the
    // ring first, then anywhere in the corner, nearest the ring's diagonal first. Then the
    // bottom corners the same way.
    const tops = i % 2 === 0 ? TOP : [TOP[1]!, TOP[0]!];
    const bottoms = i % 2 === 0 ? BOTTOM : [BOTTOM[1]!, BOTTOM[0]!];
    const candidates: Box[] = [];
    for (const corners of [tops, bottoms]) {
      for (const corner of corners) {
        // Upwards is anticlockwise on the right (135°), clockwise on the left (225°).
        const offsets = corners === tops ? OFFSETS : corner === 135 ? UPWARDS.map((o) => -o) : UPWARDS;
        for (const off of offsets) candidates.push(onRay(corner + off, radius + gap, w, h));
      }
      for (const corner of corners) candidates.push(...cornerGrid(corner, w, h, edge, radius + gap, gap));
    }
    let best: { box: Box; cost: number } | null = null;
    for (const box of candidates) {
      if (!inView(box) || out.some((m) => overlaps(m.box, box, gap))) continue;
      let cost = 0;
      for (const a of avoid) if (overlaps(a, box)) cost += 1;
      if (!best || cost < best.cost) best = { box, cost };
      if (cost === 0) break;
    }
    if (!best) { left.push(tag); continue; }
    const b = best.box;
    out.push({ ...tag, x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2, w, h, size, box: b });
  }
  return { out, left };
}

/** Where each place's tag goes (see the top of this file). Same input, same answer. */
export function layoutPlaces(input: PlaceLayoutInput): PlaceMarker[] {
  const scale = input.scale ?? 1;
  const radius = input.radius ?? WORLD_RADIUS;
  const places = input.places.filter((p) => p.label.trim());
  if (places.length === 0) return [];
  // Only what reaches past the ring can meet a tag.
  const avoid = (input.avoid ?? []).filter((b) => farthest(b) > radius);
  const tagOf = (p: { id: string; label: string }, chars: number): Tag => ({ id: p.id, label: p.label, text: placeText(p.label, chars), more: 0 });
  for (const step of STEPS) {
    const done = attempt(places.map((p) => tagOf(p, step.chars)), step.size * scale, input, avoid);
    if (done.left.length === 0) return done.out;
  }
  // Too many to show: as many as fit, in order, then a tag saying how many more there are.
  // Those that found no room are left out, and again until the "more" tag fits as well.
  const last = STEPS[STEPS.length - 1]!;
  let shown = places.map((p) => tagOf(p, last.chars));
  for (;;) {
    const rest = places.length - shown.length;
    const text = input.moreText?.(rest) ?? `+${rest}`;
    const tags = rest > 0 ? [...shown, { id: '', label: text, text, more: rest }] : shown;
    const done = attempt(tags, last.size * scale, input, avoid);
    if (done.left.length === 0) return done.out;
    if (shown.length === 0) return [];
    const dropped = new Set(done.left.filter((tag) => !tag.more));
    shown = dropped.size ? shown.filter((tag) => !dropped.has(tag)) : shown.slice(0, -1);
  }
}
