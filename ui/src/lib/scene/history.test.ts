import { describe, expect, it } from 'vitest';
import { SceneHistory } from './history';
import { reduce, type Action } from './actions';
import { problems } from './validate';
import { compareSessions, direction } from './compare';
import { cleanInitials, newId, ID_PATTERN } from './limits';
import type { SceneState, Token } from './types';

const rings = [{ label: 'Closest to me' }, { label: 'Close' }, { label: 'Around me' }, { label: 'Further away' }];
const empty = (): SceneState => ({
  rings,
  session: { session_at: '2026-01-05T10:00:00Z', me: { colour: 'blue', shape: 'circle' }, tokens: [], links: [], groups: [], places: [], notes: [] },
});
const tok = (id: string, ring: number | null = null, angle = 0, extra: Partial<Token> = {}): Token =>
  ({ id, kind: 'peer', ring, angle, colour: 'orange', shape: 'star', initials: null, descriptor: null, badges: [], private: false, ...extra });

function build(...actions: Action[]): SceneHistory {
  const h = new SceneHistory(empty());
  for (const a of actions) h.dispatch(a);
  return h;
}

describe('undo and redo', () => {
  it('round-trips every kind of action back to the exact start and forward again', () => {
    const actions: Action[] = [
      { type: 'addToken', token: tok('a') },
      { type: 'addToken', token: tok('b', 1, 90) },
      { type: 'placeToken', id: 'a', ring: 0, angle: 10 },
      { type: 'editToken', id: 'a', changes: { initials: 'sj', descriptor: 'Best friend' } },
      { type: 'toggleBadge', id: 'a', badge: 'support-listen' },
      { type: 'addLink', a: 'a', b: 'b' },
      { type: 'addGroup', group: { id: 'g1', label: 'football', members: ['a', 'b'] } },
      { type: 'editGroup', id: 'g1', label: 'school lot' },
      { type: 'addPlace', place: { id: 'p1', label: 'park' } },
      { type: 'setRingLabel', index: 0, label: 'My people' },
      { type: 'addRing' },
      { type: 'addNote', note: { id: 'n1', by: 'young_person', text: 'I like the park', private: false } },
      { type: 'editNote', id: 'n1', private: true },
      { type: 'setMe', changes: { colour: 'green', initials: 'me' } },
      { type: 'parkToken', id: 'b' },
      { type: 'removeRing' },
      { type: 'removeLink', a: 'b', b: 'a' },
      { type: 'removeToken', id: 'a' },
    ];
    const h = new SceneHistory(empty());
    const states: SceneState[] = [h.present];
    for (const a of actions) { h.dispatch(a); states.push(h.present); }
    expect(h.depth.past).toBe(actions.length);
    for (let i = actions.length; i > 0; i--) {
      expect(h.present).toEqual(states[i]);
      expect(h.undo()).toBe(true);
    }
    expect(h.present).toEqual(empty());
    expect(h.undo()).toBe(false);
    for (let i = 1; i <= actions.length; i++) {
      expect(h.redo()).toBe(true);
      expect(h.present).toEqual(states[i]);
    }
    expect(h.redo()).toBe(false);
  });

  it('forgets the redo branch after a new edit', () => {
    const h = build({ type: 'addToken', token: tok('a') }, { type: 'addToken', token: tok('b') });
    h.undo();
    expect(h.canRedo).toBe(true);
    h.dispatch({ type: 'addToken', token: tok('c') });
    expect(h.canRedo).toBe(false);
    expect(h.present.session.tokens.map((t) => t.id)).toEqual(['a', 'c']);
  });

  it('does not record actions that change nothing', () => {
    const h = build({ type: 'addToken', token: tok('a', 0, 0) });
    h.dispatch({ type: 'moveToken', id: 'a', ring: 0, angle: 0 });
    h.dispatch({ type: 'addLink', a: 'a', b: 'a' });
    h.dispatch({ type: 'removeLink', a: 'a', b: 'zzz' });
    expect(h.depth.past).toBe(1);
  });

  it('is unlimited within a session', () => {
    const h = build({ type: 'addToken', token: tok('a', 0, 0) });
    for (let i = 1; i <= 2000; i++) h.dispatch({ type: 'moveToken', id: 'a', ring: 0, angle: i % 360 });
    expect(h.depth.past).toBe(2001);
    while (h.undo());
    expect(h.present).toEqual(empty());
  });

  it('starts a fresh history when a scene is loaded (not undoable)', () => {
    const h = build({ type: 'addToken', token: tok('a') });
    h.dispatch({ type: 'load', state: empty() });
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('tells listeners what happened', () => {
    const h = new SceneHistory(empty());
    const seen: string[] = [];
    h.subscribe((_s, c) => seen.push(c.kind === 'action' ? c.action.type : `${c.kind}`));
    h.dispatch({ type: 'addToken', token: tok('a') });
    h.undo();
    h.redo();
    expect(seen).toEqual(['addToken', 'undo', 'redo']);
  });
});

describe('a drag is one undo step', () => {
  it('groups begin/update/commit into one step and undoes it in one go', () => {
    const h = build({ type: 'addToken', token: tok('a', 3, 0) }, { type: 'addToken', token: tok('b', 0, 0) });
    const before = h.present;
    h.begin('placeToken');
    for (let i = 0; i < 60; i++) h.update({ type: 'moveToken', id: 'a', ring: 3 - Math.floor(i / 20), angle: i * 3 });
    h.update({ type: 'placeToken', id: 'a', ring: 0, angle: 5 });
    expect(h.canUndo).toBe(false); // nothing to undo into mid-drag
    expect(h.commit()).toBe(true);
    expect(h.depth.past).toBe(3);
    const a = h.present.session.tokens.find((t) => t.id === 'a')!;
    expect(a.ring).toBe(0);
    // b was in the way at 0° and was nudged; undo puts both back.
    expect(h.present.session.tokens.find((t) => t.id === 'b')!.angle).not.toBe(0);
    h.undo();
    expect(h.present).toBe(before);
    h.redo();
    expect(h.present.session.tokens.find((t) => t.id === 'a')!.ring).toBe(0);
  });

  it('cancel (Esc) puts everything back and records nothing', () => {
    const h = build({ type: 'addToken', token: tok('a', 2, 40) });
    const before = h.present;
    h.begin('moveToken');
    h.update({ type: 'moveToken', id: 'a', ring: 0, angle: 100 });
    h.cancel();
    expect(h.present).toBe(before);
    expect(h.depth.past).toBe(1);
  });

  it('a drag that ends where it started records nothing', () => {
    const h = build({ type: 'addToken', token: tok('a', 2, 40) });
    h.begin('moveToken');
    h.update({ type: 'moveToken', id: 'a', ring: 1, angle: 100 });
    h.update({ type: 'moveToken', id: 'a', ring: 2, angle: 40 });
    // same values but new objects: still counts as a change of identity, so compare content
    h.commit();
    expect(h.present.session.tokens[0]).toMatchObject({ ring: 2, angle: 40 });
  });

  it('undo during a drag cancels the drag first', () => {
    const h = build({ type: 'addToken', token: tok('a', 2, 40) });
    h.begin('moveToken');
    h.update({ type: 'moveToken', id: 'a', ring: 0, angle: 100 });
    h.undo();
    expect(h.present.session.tokens).toEqual([]);
  });
});

describe('actions keep the map inside the rules', () => {
  it('cleans initials and descriptors at the edge', () => {
    const s = reduce(empty(), { type: 'addToken', token: tok('a', 0, 0, { initials: 's.j. k!', descriptor: 'x'.repeat(90) }) });
    const t = s.session.tokens[0]!;
    expect(t.initials).toBe('SJK');
    expect(t.descriptor).toHaveLength(60);
    expect(cleanInitials('Zoë')).toBe('ZOË');
    expect(cleanInitials('123')).toBe('');
  });
  it('keeps ring counts within 3..5 and moves people out of a removed ring', () => {
    let s = reduce(empty(), { type: 'addToken', token: tok('a', 3, 0) });
    s = reduce(s, { type: 'removeRing' });
    expect(s.rings).toHaveLength(3);
    expect(s.session.tokens[0]!.ring).toBe(2);
    expect(reduce(s, { type: 'removeRing' })).toBe(s);
    s = reduce(reduce(s, { type: 'addRing' }), { type: 'addRing' });
    expect(s.rings.map((r) => r.label)).toEqual(['Closest to me', 'Close', 'Around me', 'Further away', 'Furthest away']);
    expect(reduce(s, { type: 'addRing' })).toBe(s);
  });
  it('refuses an empty ring label and cuts long ones', () => {
    expect(reduce(empty(), { type: 'setRingLabel', index: 0, label: '   ' })).toEqual(empty());
    expect(reduce(empty(), { type: 'setRingLabel', index: 0, label: 'y'.repeat(50) }).rings[0]!.label).toHaveLength(40);
    expect(reduce(empty(), { type: 'setRingLabel', index: 9, label: 'x' })).toEqual(empty());
  });
  it('clamps rings and angles', () => {
    let s = reduce(empty(), { type: 'addToken', token: tok('a', 9, 400) });
    expect(s.session.tokens[0]).toMatchObject({ ring: 3, angle: 40 });
    s = reduce(s, { type: 'moveToken', id: 'a', ring: -2, angle: -30 });
    expect(s.session.tokens[0]).toMatchObject({ ring: 0, angle: 330 });
  });
  it('removing a person removes their links and group places', () => {
    let s = reduce(empty(), { type: 'addToken', token: tok('a') });
    s = reduce(s, { type: 'addToken', token: tok('b') });
    s = reduce(s, { type: 'addLink', a: 'a', b: 'b' });
    s = reduce(s, { type: 'addGroup', group: { id: 'g', label: 'football', members: ['a', 'b', 'ghost'] } });
    expect(s.session.groups[0]!.members).toEqual(['a', 'b']);
    s = reduce(s, { type: 'removeToken', id: 'a' });
    expect(s.session.links).toEqual([]);
    expect(s.session.groups[0]!.members).toEqual(['b']);
    expect(problems(s)).toEqual([]);
  });
  it('does not link twice or to someone unknown', () => {
    let s = reduce(reduce(empty(), { type: 'addToken', token: tok('a') }), { type: 'addToken', token: tok('b') });
    s = reduce(s, { type: 'addLink', a: 'a', b: 'b' });
    expect(reduce(s, { type: 'addLink', a: 'b', b: 'a' })).toBe(s);
    expect(reduce(s, { type: 'addLink', a: 'a', b: 'nobody' })).toBe(s);
  });
  it('stops at 300 people', () => {
    let s = empty();
    for (let i = 0; i < 305; i++) s = reduce(s, { type: 'addToken', token: tok(`t${i}`) });
    expect(s.session.tokens).toHaveLength(300);
  });
  it('cuts notes at 4000 characters', () => {
    const s = reduce(empty(), { type: 'addNote', note: { id: 'n', by: 'practitioner', text: 'z'.repeat(5000), private: true } });
    expect(s.session.notes[0]!.text).toHaveLength(4000);
    expect(problems(s)).toEqual([]);
  });
  it('validation spots what the Rust side would refuse', () => {
    const bad: SceneState = { rings: rings.slice(0, 2), session: { ...empty().session, tokens: [tok('bad id!', 7, 360), tok('x'), tok('x')], links: [{ a: 'x', b: 'q', kind: 'knows' }] } };
    const p = problems(bad);
    expect(p).toContain('rings: count');
    expect(p).toContain('tokens[0]: id');
    expect(p).toContain('tokens[0]: angle');
    expect(p).toContain('tokens[0]: ring');
    expect(p).toContain('tokens[2]: duplicate id');
    expect(p).toContain('links[0]: unknown token');
  });
  it('makes ids the Rust side accepts', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 100; i++) { const id = newId('t', taken); expect(id).toMatch(ID_PATTERN); expect(taken.has(id)).toBe(false); taken.add(id); }
  });
});

// Full-name advice moved to the core (document/names.rs, with these and many more examples);
// see ../nameAdvice.test.ts for how the UI asks it.

describe('comparing sessions', () => {
  it('finds who moved, arrived and left', () => {
    const a = { ...empty().session, tokens: [tok('a', 0), tok('b', 2), tok('c', 1), tok('d', null)] };
    const b = { ...empty().session, tokens: [tok('a', 0), tok('b', 0), tok('d', 3), tok('e', 1)] };
    const d = compareSessions(a, b);
    expect(d.arrived.map((t) => t.id)).toEqual(['e']);
    expect(d.left.map((t) => t.id)).toEqual(['c']);
    expect(d.moved.map((m) => [m.token.id, m.from, m.to])).toEqual([['b', 2, 0], ['d', null, 3]]);
    expect(d.moved.map(direction)).toEqual([-1, 0]);
    expect(d.same.map((t) => t.id)).toEqual(['a']);
  });
});
