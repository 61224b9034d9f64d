import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NameAdvice } from './nameAdvice.svelte';
import * as scene from './scene';

describe('full-name advice', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('asks the core once per pause, about the newest text of each field', async () => {
    const asked: string[] = [];
    const advice = new NameAdvice(async (text) => { asked.push(text); return text === 'Jamie Smith'; }, 300);
    expect(advice.looks('J', 'descriptor')).toBe(false);
    expect(advice.looks('Jamie Smit', 'descriptor')).toBe(false);
    expect(advice.looks('Jamie Smith ', 'descriptor')).toBe(false);
    expect(advice.looks('Best friend', 'note')).toBe(false);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(asked.sort()).toEqual(['Best friend', 'Jamie Smith']);
    expect(advice.looks('Jamie Smith', 'descriptor')).toBe(true);
    expect(advice.looks('Best friend', 'note')).toBe(false);
    // While a new text is asked about, the field keeps its last answer (no flicker).
    expect(advice.looks('Jamie Smithe', 'descriptor')).toBe(true);
    expect(advice.looks('', 'descriptor')).toBe(false);
  });

  it('shows no advice when the core cannot be asked', async () => {
    const advice = new NameAdvice(async () => { throw new Error('no backend'); }, 10);
    advice.looks('Jamie Smith');
    await vi.advanceTimersByTimeAsync(10);
    expect(advice.looks('Jamie Smith')).toBe(false);
  });
});

describe('the full-name rule', () => {
  // The core is its one owner (src-tauri/core/src/document/names.rs); the UI only asks.
  it('has no copy in the UI', () => {
    expect('looksLikeFullName' in scene).toBe(false);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'mock' ? [] : files(path);
      return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
    });
    for (const file of files(join(__dirname, '..'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/looksLikeFullName|function\s+looksLike/);
    }
  });
});
