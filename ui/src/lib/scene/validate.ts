// The same rules the Rust side applies to `save_map`, checked before sending, with the same
// numbers (assets/limits.json through ./limits). The actions already keep the scene inside
// them; this is the last look at the edge, so a bug shows as a clear message here instead of
// a refused save. Each list's ids are unique within that list, as in the core.
import { CODE_PATTERN, COLOUR_ID_PATTERN, ID_PATTERN, INITIALS_PATTERN, LIMITS, SHAPE_IDS } from './limits';
import type { SceneState } from './types';

const chars = (s: string) => Array.from(s).length;

/** Between `min` and `max` characters, not blank when required, no control characters (a
 *  newline only when `multiline`): the core's rule for every text field. */
export function textOk(value: string, min: number, max: number, multiline = false): boolean {
  const n = chars(value);
  if (n < min || n > max) return false;
  if (min > 0 && value.trim() === '') return false;
  return !Array.from(value).some((c) => /\p{Cc}/u.test(c) && !(multiline && c === '\n'));
}

export function problems(state: SceneState): string[] {
  const out: string[] = [];
  const { rings, session: s } = state;
  if (rings.length < LIMITS.minRings || rings.length > LIMITS.maxRings) out.push('rings: count');
  rings.forEach((r, i) => { if (!textOk(r.label, 1, LIMITS.ringLabel)) out.push(`rings[${i}]: label`); });

  const look = (where: string, colour: string, shape: string, initials: string | null | undefined) => {
    if (!COLOUR_ID_PATTERN.test(colour)) out.push(`${where}: colour`);
    if (!SHAPE_IDS.includes(shape)) out.push(`${where}: shape`);
    if (initials != null && !INITIALS_PATTERN.test(initials)) out.push(`${where}: initials`);
  };
  look('me', s.me.colour, s.me.shape, s.me.initials);

  const count = (where: string, n: number, max: number) => { if (n > max) out.push(`${where}: too many`); };
  const uniqueIds = (where: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (!ID_PATTERN.test(id)) out.push(`${where}[${i}]: id`);
      if (seen.has(id)) out.push(`${where}[${i}]: duplicate id`);
      seen.add(id);
    });
  };

  count('tokens', s.tokens.length, LIMITS.maxTokens);
  uniqueIds('tokens', s.tokens.map((t) => t.id));
  const tokenIds = new Set(s.tokens.map((t) => t.id));
  s.tokens.forEach((t, i) => {
    look(`tokens[${i}]`, t.colour, t.shape, t.initials);
    if (t.descriptor != null && !textOk(t.descriptor, 1, LIMITS.descriptor)) out.push(`tokens[${i}]: descriptor`);
    if (!Number.isFinite(t.angle) || t.angle < 0 || t.angle >= 360) out.push(`tokens[${i}]: angle`);
    if (t.ring !== null && (!Number.isInteger(t.ring) || t.ring < 0 || t.ring >= rings.length)) out.push(`tokens[${i}]: ring`);
    if (t.badges.length > LIMITS.badges || t.badges.some((b) => !ID_PATTERN.test(b))) out.push(`tokens[${i}]: badges`);
  });

  count('links', s.links.length, LIMITS.maxLinks);
  const linked = new Set<string>();
  s.links.forEach((l, i) => {
    if (!tokenIds.has(l.a) || !tokenIds.has(l.b)) out.push(`links[${i}]: unknown token`);
    if (l.a === l.b) out.push(`links[${i}]: same person`);
    if (!CODE_PATTERN.test(l.kind)) out.push(`links[${i}]: kind`);
    const key = JSON.stringify([l.a < l.b ? l.a : l.b, l.a < l.b ? l.b : l.a, l.kind]);
    if (linked.has(key)) out.push(`links[${i}]: twice`);
    linked.add(key);
  });

  count('groups', s.groups.length, LIMITS.maxGroups);
  uniqueIds('groups', s.groups.map((g) => g.id));
  s.groups.forEach((g, i) => {
    if (!textOk(g.label, 1, LIMITS.groupLabel)) out.push(`groups[${i}]: label`);
    if (g.members.some((m) => !tokenIds.has(m))) out.push(`groups[${i}]: unknown token`);
    if (new Set(g.members).size !== g.members.length) out.push(`groups[${i}]: member twice`);
  });

  count('places', s.places.length, LIMITS.maxPlaces);
  uniqueIds('places', s.places.map((p) => p.id));
  s.places.forEach((p, i) => { if (!textOk(p.label, 1, LIMITS.placeLabel)) out.push(`places[${i}]: label`); });

  count('notes', s.notes.length, LIMITS.maxNotes);
  uniqueIds('notes', s.notes.map((n) => n.id));
  s.notes.forEach((n, i) => { if (!textOk(n.text, 1, LIMITS.note, true)) out.push(`notes[${i}]: text`); });
  return out;
}
