// The map commands, as the editor calls them. Session content travels with the document's
// own snake_case field names; everything else is camelCase like the other commands.
import * as commands from '$bindings/commands';
import type { Ring, Session } from './scene/types';

export type { MapView, Ring, Session } from './scene/types';
export type { Saved as SaveResult } from '$bindings/Saved';

/** Opens a map; `current` is its latest session. */
export const openMap = (id: string) => commands.openMap({ id });

/** Replaces the latest session's content. Durable when the promise resolves. */
export const saveMap = (id: string, rings: readonly Ring[], session: Session) =>
  commands.saveMap({ id, rings: [...rings], session });

/** Adds a new dated session, copied from the latest one. */
export const startSession = (id: string) => commands.startSession({ id });

/** An earlier session, for looking back (read-only). */
export const getSession = (id: string, index: number) => commands.getSession({ id, index });
