import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import limits from '$assets/limits.json';
import palette from '$assets/palette.json';
import { CODE_PATTERN, COLOUR_ID_PATTERN, ID_PATTERN, INITIALS_PATTERN, LIMITS, SHAPE_IDS } from './limits';
import { problems, textOk } from './validate';
import type { SceneState, Token } from './types';

/** Every number in limits.json of 10 or more (small ones like 3 stay usable in code). */
function limitNumbers(value: unknown): number[] {
  if (typeof value === 'number') return value >= 10 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(limitNumbers);
  if (value && typeof value === 'object') return Object.values(value).flatMap(limitNumbers);
  return [];
}

describe('limits', () => {
  it('come from assets/limits.json, the file the core validates with', () => {
    expect(LIMITS.maxTokens).toBe(limits.token.max);
    expect(LIMITS.descriptor).toBe(limits.token.descriptorMax);
    expect(LIMITS.placeLabel).toBe(limits.place.labelMax);
    expect(LIMITS.note).toBe(limits.note.textMax);
    expect(LIMITS.minRings).toBe(palette.rings.min);
    expect(SHAPE_IDS).toEqual(palette.shapes.map((s) => s.id));
  });
  it('are not written again in the UI scene code', () => {
    const numbers = new Set(limitNumbers(limits));
    for (const file of ['limits.ts', 'validate.ts', 'actions.ts']) {
      const code = readFileSync(join(__dirname, file), 'utf8').split('\n')
        .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'));
      for (const [n, line] of code.entries()) {
        for (const m of line.matchAll(/(?<![\w.])\d+(?![\w.])/g)) {
          expect(numbers.has(Number(m[0])), `${file}: ${n + 1}: ${m[0]} is a limit; use LIMITS`).toBe(false);
        }
      }
    }
  });
  it('patterns accept and refuse what the core does', () => {
    expect(ID_PATTERN.test('tok_0a-Z')).toBe(true);
    expect(ID_PATTERN.test('a'.repeat(limits.id.maxLength))).toBe(true);
    expect(ID_PATTERN.test('a'.repeat(limits.id.maxLength + 1))).toBe(false);
    expect(ID_PATTERN.test('bad id!')).toBe(false);
    expect(COLOUR_ID_PATTERN.test('blue')).toBe(true);
    expect(COLOUR_ID_PATTERN.test('#FF0000')).toBe(false);
    expect(COLOUR_ID_PATTERN.test('1blue')).toBe(false);
    expect(CODE_PATTERN.test('knows')).toBe(true);
    expect(CODE_PATTERN.test('Knows')).toBe(false);
    expect(INITIALS_PATTERN.test('ÉO')).toBe(true);
    expect(INITIALS_PATTERN.test('E\u0301O')).toBe(true);
    expect(INITIALS_PATTERN.test('ABCD')).toBe(false);
    expect(INITIALS_PATTERN.test('A1')).toBe(false);
    expect(textOk('a\nb', 1, 5, true)).toBe(true);
    expect(textOk('a\nb', 1, 5)).toBe(false);
    expect(textOk('   ', 1, 5)).toBe(false);
    expect(textOk('', 0, 5)).toBe(true);
  });
});

describe('validation of me and places, as the core does it', () => {
  const tok = (id: string): Token => ({ id, kind: 'peer', ring: 0, angle: 0, colour: 'blue', shape: 'circle', badges: [], private: false });
  const state = (session: Partial<SceneState['session']>): SceneState => ({
    rings: palette.rings.defaultLabels['4'].map((label) => ({ label })),
    session: { session_at: '2026-01-05T10:00:00Z', me: { colour: 'blue', shape: 'circle' }, tokens: [], links: [], groups: [], places: [], notes: [], ...session },
  });
  it('checks me', () => {
    expect(problems(state({}))).toEqual([]);
    expect(problems(state({ me: { colour: '#fff', shape: 'blob', initials: 'ABCD' } }))).toEqual(['me: colour', 'me: shape', 'me: initials']);
  });
  it('checks places', () => {
    expect(problems(state({ places: [{ id: 'p1', label: 'Park' }] }))).toEqual([]);
    const p = problems(state({ places: [{ id: 'p1', label: '' }, { id: 'p1', label: 'x'.repeat(LIMITS.placeLabel + 1) }, { id: 'p 2', label: 'a\tb' }] }));
    expect(p).toEqual(['places[1]: duplicate id', 'places[2]: id', 'places[0]: label', 'places[1]: label', 'places[2]: label']);
  });
  it('keeps ids unique within each list, not across lists', () => {
    expect(problems(state({ tokens: [tok('x')], groups: [{ id: 'x', label: 'Football', members: ['x'] }], places: [{ id: 'x', label: 'Park' }] }))).toEqual([]);
  });
});
