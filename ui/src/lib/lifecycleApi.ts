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

// ---- the map's page: consent, shares, retention (issue 5) ----------------------------------

export type ConsentBy = 'young_person' | 'parent_carer';
export type ShareStatus = 'active' | 'expired' | 'withdrawn';

export interface KeepView {
  agreed: boolean;
  by: ConsentBy;
  byReason: string | null;
  understandingNote: string | null;
  at: string;
}

export interface ShareView {
  id: string;
  role: string;
  team: string;
  ageRecipient: string | null;
  purpose: string;
  agreedAt: string;
  expiresAt: string | null;
  withdrawnAt: string | null;
  status: ShareStatus;
  exports: number;
}

export interface DisclosureView {
  at: string;
  shareId: string;
  role: string;
  team: string;
  status: string;
  sha256: string | null;
}

export interface MapRecord {
  id: string;
  label: string;
  purpose: string;
  isDraft: boolean;
  sessionCount: number;
  lastSessionAt: string;
  updatedAt: string;
  explainedAt: string | null;
  keep: KeepView | null;
  lawfulBasis: string | null;
  shares: ShareView[];
  history: { at: string; event: string; share: string | null }[];
  retention: {
    until: string;
    daysLeft: number;
    policy: string;
    latestAllowed: string | null;
    extensions: { at: string; until: string; reason: string }[];
  };
  disclosures: DisclosureView[];
}

export interface KeepInput {
  agreed: boolean;
  by: ConsentBy;
  byReason?: string | null;
  understandingNote?: string | null;
  lawfulBasis?: string | null;
}

export interface ShareInput {
  role: string;
  team: string;
  ageRecipient?: string | null;
  purpose: string;
  /** YYYY-MM-DD: the share lasts to the end of that day. */
  endsOn?: string | null;
}

export const mapRecord = (id: string) => call<MapRecord>('map_record', { id });

/** Both must be true: the limits of confidentiality, and where the map is kept and who can see it. */
export const recordExplained = (id: string) =>
  call<MapRecord>('record_explained', { id, confidentiality: true, storageAndAccess: true });

/** Yes: the map is kept (its new record comes back). No: the draft is destroyed at once. */
export const decideKeep = (id: string, decision: KeepInput) =>
  call<{ kept: boolean; record: MapRecord | null }>('decide_keep', { id, decision });

export const addShare = (id: string, share: ShareInput) => call<MapRecord>('add_share', { id, share });

/** Withdraws a share at once; lists the exports already made to that recipient. */
export const withdrawShare = (id: string, shareId: string) =>
  call<{ record: MapRecord; earlierExports: DisclosureView[] }>('withdraw_share', { id, shareId });

/** The young person takes back "keep a copy": every share is withdrawn and the map destroyed. */
export const withdrawKeep = (id: string) => call<void>('withdraw_keep', { id });

/** Keep the map until the start of `until` (YYYY-MM-DD), for a reason. */
export const extendRetention = (id: string, until: string, reason: string) =>
  call<MapRecord>('extend_retention', { id, until, reason });

/** `at` plus whole calendar months, the day clamped to the end of a shorter month (as in Rust). */
export function addMonths(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), last));
  return target;
}

/** YYYY-MM-DD of an instant, in UTC. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The dates a practitioner can extend a map to: whole months after its current date, up to
 * the latest the settings allow (which is always offered last).
 */
export function extensionChoices(until: string, latestAllowed: string | null): string[] {
  if (!latestAllowed) return [];
  const from = new Date(until);
  const cap = new Date(latestAllowed);
  const days: string[] = [];
  for (const months of [1, 3, 6, 12, 24]) {
    const d = addMonths(from, months);
    const day = isoDay(d);
    // Rust reads the day as its start (00:00 UTC), which must stay within the cap.
    if (Date.parse(`${day}T00:00:00Z`) <= cap.getTime()) days.push(day);
  }
  const capDay = isoDay(cap);
  if (Date.parse(`${capDay}T00:00:00Z`) > from.getTime() && !days.includes(capDay)) days.push(capDay);
  return days;
}
