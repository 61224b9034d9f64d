import { describe, expect, it } from 'vitest';
import { KEYS, actionFor, type KeyContext, type KeyPress } from './keys';

/** A stand-in for an element: `closest` matches if any of `inside` is in the selector list. */
const from = (...inside: string[]) => ({
  closest: (selector: string) => (selector.split(',').map((s) => s.trim()).some((s) => inside.includes(s)) ? {} : null),
}) as unknown as EventTarget;

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ...extra });

describe('the key table', () => {
  it('gives every key at most one action in each place (no key is bound twice)', () => {
    for (const [context, bindings] of Object.entries(KEYS)) {
      const seen = new Set<string>();
      for (const b of bindings) {
        const id = `${b.key.toLowerCase()}|${b.mod}|${b.shift}|${b.alt}`;
        expect(seen.has(id), `${context}: ${id}`).toBe(false);
        seen.add(id);
      }
    }
  });

  it('moves between people with the arrows, Home and End, and between rings with Page Up / Page Down', () => {
    const on = (key: string) => actionFor('canvas', press(key));
    expect([on('ArrowRight'), on('ArrowDown'), on('ArrowLeft'), on('ArrowUp')]).toEqual(['focusNext', 'focusNext', 'focusPrev', 'focusPrev']);
    expect([on('Home'), on('End'), on('PageUp'), on('PageDown')]).toEqual(['focusFirst', 'focusLast', 'ringIn', 'ringOut']);
    expect([on('Enter'), on(' '), on('Delete'), on('Backspace'), on('Escape')]).toEqual(['activate', 'activate', 'remove', 'remove', 'cancel']);
    expect(on('a')).toBeNull();
  });

  it('while carrying, the same keys move the person and Enter / Esc put them down or back', () => {
    const on = (key: string) => actionFor('carrying', press(key));
    expect([on('ArrowRight'), on('ArrowDown'), on('ArrowLeft'), on('ArrowUp')])
      .toEqual(['carryClockwise', 'carryClockwise', 'carryAnticlockwise', 'carryAnticlockwise']);
    expect([on('PageUp'), on('PageDown'), on('Enter'), on(' '), on('Escape')]).toEqual(['carryIn', 'carryOut', 'putDown', 'putDown', 'putBack']);
    // Keys that mean something else when nobody is carried do nothing while carrying.
    expect([on('Home'), on('End'), on('Delete'), on('Backspace')]).toEqual([null, null, null, null]);
  });

  it('undo is Ctrl+Z or ⌘Z; redo is Ctrl+Shift+Z or Ctrl+Y, in either case', () => {
    const on = (p: KeyPress) => actionFor('window', p);
    expect(on(press('z', { ctrlKey: true }))).toBe('undo');
    expect(on(press('Z', { metaKey: true }))).toBe('undo');
    expect(on(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(on(press('y', { ctrlKey: true }))).toBe('redo');
    expect(on(press('Y', { metaKey: true }))).toBe('redo');
  });

  it('a plain z, or Ctrl+Alt+Z, is not undo', () => {
    expect(actionFor('window', press('z'))).toBeNull();
    expect(actionFor('window', press('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('typing Ctrl+Z in a field or the form undoes the typing, not the map', () => {
    for (const where of ['input', 'textarea', '[contenteditable]', 'dialog']) {
      expect(actionFor('window', press('z', { ctrlKey: true, target: from(where) })), where).toBeNull();
      expect(actionFor('window', press('y', { ctrlKey: true, target: from(where) })), where).toBeNull();
    }
  });

  it('Esc from a button, the panel or the group name field cancels what is going on on the map', () => {
    expect(actionFor('window', press('Escape', { target: from('button') }))).toBe('cancel');
    expect(actionFor('window', press('Escape', { target: from('input') }))).toBe('cancel');
  });

  it('Esc from the canvas or the form is left to them (no double cancel)', () => {
    expect(actionFor('window', press('Escape', { target: from('svg.canvas') }))).toBeNull();
    expect(actionFor('window', press('Escape', { target: from('dialog') }))).toBeNull();
  });

  it('arrow keys on the panel tabs go to the next and previous tab', () => {
    expect(actionFor('tabs', press('ArrowRight'))).toBe('nextTab');
    expect(actionFor('tabs', press('ArrowLeft'))).toBe('prevTab');
    expect(actionFor('tabs', press('ArrowDown'))).toBeNull();
  });

  it('knows nothing of keys outside its places', () => {
    for (const context of Object.keys(KEYS) as KeyContext[]) expect(actionFor(context, press('F13'))).toBeNull();
  });
});
