// The one door to the Rust side. Every command goes through `call` (the generated wrappers in
// ui/bindings/commands.ts use it), and every failure comes back as an AppError with one of
// the core's codes (ui/bindings/errorCodes.ts, generated from the Rust enum).
import { invoke } from '@tauri-apps/api/core';
import type { ErrorCode } from '$bindings/ErrorCode';
import { ERROR_CODES } from '$bindings/errorCodes';

export type { ErrorCode } from '$bindings/ErrorCode';
export { ERROR_CODES } from '$bindings/errorCodes';

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turn whatever the bridge threw into an AppError; unknown shapes become `internal`. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  if (typeof raw === 'object' && raw !== null) {
    const { code, message } = raw as { code?: unknown; message?: unknown };
    if (isErrorCode(code) && typeof message === 'string') return new AppError(code, message);
  }
  return new AppError('internal', 'Something went wrong inside Peer Map. Your saved maps are not affected.');
}

export async function call<T>(command: string, args: object): Promise<T> {
  try {
    return await invoke<T>(command, args as Record<string, unknown>);
  } catch (raw) {
    throw toAppError(raw);
  }
}
