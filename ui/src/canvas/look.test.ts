import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import palette from '$assets/palette.json';
import { GROUP_TINTS, MAP_COLOURS, RING_FILLS, colourHex, colourInk, shapePath } from './look';

const HEX = /#[0-9a-fA-F]{3,8}\b/g;

describe('map colours', () => {
  it('are written nowhere in look.ts: they come from palette.json, which the export reads too', () => {
    const source = readFileSync(join(__dirname, 'look.ts'), 'utf8');
    expect(source.match(HEX) ?? []).toEqual([]);
  });
  it('are the palette ones', () => {
    expect(RING_FILLS).toEqual(palette.map.ringFills);
    expect(GROUP_TINTS).toEqual(palette.map.groupTints);
    expect(MAP_COLOURS.ink).toBe(palette.map.ink);
    expect(RING_FILLS.length).toBeGreaterThanOrEqual(palette.rings.max);
    const all = JSON.stringify(palette.map).match(HEX) ?? [];
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) expect(c).toMatch(/^#[0-9a-fA-F]{6}$/);
  });
  it('fall back to the palette for unknown ids, as the export does', () => {
    const grey = palette.colours.find((c) => c.id === palette.map.unknownColour)!;
    expect(colourHex('no-such-colour')).toBe(grey.hex);
    expect(colourInk('no-such-colour')).toBe(grey.ink);
    expect(shapePath('no-such-shape')).toBe(palette.shapes.find((s) => s.id === palette.map.unknownShape)!.path);
  });
});
