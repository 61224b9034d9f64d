// The consent, sharing and retention commands for the Playwright suite's fake backend
// (see backend.ts). Records live in memory per map and follow the Rust rules that the UI
// relies on: a "yes" needs the explanation first, a "no" destroys the draft, shares need a
// kept map, withdrawing keep destroys the map, extensions are capped and need a reason.
import type { MapSummary } from '../lib/ipc';
import type { MapRecord } from '../lib/lifecycleApi';
import { addMonths } from '../lib/lifecycleApi';

export interface ConsentMockState {
  vault: 'absent' | 'locked' | 'unlocked';
  maps: MapSummary[];
  defaultRetentionMonths: number;
  maxRetentionMonths: number;
}

declare global {
  interface Window {
    __peermapRecords: Record<string, MapRecord>;
  }
}

const fail = (code: string, message: string): never => {
  throw { code, message };
};

function records(): Record<string, MapRecord> {
  window.__peermapRecords ??= {};
  return window.__peermapRecords;
}

function recordOf(state: ConsentMockState, id: string): MapRecord {
  if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
  const summary = state.maps.find((m) => m.id === id) ?? fail('not_found', 'That map could not be found. It may have been destroyed.');
  const store = records();
  store[id] ??= {
    id, label: summary.label, purpose: '', isDraft: true, sessionCount: 1,
    lastSessionAt: summary.lastSessionAt, updatedAt: summary.lastSessionAt,
    explainedAt: null, keep: null, lawfulBasis: null, shares: [], history: [],
    retention: { until: summary.retainUntil, daysLeft: summary.daysLeft, policy: 'draft', latestAllowed: null, extensions: [] },
    disclosures: [],
  };
  return store[id]!;
}

const daysLeft = (until: string) => Math.floor((Date.parse(until) - Date.now()) / 864e5);

function setUntil(state: ConsentMockState, r: MapRecord, until: string) {
  r.retention.until = until;
  r.retention.daysLeft = daysLeft(until);
  const summary = state.maps.find((m) => m.id === r.id);
  if (summary) { summary.retainUntil = until; summary.daysLeft = r.retention.daysLeft; summary.isDraft = r.isDraft; }
}

function destroy(state: ConsentMockState, id: string) {
  state.maps = state.maps.filter((m) => m.id !== id);
  delete records()[id];
}

/** Answers a consent command, or returns `undefined` if `cmd` is not one of them. */
export function consentCommand(state: ConsentMockState, cmd: string, args: Record<string, unknown>): unknown {
  const id = String(args.id ?? '');
  const now = new Date().toISOString();
  switch (cmd) {
    case 'map_record':
      return structuredClone(recordOf(state, id));
    case 'record_explained': {
      const r = recordOf(state, id);
      if (!args.confidentiality || !args.storageAndAccess) fail('invalid_input', 'Explain both before drawing.');
      r.explainedAt = now;
      r.history.push({ at: now, event: 'explained', share: null });
      return structuredClone(r);
    }
    case 'decide_keep': {
      const r = recordOf(state, id);
      const d = args.decision as { agreed: boolean; by: 'young_person' | 'parent_carer'; byReason?: string | null; understandingNote?: string | null; lawfulBasis?: string | null };
      if (!r.isDraft) fail('invalid_input', 'The young person has already agreed to this map being kept.');
      if (d.by === 'parent_carer' && !d.byReason?.trim()) fail('invalid_input', 'Say why a parent or carer gave the answer instead of the young person.');
      if (!d.agreed) { destroy(state, id); return { kept: false, record: null }; }
      if (!r.explainedAt) fail('consent_required', 'Record that confidentiality and storage were explained before the map is kept.');
      r.isDraft = false;
      r.keep = { agreed: true, by: d.by, byReason: d.byReason ?? null, understandingNote: d.understandingNote ?? null, at: now };
      r.lawfulBasis = d.lawfulBasis ?? null;
      r.retention.policy = 'default';
      r.retention.latestAllowed = addMonths(new Date(r.lastSessionAt), state.maxRetentionMonths).toISOString();
      r.history.push({ at: now, event: 'keep_agreed', share: null });
      setUntil(state, r, addMonths(new Date(), state.defaultRetentionMonths).toISOString());
      return { kept: true, record: structuredClone(r) };
    }
    case 'add_share': {
      const r = recordOf(state, id);
      const s = args.share as { role: string; team: string; purpose: string; ageRecipient?: string | null; endsOn?: string | null };
      if (r.isDraft) fail('consent_required', 'The young person has not agreed to this map being kept, so this cannot be done yet.');
      if (!s.role.trim() || !s.team.trim() || !s.purpose.trim()) fail('invalid_input', 'Give the role, team and purpose.');
      if (s.ageRecipient && !/^age1[02-9ac-hj-np-z]{58}$/.test(s.ageRecipient)) {
        fail('invalid_input', 'That is not a valid age public key. It should start with age1 and be copied exactly as the recipient gave it.');
      }
      const shareId = crypto.randomUUID().replaceAll('-', '');
      r.shares.push({
        id: shareId, role: s.role.trim(), team: s.team.trim(), ageRecipient: s.ageRecipient ?? null, purpose: s.purpose.trim(),
        agreedAt: now, expiresAt: s.endsOn ? `${s.endsOn}T23:59:59Z` : null, withdrawnAt: null, status: 'active', exports: 0,
      });
      r.history.push({ at: now, event: 'share_added', share: `${s.role.trim()} (${s.team.trim()})` });
      return structuredClone(r);
    }
    case 'withdraw_share': {
      const r = recordOf(state, id);
      const share = r.shares.find((s) => s.id === args.shareId) ?? fail('not_found', 'There is no such share.');
      if (share.withdrawnAt) fail('invalid_input', 'This share has already been withdrawn.');
      share.withdrawnAt = now;
      share.status = 'withdrawn';
      r.history.push({ at: now, event: 'share_withdrawn', share: `${share.role} (${share.team})` });
      return { record: structuredClone(r), earlierExports: r.disclosures.filter((d) => d.shareId === share.id) };
    }
    case 'withdraw_keep': {
      const r = recordOf(state, id);
      if (r.isDraft) fail('invalid_input', 'This map has not been kept, so there is no agreement to withdraw.');
      destroy(state, id);
      return null;
    }
    case 'extend_retention': {
      const r = recordOf(state, id);
      if (r.isDraft) fail('consent_required', 'The young person has not agreed to this map being kept, so this cannot be done yet.');
      if (!String(args.reason ?? '').trim()) fail('invalid_input', 'Give a reason for keeping the map longer, in 1 to 500 characters.');
      const until = `${String(args.until)}T00:00:00Z`;
      if (Date.parse(until) <= Date.parse(r.retention.until)) fail('invalid_input', 'The new date must be later than the date the map is now due to be destroyed.');
      if (r.retention.latestAllowed && Date.parse(until) > Date.parse(r.retention.latestAllowed)) {
        fail('invalid_input', `A map can be kept for at most ${state.maxRetentionMonths} months after its last session.`);
      }
      r.retention.extensions.push({ at: now, until, reason: String(args.reason).trim() });
      setUntil(state, r, until);
      return structuredClone(r);
    }
    default:
      return undefined;
  }
}
