// The scene model: what the young person and the practitioner draw together. The types are
// generated from the core's document model (ui/bindings), with the on-disk field names of the
// map document (docs/DESIGN.md §4), so a session goes to `save_map` exactly as it is held here.

import type { TokenKind } from '$bindings/TokenKind';

export type Kind = TokenKind;
export const KINDS: readonly Kind[] = ['peer', 'family', 'adult', 'professional', 'other'];

export type { Me } from '$bindings/Me';
export type { Token } from '$bindings/Token';
export type { Link } from '$bindings/Link';
export type { Group } from '$bindings/Group';
export type { Place } from '$bindings/Place';
export type { Note } from '$bindings/Note';
export type { Author as NoteAuthor } from '$bindings/Author';
export type { SessionVersion as Session } from '$bindings/SessionVersion';
export type { Ring } from '$bindings/Ring';
/** What `open_map` and `start_session` return. */
export type { MapView } from '$bindings/MapView';

import type { Ring } from '$bindings/Ring';
import type { SessionVersion as Session } from '$bindings/SessionVersion';

/** Everything one undo step can change. Treated as immutable: actions return new objects. */
export interface SceneState {
  readonly rings: readonly Ring[];
  readonly session: Session;
}

