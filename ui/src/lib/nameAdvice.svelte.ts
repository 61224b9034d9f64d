// "Does this look like someone's full name?" The core owns that rule (the `looks_like_name`
// command, peermap_core::document::looks_like_full_name); the UI only asks, once per pause in
// typing, and shows a gentle suggestion. Nothing is ever blocked on the answer.
import { SvelteMap } from 'svelte/reactivity';
import { looksLikeName } from './ipc';

/** How long typing must pause before the core is asked. */
export const NAME_ADVICE_DELAY_MS = 300;
/** Answers remembered per form; older ones are forgotten past this many. */
const REMEMBERED = 200;

export class NameAdvice {
  readonly #ask: (text: string) => Promise<boolean>;
  readonly #delay: number;
  /** What the core said, by trimmed text. Reactive, so the advice appears when it answers. */
  readonly #answers = new SvelteMap<string, boolean>();
  /** The last answer shown for each field, kept while its new text is being asked about. */
  readonly #shown = new Map<string, boolean>();
  /** The newest text waiting to be asked about, by field. */
  readonly #waiting = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ask: (text: string) => Promise<boolean> = looksLikeName, delay = NAME_ADVICE_DELAY_MS) {
    this.#ask = ask;
    this.#delay = delay;
  }

  /**
   * Whether `text` (in the field called `field`) looks like a full name, as far as the core
   * has said. Safe to call while rendering: an unknown text is asked about after the pause,
   * and until then the field keeps its previous answer, so the advice does not flicker.
   */
  looks(text: string, field = ''): boolean {
    const key = text.trim();
    if (!key) {
      this.#waiting.delete(field);
      this.#shown.set(field, false);
      return false;
    }
    const known = this.#answers.get(key);
    if (known !== undefined) {
      this.#shown.set(field, known);
      return known;
    }
    this.#waiting.set(field, key);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#flush(), this.#delay);
    return this.#shown.get(field) ?? false;
  }

  async #flush(): Promise<void> {
    const keys = [...new Set(this.#waiting.values())];
    this.#waiting.clear();
    await Promise.all(keys.map(async (key) => {
      let answer = false;
      try { answer = await this.#ask(key); } catch { /* no advice is better than a wrong one */ }
      if (this.#answers.size >= REMEMBERED) this.#answers.clear();
      this.#answers.set(key, answer === true);
    }));
  }
}
