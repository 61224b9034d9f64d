import { describe, expect, it } from 'vitest';
import { activeShares, keyBlocks, type ExportStatus } from './exportApi';

const share = (id: string, status: 'active' | 'expired' | 'withdrawn') => ({
  id, role: 'Social worker', team: 'North', purpose: 'Planning', status, hasKey: false, expiresAt: null,
});

describe('export helpers', () => {
  it('offers only active shares', () => {
    const status: ExportStatus = {
      isDraft: false,
      shares: [share('a', 'active'), share('b', 'withdrawn'), share('c', 'expired'), share('d', 'active')],
      disclosures: [],
      lastSharedAt: null,
      changedSinceLastShared: false,
    };
    expect(activeShares(status).map((s) => s.id)).toEqual(['a', 'd']);
  });

  it('splits a key into blocks of eight that join back to the key', () => {
    const key = `age1${'q'.repeat(58)}`;
    const blocks = keyBlocks(key);
    expect(blocks.every((b) => b.length <= 8)).toBe(true);
    expect(blocks.join('')).toBe(key);
    expect(keyBlocks('')).toEqual([]);
  });
});
