// The limits the Rust side enforces on a saved map. The UI keeps every edit inside them so a
// save is never refused for something the person could not see.
import palette from '$assets/palette.json';

export const LIMITS = {
  minRings: palette.rings.min,
  maxRings: palette.rings.max,
  maxTokens: 300,
  initials: 3,
  descriptor: 60,
  groupLabel: 40,
  placeLabel: 40,
  ringLabel: 40,
  note: 4000,
} as const;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A fresh id that the Rust side accepts and that is not in `taken`. */
export function newId(prefix: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  for (;;) {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    const id = `${prefix}_${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
    if (!used.has(id)) return id;
  }
}

/** Letters only (any alphabet), at most three, upper-cased: "s.j" → "SJ". */
export function cleanInitials(text: string): string {
  return Array.from(text.normalize('NFC').replace(/[^\p{L}]/gu, ''))
    .slice(0, LIMITS.initials)
    .join('')
    .toLocaleUpperCase('en-GB');
}

/** Trims and cuts text to `max` characters (counted as the Rust side counts them: chars). */
export function clampText(text: string, max: number): string {
  return Array.from(text.trim().replace(/\s+/g, ' ')).slice(0, max).join('');
}

/** Keeps line breaks (notes), cuts to `max` characters. */
export function clampNote(text: string): string {
  return Array.from(text).slice(0, LIMITS.note).join('');
}

/**
 * Two capitalised words in a row ("Jamie Smith") look like a full name. This only drives a
 * gentle suggestion; nothing is blocked. Preset descriptors never trigger it.
 */
export function looksLikeFullName(text: string): boolean {
  const presets = new Set(palette.descriptors.map((d) => d.name.toLowerCase()));
  if (presets.has(text.trim().toLowerCase())) return false;
  return /(^|[^\p{L}])\p{Lu}\p{Ll}+[\s-]+\p{Lu}\p{Ll}+/u.test(text);
}
