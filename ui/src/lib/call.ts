// The one door to the Rust side. Every command goes through `call` (the generated wrappers in
// ui/bindings/commands.ts use it), which sends its arguments as raw JSON bytes, and every
// failure comes back as an AppError with one of the core's codes (ui/bindings/errorCodes.ts,
// generated from the Rust enum).
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

/**
 * The arguments as the bytes of their JSON text. Tauri hands raw bytes to the Rust handler
 * untouched, so the core can refuse an oversize request before it parses a byte of it (a JSON
 * object would be parsed whole by Tauri first). The limit itself lives in the core.
 */
export function encodeArgs(args: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(args));
}

export async function call<T>(command: string, args: object): Promise<T> {
  try {
    return await invoke<T>(command, encodeArgs(args));
  } catch (raw) {
    throw toAppError(raw);
  }
}
