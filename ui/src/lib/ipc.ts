// The vault and map-list commands, as the screens call them. The types and the command
// wrappers are generated from the Rust side (ui/bindings, see src-tauri/core/src/app).
import * as commands from '$bindings/commands';
import type { Settings } from '$bindings/Settings';

export { AppError, ERROR_CODES, call, toAppError, type ErrorCode } from './call';
export type { AppInfo } from '$bindings/AppInfo';
export type { VaultState } from '$bindings/VaultState';
export type { Strength } from '$bindings/Strength';
export type { MapSummary } from '$bindings/MapSummary';
export type { ReconcileReport } from '$bindings/ReconcileReport';
export type { Settings } from '$bindings/Settings';

export const appInfo = () => commands.appInfo();
export const passphraseStrength = (passphrase: string) => commands.passphraseStrength({ passphrase });
export const createVault = (passphrase: string) => commands.createVault({ passphrase });
export const unlockVault = (passphrase: string) => commands.unlock({ passphrase });
export const getSettings = () => commands.getSettings();
export const setSettings = (settings: Settings) => commands.setSettings({ settings });
export const changePassphrase = (current: string, next: string) =>
  commands.changePassphrase({ current, new: next });
export const lockVault = () => commands.lock();
export const listMaps = () => commands.listMaps();
export const createMap = (label: string, purpose: string) => commands.createMap({ label, purpose });
export const looksLikeName = (text: string) => commands.looksLikeName({ text });
