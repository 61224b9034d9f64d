// What changed between two sessions of the same map. Tokens keep their ids from one session
// to the next (a new session is a copy of the last), so a token is matched by id.
import type { Session, Token } from './types';

export interface Moved {
  token: Token;
  from: number | null;
  to: number | null;
}

export interface SessionDiff {
  arrived: Token[];
  left: Token[];
  /** Changed ring (or was placed / put back in the tray). Closer = smaller ring index. */
  moved: Moved[];
  same: Token[];
}

export function compareSessions(before: Session, after: Session): SessionDiff {
  const old = new Map(before.tokens.map((t) => [t.id, t]));
  const now = new Map(after.tokens.map((t) => [t.id, t]));
  const diff: SessionDiff = { arrived: [], left: [], moved: [], same: [] };
  for (const t of after.tokens) {
    const was = old.get(t.id);
    if (!was) diff.arrived.push(t);
    else if (was.ring !== t.ring) diff.moved.push({ token: t, from: was.ring, to: t.ring });
    else diff.same.push(t);
  }
  for (const t of before.tokens) if (!now.has(t.id)) diff.left.push(t);
  return diff;
}

/** -1 = moved closer, 1 = further away, 0 = in/out of the tray. */
export function direction(m: Moved): -1 | 0 | 1 {
  if (m.from === null || m.to === null) return 0;
  return m.to < m.from ? -1 : 1;
}
