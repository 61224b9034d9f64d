// Generated from ErrorCode::ALL in src-tauri/core/src/error.rs by a Rust test; do not edit.
import type { ErrorCode } from './ErrorCode';

export const ERROR_CODES = [
  'locked',
  'wrong_passphrase',
  'not_found',
  'invalid_input',
  'corrupt',
  'too_new',
  'storage',
  'consent_required',
  'internal',
] as const satisfies readonly ErrorCode[];
