// What the map editor's keys do (the keys themselves are in ../keys.ts): moving between
// people, from ring to ring, picking someone up and carrying them round and between rings.
// `perform` is the one place an action named in the key table is carried out.
import { t } from '../../lib/i18n';
import { clockHour, type Token } from '../../lib/scene';
import { hasSomethingToCancel } from '../editorMode';
import type { KeyAction } from '../keys';
import { badgeName, ringName, tokenName } from '../look';
import type { EditorController } from './controller.svelte';

const KEY_STEP_DEG = 10;

export class KeyboardActions {
  readonly ed: EditorController;

  constructor(editor: EditorController) { this.ed = editor; }

  /** Does what a key stands for; false if there was nothing to do (the key is left alone). */
  perform(action: KeyAction): boolean {
    const order = this.ed.order;
    const i = order.findIndex((tk) => tk.id === this.ed.activeId);
    const active = this.ed.activeId ? this.ed.byId.get(this.ed.activeId) : undefined;
    const some = (go: () => void) => { if (order.length === 0) this.ed.say.say(t('canvas-empty')); else go(); return true; };
    switch (action) {
      case 'undo': if (!this.ed.readonly) this.ed.undo(); return true;
      case 'redo': if (!this.ed.readonly) this.ed.redo(); return true;
      case 'cancel':
        if (!hasSomethingToCancel(this.ed.mode)) return false;
        this.ed.cancel();
        return true;
      case 'focusNext': return some(() => this.#focus(order[(i + 1) % order.length]));
      case 'focusPrev': return some(() => this.#focus(order[i <= 0 ? order.length - 1 : i - 1]));
      case 'ringIn': return some(() => this.#jumpRing(-1));
      case 'ringOut': return some(() => this.#jumpRing(1));
      case 'focusFirst': this.#focus(order[0]); return true;
      case 'focusLast': this.#focus(order.at(-1)); return true;
      case 'activate': this.#activate(active); return true;
      case 'remove':
        if (!active || this.ed.readonly) return false;
        this.ed.removeToken(active.id);
        return true;
      case 'carryClockwise': this.#carryStep({ dAngle: KEY_STEP_DEG }); return true;
      case 'carryAnticlockwise': this.#carryStep({ dAngle: -KEY_STEP_DEG }); return true;
      case 'carryIn': this.#carryStep({ dRing: -1 }); return true;
      case 'carryOut': this.#carryStep({ dRing: 1 }); return true;
      case 'putDown': this.#putDown(); return true;
      case 'putBack': {
        const m = this.ed.mode;
        if (m.kind !== 'carrying') return false;
        this.ed.send({ type: 'putBack' });
        return true;
      }
      case 'nextTab': case 'prevTab': return false;
    }
  }

  describeAt(tk: Token): string {
    const scene = this.ed.store.scene;
    if (!scene) return '';
    const where = tk.ring === null ? t('map-tray-name') : t('where', { ring: ringName(scene.rings, tk.ring), hour: clockHour(tk.angle) });
    const badges = tk.badges.map((b) => badgeName(b, this.ed.prompts.custom)).join(', ');
    return [tokenName(tk), where, badges].filter(Boolean).join('. ');
  }

  #focus(tk: Token | undefined): void {
    if (!tk) return;
    this.ed.activeId = tk.id;
    this.ed.say.say(this.describeAt(tk));
  }

  /**
   * With nobody picked up, Page Up / Page Down go to the first person (at the top, going
   * clockwise) in the next ring in (closer) or out (further) that has anyone in it.
   */
  #jumpRing(by: -1 | 1): void {
    const scene = this.ed.store.scene;
    if (!scene) return;
    const active = this.ed.activeId ? this.ed.byId.get(this.ed.activeId) : undefined;
    const n = scene.rings.length;
    const from = active && active.ring !== null ? Math.min(active.ring, n - 1) : by > 0 ? -1 : n;
    for (let ring = from + by; ring >= 0 && ring < n; ring += by) {
      const inRing = this.ed.order.filter((tk) => Math.min(tk.ring!, n - 1) === ring);
      const first = inRing[0];
      if (!first) continue;
      this.ed.activeId = first.id;
      this.ed.say.say(t('ring-jump', { ring: ringName(scene.rings, ring), count: inRing.length }) + ' ' + this.describeAt(first));
      return;
    }
    this.ed.say.say(t(by < 0 ? 'ring-jump-none-closer' : 'ring-jump-none-further'));
  }

  /** Enter or Space on the person the keyboard is on. */
  #activate(tk: Token | undefined): void {
    const history = this.ed.store.history;
    if (!tk || tk.ring === null) { this.ed.say.say(this.ed.order.length ? t('canvas-choose-first') : t('canvas-empty')); return; }
    if (this.ed.readonly) { this.ed.say.say(this.describeAt(tk)); return; }
    if (this.ed.mode.kind !== 'idle') { this.ed.tapPerson(tk.id); return; }
    this.ed.send({ type: 'pickUp', id: tk.id });
    history?.begin('moveToken');
    this.ed.say.say(t('picked-up', { name: tokenName(tk) }));
  }

  #carryStep(change: { dAngle?: number; dRing?: number }): void {
    const m = this.ed.mode;
    const scene = this.ed.store.scene;
    const history = this.ed.store.history;
    const tk = m.kind === 'carrying' ? this.ed.present(m.id) : undefined;
    if (!tk || !scene || !history) return;
    const ring = Math.max(0, Math.min(scene.rings.length - 1, (tk.ring ?? 0) + (change.dRing ?? 0)));
    history.update({ type: 'moveToken', id: tk.id, ring, angle: tk.angle + (change.dAngle ?? 0) });
    const now = this.ed.present(tk.id);
    if (now) this.ed.say.say(t('where', { ring: ringName(scene.rings, now.ring), hour: clockHour(now.angle) }));
  }

  #putDown(): void {
    const m = this.ed.mode;
    const history = this.ed.store.history;
    if (m.kind !== 'carrying' || !history) return;
    const tk = this.ed.present(m.id);
    if (tk && tk.ring !== null) history.update({ type: 'placeToken', id: m.id, ring: tk.ring, angle: tk.angle });
    this.ed.send({ type: 'putDown' });
    const now = this.ed.present(m.id) ?? tk;
    this.ed.say.say(t('put-down', { name: this.ed.nameOf(m.id) }) + ' ' + (now ? this.describeAt(now) : ''));
  }
}
