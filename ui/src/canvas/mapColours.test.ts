import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import palette from '$assets/palette.json';

// The map's own colours (rings, lines, links, badges, outlines) come from palette.json, the
// same file the PDF renderer reads. The only literal colours the canvas may keep are those of
// the app's controls (focus and selection), which are never in a copy.
const CONTROL_COLOURS = new Set(['#1a5fb4', '#ffffff', '#ffffffeb', '#ffffffe0', '#fffdf8', '#fffdf8b0', '#f4f1e4', '#dff1ee', '#0b6e6e']);

describe('the canvas draws the map in the palette colours', () => {
  for (const file of [
    'MapCanvas.svelte', 'TokenGlyph.svelte', 'mapGeometry.ts', 'layers/RingsLayer.svelte', 'layers/GroupsLayer.svelte',
    'layers/PlacesLayer.svelte', 'layers/LinksLayer.svelte', 'layers/PeopleLayer.svelte', 'layers/DragLayers.svelte',
  ]) {
    it(`${file} writes no map colour of its own`, () => {
      const text = readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
      const literals = [...text.matchAll(/#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?\b/g)].map((m) => m[0].toLowerCase());
      const mapOnly = [palette.map.line, palette.map.link, palette.map.ringLabel, palette.map.ink].map((c) => c.toLowerCase());
      for (const colour of literals) {
        expect(mapOnly, `${file} writes the map colour ${colour} instead of reading the palette`).not.toContain(colour);
        expect(CONTROL_COLOURS.has(colour), `${file}: ${colour} is neither a control colour nor from the palette`).toBe(true);
      }
    });
  }
});
