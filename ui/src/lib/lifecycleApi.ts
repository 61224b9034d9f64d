// Commands for consent, retention and destruction, as the screens call them. Every date and
// choice shown (days left, extension days, share lengths, warnings) comes computed from the
// core in MapRecord / MapSummary; nothing here does date arithmetic.
import * as commands from '$bindings/commands';
import type { KeepInput } from '$bindings/KeepInput';
import type { ShareInput } from '$bindings/ShareInput';

export type { ConsentBy } from '$bindings/ConsentBy';
export type { ShareStatus } from '$bindings/ShareStatus';
export type { KeepView } from '$bindings/KeepView';
export type { ShareView } from '$bindings/ShareView';
export type { DisclosureView } from '$bindings/DisclosureView';
export type { MapRecord } from '$bindings/MapRecord';
export type { KeepInput } from '$bindings/KeepInput';
export type { ShareInput } from '$bindings/ShareInput';

/** Destroy one map (tombstone reason `deleted_by_practitioner`). */
export const deleteMap = (id: string) => commands.deleteMap({ id });

/** Destroy every map at once; resolves to how many were destroyed. */
export const deleteEverything = () => commands.deleteEverything();

export const mapRecord = (id: string) => commands.mapRecord({ id });

/** Both must be true: the limits of confidentiality, and where the map is kept and who can see it. */
export const recordExplained = (id: string) =>
  commands.recordExplained({ id, confidentiality: true, storageAndAccess: true });

/** Yes: the map is kept (its new record comes back). No: the draft is destroyed at once. */
export const decideKeep = (id: string, decision: KeepInput) => commands.decideKeep({ id, decision });

export const addShare = (id: string, share: ShareInput) => commands.addShare({ id, share });

/** Withdraws a share at once; lists the exports already made to that recipient. */
export const withdrawShare = (id: string, shareId: string) => commands.withdrawShare({ id, shareId });

/** The young person takes back "keep a copy": every share is withdrawn and the map destroyed. */
export const withdrawKeep = (id: string) => commands.withdrawKeep({ id });

/** Keep the map until the start of `until` (YYYY-MM-DD), for a reason. */
export const extendRetention = (id: string, until: string, reason: string) =>
  commands.extendRetention({ id, until, reason });
