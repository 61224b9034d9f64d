import { describe, expect, it } from 'vitest';
import { TOKEN_RADIUS, WORLD_RADIUS, ringBoundaries, tokenPoint } from './geometry';
import { captionBox, textWidth, CAPTION_SIZE, type Box } from './layout';
import { PLACE_MAX_CHARS, PLACE_MIN_SIZE, PLACE_SIZE, layoutPlaces, placeTagSize, placeText, type PlaceMarker } from './places';

const IDEAS = ['School', 'Home', 'Park', 'Online', 'Town centre', 'Youth club', "Nan's house", 'Football pitch',
  'The skate park by the river', 'Bus', 'Library', 'Church', 'Gran and Grandad\'s caravan in Wales', 'Gym', 'Shops',
  'Cousins', 'Dance class', 'Dad\'s flat', 'Mosque', 'Swimming pool'];
const places = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p_${i}`, label: IDEAS[i % IDEAS.length]! + (i >= IDEAS.length ? ` ${i}` : '') }));
/** Views MapCanvas fits: the usual one, and the wider ones of a small canvas (people drawn bigger). */
const VIEWS = [{ view: WORLD_RADIUS + 40, scale: 1 }, { view: 455, scale: 1.225 }, { view: 478, scale: 1.6 }];

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** Exact distance from the centre to the nearest point of a box. */
function nearest(b: Box): number {
  const x = Math.max(b.x0, Math.min(0, b.x1));
  const y = Math.max(b.y0, Math.min(0, b.y1));
  return Math.hypot(x, y);
}

function problems(markers: PlaceMarker[], view: number): string[] {
  const out: string[] = [];
  markers.forEach((m, i) => {
    const b = m.box;
    expect(b.x1 - b.x0).toBeCloseTo(m.w, 6);
    if (nearest(b) <= WORLD_RADIUS) out.push(`${m.text}: inside the outer ring`);
    if (b.x0 < -view || b.x1 > view || b.y0 < -view || b.y1 > view) out.push(`${m.text}: outside the view`);
    markers.slice(i + 1).forEach((o) => { if (overlap(b, o.box)) out.push(`${m.text} on ${o.text}`); });
  });
  return out;
}

describe('place tags', () => {
  it('are none when there are no places', () => {
    expect(layoutPlaces({ places: [], view: 440 })).toEqual([]);
    expect(layoutPlaces({ places: [{ id: 'p', label: '  ' }], view: 440 })).toEqual([]);
  });

  it('cut long labels and keep the full one for the accessible name', () => {
    expect(placeText('Park')).toBe('Park');
    const long = "Gran and Grandad's caravan in Wales";
    expect(Array.from(placeText(long))).toHaveLength(PLACE_MAX_CHARS);
    const [m] = layoutPlaces({ places: [{ id: 'a', label: long }], view: 440 });
    expect(m!.label).toBe(long);
    expect(m!.text.endsWith('…')).toBe(true);
    expect(m!.w).toBeCloseTo(placeTagSize(m!.text, m!.size).w, 6);
  });

  it('never overlap each other, the ring or the edge of the view, for 1 to 40 places', () => {
    for (const { view, scale } of VIEWS) {
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 20, 25, 40]) {
        const markers = layoutPlaces({ places: places(n), view, scale, moreText: (c) => `+${c} more` });
        expect(markers.length).toBeGreaterThan(0);
        expect(problems(markers, view), `${n} places, view ${view}`).toEqual([]);
        // Every place is either shown or counted in the last tag.
        const more = markers.at(-1)!.more;
        expect(markers.filter((m) => m.more === 0).length + more).toBe(n);
      }
    }
  });

  it('show every place up to eight, however small the canvas; twelve on a big one, smaller', () => {
    for (const { view, scale } of VIEWS) {
      for (let n = 1; n <= 8; n++) {
        const markers = layoutPlaces({ places: places(n), view, scale });
        expect(markers.map((m) => m.id), `${n} places, view ${view}`).toEqual(places(n).map((p) => p.id));
      }
    }
    expect(layoutPlaces({ places: places(3), view: 440 }).map((m) => m.size)).toEqual([PLACE_SIZE, PLACE_SIZE, PLACE_SIZE]);
    const twelve = layoutPlaces({ places: places(12), view: 440 });
    expect(twelve.map((m) => m.id)).toEqual(places(12).map((p) => p.id));
    expect(twelve[0]!.size).toBeLessThan(PLACE_SIZE);
    expect(twelve[0]!.size).toBeGreaterThanOrEqual(PLACE_MIN_SIZE);
  });

  it('fill the top corners in turn before the bottom ones (where the editor has buttons)', () => {
    const corners = (n: number) => layoutPlaces({ places: places(n), view: 440 })
      .map((m) => `${m.y < 0 ? 'top' : 'bottom'} ${m.x < 0 ? 'left' : 'right'}`);
    expect(corners(4)).toEqual(['top left', 'top right', 'top left', 'top right']);
    const eight = corners(8);
    expect(eight.slice(0, 4)).toEqual(corners(4));
    expect(eight.filter((c) => c.startsWith('bottom')).length).toBeGreaterThan(0);
  });

  it('are the same every time for the same places', () => {
    const a = layoutPlaces({ places: places(9), view: 455, scale: 1.225 });
    const b = layoutPlaces({ places: places(9).map((p) => ({ ...p })), view: 455, scale: 1.225 });
    expect(b).toEqual(a);
  });

  it('never go where buttons cover the map', () => {
    // The editor's buttons: Undo and Connect along the bottom, zoom at the top right.
    const keepOff: Box[] = [{ x0: -440, x1: 440, y0: 300, y1: 440 }, { x0: 360, x1: 440, y0: -440, y1: -180 }];
    for (let n = 1; n <= 20; n++) {
      const markers = layoutPlaces({ places: places(n), view: 440, keepOff, moreText: (c) => `+${c} more` });
      expect(markers.length).toBeGreaterThan(0);
      expect(problems(markers, 440)).toEqual([]);
      for (const m of markers) expect(keepOff.filter((k) => overlap(k, m.box)), `${n}: ${m.text}`).toEqual([]);
    }
  });

  it('use the extra room of a wide canvas, and stay inside it', () => {
    const view = { x: 440 * 1.5, y: 440 };
    const markers = layoutPlaces({ places: places(16), view });
    expect(markers.every((m) => m.more === 0)).toBe(true);
    expect(markers.some((m) => m.box.x1 > 440 || m.box.x0 < -440)).toBe(true);
    for (const m of markers) {
      expect(Math.abs(m.x) + m.w / 2).toBeLessThanOrEqual(view.x);
      expect(Math.abs(m.y) + m.h / 2).toBeLessThanOrEqual(view.y);
      expect(nearest(m.box)).toBeGreaterThan(WORLD_RADIUS);
    }
    expect(problems(markers, view.x)).toEqual([]);
  });

  it('keep off people and captions that reach past the outer ring', () => {
    // Five rings: people on the outer ring stick out past it. Put some on every diagonal.
    const n = 5;
    const avoid: Box[] = [];
    for (const angle of [315, 305, 325, 135, 125, 145, 45, 55, 225, 215]) {
      const p = tokenPoint(n - 1, angle, n);
      const r = TOKEN_RADIUS + 8;
      avoid.push({ x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r });
      avoid.push(captionBox(p, 'below', textWidth('Best friend', CAPTION_SIZE)));
    }
    expect(ringBoundaries(n)[n]).toBe(1);
    // The boxes reach past the ring, so without them some tags would sit on them.
    const plain = layoutPlaces({ places: places(6), view: 440 });
    expect(plain.some((m) => avoid.some((a) => overlap(a, m.box)))).toBe(true);
    const markers = layoutPlaces({ places: places(6), view: 440, avoid });
    expect(problems(markers, 440)).toEqual([]);
    for (const m of markers) expect(avoid.filter((a) => overlap(a, m.box)), m.text).toEqual([]);
  });
});
