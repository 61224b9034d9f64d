// The limits the Rust side enforces on a saved map, read from the same file it reads
// (assets/limits.json; the ring count is in palette.json with the ring geometry). The UI keeps
// every edit inside them so a save is never refused for something the person could not see.
import palette from '$assets/palette.json';
import limits from '$assets/limits.json';

export const LIMITS = {
  minRings: palette.rings.min,
  maxRings: palette.rings.max,
  maxTokens: limits.token.max,
  initials: limits.token.initialsMax,
  descriptor: limits.token.descriptorMax,
  badges: limits.token.badgesMax,
  maxLinks: limits.link.max,
  maxGroups: limits.group.max,
  groupLabel: limits.group.labelMax,
  maxPlaces: limits.place.max,
  placeLabel: limits.place.labelMax,
  ringLabel: limits.ring.labelMax,
  maxNotes: limits.note.max,
  note: limits.note.textMax,
  mapLabel: limits.map.labelMax,
  purpose: limits.map.purposeMax,
  consentReason: limits.consent.reasonMax,
  understandingNote: limits.consent.understandingNoteMax,
  recipientField: limits.consent.recipientFieldMax,
  sharePurpose: limits.consent.sharePurposeMax,
  retentionReason: limits.consent.retentionReasonMax,
} as const;

const charClass = (chars: string) => chars.replace(/[-\\\]^]/g, '\\$&');

/** Ids of people, links, groups, places, notes and badges. */
export const ID_PATTERN = new RegExp(`^[${charClass(limits.id.chars)}]{1,${limits.id.maxLength}}$`);

/** A well-formed colour id (the palette may grow; the document only insists on the form). */
export const COLOUR_ID_PATTERN = new RegExp(
  `^[${charClass(limits.colourId.firstChars)}][${charClass(limits.colourId.chars)}]{0,${limits.colourId.maxLength - 1}}$`,
);

/** Link kinds (and the core's event and status codes). */
export const CODE_PATTERN = new RegExp(
  `^[${charClass(limits.code.firstChars)}][${charClass(limits.code.chars)}]{0,${limits.code.maxLength - 1}}$`,
);

/** 1 to `LIMITS.initials` letters in any script, each optionally followed by combining accents. */
export const INITIALS_PATTERN = new RegExp(`^(?:\\p{Alphabetic}[\\u0300-\\u036f]*){1,${limits.token.initialsMax}}$`, 'u');

/** The shapes a person or "me" may be. */
export const SHAPE_IDS: readonly string[] = palette.shapes.map((s) => s.id);

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
