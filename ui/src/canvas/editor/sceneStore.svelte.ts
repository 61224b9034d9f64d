// The map being edited: loading it, its scene history (every edit is a named action; a drag
// is one undo step) and autosave through `save_map`. Nothing of the map is written to any
// browser storage: it lives in memory here and in the vault on the Rust side.
import { t } from '../../lib/i18n';
import type { AppError } from '../../lib/ipc';
import { openMap, saveMap } from '../../lib/mapApi';
import { SceneHistory, problems, type Action, type MapView, type SceneState } from '../../lib/scene';

const SAVE_DELAY_MS = 800;

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export class SceneStore {
  view = $state.raw<MapView | null>(null);
  loadError = $state('');
  history = $state.raw<SceneHistory | null>(null);
  scene = $state.raw<SceneState | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  saveStatus = $state<SaveStatus>('idle');
  saveError = $state('');

  #unsubscribe: (() => void) | undefined;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: Promise<boolean> | null = null;

  readonly mapId: string;
  readonly say: (text: string) => void;

  constructor(mapId: string, say: (text: string) => void) {
    this.mapId = mapId;
    this.say = say;
  }

  async load(): Promise<void> {
    try {
      this.adopt(await openMap(this.mapId));
    } catch (e) {
      this.loadError = (e as AppError).message;
    }
  }

  /** Starts editing `v` (a freshly opened map, or a new session of it). */
  adopt(v: MapView): void {
    this.view = v;
    const initial: SceneState = { rings: v.rings, session: v.current };
    this.#unsubscribe?.();
    const history = new SceneHistory(initial);
    this.history = history;
    this.scene = initial;
    this.canUndo = false;
    this.canRedo = false;
    this.#unsubscribe = history.subscribe((state, change) => {
      this.scene = state;
      this.canUndo = history.canUndo;
      this.canRedo = history.canRedo;
      if (change.kind === 'undo') this.say(t('announce-undone', { what: t(`action-${change.label}`) }));
      if (change.kind === 'redo') this.say(t('announce-redone', { what: t(`action-${change.label}`) }));
      if (change.kind !== 'cancel' && !(change.kind === 'action' && change.action.type === 'load')) this.scheduleSave();
    });
  }

  dispatch = (action: Action): void => {
    this.history?.dispatch(action);
  };

  scheduleSave(): void {
    this.#dirty = true;
    // "Saved" must never show while there are edits the vault hasn't got yet.
    if (this.saveStatus !== 'error') this.saveStatus = 'saving';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Saves until nothing is left unsaved; false if a save failed (the edits stay in memory). */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    if (this.#inflight) await this.#inflight;
    const history = this.history;
    if (!history || !this.#dirty) return this.saveStatus !== 'error';
    if (history.inTransaction) { this.scheduleSave(); return false; }
    const state = history.present;
    if (problems(state).length > 0) {
      this.saveStatus = 'error';
      this.saveError = t('save-invalid');
      return false;
    }
    this.#dirty = false;
    this.saveStatus = 'saving';
    this.#inflight = saveMap(this.mapId, state.rings, state.session).then(() => true, (e: unknown) => {
      this.#dirty = true;
      this.saveError = (e as AppError).message ?? t('error-unknown');
      return false;
    });
    const ok = await this.#inflight;
    this.#inflight = null;
    if (!ok) { this.saveStatus = 'error'; return false; }
    if (this.#dirty) return this.flush();
    this.saveStatus = 'saved';
    return true;
  }

  destroy(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
  }
}
