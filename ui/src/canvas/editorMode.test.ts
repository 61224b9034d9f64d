import { describe, expect, it } from 'vitest';
import {
  IDLE, base, hasSomethingToCancel, isReadonly, linkOf, movingOf, pickedOf, settleMove, transition,
  type EditorEvent, type EditorMode, type LookBack,
} from './editorMode';
import type { Token } from '../lib/scene';

const person: Token = { id: 't1', kind: 'peer', ring: 1, angle: 30, colour: 'orange', shape: 'star', badges: [], private: false };
const lookBack: LookBack = {
  index: 1, sessionAt: '2026-01-05T10:00:00Z',
  session: { session_at: '2026-01-05T10:00:00Z', me: { colour: 'blue', shape: 'circle' }, tokens: [], links: [], groups: [], places: [], notes: [] },
};

/** Runs events from a state; returns the state after each. */
function run(from: EditorMode, ...events: EditorEvent[]): EditorMode {
  return events.reduce(transition, from);
}

const picked = (id: string): EditorMode => ({ kind: 'idle', picked: id, link: null });
const carrying = (id = 't1', p: string | null = null): EditorMode => ({ kind: 'carrying', id, picked: p });
const dragging = (id = 't1', p: string | null = null): EditorMode => ({ kind: 'dragging', id, from: 'canvas', picked: p });
const connecting: EditorMode = { kind: 'connecting', first: null };
const answering: EditorMode = { kind: 'answering', question: 'support-listens' };
const grouping: EditorMode = { kind: 'grouping', draft: { id: null, label: '', members: [] } };
const looking: EditorMode = { kind: 'lookingBack', at: lookBack };

describe('leaving a mode is one transition', () => {
  it('Esc from every mode, and from the form over any mode, goes back to plain drawing', () => {
    for (const s of [picked('t1'), carrying(), dragging(), connecting, answering, grouping]) {
      expect(transition(s, { type: 'cancel' })).toBe(IDLE);
      expect(run(s, { type: 'openForm', token: null }, { type: 'cancel' })).toBe(IDLE);
    }
  });

  it('Esc with the form open over connecting closes it and leaves connect mode', () => {
    const s = run(IDLE, { type: 'toggleConnect' }, { type: 'tapPerson', id: 't1' }, { type: 'openForm', token: null });
    expect(s.kind).toBe('form');
    expect(pickedOf(s)).toBe('t1');
    expect(transition(s, { type: 'cancel' })).toBe(IDLE);
  });

  it('cancelling the form returns to the mode it was opened from, not to drawing', () => {
    for (const s of [picked('t1'), carrying(), connecting, answering, grouping]) {
      expect(run(s, { type: 'openForm', token: person }, { type: 'closeForm' })).toBe(s);
    }
  });

  it('the form opened while carrying keeps the carry going (the person stays see-through)', () => {
    const s = transition(carrying(), { type: 'openForm', token: null });
    expect(movingOf(s)).toBe('t1');
    expect(settleMove(carrying(), s, { type: 'openForm', token: null })).toBeNull();
  });

  it('adding someone from the form over any mode goes to drawing with the new person picked', () => {
    for (const s of [IDLE, connecting, answering, grouping, carrying()]) {
      const next = run(s, { type: 'openForm', token: null }, { type: 'personAdded', id: 't9' });
      expect(next).toEqual({ kind: 'idle', picked: 't9', link: null });
    }
  });

  it('starting a question while grouping discards the group draft', () => {
    const s = run(grouping, { type: 'tapPerson', id: 't1' }, { type: 'ask', question: 'q' });
    expect(s).toEqual({ kind: 'answering', question: 'q' });
  });

  it('starting a group while answering ends the question', () => {
    const s = transition(answering, { type: 'startGroup', draft: { id: 'g1', label: 'football', members: ['t1'] } });
    expect(s).toEqual({ kind: 'grouping', draft: { id: 'g1', label: 'football', members: ['t1'] } });
  });

  it('Done on connect, answer or group banners goes back to drawing with nothing picked', () => {
    for (const s of [{ kind: 'connecting', first: 't1' } as EditorMode, answering, grouping]) {
      expect(transition(s, { type: 'finish' })).toBe(IDLE);
    }
  });

  it('the Connect button toggles connect mode off again', () => {
    expect(run(IDLE, { type: 'toggleConnect' }, { type: 'toggleConnect' })).toBe(IDLE);
  });

  it('the Connect button from a pick-up drops the pick-up', () => {
    expect(transition(picked('t1'), { type: 'toggleConnect' })).toEqual({ kind: 'connecting', first: null });
  });
});

describe('moves in progress are kept or put back by the transition that ends them', () => {
  it('putting a carried person down keeps the move; Esc on the canvas puts them back', () => {
    expect(settleMove(carrying(), transition(carrying(), { type: 'putDown' }), { type: 'putDown' })).toBe('commit');
    expect(settleMove(carrying(), transition(carrying(), { type: 'putBack' }), { type: 'putBack' })).toBe('cancel');
  });

  it('putting a carried person down or back keeps the pick-up that was showing before', () => {
    expect(transition(carrying('t1', 't2'), { type: 'putDown' })).toEqual(picked('t2'));
    expect(transition(carrying('t1', 't2'), { type: 'putBack' })).toEqual(picked('t2'));
  });

  it('Esc while carrying, or with the form open over a carry, puts the person back', () => {
    expect(settleMove(carrying(), IDLE, { type: 'cancel' })).toBe('cancel');
    const form = transition(carrying(), { type: 'openForm', token: null });
    expect(settleMove(form, transition(form, { type: 'cancel' }), { type: 'cancel' })).toBe('cancel');
  });

  it('switching to connect, a question, a group or looking back while carrying puts the person back', () => {
    const events: EditorEvent[] = [
      { type: 'toggleConnect' }, { type: 'ask', question: 'q' }, { type: 'startGroup', draft: { id: null, label: '', members: [] } },
      { type: 'lookBack', at: lookBack }, { type: 'sessionStarted' }, { type: 'undo' },
    ];
    for (const e of events) expect(settleMove(carrying(), transition(carrying(), e), e), e.type).toBe('cancel');
  });

  it('adding someone from the form over a carry puts the carried person back first', () => {
    const form = transition(carrying(), { type: 'openForm', token: null });
    const e: EditorEvent = { type: 'personAdded', id: 't9' };
    expect(settleMove(form, transition(form, e), e)).toBe('cancel');
  });

  it('carrying the next person from the tray keeps where the last one was put', () => {
    const e: EditorEvent = { type: 'carryFromTray', id: 't2' };
    const next = transition(carrying('t1'), e);
    expect(next).toEqual(carrying('t2'));
    expect(settleMove(carrying('t1'), next, e)).toBe('commit');
  });

  it('a pointer drag that starts while carrying keeps the carried move', () => {
    const e: EditorEvent = { type: 'dragStart', id: 't1', from: 'canvas' };
    const next = transition(carrying('t1', 't3'), e);
    expect(next).toEqual(dragging('t1', 't3'));
    expect(settleMove(carrying('t1'), next, e)).toBe('commit');
  });

  it('a drop on a ring keeps the move and clears the pick-up that showed during the drag', () => {
    const e: EditorEvent = { type: 'drop', placed: true };
    expect(transition(dragging('t1', 't1'), e)).toBe(IDLE);
    expect(settleMove(dragging(), IDLE, e)).toBe('commit');
  });

  it('a drop off the map puts the person back', () => {
    const e: EditorEvent = { type: 'drop', placed: false };
    expect(settleMove(dragging(), transition(dragging(), e), e)).toBe('cancel');
  });

  it('the browser cancelling a drag puts the person back and keeps the pick-up shown before it', () => {
    const e: EditorEvent = { type: 'dragCancel' };
    expect(transition(dragging('t1', 't2'), e)).toEqual(picked('t2'));
    expect(settleMove(dragging(), transition(dragging(), e), e)).toBe('cancel');
  });

  it('Esc during a drag puts the person back', () => {
    expect(settleMove(dragging(), transition(dragging(), { type: 'cancel' }), { type: 'cancel' })).toBe('cancel');
  });

  it('nothing is settled when nothing was moving', () => {
    expect(settleMove(connecting, IDLE, { type: 'cancel' })).toBeNull();
  });
});

describe('outside drawing a press is a tap, never a drag or a pick-up', () => {
  it('cancelling a press while answering stays answering', () => {
    for (const s of [connecting, answering, grouping, looking]) {
      expect(transition(s, { type: 'dragStart', id: 't1', from: 'canvas' })).toBe(s);
      expect(transition(s, { type: 'dragCancel' })).toBe(s);
      expect(transition(s, { type: 'pickUp', id: 't1' })).toBe(s);
    }
  });

  it('taps while answering leave the question on', () => {
    expect(transition(answering, { type: 'tapPerson', id: 't1' })).toBe(answering);
    expect(transition(answering, { type: 'tapBackground' })).toBe(answering);
  });
});

describe('taps', () => {
  it('tapping the picked person again drops the pick-up', () => {
    expect(run(IDLE, { type: 'tapPerson', id: 't1' }, { type: 'tapPerson', id: 't1' })).toBe(IDLE);
  });

  it('connecting: the first tap chooses one end, the second joins and starts again', () => {
    const first = transition(connecting, { type: 'tapPerson', id: 'a' });
    expect(pickedOf(first)).toBe('a');
    expect(transition(first, { type: 'tapPerson', id: 'b' })).toEqual(connecting);
    expect(transition(first, { type: 'tapPerson', id: 'a' })).toEqual(connecting);
    expect(transition(first, { type: 'tapBackground' })).toEqual(connecting);
  });

  it('grouping: a tap adds a member, a second tap takes them out again', () => {
    const one = transition(grouping, { type: 'tapPerson', id: 'a' });
    expect(one.kind === 'grouping' && one.draft.members).toEqual(['a']);
    const none = transition(one, { type: 'tapPerson', id: 'a' });
    expect(none.kind === 'grouping' && none.draft.members).toEqual([]);
  });

  it('naming a group keeps its members', () => {
    const s = run(grouping, { type: 'tapPerson', id: 'a' }, { type: 'nameGroup', label: 'football' });
    expect(s).toEqual({ kind: 'grouping', draft: { id: null, label: 'football', members: ['a'] } });
  });

  it('a line tap selects it and drops a pick-up; a person tap or background tap drops the line', () => {
    const line = transition(picked('t1'), { type: 'tapLink', link: { a: 'a', b: 'b' } });
    expect(linkOf(line)).toEqual({ a: 'a', b: 'b' });
    expect(pickedOf(line)).toBeNull();
    expect(transition(line, { type: 'tapBackground' })).toBe(IDLE);
    expect(transition(line, { type: 'tapPerson', id: 't1' })).toEqual(picked('t1'));
    expect(transition(line, { type: 'linkGone' })).toBe(IDLE);
  });

  it('removing the picked person, or the first end of a new line, forgets them', () => {
    expect(transition(picked('t1'), { type: 'personGone', id: 't1' })).toBe(IDLE);
    expect(transition(picked('t1'), { type: 'personGone', id: 't2' })).toEqual(picked('t1'));
    expect(transition({ kind: 'connecting', first: 't1' }, { type: 'personGone', id: 't1' })).toEqual(connecting);
  });

  it('removing someone from the form forgets them under it too', () => {
    const s = run(picked('t1'), { type: 'openForm', token: person }, { type: 'closeForm' }, { type: 'personGone', id: 't1' });
    expect(s).toBe(IDLE);
  });
});

describe('looking back is read-only', () => {
  it('looking back drops a carry, a mode and a pick-up, and nothing starts while looking', () => {
    for (const s of [picked('t1'), carrying(), connecting, answering, grouping]) {
      expect(transition(s, { type: 'lookBack', at: lookBack })).toEqual(looking);
    }
    const events: EditorEvent[] = [
      { type: 'tapPerson', id: 't1' }, { type: 'toggleConnect' }, { type: 'ask', question: 'q' },
      { type: 'openForm', token: null }, { type: 'carryFromTray', id: 't1' }, { type: 'cancel' }, { type: 'finish' },
      { type: 'startGroup', draft: { id: null, label: '', members: [] } }, { type: 'tapLink', link: { a: 'a', b: 'b' } },
    ];
    for (const e of events) expect(transition(looking, e), e.type).toBe(looking);
    expect(isReadonly(looking)).toBe(true);
    expect(hasSomethingToCancel(looking)).toBe(false);
  });

  it('"Back to now" and a new session end looking back', () => {
    expect(transition(looking, { type: 'backToNow' })).toBe(IDLE);
    expect(transition(looking, { type: 'sessionStarted' })).toBe(IDLE);
  });

  it('"Back to now" when already on the latest session leaves the mode alone', () => {
    expect(transition(connecting, { type: 'backToNow' })).toBe(connecting);
  });

  it('looking at another earlier session while looking back shows that one', () => {
    const other = { ...lookBack, index: 2 };
    expect(transition(looking, { type: 'lookBack', at: other })).toEqual({ kind: 'lookingBack', at: other });
  });
});

describe('what Esc has to cancel', () => {
  it('plain drawing has nothing; a pick-up, a line, any mode or the form has something', () => {
    expect(hasSomethingToCancel(IDLE)).toBe(false);
    for (const s of [picked('t1'), transition(IDLE, { type: 'tapLink', link: { a: 'a', b: 'b' } }), carrying(), dragging(), connecting, answering, grouping]) {
      expect(hasSomethingToCancel(s), s.kind).toBe(true);
    }
    expect(hasSomethingToCancel(transition(IDLE, { type: 'openForm', token: null }))).toBe(true);
  });

  it('the form shows the mode under it to the drawing', () => {
    const s = transition({ kind: 'connecting', first: 'a' }, { type: 'openForm', token: null });
    expect(base(s)).toEqual({ kind: 'connecting', first: 'a' });
    expect(pickedOf(s)).toBe('a');
  });

  it('undo while carrying ends the carry and keeps the pick-up', () => {
    expect(transition(carrying('t1', 't2'), { type: 'undo' })).toEqual(picked('t2'));
  });
});
