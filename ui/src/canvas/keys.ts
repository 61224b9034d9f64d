// Every key the map editor answers to, as one table of named actions. Which table applies
// depends on where the key was pressed: anywhere in the editor (`window`), on the canvas, on
// the canvas while carrying someone, or on the practitioner panel's tabs. MapEditor performs
// the actions in one place (`perform`); nothing else in the editor looks at keys, except the
// add/change form (TokenForm), which handles its own Esc and calls the editor's cancel.

export type KeyContext = 'window' | 'canvas' | 'carrying' | 'tabs';

export type KeyAction =
  | 'undo' | 'redo' | 'cancel'
  | 'focusNext' | 'focusPrev' | 'focusFirst' | 'focusLast' | 'ringIn' | 'ringOut'
  | 'activate' | 'remove'
  | 'carryClockwise' | 'carryAnticlockwise' | 'carryIn' | 'carryOut' | 'putDown' | 'putBack'
  | 'nextTab' | 'prevTab';

export interface KeyBinding {
  /** `KeyboardEvent.key`; a single letter matches either case. */
  key: string;
  /** Ctrl (or ⌘): true must be held, false must not; left out, either. Likewise shift, alt. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  action: KeyAction;
  /** Not when the key comes from inside an element matching this selector. */
  notFrom?: string;
}

const FIELDS = 'input, textarea, [contenteditable], dialog';

export const KEYS: Readonly<Record<KeyContext, readonly KeyBinding[]>> = {
  window: [
    // The canvas and the form handle their own Esc; from a button or the panel it still
    // cancels what is going on on the map.
    { key: 'Escape', action: 'cancel', notFrom: 'dialog, svg.canvas' },
    { key: 'z', mod: true, alt: false, shift: false, action: 'undo', notFrom: FIELDS },
    { key: 'z', mod: true, alt: false, shift: true, action: 'redo', notFrom: FIELDS },
    { key: 'y', mod: true, action: 'redo', notFrom: FIELDS },
  ],
  canvas: [
    { key: 'ArrowRight', action: 'focusNext' },
    { key: 'ArrowDown', action: 'focusNext' },
    { key: 'ArrowLeft', action: 'focusPrev' },
    { key: 'ArrowUp', action: 'focusPrev' },
    { key: 'PageUp', action: 'ringIn' },
    { key: 'PageDown', action: 'ringOut' },
    { key: 'Home', action: 'focusFirst' },
    { key: 'End', action: 'focusLast' },
    { key: 'Enter', action: 'activate' },
    { key: ' ', action: 'activate' },
    { key: 'Delete', action: 'remove' },
    { key: 'Backspace', action: 'remove' },
    { key: 'Escape', action: 'cancel' },
  ],
  carrying: [
    { key: 'ArrowRight', action: 'carryClockwise' },
    { key: 'ArrowDown', action: 'carryClockwise' },
    { key: 'ArrowLeft', action: 'carryAnticlockwise' },
    { key: 'ArrowUp', action: 'carryAnticlockwise' },
    { key: 'PageUp', action: 'carryIn' },
    { key: 'PageDown', action: 'carryOut' },
    { key: 'Enter', action: 'putDown' },
    { key: ' ', action: 'putDown' },
    { key: 'Escape', action: 'putBack' },
  ],
  tabs: [
    { key: 'ArrowRight', action: 'nextTab' },
    { key: 'ArrowLeft', action: 'prevTab' },
  ],
};

/** What `actionFor` reads of a KeyboardEvent. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

const sameKey = (a: string, b: string) => a === b || (a.length === 1 && a.toLowerCase() === b.toLowerCase());
const held = (want: boolean | undefined, is: boolean) => want === undefined || want === is;

/** The action a key press stands for in `context`, or null. */
export function actionFor(context: KeyContext, press: KeyPress): KeyAction | null {
  const mod = !!(press.ctrlKey || press.metaKey);
  const target = press.target as { closest?: (selector: string) => unknown } | null | undefined;
  for (const b of KEYS[context]) {
    if (!sameKey(b.key, press.key)) continue;
    if (!held(b.mod, mod) || !held(b.shift, !!press.shiftKey) || !held(b.alt, !!press.altKey)) continue;
    if (b.notFrom && target?.closest?.(b.notFrom)) continue;
    return b.action;
  }
  return null;
}
