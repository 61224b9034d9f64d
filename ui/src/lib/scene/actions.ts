// Every edit to the scene is one of these named actions. `reduce` is pure: it never mutates
// the state it is given, so the history can keep old states as they were (structural sharing
// keeps that cheap: untouched tokens are the same objects).
import palette from '$assets/palette.json';
import { minAngularGap, normalizeAngle, nudgeRing } from './geometry';
import { LIMITS, clampNote, clampText, cleanInitials } from './limits';
import type { Group, Me, Note, Place, SceneState, Session, Token } from './types';

export type TokenChanges = Partial<Pick<Token, 'kind' | 'colour' | 'shape' | 'initials' | 'descriptor' | 'private' | 'badges'>>;

export type Action =
  | { type: 'load'; state: SceneState }
  | { type: 'addToken'; token: Token }
  /** Moves without nudging others: used for every step of a drag. */
  | { type: 'moveToken'; id: string; ring: number | null; angle: number }
  /** Puts a token down in a ring and nudges its neighbours apart: the end of a drag or a tap. */
  | { type: 'placeToken'; id: string; ring: number; angle: number }
  | { type: 'parkToken'; id: string }
  | { type: 'editToken'; id: string; changes: TokenChanges }
  | { type: 'removeToken'; id: string }
  | { type: 'toggleBadge'; id: string; badge: string }
  | { type: 'addLink'; a: string; b: string; kind?: string }
  | { type: 'removeLink'; a: string; b: string }
  | { type: 'addGroup'; group: Group }
  | { type: 'editGroup'; id: string; label?: string; members?: string[] }
  | { type: 'removeGroup'; id: string }
  | { type: 'addPlace'; place: Place }
  | { type: 'removePlace'; id: string }
  | { type: 'setRingLabel'; index: number; label: string }
  | { type: 'addRing' }
  | { type: 'removeRing' }
  | { type: 'addNote'; note: Note }
  | { type: 'editNote'; id: string; text?: string; private?: boolean }
  | { type: 'removeNote'; id: string }
  | { type: 'setMe'; changes: Partial<Me> };

export type ActionType = Action['type'];

/**
 * Whether an action is recorded in the undo history. `load` replaces the whole scene (opening
 * a map or a new session) and starts a fresh history instead.
 */
export const UNDOABLE: Record<ActionType, boolean> = {
  load: false,
  addToken: true, moveToken: true, placeToken: true, parkToken: true, editToken: true,
  removeToken: true, toggleBadge: true, addLink: true, removeLink: true, addGroup: true,
  editGroup: true, removeGroup: true, addPlace: true, removePlace: true, setRingLabel: true,
  addRing: true, removeRing: true, addNote: true, editNote: true, removeNote: true, setMe: true,
};

const colourIds = new Set(palette.colours.map((c) => c.id));
const shapeIds = new Set(palette.shapes.map((s) => s.id));

const withSession = (state: SceneState, changes: Partial<Session>): SceneState =>
  ({ rings: state.rings, session: { ...state.session, ...changes } });

function mapToken(state: SceneState, id: string, f: (t: Token) => Token): SceneState {
  let changed = false;
  const tokens = state.session.tokens.map((t) => {
    if (t.id !== id) return t;
    const next = f(t);
    if (next !== t) changed = true;
    return next;
  });
  return changed ? withSession(state, { tokens }) : state;
}

const sameLink = (l: { a: string; b: string }, a: string, b: string) =>
  (l.a === a && l.b === b) || (l.a === b && l.b === a);

/** Text fields made safe for the Rust side: initials letters-only, descriptor cut to 60. */
function cleanTokenFields<T extends TokenChanges>(changes: T): T {
  const out = { ...changes };
  if ('initials' in out) out.initials = out.initials ? cleanInitials(out.initials) || null : null;
  if ('descriptor' in out) out.descriptor = out.descriptor ? clampText(out.descriptor, LIMITS.descriptor) || null : null;
  if (out.colour !== undefined && !colourIds.has(out.colour)) delete out.colour;
  if (out.shape !== undefined && !shapeIds.has(out.shape)) delete out.shape;
  return out;
}

/** Spreads the tokens of `ring` apart around `anchorId`. */
function nudge(state: SceneState, ring: number, anchorId: string): SceneState {
  const inRing = state.session.tokens.filter((t) => t.ring === ring);
  const moved = nudgeRing(inRing, anchorId, minAngularGap(ring, state.rings.length));
  if (moved.size === 0) return state;
  return withSession(state, {
    tokens: state.session.tokens.map((t) => {
      const angle = moved.get(t.id);
      return angle === undefined ? t : { ...t, angle };
    }),
  });
}

function validRing(state: SceneState, ring: number | null): number | null {
  if (ring === null) return null;
  return Math.max(0, Math.min(state.rings.length - 1, Math.round(ring)));
}

export function reduce(state: SceneState, action: Action): SceneState {
  const s = state.session;
  switch (action.type) {
    case 'load':
      return action.state;

    case 'addToken': {
      if (s.tokens.length >= LIMITS.maxTokens || s.tokens.some((t) => t.id === action.token.id)) return state;
      const token = cleanTokenFields({
        ...action.token,
        ring: validRing(state, action.token.ring),
        angle: normalizeAngle(action.token.angle),
        badges: [...action.token.badges],
      });
      const next = withSession(state, { tokens: [...s.tokens, token] });
      return token.ring === null ? next : nudge(next, token.ring, token.id);
    }

    case 'moveToken': {
      const ring = validRing(state, action.ring);
      const angle = normalizeAngle(action.angle);
      return mapToken(state, action.id, (t) => (t.ring === ring && t.angle === angle ? t : { ...t, ring, angle }));
    }

    case 'placeToken': {
      const ring = validRing(state, action.ring) ?? 0;
      const angle = normalizeAngle(action.angle);
      const moved = mapToken(state, action.id, (t) => (t.ring === ring && t.angle === angle ? t : { ...t, ring, angle }));
      if (!moved.session.tokens.some((t) => t.id === action.id)) return state;
      return nudge(moved, ring, action.id);
    }

    case 'parkToken':
      return mapToken(state, action.id, (t) => (t.ring === null ? t : { ...t, ring: null }));

    case 'editToken': {
      const changes = cleanTokenFields(action.changes);
      return mapToken(state, action.id, (t) => ({ ...t, ...changes }));
    }

    case 'removeToken': {
      if (!s.tokens.some((t) => t.id === action.id)) return state;
      return withSession(state, {
        tokens: s.tokens.filter((t) => t.id !== action.id),
        links: s.links.filter((l) => l.a !== action.id && l.b !== action.id),
        groups: s.groups.map((g) => (g.members.includes(action.id)
          ? { ...g, members: g.members.filter((m) => m !== action.id) } : g)),
      });
    }

    case 'toggleBadge':
      return mapToken(state, action.id, (t) => ({
        ...t,
        badges: t.badges.includes(action.badge) ? t.badges.filter((b) => b !== action.badge) : [...t.badges, action.badge],
      }));

    case 'addLink': {
      const { a, b } = action;
      const ids = new Set(s.tokens.map((t) => t.id));
      if (a === b || !ids.has(a) || !ids.has(b) || s.links.some((l) => sameLink(l, a, b))) return state;
      return withSession(state, { links: [...s.links, { a, b, kind: action.kind ?? 'knows' }] });
    }

    case 'removeLink': {
      const links = s.links.filter((l) => !sameLink(l, action.a, action.b));
      return links.length === s.links.length ? state : withSession(state, { links });
    }

    case 'addGroup': {
      if (s.groups.some((g) => g.id === action.group.id)) return state;
      const ids = new Set(s.tokens.map((t) => t.id));
      const group: Group = {
        id: action.group.id,
        label: clampText(action.group.label, LIMITS.groupLabel),
        members: [...new Set(action.group.members)].filter((m) => ids.has(m)),
      };
      return withSession(state, { groups: [...s.groups, group] });
    }

    case 'editGroup': {
      const ids = new Set(s.tokens.map((t) => t.id));
      return withSession(state, {
        groups: s.groups.map((g) => (g.id !== action.id ? g : {
          ...g,
          ...(action.label !== undefined ? { label: clampText(action.label, LIMITS.groupLabel) } : {}),
          ...(action.members !== undefined ? { members: [...new Set(action.members)].filter((m) => ids.has(m)) } : {}),
        })),
      });
    }

    case 'removeGroup':
      return withSession(state, { groups: s.groups.filter((g) => g.id !== action.id) });

    case 'addPlace': {
      const label = clampText(action.place.label, LIMITS.placeLabel);
      if (!label || s.places.some((p) => p.id === action.place.id)) return state;
      return withSession(state, { places: [...s.places, { id: action.place.id, label }] });
    }

    case 'removePlace':
      return withSession(state, { places: s.places.filter((p) => p.id !== action.id) });

    case 'setRingLabel': {
      const label = clampText(action.label, LIMITS.ringLabel);
      if (!label || action.index < 0 || action.index >= state.rings.length) return state;
      if (state.rings[action.index]?.label === label) return state;
      return { rings: state.rings.map((r, i) => (i === action.index ? { label } : r)), session: s };
    }

    case 'addRing': {
      const n = state.rings.length;
      if (n >= LIMITS.maxRings) return state;
      const defaults = (palette.rings.defaultLabels as Record<string, string[]>)[String(n + 1)] ?? [];
      return { rings: [...state.rings, { label: defaults[n] ?? `Ring ${n + 1}` }], session: s };
    }

    case 'removeRing': {
      const n = state.rings.length;
      if (n <= LIMITS.minRings) return state;
      // People in the outer ring that goes away move into the new outer ring.
      const outer = n - 1;
      return {
        rings: state.rings.slice(0, outer),
        session: { ...s, tokens: s.tokens.map((t) => (t.ring === outer ? { ...t, ring: outer - 1 } : t)) },
      };
    }

    case 'addNote': {
      if (s.notes.some((n) => n.id === action.note.id)) return state;
      return withSession(state, { notes: [...s.notes, { ...action.note, text: clampNote(action.note.text) }] });
    }

    case 'editNote':
      return withSession(state, {
        notes: s.notes.map((n) => (n.id !== action.id ? n : {
          ...n,
          ...(action.text !== undefined ? { text: clampNote(action.text) } : {}),
          ...(action.private !== undefined ? { private: action.private } : {}),
        })),
      });

    case 'removeNote':
      return withSession(state, { notes: s.notes.filter((n) => n.id !== action.id) });

    case 'setMe': {
      const c = action.changes;
      const me: Me = { ...s.me };
      if (c.colour && colourIds.has(c.colour)) me.colour = c.colour;
      if (c.shape && shapeIds.has(c.shape)) me.shape = c.shape;
      if ('initials' in c) me.initials = c.initials ? cleanInitials(c.initials) || null : null;
      return withSession(state, { me });
    }
  }
}
