// The scene model: what the young person and the practitioner draw together. These types use
// the on-disk field names of the map document (DESIGN.md §4), so a session goes to `save_map`
// exactly as it is held here.

export type Kind = 'peer' | 'family' | 'adult' | 'professional' | 'other';
export const KINDS: readonly Kind[] = ['peer', 'family', 'adult', 'professional', 'other'];

export interface Me {
  colour: string;
  shape: string;
  initials?: string | null;
}

export interface Token {
  id: string;
  kind: Kind;
  /** 0-based ring index, innermost first; null = parked in the tray, not placed. */
  ring: number | null;
  /** Degrees in [0, 360): 0 = straight up, increasing clockwise. */
  angle: number;
  colour: string;
  shape: string;
  initials?: string | null;
  descriptor?: string | null;
  /** Prompt card ids this person answers. */
  badges: string[];
  private: boolean;
}

export interface Link {
  a: string;
  b: string;
  kind: string;
}

export interface Group {
  id: string;
  label: string;
  members: string[];
}

export interface Place {
  id: string;
  label: string;
}

export type NoteAuthor = 'young_person' | 'practitioner';

export interface Note {
  id: string;
  by: NoteAuthor;
  text: string;
  private: boolean;
}

export interface Session {
  session_at: string;
  me: Me;
  tokens: Token[];
  links: Link[];
  groups: Group[];
  places: Place[];
  notes: Note[];
}

export interface Ring {
  label: string;
}

/** Everything one undo step can change. Treated as immutable: actions return new objects. */
export interface SceneState {
  readonly rings: readonly Ring[];
  readonly session: Session;
}

/** What `open_map` and `start_session` return. */
export interface MapView {
  id: string;
  label: string;
  purpose: string;
  rings: Ring[];
  sessions: { index: number; sessionAt: string }[];
  current: Session;
  isDraft: boolean;
  retainUntil: string;
}
