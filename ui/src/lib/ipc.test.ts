import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, toAppError } from './ipc';

describe('toAppError', () => {
  it('keeps a well-formed boundary error', () => {
    const e = toAppError({ code: 'wrong_passphrase', message: 'Nope.' });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('wrong_passphrase');
    expect(e.message).toBe('Nope.');
  });

  it('turns unknown codes and shapes into internal errors', () => {
    expect(toAppError({ code: 'weird', message: 'x' }).code).toBe('internal');
    expect(toAppError('a string').code).toBe('internal');
    expect(toAppError(null).code).toBe('internal');
  });

  it('lists each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
