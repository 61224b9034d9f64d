// Commands for consent, retention and destruction (issue 5). Every call goes through `call`,
// so failures arrive as AppError with one of the shared codes.
import { call } from './ipc';

/** Destroy one map (tombstone reason `deleted_by_practitioner`). */
export const deleteMap = (id: string) => call<void>('delete_map', { id });

/** Destroy every map at once; resolves to how many were destroyed. */
export const deleteEverything = () => call<number>('delete_everything');

/** Which retention warning a map's card shows: within 7 days, within 30 days, or none. */
export function retentionWarning(daysLeft: number): 'week' | 'month' | null {
  if (daysLeft <= 7) return 'week';
  if (daysLeft <= 30) return 'month';
  return null;
}
