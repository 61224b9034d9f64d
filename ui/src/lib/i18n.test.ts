import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeBundle, t } from './i18n';

const src = join(__dirname, '..');
const ftl = readFileSync(join(__dirname, '../../../assets/locales/en-GB/main.ftl'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('strings', () => {
  it('parses the English file without errors', () => {
    expect(() => makeBundle('en-GB', ftl)).not.toThrow();
  });

  it('has every message id the UI asks for', () => {
    const bundle = makeBundle('en-GB', ftl);
    const missing: string[] = [];
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z0-9-]+)'/g)) {
        const id = m[1] ?? '';
        if (!bundle.hasMessage(id)) missing.push(`${id} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('formats plurals and variables', () => {
    expect(t('unlock-wait', { seconds: 1 })).toContain('1 second ');
    expect(t('unlock-wait', { seconds: 5 })).toContain('5 seconds');
    expect(t('no-such-message')).toBe('no-such-message');
  });
});
