// What the map editor is doing, as one explicit state machine. Exactly one mode at a time
// (the add/change form sits over another mode and goes back to it), and every way of
// leaving a mode is a transition here, so nothing has to be reset by hand. Pure: no scene,
// no history, no words. MapEditor performs the effects (actions, announcements) and asks
// `settleMove` what happens to a move in progress when a transition ends it.
import type { Session, Token } from '../lib/scene';

export interface Link { a: string; b: string }
export interface GroupDraft { id: string | null; label: string; members: readonly string[] }
export interface LookBack { index: number; sessionAt: string; session: Session }

/** Drawing, with nothing going on, one person picked by a tap, or one line selected. */
export interface Idle { kind: 'idle'; picked: string | null; link: Link | null }
/** A person picked up with the keyboard (from the map or the tray), moved with keys. */
export interface Carrying { kind: 'carrying'; id: string; picked: string | null }
/** A person following the pointer. `picked` is what the banner showed when it started. */
export interface Dragging { kind: 'dragging'; id: string; from: 'canvas' | 'tray'; picked: string | null }
/** Joining people: tap the first (`first`), then who they know. */
export interface Connecting { kind: 'connecting'; first: string | null }
/** A question card is active: taps give people its badge. */
export interface Answering { kind: 'answering'; question: string }
/** Making or changing a group: taps choose its members. */
export interface Grouping { kind: 'grouping'; draft: GroupDraft }
/** An earlier session, read-only. */
export interface LookingBack { kind: 'lookingBack'; at: LookBack }
/** The add/change form, over the mode it was opened from. */
export interface Form { kind: 'form'; token: Token | null; under: Mode }

export type Mode = Idle | Carrying | Dragging | Connecting | Answering | Grouping | LookingBack;
export type EditorMode = Mode | Form;

export type EditorEvent =
  /** A tap or click on a person (or Enter on them outside drawing). */
  | { type: 'tapPerson'; id: string }
  | { type: 'tapBackground' }
  | { type: 'tapLink'; link: Link }
  /** The banner's Close or "To the tray": nobody picked, no line selected. */
  | { type: 'deselect' }
  | { type: 'personGone'; id: string }
  | { type: 'linkGone' }
  | { type: 'toggleConnect' }
  | { type: 'ask'; question: string }
  | { type: 'startGroup'; draft: GroupDraft }
  | { type: 'nameGroup'; label: string }
  /** Done, Finish, a group's Cancel or Save: back to drawing. */
  | { type: 'finish' }
  /** Keyboard: Enter on a person on the map while drawing. */
  | { type: 'pickUp'; id: string }
  /** Keyboard: Enter on a person in the tray: onto the map, carried. */
  | { type: 'carryFromTray'; id: string }
  | { type: 'putDown' }
  | { type: 'putBack' }
  | { type: 'dragStart'; id: string; from: 'canvas' | 'tray' }
  /** The pointer let go: `placed` if it was over a ring (or the tray, from the map). */
  | { type: 'drop'; placed: boolean }
  | { type: 'dragCancel' }
  | { type: 'openForm'; token: Token | null }
  | { type: 'closeForm' }
  | { type: 'personAdded'; id: string }
  | { type: 'lookBack'; at: LookBack }
  | { type: 'backToNow' }
  | { type: 'sessionStarted' }
  /** Esc: leave whatever is going on, form included. */
  | { type: 'cancel' }
  | { type: 'undo' };

export const IDLE: Idle = Object.freeze({ kind: 'idle', picked: null, link: null }) as Idle;

const idle = (picked: string | null = null, link: Link | null = null): Idle =>
  picked === null && link === null ? IDLE : { kind: 'idle', picked, link };

/** The mode under the form, or the mode itself. */
export function base(state: EditorMode): Mode {
  return state.kind === 'form' ? state.under : state;
}

export function transition(state: EditorMode, event: EditorEvent): EditorMode {
  if (state.kind === 'form') return formTransition(state, event);
  if (state.kind === 'lookingBack') {
    if (event.type === 'lookBack') return { kind: 'lookingBack', at: event.at };
    if (event.type === 'backToNow' || event.type === 'sessionStarted') return IDLE;
    return state;
  }
  switch (event.type) {
    case 'tapPerson':
      if (state.kind === 'idle') return idle(state.picked === event.id ? null : event.id);
      if (state.kind === 'connecting') return { kind: 'connecting', first: state.first === null ? event.id : null };
      if (state.kind === 'grouping') {
        const m = state.draft.members;
        const members = m.includes(event.id) ? m.filter((x) => x !== event.id) : [...m, event.id];
        return { kind: 'grouping', draft: { ...state.draft, members } };
      }
      return state;
    case 'tapBackground':
      if (state.kind === 'idle') return IDLE;
      if (state.kind === 'connecting' && state.first !== null) return { kind: 'connecting', first: null };
      return state;
    case 'tapLink':
      return state.kind === 'idle' ? idle(null, event.link) : state;
    case 'deselect':
      return state.kind === 'idle' ? IDLE : state;
    case 'personGone':
      if (state.kind === 'idle' && state.picked === event.id) return idle(null, state.link);
      if (state.kind === 'connecting' && state.first === event.id) return { kind: 'connecting', first: null };
      return state;
    case 'linkGone':
      return state.kind === 'idle' && state.link ? idle(state.picked) : state;
    case 'toggleConnect':
      return state.kind === 'connecting' ? IDLE : { kind: 'connecting', first: null };
    case 'ask':
      return { kind: 'answering', question: event.question };
    case 'startGroup':
      return { kind: 'grouping', draft: { ...event.draft, members: [...event.draft.members] } };
    case 'nameGroup':
      return state.kind === 'grouping' ? { kind: 'grouping', draft: { ...state.draft, label: event.label } } : state;
    case 'finish':
    case 'cancel':
    case 'sessionStarted':
      return IDLE;
    case 'pickUp':
      return state.kind === 'idle' ? { kind: 'carrying', id: event.id, picked: state.picked } : state;
    case 'carryFromTray':
      return { kind: 'carrying', id: event.id, picked: null };
    case 'putDown':
    case 'putBack':
      return state.kind === 'carrying' ? idle(state.picked) : state;
    case 'dragStart':
      return state.kind === 'idle' || state.kind === 'carrying'
        ? { kind: 'dragging', id: event.id, from: event.from, picked: state.picked }
        : state;
    case 'drop':
      return state.kind === 'dragging' ? IDLE : state;
    case 'dragCancel':
      return state.kind === 'dragging' ? idle(state.picked) : state;
    case 'openForm':
      return { kind: 'form', token: event.token, under: state };
    case 'lookBack':
      return { kind: 'lookingBack', at: event.at };
    case 'undo':
      return state.kind === 'carrying' || state.kind === 'dragging' ? idle(state.picked) : state;
    case 'closeForm':
    case 'personAdded':
    case 'backToNow':
      return state;
  }
}

function formTransition(state: Form, event: EditorEvent): EditorMode {
  switch (event.type) {
    case 'closeForm': return state.under;
    case 'personAdded': return idle(event.id);
    case 'cancel': return IDLE;
    // Removing someone from the form, or an undo, still changes what is under it.
    case 'personGone': case 'linkGone': case 'undo': {
      const under = transition(state.under, event) as Mode;
      return under === state.under ? state : { ...state, under };
    }
    default: return state;
  }
}

// ---- what a mode means for the drawing ------------------------------------------------------

export const isReadonly = (s: EditorMode): boolean => s.kind === 'lookingBack';

/** Who is picked by a tap (drawing) or is the first end of a new line (connecting). */
export function pickedOf(s: EditorMode): string | null {
  const m = base(s);
  if (m.kind === 'idle' || m.kind === 'carrying' || m.kind === 'dragging') return m.picked;
  return m.kind === 'connecting' ? m.first : null;
}

export const linkOf = (s: EditorMode): Link | null => { const m = base(s); return m.kind === 'idle' ? m.link : null; };

/** The person being carried or dragged (drawn see-through where they were). */
export function movingOf(s: EditorMode): string | null {
  const m = base(s);
  return m.kind === 'carrying' || m.kind === 'dragging' ? m.id : null;
}

export const questionOf = (s: EditorMode): string | null => { const m = base(s); return m.kind === 'answering' ? m.question : null; };
export const draftOf = (s: EditorMode): GroupDraft | null => { const m = base(s); return m.kind === 'grouping' ? m.draft : null; };
export const lookBackOf = (s: EditorMode): LookBack | null => { const m = base(s); return m.kind === 'lookingBack' ? m.at : null; };

/** True when Esc has something to cancel. */
export function hasSomethingToCancel(s: EditorMode): boolean {
  if (s.kind === 'form') return true;
  if (s.kind === 'idle') return s.picked !== null || s.link !== null;
  return s.kind !== 'lookingBack';
}

/** Events that keep where a move in progress has got to; every other way out puts it back. */
const KEEPS_MOVE = new Set<EditorEvent['type']>(['putDown', 'dragStart', 'carryFromTray']);

/**
 * What happens to a carry or drag in progress when `event` takes the editor from `prev` to
 * `next`: 'commit' (one undo step), 'cancel' (put back), or null (still going, or none).
 */
export function settleMove(prev: EditorMode, next: EditorMode, event: EditorEvent): 'commit' | 'cancel' | null {
  const was = base(prev);
  if (was.kind !== 'carrying' && was.kind !== 'dragging') return null;
  const now = base(next);
  if (now.kind === was.kind && movingOf(now) === was.id) return null;
  if (event.type === 'drop') return event.placed ? 'commit' : 'cancel';
  return KEEPS_MOVE.has(event.type) ? 'commit' : 'cancel';
}
