import { describe, expect, it } from 'vitest';
import { addMonths, extensionChoices, isoDay, retentionWarning } from './lifecycleApi';

describe('addMonths', () => {
  it('clamps the day to the end of a shorter month, like the Rust side', () => {
    expect(isoDay(addMonths(new Date('2026-01-31T10:00:00Z'), 1))).toBe('2026-02-28');
    expect(isoDay(addMonths(new Date('2028-01-31T10:00:00Z'), 1))).toBe('2028-02-29');
    expect(isoDay(addMonths(new Date('2026-11-15T10:00:00Z'), 3))).toBe('2027-02-15');
  });
});

describe('extensionChoices', () => {
  it('offers whole months up to the latest allowed date, and that date itself', () => {
    const days = extensionChoices('2027-01-05T10:00:00Z', '2028-01-05T10:00:00Z');
    expect(days).toEqual(['2027-02-05', '2027-04-05', '2027-07-05', '2028-01-05']);
  });

  it('offers nothing for a draft, or when the map is already at its limit', () => {
    expect(extensionChoices('2027-01-05T10:00:00Z', null)).toEqual([]);
    expect(extensionChoices('2027-01-05T10:00:00Z', '2027-01-05T10:00:00Z')).toEqual([]);
  });

  it('never offers a day whose start is past the limit', () => {
    const days = extensionChoices('2027-01-05T10:00:00Z', '2027-02-05T09:00:00Z');
    expect(days).toEqual(['2027-02-05']);
    for (const d of days) expect(Date.parse(`${d}T00:00:00Z`)).toBeLessThanOrEqual(Date.parse('2027-02-05T09:00:00Z'));
  });
});

describe('retentionWarning', () => {
  it('warns a month ahead, then a week ahead', () => {
    expect(retentionWarning(31)).toBeNull();
    expect(retentionWarning(30)).toBe('month');
    expect(retentionWarning(7)).toBe('week');
  });
});
