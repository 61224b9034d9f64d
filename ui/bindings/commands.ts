// Generated from src-tauri/core/src/app/command_list.rs by a Rust test; do not edit.
// Refresh: PEERMAP_WRITE_BINDINGS=1 cargo test -p peermap-core bindings
import { call } from '../src/lib/call';
import type { AddShareInput } from './AddShareInput';
import type { AppInfo } from './AppInfo';
import type { ChangePassphraseInput } from './ChangePassphraseInput';
import type { ClockCheck } from './ClockCheck';
import type { ClockCorrected } from './ClockCorrected';
import type { CreateMapInput } from './CreateMapInput';
import type { DecideKeepInput } from './DecideKeepInput';
import type { ExplainedInput } from './ExplainedInput';
import type { ExportShareInput } from './ExportShareInput';
import type { ExportStatus } from './ExportStatus';
import type { Exported } from './Exported';
import type { ExtendInput } from './ExtendInput';
import type { KeepResult } from './KeepResult';
import type { MapId } from './MapId';
import type { MapRecord } from './MapRecord';
import type { MapSummary } from './MapSummary';
import type { MapView } from './MapView';
import type { OpenCopyInput } from './OpenCopyInput';
import type { Opened } from './Opened';
import type { OwnCopyInput } from './OwnCopyInput';
import type { PassphraseInput } from './PassphraseInput';
import type { PreviewInput } from './PreviewInput';
import type { PreviewView } from './PreviewView';
import type { ReceivingKeyInput } from './ReceivingKeyInput';
import type { ReconcileReport } from './ReconcileReport';
import type { SaveMapInput } from './SaveMapInput';
import type { Saved } from './Saved';
import type { SessionInput } from './SessionInput';
import type { SessionVersion } from './SessionVersion';
import type { Settings } from './Settings';
import type { SettingsInput } from './SettingsInput';
import type { ShareIdInput } from './ShareIdInput';
import type { Strength } from './Strength';
import type { SweepReport } from './SweepReport';
import type { TextInput } from './TextInput';
import type { Withdrawn } from './Withdrawn';

/** Every command the core answers, in the list's order. */
export const COMMAND_NAMES = [
  'app_info',
  'passphrase_strength',
  'create_vault',
  'unlock',
  'lock',
  'get_settings',
  'set_settings',
  'change_passphrase',
  'clock_check',
  'confirm_clock',
  'correct_clock',
  'list_maps',
  'create_map',
  'looks_like_name',
  'open_map',
  'save_map',
  'start_session',
  'get_session',
  'delete_map',
  'delete_everything',
  'map_record',
  'record_explained',
  'decide_keep',
  'add_share',
  'withdraw_share',
  'withdraw_keep',
  'extend_retention',
  'export_status',
  'export_preview',
  'export_share',
  'save_own_copy',
  'receiving_key',
  'open_shared_copy',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export const appInfo = (): Promise<AppInfo> => call('app_info', {});

export const passphraseStrength = (input: PassphraseInput): Promise<Strength> => call('passphrase_strength', input);

export const createVault = (input: PassphraseInput): Promise<void> => call('create_vault', input);

export const unlock = (input: PassphraseInput): Promise<ReconcileReport> => call('unlock', input);

export const lock = (): Promise<void> => call('lock', {});

export const getSettings = (): Promise<Settings> => call('get_settings', {});

export const setSettings = (input: SettingsInput): Promise<void> => call('set_settings', input);

export const changePassphrase = (input: ChangePassphraseInput): Promise<void> => call('change_passphrase', input);

export const clockCheck = (): Promise<ClockCheck> => call('clock_check', {});

export const confirmClock = (): Promise<SweepReport> => call('confirm_clock', {});

export const correctClock = (input: PassphraseInput): Promise<ClockCorrected> => call('correct_clock', input);

export const listMaps = (): Promise<Array<MapSummary>> => call('list_maps', {});

export const createMap = (input: CreateMapInput): Promise<MapView> => call('create_map', input);

export const looksLikeName = (input: TextInput): Promise<boolean> => call('looks_like_name', input);

export const openMap = (input: MapId): Promise<MapView> => call('open_map', input);

export const saveMap = (input: SaveMapInput): Promise<Saved> => call('save_map', input);

export const startSession = (input: MapId): Promise<MapView> => call('start_session', input);

export const getSession = (input: SessionInput): Promise<SessionVersion> => call('get_session', input);

export const deleteMap = (input: MapId): Promise<void> => call('delete_map', input);

export const deleteEverything = (): Promise<number> => call('delete_everything', {});

export const mapRecord = (input: MapId): Promise<MapRecord> => call('map_record', input);

export const recordExplained = (input: ExplainedInput): Promise<MapRecord> => call('record_explained', input);

export const decideKeep = (input: DecideKeepInput): Promise<KeepResult> => call('decide_keep', input);

export const addShare = (input: AddShareInput): Promise<MapRecord> => call('add_share', input);

export const withdrawShare = (input: ShareIdInput): Promise<Withdrawn> => call('withdraw_share', input);

export const withdrawKeep = (input: MapId): Promise<void> => call('withdraw_keep', input);

export const extendRetention = (input: ExtendInput): Promise<MapRecord> => call('extend_retention', input);

export const exportStatus = (input: MapId): Promise<ExportStatus> => call('export_status', input);

export const exportPreview = (input: PreviewInput): Promise<PreviewView> => call('export_preview', input);

export const exportShare = (input: ExportShareInput): Promise<Exported> => call('export_share', input);

export const saveOwnCopy = (input: OwnCopyInput): Promise<boolean> => call('save_own_copy', input);

export const receivingKey = (input: ReceivingKeyInput): Promise<string | null> => call('receiving_key', input);

export const openSharedCopy = (input: OpenCopyInput): Promise<Opened> => call('open_shared_copy', input);
