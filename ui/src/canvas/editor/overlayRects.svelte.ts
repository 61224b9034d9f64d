// Where the editor's own buttons sit over the canvas, measured, so the drawing can keep what
// must be seen (place tags) out from under them. Attach `frame` to the element the canvas
// fills and `cover` to each button group over it; the rectangles are in px from the canvas's
// top left, with room to spare around each group, and follow resizes (a ResizeObserver, so
// nothing is measured while a drag is going on).
export interface CanvasRect { left: number; top: number; right: number; bottom: number }

/** Room kept clear around each group of buttons (as between place tags). */
export const BUTTON_CLEARANCE_PX = 8;

export class OverlayRects {
  rects = $state.raw<readonly CanvasRect[]>([]);
  #frame: HTMLElement | null = null;
  #covers = new Set<HTMLElement>();
  #observer: ResizeObserver | null = null;

  #observe(el: HTMLElement): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.#observer ??= new ResizeObserver(() => this.measure());
    // A new observation always reports once, which measures.
    this.#observer.observe(el);
  }

  #forget(el: HTMLElement): void {
    this.#observer?.unobserve(el);
    this.measure();
  }

  /** The element the canvas fills (its content box is the canvas). */
  frame = (el: HTMLElement): (() => void) => {
    this.#frame = el;
    this.#observe(el);
    return () => { if (this.#frame === el) this.#frame = null; this.#forget(el); };
  };

  /** A group of buttons over the canvas. */
  cover = (el: HTMLElement): (() => void) => {
    this.#covers.add(el);
    this.#observe(el);
    return () => { this.#covers.delete(el); this.#forget(el); };
  };

  measure(): void {
    const frame = this.#frame;
    if (!frame || !frame.isConnected) { if (this.rects.length) this.rects = []; return; }
    const f = frame.getBoundingClientRect();
    const x = f.left + frame.clientLeft;
    const y = f.top + frame.clientTop;
    const pad = BUTTON_CLEARANCE_PX;
    const out: CanvasRect[] = [];
    for (const el of this.#covers) {
      if (!el.isConnected) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      out.push({ left: r.left - x - pad, top: r.top - y - pad, right: r.right - x + pad, bottom: r.bottom - y + pad });
    }
    const same = out.length === this.rects.length && out.every((r, i) => {
      const o = this.rects[i]!;
      return r.left === o.left && r.top === o.top && r.right === o.right && r.bottom === o.bottom;
    });
    if (!same) this.rects = out;
  }

  destroy(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }
}
