// What MapCanvas works out before it draws: how wide the fitted view is and how big people are
// drawn in it, the rings' outlines, the links and group bands between people, and what the
// place tags keep clear of. Pure functions: the canvas (and its layers) only render them.
import {
  TOKEN_RADIUS, WORLD_RADIUS, captionBox, captionText, polarToPoint, ringMidRadius, textWidth,
  CAPTION_SIZE, RING_LABEL_ARC_DEG, type Box, type CaptionSide, type Group, type Link, type Point, type RingLabelSpot, type Token,
} from '../lib/scene';
import type { CanvasRect } from './editor/overlayRects.svelte';
import { GROUP_TINTS } from './look';

/** The canvas's size on screen, in px. */
export interface CanvasBox { w: number; h: number }

// People must stay big enough to see and to tap (≥ 44 px targets) when the canvas is small,
// e.g. with the practitioner panel open: below a floor, people and their words are drawn
// larger in map units (`ts`), so their size on screen stops shrinking with the canvas.
const MIN_SCREEN_RADIUS = 24;
const MAX_TOKEN_SCALE = 1.8;

/** People's scale for a view that shows `view` canvas units each side of the centre, at zoom `k`. */
function scaleFor(view: number, box: CanvasBox, k: number): number {
  const px = (Math.min(box.w, box.h) / (2 * view)) * k;
  if (!px) return 1;
  return Math.min(MAX_TOKEN_SCALE, Math.max(1, MIN_SCREEN_RADIUS / (TOKEN_RADIUS * px)));
}

/**
 * How far the fitted view reaches from the centre (`view`), and people's scale in it (`ts`):
 * the outer ring of `n` plus room for the people on it, who grow on a small canvas (and so need
 * a wider view, which makes them grow a little more: a few rounds settle it).
 */
export function fitView(n: number, box: CanvasBox, k: number): { view: number; ts: number } {
  const outerMiddle = ringMidRadius(n - 1, n) * WORLD_RADIUS;
  let view = WORLD_RADIUS + 40;
  let s = scaleFor(view, box, k);
  for (let round = 0; round < 3; round++) {
    view = Math.max(WORLD_RADIUS + 40, outerMiddle + (TOKEN_RADIUS + 10) * s);
    s = scaleFor(view, box, k);
  }
  return { view, ts: s };
}

/** The band between radii r0 and r1, as a path drawn with fill-rule evenodd. */
export const annulus = (r0: number, r1: number): string =>
  `M0 ${-r1} A${r1} ${r1} 0 1 1 0 ${r1} A${r1} ${r1} 0 1 1 0 ${-r1} Z ` +
  `M0 ${-r0} A${r0} ${r0} 0 1 0 0 ${r0} A${r0} ${r0} 0 1 0 0 ${-r0} Z`;

/**
 * The arc a ring's name is written along, centred where the layout put it: clockwise over
 * the top of the ring, or anticlockwise along the bottom so the words still read left to
 * right.
 */
export function labelArc(spot: RingLabelSpot): string {
  const from = spot.flipped ? spot.angle + RING_LABEL_ARC_DEG : spot.angle - RING_LABEL_ARC_DEG;
  const to = spot.flipped ? spot.angle - RING_LABEL_ARC_DEG : spot.angle + RING_LABEL_ARC_DEG;
  const a = polarToPoint(from, spot.radius);
  const b = polarToPoint(to, spot.radius);
  const r = spot.radius.toFixed(2);
  return `M${a.x.toFixed(2)} ${a.y.toFixed(2)} A${r} ${r} 0 0 ${spot.flipped ? 0 : 1} ${b.x.toFixed(2)} ${b.y.toFixed(2)}`;
}

/** A map pin, point down, about 1 unit tall (times the tag's font size). */
export const PIN = 'M0 0.5 C-0.12 0.32 -0.38 0.08 -0.38 -0.14 A0.38 0.38 0 1 1 0.38 -0.14 C0.38 0.08 0.12 0.32 0 0.5 Z';

export interface DrawnLink { key: string; a: string; b: string; p: Point; q: Point }

/** The links whose two ends are both on the map, with where those ends are drawn. */
export function drawnLinks(links: readonly Link[], byId: ReadonlyMap<string, Token>, pos: (tk: Token) => Point): DrawnLink[] {
  return links.flatMap((l) => {
    const a = byId.get(l.a);
    const b = byId.get(l.b);
    if (!a || !b || a.ring === null || b.ring === null) return [];
    return [{ key: `${l.a}|${l.b}`, a: l.a, b: l.b, p: pos(a), q: pos(b) }];
  });
}

export interface GroupBand { id: string; label: string; d: string; tint: string; at: Point }

/** A group is drawn as a soft, wide, rounded band through its members, in angle order. */
export function groupBands(groups: readonly Group[], byId: ReadonlyMap<string, Token>, pos: (tk: Token) => Point, ts: number): GroupBand[] {
  return groups.flatMap((g, i) => {
    const members = g.members.map((m) => byId.get(m)).filter((tk): tk is Token => !!tk && tk.ring !== null)
      .sort((x, y) => (x.ring! - y.ring!) || (x.angle - y.angle));
    if (members.length === 0) return [];
    const pts = members.map(pos);
    const d = pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ') + (pts.length === 1 ? ' l0.01 0' : '');
    // The name sits on the band's longest stretch (the most open space it crosses), or just
    // above a lone member; over the first member it collided with people and ring names.
    let at = { x: pts[0]!.x, y: pts[0]!.y - (TOKEN_RADIUS + 24) * ts };
    let longest = 0;
    for (let j = 1; j < pts.length; j++) {
      const a = pts[j - 1]!;
      const b = pts[j]!;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      if (len > longest) { longest = len; at = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }; }
    }
    return [{ id: g.id, label: g.label, d, tint: GROUP_TINTS[i % GROUP_TINTS.length]!, at }];
  });
}

/** What place tags keep clear of where they can: the people, their words, and group names. */
export function placeAvoid(
  placed: readonly Token[], pos: (tk: Token) => Point, captions: ReadonlyMap<string, CaptionSide>, groups: readonly GroupBand[], ts: number,
): Box[] {
  const avoid: Box[] = [];
  const body = (TOKEN_RADIUS + 14) * ts;
  for (const tk of placed) {
    const p = pos(tk);
    avoid.push({ x0: p.x - body, x1: p.x + body, y0: p.y - body, y1: p.y + body });
    const side = tk.descriptor ? captions.get(tk.id) : undefined;
    if (side) avoid.push(captionBox(p, side, textWidth(captionText(tk.descriptor!), CAPTION_SIZE), ts));
  }
  for (const g of groups) {
    const w = textWidth(g.label, 22 * ts) / 2 + 4;
    avoid.push({ x0: g.at.x - w, x1: g.at.x + w, y0: g.at.y - 14 * ts, y1: g.at.y + 14 * ts });
  }
  return avoid;
}

/** The `covered` parts of the canvas in canvas units (of the fitted view): no place tag goes there. */
export function coveredBoxes(covered: readonly CanvasRect[], box: CanvasBox, view: number): Box[] {
  const px = Math.min(box.w, box.h) / (2 * view);
  if (!px) return [];
  return covered.map((r) => ({
    x0: (r.left - box.w / 2) / px, x1: (r.right - box.w / 2) / px, y0: (r.top - box.h / 2) / px, y1: (r.bottom - box.h / 2) / px,
  }));
}

/** How far the canvas shows the map each side of the centre when fitted (more than `view` the long way). */
export function shownView(box: CanvasBox, view: number): { x: number; y: number } {
  const px = Math.min(box.w, box.h) / (2 * view);
  return px ? { x: box.w / 2 / px, y: box.h / 2 / px } : { x: view, y: view };
}
