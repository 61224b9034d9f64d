import { describe, expect, it } from 'vitest';
import palette from '$assets/palette.json';
import {
  WORLD_RADIUS, clockHour, freeAngle, hitRing, minAngularGap, normalizeAngle, nudgeRing,
  pointToPolar, polarToPoint, ringBoundaries, ringMidRadius, tokenPoint,
} from './geometry';

describe('ring boundaries follow the palette formula', () => {
  for (const [n, expected] of Object.entries(palette.rings.geometryExamples)) {
    it(`matches the worked example for ${n} rings`, () => {
      const b = ringBoundaries(Number(n));
      expect(b).toHaveLength(Number(n) + 1);
      b.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 4));
    });
  }
  it('gives inner rings more room than outer ones', () => {
    const b = ringBoundaries(5);
    const widths = b.slice(1).map((x, i) => x - b[i]!);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeLessThan(widths[i - 1]!);
  });
  it('gives the innermost ring half as much room again as the next, for every ring count', () => {
    // The editor screenshot showed the inner ring too tight for a person and their words
    // between "Me" and the ring's name (it was 1.19× the next ring).
    for (let n = 3; n <= 5; n++) {
      const b = ringBoundaries(n);
      expect(b[1]! - b[0]!, `${n} rings`).toBeGreaterThanOrEqual(1.5 * (b[2]! - b[1]!));
    }
  });
  it('refuses counts it has no weights for', () => {
    expect(() => ringBoundaries(0)).toThrow();
    expect(() => ringBoundaries(6)).toThrow();
  });
  it('draws a token in the middle of its ring', () => {
    const b = ringBoundaries(4);
    expect(ringMidRadius(1, 4)).toBeCloseTo((b[1]! + b[2]!) / 2, 10);
  });
});

describe('polar and cartesian', () => {
  it('puts 0° straight up and goes clockwise', () => {
    const up = polarToPoint(0, 10);
    expect(up.x).toBeCloseTo(0); expect(up.y).toBeCloseTo(-10);
    const right = polarToPoint(90, 10);
    expect(right.x).toBeCloseTo(10); expect(right.y).toBeCloseTo(0);
    const down = polarToPoint(180, 10);
    expect(down.y).toBeCloseTo(10);
    const left = polarToPoint(270, 10);
    expect(left.x).toBeCloseTo(-10);
  });
  it('round-trips every 7 degrees', () => {
    for (let a = 0; a < 360; a += 7) {
      const p = pointToPolar(polarToPoint(a, 123));
      expect(p.angle).toBeCloseTo(a, 6);
      expect(p.radius).toBeCloseTo(123, 6);
    }
  });
  it('normalises angles into [0, 360) and never returns 360', () => {
    expect(normalizeAngle(360)).toBe(0);
    expect(normalizeAngle(-90)).toBe(270);
    expect(normalizeAngle(725)).toBe(5);
    expect(normalizeAngle(359.999)).toBe(0);
    expect(normalizeAngle(Number.NaN)).toBe(0);
    expect(normalizeAngle(Infinity)).toBe(0);
    expect(Object.is(normalizeAngle(-0), 0)).toBe(true);
  });
  it('names clock hours', () => {
    expect(clockHour(0)).toBe(12);
    expect(clockHour(90)).toBe(3);
    expect(clockHour(185)).toBe(6);
  });
});

describe('hit-testing a point to a ring', () => {
  const at = (r: number, angle = 45) => polarToPoint(angle, r * WORLD_RADIUS);
  it('finds each ring from its middle', () => {
    for (let i = 0; i < 4; i++) {
      const hit = hitRing(tokenPoint(i, 200, 4), 4);
      expect(hit).toEqual({ kind: 'ring', ring: i, angle: 200 });
    }
  });
  it('uses the boundaries exactly', () => {
    const b = ringBoundaries(4);
    expect(hitRing(at(b[1]! - 0.001), 4)).toMatchObject({ ring: 0 });
    expect(hitRing(at(b[1]! + 0.001), 4)).toMatchObject({ ring: 1 });
  });
  it('knows the centre and the outside, with a little slack at the edge', () => {
    expect(hitRing(at(0.05), 4)).toEqual({ kind: 'centre' });
    expect(hitRing(at(1.03), 4)).toMatchObject({ kind: 'ring', ring: 3 });
    expect(hitRing(at(1.3), 4)).toEqual({ kind: 'outside' });
  });
});

describe('nudging tokens apart within a ring', () => {
  const gap = 30;
  const spread = (items: { id: string; angle: number }[], anchor: string) => {
    const moved = nudgeRing(items, anchor, gap);
    return items.map((t) => ({ id: t.id, angle: moved.get(t.id) ?? t.angle }));
  };
  const minGap = (items: { angle: number }[]) => {
    const a = items.map((t) => t.angle).sort((x, y) => x - y);
    let m = 360;
    for (let i = 0; i < a.length; i++) m = Math.min(m, ((a[(i + 1) % a.length]! - a[i]! + 360) % 360) || 360);
    return m;
  };

  it('leaves well-spaced tokens alone', () => {
    expect(nudgeRing([{ id: 'a', angle: 0 }, { id: 'b', angle: 90 }], 'a', gap).size).toBe(0);
  });
  it('keeps the anchor still and pushes an overlapping neighbour away', () => {
    const out = spread([{ id: 'a', angle: 100 }, { id: 'b', angle: 110 }], 'a');
    expect(out).toEqual([{ id: 'a', angle: 100 }, { id: 'b', angle: 130 }]);
    const back = spread([{ id: 'a', angle: 100 }, { id: 'b', angle: 95 }], 'a');
    expect(back).toEqual([{ id: 'a', angle: 100 }, { id: 'b', angle: 70 }]);
  });
  it('pushes a chain along and wraps past 0°', () => {
    const out = spread([{ id: 'a', angle: 350 }, { id: 'b', angle: 355 }, { id: 'c', angle: 5 }], 'a');
    expect(out.find((t) => t.id === 'a')!.angle).toBe(350);
    expect(minGap(out)).toBeGreaterThanOrEqual(gap - 0.01);
    out.forEach((t) => { expect(t.angle).toBeGreaterThanOrEqual(0); expect(t.angle).toBeLessThan(360); });
  });
  it('shares a crowded ring out evenly', () => {
    const items = Array.from({ length: 15 }, (_, i) => ({ id: `t${i}`, angle: i }));
    const out = spread(items, 't0');
    expect(minGap(out)).toBeGreaterThanOrEqual(24 - 0.02);
  });
  it('always ends with every pair apart (random rings)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      const n = 2 + Math.floor(rand() * 14);
      const items = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, angle: normalizeAngle(rand() * 360) }));
      const out = spread(items, `t${Math.floor(rand() * n)}`);
      expect(minGap(out)).toBeGreaterThanOrEqual(Math.min(gap, 360 / n) - 0.02);
    }
  });
  it('has a gap that fits fewer tokens in the inner ring', () => {
    expect(minAngularGap(0, 4)).toBeGreaterThan(minAngularGap(3, 4));
  });
  it('finds the emptiest angle', () => {
    expect(freeAngle([], 30)).toBe(30);
    expect(freeAngle([0])).toBe(180);
    expect(freeAngle([0, 90])).toBe(225);
  });
});
