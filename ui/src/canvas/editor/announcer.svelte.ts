// What the editor says: the screen reader live region, and the toast that offers Undo.
export class Announcer {
  /** The live region's text. */
  text = $state('');
  toast = $state<{ text: string; undo: boolean } | null>(null);
  #pending: string[] = [];
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Everything said in one turn is read out together (a later message must not silently
   * replace an earlier one, e.g. "Saved the group" then "Drawing."). Clear first so the
   * same words twice are still read out.
   */
  say = (text: string): void => {
    if (!text || this.#pending.includes(text)) return;
    this.#pending.push(text);
    if (this.#pending.length > 1) return;
    this.text = '';
    queueMicrotask(() => { this.text = this.#pending.join(' '); this.#pending = []; });
  };

  /** Says `text` and shows it in a toast for a while, with Undo unless `undo` is false. */
  showToast(text: string, undo = true): void {
    this.toast = { text, undo };
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => { this.toast = null; }, 7000);
  }

  dismissToast(): void { this.toast = null; }

  destroy(): void { clearTimeout(this.#toastTimer); }
}
