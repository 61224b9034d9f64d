// Dragging a person with a mouse, a finger or a pen (all pointer events). A press becomes a
// drag once it has moved a little; a press that does not move is a tap. Only the floating
// copy follows the pointer (a compositor-only transform): the scene changes once, on drop,
// so a drag does not repaint the whole map every frame. What a drag *means* (a mode, an undo
// step) is the editor's: it is told through `hooks`.
import type { RingHit, Token } from '../../lib/scene';

export interface DropAt { id: string; source: 'canvas' | 'tray'; hit: RingHit; overTray: boolean }

export interface DragHooks {
  /** Whether a press may become a drag now (drawing, not read-only). */
  canStart(): boolean;
  start(id: string, source: 'canvas' | 'tray'): void;
  tap(id: string): void;
  drop(at: DropAt): void;
  /** The browser took the pointer away mid-drag. */
  cancel(): void;
  token(id: string): Token | undefined;
  hitTester(): ((x: number, y: number) => RingHit) | undefined;
  hitAt(x: number, y: number): RingHit;
  tray(): HTMLElement | undefined;
}

interface Press {
  id: string; pointerId: number; source: 'canvas' | 'tray'; x: number; y: number; active: boolean; touch: boolean;
  /** Read once when the drag starts (nothing moves under it): no layout work per frame. */
  hit?: (x: number, y: number) => RingHit; tray?: DOMRect;
}

export class PointerDrag {
  ghost = $state<{ x: number; y: number; token: Token } | null>(null);
  /** The person the floating copy last showed (kept while it is hidden). */
  lastGhost = $state.raw<Token | null>(null);
  /** The ring under the pointer, highlighted (repaints only when it changes). */
  dropRing = $state<number | null>(null);
  #press: Press | null = null;
  #frame = 0;
  #lastPointer: { x: number; y: number } | null = null;
  readonly #hooks: DragHooks;

  constructor(hooks: DragHooks) { this.#hooks = hooks; }

  down(id: string, event: PointerEvent, source: 'canvas' | 'tray'): void {
    if (this.#press) return;
    this.#press = { id, pointerId: event.pointerId, source, x: event.clientX, y: event.clientY, active: false, touch: event.pointerType !== 'mouse' };
  }

  move = (event: PointerEvent): void => {
    const d = this.#press;
    if (!d || event.pointerId !== d.pointerId) return;
    if (!d.active) {
      // Outside drawing a press is just a tap; dragging is for drawing.
      if (!this.#hooks.canStart()) return;
      if (Math.hypot(event.clientX - d.x, event.clientY - d.y) < (d.touch ? 10 : 6)) return;
      d.active = true;
      d.hit = this.#hooks.hitTester();
      d.tray = this.#hooks.tray()?.getBoundingClientRect();
      this.#hooks.start(d.id, d.source);
    }
    event.preventDefault();
    this.#lastPointer = { x: event.clientX, y: event.clientY };
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#draw);
  };

  #draw = (): void => {
    this.#frame = 0;
    const d = this.#press;
    const p = this.#lastPointer;
    if (!d || !d.active || !p) return;
    const tk = this.ghost?.token.id === d.id ? this.ghost.token : this.#hooks.token(d.id);
    if (!tk) return;
    this.ghost = { x: p.x, y: p.y, token: tk };
    if (this.lastGhost !== tk) this.lastGhost = tk;
    const hit = d.hit ? d.hit(p.x, p.y) : this.#hooks.hitAt(p.x, p.y);
    const ring = hit.kind === 'ring' ? hit.ring : null;
    if (ring !== this.dropRing) this.dropRing = ring;
  };

  up = (event: PointerEvent): void => {
    const d = this.#press;
    if (!d || event.pointerId !== d.pointerId) return;
    this.#press = null;
    if (!d.active) { this.#hooks.tap(d.id); return; }
    this.#clear();
    const hit = d.hit ? d.hit(event.clientX, event.clientY) : this.#hooks.hitAt(event.clientX, event.clientY);
    const tr = d.tray;
    const overTray = !!tr && event.clientX >= tr.left && event.clientX <= tr.right && event.clientY >= tr.top && event.clientY <= tr.bottom;
    this.#hooks.drop({ id: d.id, source: d.source, hit, overTray });
  };

  pointerCancel = (event: PointerEvent): void => {
    const d = this.#press;
    if (!d || event.pointerId !== d.pointerId) return;
    this.#press = null;
    this.#clear();
    if (d.active) this.#hooks.cancel();
  };

  /** Forgets the press or drag in progress (the editor left dragging some other way). */
  abort(): void {
    this.#press = null;
    this.#clear();
  }

  #clear(): void {
    if (this.#frame) { cancelAnimationFrame(this.#frame); this.#frame = 0; }
    this.ghost = null;
    this.dropRing = null;
  }
}
