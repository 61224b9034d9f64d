import { describe, expect, it } from 'vitest';
import { strengthMessage, strongEnough } from './strength';

const verdict = (score: number, acceptable: boolean) => ({ score, acceptable, feedback: [] });

describe('passphrase strength wording', () => {
  it('says nothing for an empty field and asks for length first', () => {
    expect(strengthMessage('', null)).toBe('');
    expect(strengthMessage('short', verdict(4, true))).toMatch(/Too short/);
  });

  it('follows the core verdict once long enough', () => {
    const long = 'a long enough passphrase';
    expect(strengthMessage(long, null)).toBe('');
    expect(strengthMessage(long, verdict(2, false))).toMatch(/^Weak/);
    expect(strengthMessage(long, verdict(3, true))).toMatch(/^Okay/);
    expect(strengthMessage(long, verdict(4, true))).toMatch(/^Strong/);
  });

  it('never accepts what the core refused or what is too short', () => {
    expect(strongEnough('a long enough passphrase', verdict(2, false))).toBe(false);
    expect(strongEnough('short', verdict(4, true))).toBe(false);
    expect(strongEnough('a long enough passphrase', verdict(3, true))).toBe(true);
  });
});
