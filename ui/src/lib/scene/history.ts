// Undo and redo for the scene. The history keeps whole (immutable, structurally shared)
// states, so undo is exact whatever the action did. A transaction groups many actions into
// one step: a whole drag, or typing a note, is undone in one go.
import { UNDOABLE, reduce, type Action, type ActionType } from './actions';
import type { SceneState } from './types';

export interface Step {
  state: SceneState;
  /** The action that led away from this state: what undoing it takes back. */
  label: ActionType;
}

export type Change =
  | { kind: 'action'; action: Action }
  | { kind: 'undo'; label: ActionType }
  | { kind: 'redo'; label: ActionType }
  | { kind: 'commit'; label: ActionType }
  | { kind: 'cancel' };

export class SceneHistory {
  #present: SceneState;
  #past: Step[] = [];
  #future: Step[] = [];
  #tx: { start: SceneState; label: ActionType } | null = null;
  #listeners = new Set<(state: SceneState, change: Change) => void>();

  constructor(initial: SceneState) {
    this.#present = initial;
  }

  get present(): SceneState { return this.#present; }
  get canUndo(): boolean { return this.#tx === null && this.#past.length > 0; }
  get canRedo(): boolean { return this.#tx === null && this.#future.length > 0; }
  get inTransaction(): boolean { return this.#tx !== null; }
  get undoLabel(): ActionType | undefined { return this.#past.at(-1)?.label; }
  get redoLabel(): ActionType | undefined { return this.#future.at(-1)?.label; }
  get depth(): { past: number; future: number } { return { past: this.#past.length, future: this.#future.length }; }

  subscribe(listener: (state: SceneState, change: Change) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: Change): void {
    for (const l of this.#listeners) l(this.#present, change);
  }

  /** Applies an action. Undoable ones become one step (or part of the open transaction). */
  dispatch(action: Action): SceneState {
    const next = reduce(this.#present, action);
    if (!UNDOABLE[action.type]) {
      // Loading a new scene: nothing before it can be undone into.
      this.#past = [];
      this.#future = [];
      this.#tx = null;
      this.#present = next;
      this.#emit({ kind: 'action', action });
      return next;
    }
    if (next === this.#present) return next;
    if (this.#tx === null) {
      this.#past.push({ state: this.#present, label: action.type });
      this.#future = [];
    }
    this.#present = next;
    this.#emit({ kind: 'action', action });
    return next;
  }

  /** Starts grouping actions into one undo step (e.g. pointer down on a token). */
  begin(label: ActionType): void {
    if (this.#tx) this.commit();
    this.#tx = { start: this.#present, label };
  }

  /** Applies an action inside the open transaction (e.g. each pointer move). */
  update(action: Action): SceneState {
    if (!this.#tx) this.begin(action.type);
    return this.dispatch(action);
  }

  /** Ends the transaction; if anything changed it becomes exactly one undo step. */
  commit(): boolean {
    const tx = this.#tx;
    if (!tx) return false;
    this.#tx = null;
    if (tx.start === this.#present) return false;
    this.#past.push({ state: tx.start, label: tx.label });
    this.#future = [];
    this.#emit({ kind: 'commit', label: tx.label });
    return true;
  }

  /** Abandons the transaction and puts everything back as it was before `begin`. */
  cancel(): void {
    const tx = this.#tx;
    if (!tx) return;
    this.#tx = null;
    this.#present = tx.start;
    this.#emit({ kind: 'cancel' });
  }

  undo(): boolean {
    if (this.#tx) this.cancel();
    const step = this.#past.pop();
    if (!step) return false;
    this.#future.push({ state: this.#present, label: step.label });
    this.#present = step.state;
    this.#emit({ kind: 'undo', label: step.label });
    return true;
  }

  redo(): boolean {
    if (this.#tx) return false;
    const step = this.#future.pop();
    if (!step) return false;
    this.#past.push({ state: this.#present, label: step.label });
    this.#present = step.state;
    this.#emit({ kind: 'redo', label: step.label });
    return true;
  }
}
