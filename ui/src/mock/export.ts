// The export and receiving commands for the Playwright suite's fake backend (see backend.ts).
// Shares and disclosures live on the consent mock's records (window.__peermapRecords), so a
// share agreed through the consent screens is the one offered here. The native dialogs are
// imitated by `window.__peermapExport.dialog`: 'choose' (default) or 'cancel'.
import type { MapRecord } from '../lib/lifecycleApi';

interface ExportMockState {
  vault: 'absent' | 'locked' | 'unlocked';
}

interface ExportMock {
  dialog: 'choose' | 'cancel';
  receivingKey: string | null;
  /** What the last export or own copy received, for tests to check. */
  last: { cmd: string; args: Record<string, unknown> } | null;
}

declare global {
  interface Window {
    __peermapExport: ExportMock;
  }
}

/** The words of the one passphrase-protected copy the mock can "open". */
export const MOCK_COPY_WORDS = 'lantern pebble orchard velvet harbour meadow';

const fail = (code: string, message: string): never => {
  throw { code, message };
};

function mock(): ExportMock {
  window.__peermapExport ??= { dialog: 'choose', receivingKey: null, last: null };
  return window.__peermapExport;
}

function record(state: ExportMockState, id: string): MapRecord {
  if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
  return window.__peermapRecords?.[id] ?? fail('not_found', 'That map could not be found. It may have been destroyed.');
}

function activeShare(r: MapRecord, shareId: string) {
  if (r.isDraft) fail('consent_required', "This map hasn't been agreed to keep yet, so it can't be shared.");
  const share = r.shares.find((s) => s.id === shareId) ?? fail('consent_required', "The young person hasn't agreed to share this map with that recipient.");
  if (share.status !== 'active') fail('consent_required', 'This share is no longer active, so nothing can go to that recipient.');
  return share;
}

// A small drawing standing in for the rendered map.
const PICTURE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#fff"/>'
  + '<circle cx="50" cy="50" r="45" fill="none" stroke="#888"/><circle cx="50" cy="50" r="25" fill="none" stroke="#888"/>'
  + '<circle cx="50" cy="50" r="6" fill="#2b6cb0"/></svg>',
)}`;

const PEOPLE = [
  { id: 't1', label: '1. JB' },
  { id: 't2', label: '2. older cousin' },
  { id: 't3', label: '3. K' },
];
const NOTES = [{ id: 'n1', label: 'Feels safest with the coach' }];

/** Answers an export command, or returns `undefined` if `cmd` is not one of them. */
export function exportCommand(state: ExportMockState, cmd: string, args: Record<string, unknown>): unknown {
  const id = String(args.id ?? '');
  const m = mock();
  switch (cmd) {
    case 'export_status': {
      const r = record(state, id);
      const done = r.disclosures.filter((d) => d.status === 'written' || d.status === 'exported').map((d) => d.at).sort();
      const last = done.at(-1) ?? null;
      return {
        isDraft: r.isDraft,
        shares: r.shares.map((s) => ({
          id: s.id, role: s.role, team: s.team, purpose: s.purpose, status: s.status,
          hasKey: Boolean(s.ageRecipient), expiresAt: s.expiresAt,
        })),
        disclosures: [...r.disclosures].reverse(),
        lastSharedAt: last,
        changedSinceLastShared: last !== null && r.updatedAt > last,
      };
    }
    case 'export_preview': {
      const r = record(state, id);
      const share = activeShare(r, String(args.shareId));
      const excluded = (args.excluded ?? {}) as { tokenIds?: string[]; noteIds?: string[] };
      const people = PEOPLE.filter((p) => !excluded.tokenIds?.includes(p.id));
      return {
        // Leaving someone out shortens the copy by a page, as a shorter legend would.
        pages: people.length === PEOPLE.length ? [PICTURE, PICTURE, PICTURE] : [PICTURE, PICTURE],
        people: PEOPLE.map((p) => ({ ...p, excluded: Boolean(excluded.tokenIds?.includes(p.id)) })),
        notes: NOTES.map((n) => ({ ...n, excluded: Boolean(excluded.noteIds?.includes(n.id)) })),
        destroyBy: new Date(Date.now() + 90 * 864e5).toISOString(),
        hasKey: Boolean(share.ageRecipient),
      };
    }
    case 'export_share': {
      const r = record(state, id);
      const share = activeShare(r, String(args.shareId));
      if (args.protection === 'recipient' && !share.ageRecipient) {
        fail('invalid_input', 'No encryption key is saved for this recipient. Use a passphrase instead, or add their key to the share.');
      }
      if (m.dialog === 'cancel') return { cancelled: true, words: null, sha256: null, recordCompleted: true };
      m.last = { cmd, args: JSON.parse(JSON.stringify(args)) as Record<string, unknown> };
      const sha256 = 'ab'.repeat(32);
      r.disclosures.push({ at: new Date().toISOString(), shareId: share.id, role: share.role, team: share.team, status: 'written', sha256 });
      share.exports += 1;
      return {
        cancelled: false,
        words: args.protection === 'passphrase' ? MOCK_COPY_WORDS.split(' ') : null,
        sha256,
        recordCompleted: true,
      };
    }
    case 'save_own_copy':
      record(state, id);
      if (m.dialog === 'cancel') return false;
      m.last = { cmd, args: JSON.parse(JSON.stringify(args)) as Record<string, unknown> };
      return true;
    case 'receiving_key':
      if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
      if (args.create && !m.receivingKey) m.receivingKey = `age1${'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.repeat(2).slice(0, 58)}`;
      return m.receivingKey;
    case 'open_shared_copy': {
      if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
      if (m.dialog === 'cancel') return { outcome: 'picked' };
      const words = args.passphrase;
      if (typeof words === 'string') {
        const plain = words.trim().toLowerCase().split(/\s+/).join(' ');
        if (plain !== MOCK_COPY_WORDS) fail('invalid_input', 'Those words did not open the copy. Check them with whoever sent it and try again.');
        return { outcome: 'saved' };
      }
      if (!m.receivingKey) fail('invalid_input', "You don't have a receiving key yet, so copies encrypted to a key can't be opened here. Create one in Settings first.");
      return { outcome: 'saved' };
    }
    default:
      return undefined;
  }
}
