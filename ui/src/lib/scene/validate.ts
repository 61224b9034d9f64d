// The same rules the Rust side applies to `save_map`, checked before sending. The actions
// already keep the scene inside them; this is the last look at the edge, so a bug shows as a
// clear message here instead of a refused save.
import { ID_PATTERN, LIMITS } from './limits';
import type { SceneState } from './types';

const chars = (s: string) => Array.from(s).length;

export function problems(state: SceneState): string[] {
  const out: string[] = [];
  const { rings, session: s } = state;
  if (rings.length < LIMITS.minRings || rings.length > LIMITS.maxRings) out.push('rings: count');
  rings.forEach((r, i) => { if (!r.label.trim() || chars(r.label) > LIMITS.ringLabel) out.push(`rings[${i}]: label`); });
  if (s.tokens.length > LIMITS.maxTokens) out.push('tokens: too many');
  const ids = new Set<string>();
  const checkId = (id: string, where: string) => {
    if (!ID_PATTERN.test(id)) out.push(`${where}: id`);
    if (ids.has(id)) out.push(`${where}: duplicate id`);
    ids.add(id);
  };
  const tokenIds = new Set(s.tokens.map((t) => t.id));
  if (s.me.initials != null && !/^\p{L}{1,3}$/u.test(s.me.initials)) out.push('me: initials');
  s.tokens.forEach((t, i) => {
    checkId(t.id, `tokens[${i}]`);
    if (t.initials != null && !/^\p{L}{1,3}$/u.test(t.initials)) out.push(`tokens[${i}]: initials`);
    if (t.descriptor != null && chars(t.descriptor) > LIMITS.descriptor) out.push(`tokens[${i}]: descriptor`);
    if (!Number.isFinite(t.angle) || t.angle < 0 || t.angle >= 360) out.push(`tokens[${i}]: angle`);
    if (t.ring !== null && (!Number.isInteger(t.ring) || t.ring < 0 || t.ring >= rings.length)) out.push(`tokens[${i}]: ring`);
  });
  s.links.forEach((l, i) => { if (!tokenIds.has(l.a) || !tokenIds.has(l.b)) out.push(`links[${i}]: unknown token`); });
  s.groups.forEach((g, i) => {
    checkId(g.id, `groups[${i}]`);
    if (chars(g.label) > LIMITS.groupLabel) out.push(`groups[${i}]: label`);
    if (g.members.some((m) => !tokenIds.has(m))) out.push(`groups[${i}]: unknown token`);
  });
  s.places.forEach((p, i) => checkId(p.id, `places[${i}]`));
  s.notes.forEach((n, i) => {
    checkId(n.id, `notes[${i}]`);
    if (chars(n.text) > LIMITS.note) out.push(`notes[${i}]: too long`);
  });
  return out;
}
