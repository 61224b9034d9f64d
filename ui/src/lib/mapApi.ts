// The map commands (see the IPC contract in issue 4). Session content travels with the
// document's own snake_case field names; everything else is camelCase like the other commands.
import { call } from './ipc';
import type { MapView, Ring, Session } from './scene/types';

export type { MapView, Ring, Session } from './scene/types';

export interface SaveResult {
  savedAt: string;
}

/** Opens a map; `current` is its latest session. */
export const openMap = (id: string) => call<MapView>('open_map', { id });

/** Replaces the latest session's content. Durable when the promise resolves. */
export const saveMap = (id: string, rings: readonly Ring[], session: Session) =>
  call<SaveResult>('save_map', { id, rings, session });

/** Adds a new dated session, copied from the latest one. */
export const startSession = (id: string) => call<MapView>('start_session', { id });

/** An earlier session, for looking back (read-only). */
export const getSession = (id: string, index: number) => call<Session>('get_session', { id, index });
