// The editor's behaviour: taps, drags, keys and buttons become mode transitions (see
// ../editorMode.ts) and scene actions, and the editor says what happened. MapEditor and its
// parts only show this and call it.
import { t } from '../../lib/i18n';
import { longDate } from '../../lib/dates';
import type { AppError } from '../../lib/ipc';
import { getSession, startSession } from '../../lib/mapApi';
import {
  LIMITS, clockHour, freeAngle, newId, type RingHit, type SceneState, type Session, type Token,
} from '../../lib/scene';
import type { TokenFields } from '../TokenForm.svelte';
import { badgeName, ringName, tokenName } from '../look';
import {
  IDLE, base, draftOf, isReadonly, linkOf, lookBackOf, movingOf, pickedOf, questionOf,
  settleMove, transition, type EditorEvent, type EditorMode, type GroupDraft, type Mode,
} from '../editorMode';
import { actionFor } from '../keys';
import { KeyboardActions } from './keyboard';
import { Announcer } from './announcer.svelte';
import { PointerDrag, type DropAt } from './pointerDrag.svelte';
import { PromptCards } from './promptCards.svelte';
import { SceneStore } from './sceneStore.svelte';

/** What the editor needs of MapCanvas. */
export interface CanvasApi {
  hitTester(): (x: number, y: number) => RingHit;
  hitAt(x: number, y: number): RingHit;
  focus(): void;
}

/** Connecting, answering or grouping: leaving one of these says "Drawing." */
const busy = (m: Mode) => m.kind === 'connecting' || m.kind === 'answering' || m.kind === 'grouping';

export class EditorController {
  readonly say = new Announcer();
  readonly store: SceneStore;
  readonly prompts = new PromptCards();
  readonly drag: PointerDrag;
  mode = $state.raw<EditorMode>(IDLE);
  /** The person the keyboard is on (aria-activedescendant). */
  activeId = $state<string | null>(null);
  sessionError = $state('');
  canvas: CanvasApi | undefined = undefined;
  tray: HTMLElement | undefined = undefined;
  #formReturn: HTMLElement | null = null;

  readonly tokens = $derived.by(() => this.store.scene?.session.tokens ?? []);
  readonly byId = $derived(new Map(this.tokens.map((tk) => [tk.id, tk])));
  readonly parked = $derived(this.tokens.filter((tk) => tk.ring === null));
  /** People on the map in keyboard order: ring by ring, clockwise from the top. */
  readonly order = $derived(this.tokens.filter((tk) => tk.ring !== null).sort((a, b) => (a.ring! - b.ring!) || (a.angle - b.angle)));
  /** The mode, or the one under the form. */
  readonly current = $derived(base(this.mode));
  readonly readonly = $derived(isReadonly(this.mode));
  readonly lookBack = $derived(lookBackOf(this.mode));
  readonly shown = $derived.by<SceneState | null>(() => {
    const scene = this.store.scene;
    return scene && this.lookBack ? { rings: scene.rings, session: this.lookBack.session } : scene;
  });
  readonly picked = $derived(pickedOf(this.mode));
  readonly link = $derived(linkOf(this.mode));
  readonly moving = $derived(movingOf(this.mode));
  readonly answering = $derived(questionOf(this.mode));
  readonly draft = $derived(draftOf(this.mode));
  readonly tooMany = $derived(this.tokens.length >= LIMITS.maxTokens);

  constructor(mapId: string) {
    this.store = new SceneStore(mapId, this.say.say);
    this.drag = new PointerDrag({
      canStart: () => { const k = this.mode.kind; return k === 'idle' || k === 'carrying'; },
      start: (id, from) => { this.send({ type: 'dragStart', id, from }); this.store.history?.begin('moveToken'); },
      tap: (id) => this.tapPerson(id),
      drop: (at) => this.#drop(at),
      cancel: () => this.send({ type: 'dragCancel' }),
      token: (id) => this.present(id),
      hitTester: () => this.canvas?.hitTester(),
      hitAt: (x, y) => this.canvas?.hitAt(x, y) ?? { kind: 'outside' },
      tray: () => this.tray,
    });
  }

  nameOf = (id: string | null): string => { const tk = id ? this.byId.get(id) : undefined; return tk ? tokenName(tk) : ''; };

  /**
   * The one way the mode changes. A carry or drag that the transition ends is kept (one undo
   * step) or put back here, whatever the way out was.
   */
  send(event: EditorEvent): void {
    const prev = this.mode;
    const next = transition(prev, event);
    const settled = settleMove(prev, next, event);
    this.mode = next;
    if (!settled) return;
    const was = base(prev);
    if (was.kind === 'dragging') this.drag.abort();
    if (settled === 'commit') { this.store.history?.commit(); return; }
    this.store.history?.cancel();
    if (was.kind !== 'carrying') return;
    if (this.present(was.id)?.ring === null) this.activeId = null;
    if (event.type !== 'cancel' && event.type !== 'undo') this.say.say(t('move-cancelled', { name: this.nameOf(was.id) }));
  }

  /** Back to drawing, saying so if a mode was on. */
  #toDrawing(event: EditorEvent): void {
    const was = base(this.mode);
    this.send(event);
    if (busy(was)) this.say.say(t('mode-draw'));
  }

  finish = (): void => this.#toDrawing({ type: 'finish' });

  toggleConnect = (): void => {
    if (base(this.mode).kind === 'connecting') { this.#toDrawing({ type: 'toggleConnect' }); return; }
    this.send({ type: 'toggleConnect' });
    this.say.say(t('connect-start'));
  };

  startAnswer = (id: string): void => {
    this.send({ type: 'ask', question: id });
    this.say.say(t('answer-start', { question: this.prompts.questionText(id) }));
  };

  startGroup = (existing: GroupDraft | null): void => {
    this.send({ type: 'startGroup', draft: existing ?? { id: null, label: '', members: [] } });
    this.say.say(t('group-start'));
  };

  nameGroup = (label: string): void => this.send({ type: 'nameGroup', label });

  saveGroup = (): void => {
    const g = this.draft;
    const scene = this.store.scene;
    if (!g || !scene) return;
    const label = g.label.trim() || t('group-default-name');
    const members = [...g.members];
    if (g.id) this.store.dispatch({ type: 'editGroup', id: g.id, label, members });
    else this.store.dispatch({ type: 'addGroup', group: { id: newId('g', scene.session.groups.map((x) => x.id)), label, members } });
    this.say.say(t('group-saved', { name: label, count: members.length }));
    this.finish();
  };

  // ---- taps ---------------------------------------------------------------------------------
  tapPerson = (id: string): void => {
    const tk = this.byId.get(id);
    const scene = this.store.scene;
    if (!tk || !scene) return;
    if (tk.ring !== null) this.activeId = id;
    const m = base(this.mode);
    if (m.kind === 'lookingBack') return;
    this.send({ type: 'tapPerson', id });
    if (m.kind === 'connecting') {
      const from = m.first;
      if (from === null) { this.say.say(t('connect-first', { name: tokenName(tk) })); return; }
      if (from === id) { this.say.say(t('connect-start')); return; }
      if (scene.session.links.some((l) => (l.a === from && l.b === id) || (l.a === id && l.b === from))) {
        this.say.say(t('connect-exists', { a: this.nameOf(from), b: tokenName(tk) }));
        return;
      }
      this.store.dispatch({ type: 'addLink', a: from, b: id, kind: 'knows' });
      this.#toast(t('connect-done', { a: this.nameOf(from), b: tokenName(tk) }));
    } else if (m.kind === 'answering') {
      const had = tk.badges.includes(m.question);
      this.store.dispatch({ type: 'toggleBadge', id, badge: m.question });
      this.say.say(t(had ? 'answer-removed' : 'answer-added', { name: tokenName(tk), badge: badgeName(m.question, this.prompts.custom) }));
    } else if (m.kind === 'grouping') {
      const has = m.draft.members.includes(id);
      this.say.say(t(has ? 'group-left' : 'group-joined', { name: tokenName(tk), count: this.draft?.members.length ?? 0 }));
    } else if (m.kind === 'idle' && this.picked) {
      this.say.say(t('picked', { name: tokenName(tk) }));
    }
  };

  tapBackground = (hit: RingHit): void => {
    const m = base(this.mode);
    if (m.kind === 'lookingBack' || !this.store.scene) return;
    this.send({ type: 'tapBackground' });
    if (m.kind === 'idle' && m.picked && hit.kind === 'ring') {
      this.store.dispatch({ type: 'placeToken', id: m.picked, ring: hit.ring, angle: hit.angle });
      this.announceMove(m.picked);
    } else if (m.kind === 'connecting' && m.first) {
      this.say.say(t('connect-start'));
    }
  };

  tapLink = (a: string, b: string): void => {
    if (this.mode.kind !== 'idle') return;
    this.send({ type: 'tapLink', link: { a, b } });
    this.say.say(t('link-selected', { a: this.nameOf(a), b: this.nameOf(b) }));
  };

  removeLink = (a: string, b: string): void => {
    this.store.dispatch({ type: 'removeLink', a, b });
    this.send({ type: 'linkGone' });
    this.#toast(t('link-removed', { a: this.nameOf(a), b: this.nameOf(b) }));
  };

  closeLink = (): void => { this.send({ type: 'deselect' }); this.say.say(t('mode-draw')); };
  dropPick = (tk: Token): void => { this.say.say(t('picked-dropped', { name: tokenName(tk) })); this.send({ type: 'deselect' }); };
  toTray = (tk: Token): void => { this.store.dispatch({ type: 'parkToken', id: tk.id }); this.announceMove(tk.id); this.send({ type: 'deselect' }); };

  removeToken = (id: string): void => {
    const name = this.nameOf(id);
    this.store.dispatch({ type: 'removeToken', id });
    if (this.activeId === id) this.activeId = null;
    this.send({ type: 'personGone', id });
    this.#toast(t('person-removed', { name }));
  };

  #toast(text: string): void {
    this.say.say(text);
    this.say.showToast(text);
  }

  announceMove(id: string): void {
    const tk = this.present(id);
    const scene = this.store.scene;
    if (!tk || !scene) return;
    if (tk.ring === null) this.say.say(t('moved-to-tray', { name: tokenName(tk) }));
    else this.say.say(t('moved-to', { name: tokenName(tk), ring: ringName(scene.rings, tk.ring), hour: clockHour(tk.angle) }));
  }

  #drop({ id, source, hit, overTray }: DropAt): void {
    const history = this.store.history;
    if (!history) return;
    if (hit.kind === 'ring') history.update({ type: 'placeToken', id, ring: hit.ring, angle: hit.angle });
    else if (overTray && source === 'canvas') history.update({ type: 'parkToken', id });
    const placed = hit.kind === 'ring' || (overTray && source === 'canvas');
    this.send({ type: 'drop', placed });
    if (placed) this.announceMove(id);
    else this.say.say(t('move-cancelled', { name: this.nameOf(id) }));
  }

  undo = (): void => {
    this.send({ type: 'undo' });
    this.store.history?.undo();
    this.say.dismissToast();
  };
  redo = (): void => { this.store.history?.redo(); };

  // ---- the keyboard (see ./keyboard.ts) ---------------------------------------------------
  readonly keys = new KeyboardActions(this);

  /** A key pressed on the canvas (`canvas`) or anywhere in the editor (`window`). */
  key(where: 'canvas' | 'window', event: KeyboardEvent): void {
    if (where === 'canvas' && (!this.store.scene || !this.store.history)) return;
    const action = actionFor(where === 'canvas' && this.mode.kind === 'carrying' ? 'carrying' : where, event);
    if (!action || (where === 'window' && event.defaultPrevented)) return;
    if (this.keys.perform(action)) event.preventDefault();
  }

  present = (id: string): Token | undefined => this.store.history?.present.session.tokens.find((x) => x.id === id);

  /** Keyboard (or a plain click without a drag) on a person in the tray. */
  trayActivate = (id: string, keyboard: boolean): void => {
    const scene = this.store.scene;
    const history = this.store.history;
    if (!scene || !history || this.readonly || !keyboard) return; // taps are handled by the pointer path
    const ring = Math.floor((scene.rings.length - 1) / 2);
    const taken = scene.session.tokens.filter((tk) => tk.ring === ring).map((tk) => tk.angle);
    this.#toDrawing({ type: 'carryFromTray', id });
    history.begin('placeToken');
    history.update({ type: 'moveToken', id, ring, angle: freeAngle(taken, 90) });
    this.activeId = id;
    this.canvas?.focus();
    this.say.say(t('tray-carry', { name: this.nameOf(id), ring: ringName(scene.rings, ring) }));
  };

  /**
   * Esc: put back anyone being carried or dragged, drop a pick-up, leave connect/answer/group
   * mode, and close the add/change form if it is open. Says what it did.
   */
  cancel = (): void => {
    const prev = this.mode;
    const m = base(prev);
    const said: string[] = [];
    if (prev.kind === 'form') said.push(t('person-form-closed'));
    if (m.kind === 'carrying') said.push(t('move-cancelled', { name: this.nameOf(m.id) }));
    const picked = m.kind === 'idle' || m.kind === 'carrying' || m.kind === 'dragging' ? m.picked : null;
    if (picked) said.push(t('picked-dropped', { name: this.nameOf(picked) }));
    if (busy(m)) said.push(t('mode-draw'));
    this.send({ type: 'cancel' });
    if (prev.kind === 'form') this.#refocus();
    this.say.say(said.join(' ') || t('mode-draw'));
  };

  // ---- the add/change form ------------------------------------------------------------------
  openForm = (token: Token | null): void => {
    if (this.mode.kind === 'form' || this.readonly) return;
    this.#formReturn = document.activeElement as HTMLElement | null;
    this.send({ type: 'openForm', token });
  };

  closeForm = (): void => {
    this.send({ type: 'closeForm' });
    this.#refocus();
  };

  #refocus(): void {
    const el = this.#formReturn;
    queueMicrotask(() => el?.focus?.());
  }

  saveForm = (fields: TokenFields): void => {
    const scene = this.store.scene;
    const f = this.mode;
    if (!scene || f.kind !== 'form') return;
    if (f.token) {
      this.store.dispatch({ type: 'editToken', id: f.token.id, changes: fields });
      this.say.say(t('person-changed', { name: tokenName({ ...f.token, ...fields }) }));
      this.closeForm();
      return;
    }
    // Back to drawing first (a carry under the form is put back), then the new person, picked.
    const id = newId('t', scene.session.tokens.map((tk) => tk.id));
    if (busy(f.under)) this.say.say(t('mode-draw'));
    this.send({ type: 'personAdded', id });
    this.store.dispatch({ type: 'addToken', token: { id, ring: null, angle: 0, badges: [], ...fields } });
    this.say.say(t('person-added', { name: tokenName(fields) }));
    this.#refocus();
  };

  removeFromForm = (): void => {
    const f = this.mode;
    const id = f.kind === 'form' ? f.token?.id : undefined;
    this.closeForm();
    if (id) this.removeToken(id);
  };

  // ---- sessions -----------------------------------------------------------------------------
  showSession = async (index: number): Promise<void> => {
    const view = this.store.view;
    if (!view) return;
    this.sessionError = '';
    if (index === view.sessions.at(-1)?.index) { this.send({ type: 'backToNow' }); this.say.say(t('session-back-to-now')); return; }
    try {
      const session = await getSession(this.store.mapId, index);
      const sessionAt = view.sessions.find((s) => s.index === index)?.sessionAt ?? session.session_at;
      this.#toDrawing({ type: 'lookBack', at: { index, sessionAt, session } });
      this.say.say(t('session-looking-back', { date: longDate(sessionAt) }));
    } catch (e) {
      this.sessionError = (e as AppError).message;
    }
  };

  newSession = async (): Promise<void> => {
    this.sessionError = '';
    if (!(await this.store.flush())) { this.sessionError = this.store.saveError; return; }
    try {
      const v = await startSession(this.store.mapId);
      this.#toDrawing({ type: 'sessionStarted' });
      this.store.adopt(v);
      this.store.saveStatus = 'idle';
      this.say.say(t('session-started', { date: longDate(v.current.session_at) }));
    } catch (e) {
      this.sessionError = (e as AppError).message;
    }
  };

  sessionContent = async (index: number): Promise<Session> => {
    const scene = this.store.scene;
    if (index === this.store.view?.sessions.at(-1)?.index && scene) return scene.session;
    return getSession(this.store.mapId, index);
  };

  /** Leaving the editor: a carry or drag in progress is put back, quietly. */
  leaveMove(): void {
    if (this.moving) this.send({ type: 'cancel' });
    this.store.history?.cancel();
  }

  destroy(): void {
    this.drag.abort();
    this.store.destroy();
    this.say.destroy();
  }
}
