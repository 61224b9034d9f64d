// The one door to the Rust side. Every command goes through `call`, and every failure comes
// back as an AppError with one of the codes below (mirrors peermap_core::ErrorCode; a Rust
// test checks this file lists them all).
import { invoke } from '@tauri-apps/api/core';

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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toAppError(raw);
  }
}

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface AppInfo {
  version: string;
  vault: VaultState;
}

export const appInfo = () => call<AppInfo>('app_info');

export interface Strength {
  score: number;
  acceptable: boolean;
  feedback: string[];
}

export interface MapSummary {
  id: string;
  label: string;
  createdAt: string;
  lastSessionAt: string;
  retainUntil: string;
  daysLeft: number;
  isDraft: boolean;
  damaged: boolean;
}

export const passphraseStrength = (passphrase: string) =>
  call<Strength>('passphrase_strength', { passphrase });
export const createVault = (passphrase: string) => call<void>('create_vault', { passphrase });
export interface ReconcileReport {
  orphanFilesRemoved: number;
  missingFiles: number;
  tempFilesRemoved: number;
  unknownFiles: number;
  catalogueRebuilt: boolean;
}

export interface Settings {
  idleLockMinutes: number;
  /** A kept map is destroyed this many months after its last session. */
  defaultRetentionMonths: number;
  /** Extensions may not go beyond this many months after the last session. */
  maxRetentionMonths: number;
}

export const unlockVault = (passphrase: string) => call<ReconcileReport>('unlock', { passphrase });
export const getSettings = () => call<Settings>('get_settings');
export const setSettings = (settings: Settings) => call<void>('set_settings', { settings });
export const changePassphrase = (current: string, next: string) =>
  call<void>('change_passphrase', { current, new: next });
export const lockVault = () => call<void>('lock');
export const listMaps = () => call<MapSummary[]>('list_maps');
export const createMap = (label: string, purpose: string) =>
  call<{ id: string }>('create_map', { label, purpose });
export const looksLikeName = (text: string) => call<boolean>('looks_like_name', { text });
