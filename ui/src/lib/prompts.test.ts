import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeBundle } from './i18n';
import prompts from '$assets/prompts.json';
import { PROMPTS, PROMPT_GROUPS, PROMPT_TONES } from './prompts';
import { UNDOABLE } from './scene/actions';

const bundle = makeBundle('en-GB', readFileSync(join(__dirname, '../../../assets/locales/en-GB/main.ftl'), 'utf8'));

describe('prompt cards', () => {
  it('have unique ids and a question and badge name each', () => {
    expect(new Set(PROMPTS.map((p) => p.id)).size).toBe(PROMPTS.length);
    for (const p of PROMPTS) {
      expect(bundle.hasMessage(`prompt-${p.id}`), p.id).toBe(true);
      expect(bundle.hasMessage(`prompt-${p.id}-badge`), p.id).toBe(true);
    }
  });
  it('cover every group, each with a heading', () => {
    for (const g of PROMPT_GROUPS) {
      expect(PROMPTS.some((p) => p.group === g), g).toBe(true);
      expect(bundle.hasMessage(`prompt-group-${g}`), g).toBe(true);
    }
    expect(bundle.hasMessage('prompt-group-custom')).toBe(true);
  });
  it('come from assets/prompts.json, each in a known group with a known tone', () => {
    expect(PROMPTS.map((p) => p.id)).toEqual(prompts.cards.map((c) => c.id));
    expect(PROMPT_GROUPS).toEqual(prompts.groups);
    for (const c of prompts.cards) {
      expect(prompts.groups, c.id).toContain(c.group);
      expect(PROMPT_TONES as readonly string[], c.id).toContain(c.tone);
    }
  });
  it('are listed nowhere else in the UI code', () => {
    const source = readFileSync(join(__dirname, 'prompts.ts'), 'utf8');
    for (const c of prompts.cards) expect(source, c.id).not.toContain(`'${c.id}'`);
  });
  it('word worries about situations, with a quiet badge', () => {
    for (const p of PROMPTS.filter((x) => x.tone === 'worry')) {
      const text = bundle.formatPattern(bundle.getMessage(`prompt-${p.id}`)!.value!);
      expect(text).toMatch(/times|when/i);
      expect(text).not.toMatch(/\b(bad|dangerous|risky)\b/i);
    }
  });
});

describe('action names', () => {
  it('every action has words for "Undone: …" announcements', () => {
    for (const type of Object.keys(UNDOABLE)) expect(bundle.hasMessage(`action-${type}`), type).toBe(true);
  });
});
