import { describe, expect, it } from 'vitest';
import palette from '$assets/palette.json';
import { WORLD_RADIUS, minAngularGap, nudgeRing, ringBoundaries, tokenPoint, type Point } from './geometry';
import {
  CAPTION_SIZE, captionBox, captionText, layoutMap, meRadius, onRingLabel, ringLabelBoxes, ringLabelSpot, textWidth,
  type Box, type LayoutPerson, type RingLabelSpot,
} from './layout';

const defaults = palette.rings.defaultLabels as Record<string, string[]>;
/** The scales MapCanvas uses: people 1 (big window) to 1.8 (small canvas), names 3/4 as much. */
const SCALES = [1, 1.3, 1.8];
const nameScale = (ts: number) => 1 + (ts - 1) * 0.75;

/** Points along a box's edge, one canvas unit apart. */
function edge(b: Box): Point[] {
  const pts: Point[] = [];
  for (let x = b.x0; x <= b.x1; x += 1) pts.push({ x, y: b.y0 }, { x, y: b.y1 });
  for (let y = b.y0; y <= b.y1; y += 1) pts.push({ x: b.x0, y }, { x: b.x1, y });
  return pts;
}

// Checked independently of the layout's own box approximations: exact distance to the centre,
// and the true curved band of each ring name.
function touchesMe(b: Box, n: number, ts = 1): boolean {
  const x = Math.max(b.x0, Math.min(0, b.x1));
  const y = Math.max(b.y0, Math.min(0, b.y1));
  return Math.hypot(x, y) < meRadius(n, ts);
}
function touchesName(b: Box, spot: RingLabelSpot): boolean {
  if (edge(b).some((p) => onRingLabel(p, spot))) return true;
  // A name wholly inside a (big) caption box: its middle is inside.
  const rad = (spot.angle * Math.PI) / 180;
  const mid = { x: spot.radius * Math.sin(rad), y: -spot.radius * Math.cos(rad) };
  return mid.x >= b.x0 && mid.x <= b.x1 && mid.y >= b.y0 && mid.y <= b.y1;
}

/** What is wrong with the captions of `check` (default: everyone) in a laid-out map. */
function problems(people: LayoutPerson[], n: number, ts: number, check = people): string[] {
  const layout = layoutMap({ labels: defaults[String(n)]!, people, ts, ls: nameScale(ts) });
  const out: string[] = [];
  for (const person of check) {
    if (!person.text) continue;
    const side = layout.captions.get(person.id)!;
    const box = captionBox(person.p, side, textWidth(person.text, CAPTION_SIZE), ts);
    const where = `${person.id} "${person.text}" ${side} ×${ts}`;
    if (touchesMe(box, n, ts)) out.push(`${where}: on Me`);
    for (const spot of layout.rings) if (touchesName(box, spot)) out.push(`${where}: on ring name ${spot.ring}`);
  }
  return out;
}

describe('caption text', () => {
  it('is measured with the real font widths', () => {
    // "Best friend" in Atkinson Hyperlegible Next Bold is 5.173 em.
    expect(textWidth('Best friend', 1)).toBeCloseTo(5.173, 3);
    expect(textWidth('Me', 10)).toBeCloseTo(14.21, 2);
    expect(textWidth('ŁŁ', 1)).toBeGreaterThan(textWidth('LL', 1));
  });
  it('is cut to 16 characters with an ellipsis', () => {
    expect(captionText('Best friend')).toBe('Best friend');
    expect(captionText('Someone from the bus stop')).toBe('Someone from th…');
    expect(Array.from(captionText('Someone from the bus stop'))).toHaveLength(16);
  });
});

describe('captions keep off the young person and the ring names', () => {
  const texts = ['Best friend', captionText('Older friend from the youth club'), 'WWWWWWWWWWWWWWW…'];

  it('the old fixed place (always below) ran into "Me" in the innermost ring', () => {
    // What the editor screenshot showed: the previous geometry (centre 0.12, inner ring to
    // 0.3961 of 4) at the scale a 1200×800 window gives (1.29).
    const oldMiddle = ((0.12 + 0.3961) / 2) * WORLD_RADIUS;
    const below = captionBox({ x: 0, y: -oldMiddle }, 'below', textWidth('Best friend', CAPTION_SIZE), 1.29);
    expect(touchesMe(below, 4)).toBe(true);
  });

  for (let n = palette.rings.min; n <= palette.rings.max; n++) {
    it(`never covers "Me" or a ring name, for one person anywhere, ${n} rings`, () => {
      const failures: string[] = [];
      for (const ts of SCALES) {
        for (let ring = 0; ring < n; ring++) {
          for (let angle = 0; angle < 360; angle += 5) {
            for (const text of texts) {
              failures.push(...problems([{ id: `r${ring}@${angle}`, p: tokenPoint(ring, angle, n), text }], n, ts));
            }
          }
        }
      }
      expect(failures.slice(0, 12)).toEqual([]);
    });

    it(`never covers "Me" or a ring name with several people in the innermost ring, ${n} rings`, () => {
      let seed = 11;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const failures: string[] = [];
      for (const ts of SCALES) {
        for (let round = 0; round < 80; round++) {
          // Two to five people dropped anywhere in the ring, nudged apart as the editor does.
          let items = Array.from({ length: 2 + Math.floor(rand() * 4) }, (_, i) => ({ id: `t${i}`, angle: Math.floor(rand() * 360) }));
          const moved = nudgeRing(items, 't0', minAngularGap(0, n));
          items = items.map((x) => ({ id: x.id, angle: moved.get(x.id) ?? x.angle }));
          const people = items.map((x) => ({ id: `${x.id}@${x.angle}`, p: tokenPoint(0, x.angle, n), text: texts[Math.floor(rand() * texts.length)]! }));
          failures.push(...problems(people, n, ts));
        }
      }
      expect(failures.slice(0, 12)).toEqual([]);
    });
  }

  it('keeps below when below is free', () => {
    const p = tokenPoint(1, 180, 4);
    expect(layoutMap({ labels: defaults['4']!, people: [{ id: 'a', p, text: 'Cousin' }] }).captions.get('a')).toBe('below');
  });

  it('moves off a neighbour when it can, but never onto "Me" for them', () => {
    const a = tokenPoint(2, 180, 4);
    const under = { x: a.x, y: a.y + 60 };
    const people = [{ id: 'a', p: a, text: 'Cousin' }, { id: 'b', p: under, text: null }];
    expect(layoutMap({ labels: defaults['4']!, people }).captions.get('a')).not.toBe('below');
    const inner = tokenPoint(0, 0, 4);
    const crowd: LayoutPerson[] = [{ id: 'a', p: inner, text: 'Best friend' },
      ...[[0, -60], [80, 0], [-80, 0]].map(([dx, dy], i) => ({ id: `c${i}`, p: { x: inner.x + dx!, y: inner.y + dy! }, text: null }))];
    const side = layoutMap({ labels: defaults['4']!, people: crowd, ts: 1.8, ls: nameScale(1.8) }).captions.get('a')!;
    expect(touchesMe(captionBox(inner, side, textWidth('Best friend', CAPTION_SIZE), 1.8), 4, 1.8)).toBe(false);
  });

  it('keeps words inside the view: under someone at the bottom of the outer ring they go above', () => {
    const ts = 1.4;
    const p = tokenPoint(3, 180, 4);
    const view = p.y + 44 * ts;
    const { captions } = layoutMap({ labels: defaults['4']!, people: [{ id: 'a', p, text: 'Coach' }], ts, ls: nameScale(ts), view });
    const box = captionBox(p, captions.get('a')!, textWidth('Coach', CAPTION_SIZE), ts);
    expect(captions.get('a')).not.toBe('below');
    expect(box.y1).toBeLessThanOrEqual(view);
  });

  it('keeps one caption off another when it can', () => {
    // Two people side by side at 6 o'clock: both captions below would run into each other.
    const a = tokenPoint(2, 176, 4);
    const b = tokenPoint(2, 188, 4);
    const people = [{ id: 'a', p: a, text: 'School friend' }, { id: 'b', p: b, text: 'Football coach' }];
    const { captions } = layoutMap({ labels: defaults['4']!, people });
    const boxes = people.map((x) => captionBox(x.p, captions.get(x.id)!, textWidth(x.text, CAPTION_SIZE)));
    expect(captions.get('a')).toBe('below');
    expect(boxes[0]!.x1 <= boxes[1]!.x0 || boxes[1]!.x1 <= boxes[0]!.x0 || boxes[0]!.y1 <= boxes[1]!.y0 || boxes[1]!.y1 <= boxes[0]!.y0).toBe(true);
  });
});

describe('ring names', () => {
  const labels = defaults['4']!;
  it('sit at 12 o\'clock when nobody is in the way', () => {
    const layout = layoutMap({ labels, people: [{ id: 'a', p: tokenPoint(0, 180, 4), text: 'Cousin' }] });
    expect(layout.rings.map((r) => r.angle)).toEqual([0, 0, 0, 0]);
    expect(layout.rings.every((r) => !r.flipped)).toBe(true);
  });
  it('move round their ring, off a person at 12 o\'clock', () => {
    // At full size the person fits under the name; on a small canvas people are drawn bigger.
    const p = tokenPoint(0, 0, 4);
    expect(layoutMap({ labels, people: [{ id: 'a', p, text: 'Best friend' }] }).rings[0]!.angle).toBe(0);
    const [inner] = layoutMap({ labels, people: [{ id: 'a', p, text: 'Best friend' }], ts: 1.3, ls: nameScale(1.3) }).rings;
    expect(inner!.angle).not.toBe(0);
    // The shape is clear of the name.
    const around = Array.from({ length: 72 }, (_, i) => ({ x: p.x + 34 * 1.3 * Math.sin(i * 5 * Math.PI / 180), y: p.y - 34 * 1.3 * Math.cos(i * 5 * Math.PI / 180) }));
    expect(around.some((q) => onRingLabel(q, inner!))).toBe(false);
  });
  it('are written left to right along the bottom of a ring when they go there', () => {
    expect(ringLabelSpot(labels, 0, 1, 180).flipped).toBe(true);
    expect(ringLabelSpot(labels, 0, 1, -24)).toMatchObject({ angle: 336, flipped: false });
  });
  it('shrink to fit their arc when long, but stay readable', () => {
    expect(ringLabelSpot(labels, 0, 1).size).toBe(24);
    expect(ringLabelSpot(labels, 1, 1.6).size).toBeCloseTo(24 * 1.6, 6);
    const long = ringLabelSpot(['People I trust with anything at all, ever', 'b', 'c', 'd'], 0, 1.6);
    expect(long.size).toBeLessThan(24 * 1.6);
    expect(long.size).toBeGreaterThanOrEqual(15);
    expect(long.halfAngle).toBeLessThanOrEqual(50);
  });
  it('are covered completely by the boxes the layout tests against', () => {
    for (const angle of [0, 24, 180, 204]) {
      const spot = ringLabelSpot(labels, 1, 1.4, angle);
      const boxes = ringLabelBoxes(spot, 0);
      for (let i = 0; i <= 40; i++) {
        for (const dr of [-0.5, 0, 0.5]) {
          const a = ((spot.angle - spot.halfAngle + (2 * spot.halfAngle * i) / 40) * Math.PI) / 180;
          const r = spot.radius + dr * spot.size;
          const q = { x: r * Math.sin(a), y: -r * Math.cos(a) };
          expect(boxes.some((b) => q.x >= b.x0 - 1e-9 && q.x <= b.x1 + 1e-9 && q.y >= b.y0 - 1e-9 && q.y <= b.y1 + 1e-9)).toBe(true);
        }
      }
    }
  });
});

describe('the innermost ring has room', () => {
  it('holds a person well clear of "Me" and inside the ring\'s name', () => {
    for (let n = palette.rings.min; n <= palette.rings.max; n++) {
      const b = ringBoundaries(n).map((x) => x * WORLD_RADIUS);
      const p = tokenPoint(0, 0, n);
      expect(-p.y - 34 - meRadius(n), `${n} rings`).toBeGreaterThan(20);
      const name = ringLabelSpot(defaults[String(n)]!, 0);
      expect(name.radius + name.size / 2).toBeLessThan(b[1]!);
      // It is the widest ring.
      for (let i = 1; i < n; i++) expect(b[i + 1]! - b[i]!).toBeLessThan(b[1]! - b[0]!);
    }
  });
  it('fits a caption under a person at 12 o\'clock without touching "Me" (3 and 4 rings, full size)', () => {
    for (const n of [3, 4]) {
      const below = captionBox(tokenPoint(0, 0, n), 'below', textWidth('Best friend', CAPTION_SIZE));
      expect(touchesMe(below, n), `${n} rings`).toBe(false);
    }
  });
});
