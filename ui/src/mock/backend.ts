// An in-page stand-in for the Rust commands, used ONLY by the Playwright suite
// (`vite build --mode mockipc`). It keeps everything in memory and imitates the real
// commands' answers and error shapes closely enough to exercise every screen. The real
// commands are tested by the Rust suite and by the real-app WebDriver suite.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { MapSummary, Strength } from '../lib/ipc';
import { consentCommand } from './consent';
import { exportCommand } from './export';

interface MockState {
  vault: 'absent' | 'locked' | 'unlocked';
  passphrase: string;
  maps: MapSummary[];
  calls: string[];
  idleLockMinutes: number;
  defaultRetentionMonths: number;
  maxRetentionMonths: number;
}

declare global {
  interface Window {
    __peermapMock: MockState;
  }
}

const fail = (code: string, message: string) => {
  throw { code, message };
};

function strength(p: string): Strength {
  const words = p.trim().split(/\s+/).filter(Boolean).length;
  const score = p.length < 12 ? 1 : words >= 4 ? 4 : words >= 3 ? 3 : 2;
  return { score, acceptable: p.length >= 12 && score >= 3, feedback: [] };
}

export function installMockBackend(): void {
  const initial = new URLSearchParams(location.search).get('vault');
  const state: MockState = {
    vault: initial === 'locked' ? 'locked' : 'absent',
    passphrase: initial === 'locked' ? 'correct horse battery staple' : '',
    maps: [],
    calls: [],
    idleLockMinutes: 5,
    defaultRetentionMonths: 12,
    maxRetentionMonths: 36,
  };
  window.__peermapMock = state;

  mockIPC((cmd, args) => {
    state.calls.push(cmd);
    const a = (args ?? {}) as Record<string, string>;
    switch (cmd) {
      case 'app_info':
        return { version: '0.0.0-mock', vault: state.vault };
      case 'passphrase_strength':
        return strength(a.passphrase ?? '');
      case 'create_vault':
        if (!strength(a.passphrase ?? '').acceptable) fail('invalid_input', 'Choose a longer passphrase.');
        state.passphrase = a.passphrase ?? '';
        state.vault = 'unlocked';
        return null;
      case 'unlock':
        if (a.passphrase !== state.passphrase) fail('wrong_passphrase', 'That passphrase did not open the vault.');
        state.vault = 'unlocked';
        return { orphanFilesRemoved: 0, missingFiles: 0, tempFilesRemoved: 0, unknownFiles: 0, catalogueRebuilt: false };
      case 'get_settings':
        return {
          idleLockMinutes: state.idleLockMinutes,
          defaultRetentionMonths: state.defaultRetentionMonths,
          maxRetentionMonths: state.maxRetentionMonths,
        };
      case 'set_settings': {
        const s = (args as { settings: { idleLockMinutes: number; defaultRetentionMonths: number; maxRetentionMonths: number } }).settings;
        if (s.idleLockMinutes < 1 || s.idleLockMinutes > 60) fail('invalid_input', 'The automatic lock must be between 1 and 60 minutes.');
        if (!(s.defaultRetentionMonths >= 1 && s.defaultRetentionMonths <= 120) || !(s.maxRetentionMonths >= 1 && s.maxRetentionMonths <= 120)) {
          fail('invalid_input', 'Retention must be between 1 and 120 months.');
        }
        if (s.maxRetentionMonths < s.defaultRetentionMonths) fail('invalid_input', 'The longest time a map can be kept cannot be shorter than the usual time.');
        state.idleLockMinutes = s.idleLockMinutes;
        state.defaultRetentionMonths = s.defaultRetentionMonths;
        state.maxRetentionMonths = s.maxRetentionMonths;
        return null;
      }
      case 'change_passphrase':
        if (a.current !== state.passphrase) fail('wrong_passphrase', 'That passphrase did not open the vault.');
        if (!strength(a.new ?? '').acceptable) fail('invalid_input', 'Choose a longer passphrase.');
        state.passphrase = a.new ?? '';
        return null;
      case 'lock':
        state.vault = 'locked';
        return null;
      case 'list_maps':
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        return state.maps;
      // ---- retention and destruction (issue 5) ----
      case 'delete_map': {
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        const before = state.maps.length;
        state.maps = state.maps.filter((m) => m.id !== a.id);
        if (state.maps.length === before) fail('not_found', 'That map could not be found. It may have been destroyed.');
        return null;
      }
      case 'delete_everything': {
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        const count = state.maps.length;
        state.maps = [];
        return count;
      }
      case 'looks_like_name':
        return /^\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u.test(a.text ?? '');
      case 'create_map': {
        const now = new Date().toISOString();
        const map: MapSummary = {
          id: crypto.randomUUID(), label: a.label ?? '', createdAt: now, lastSessionAt: now,
          retainUntil: new Date(Date.now() + 14 * 864e5).toISOString(), daysLeft: 14, isDraft: true, damaged: false,
        };
        state.maps.push(map);
        return map;
      }
      // ---- map editor (issue 4): documents kept in memory, one empty session per new map ----
      case 'open_map':
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        return mapView(state, a.id ?? '');
      case 'save_map': {
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        const doc = mapDoc(state, a.id ?? '');
        const raw = (args ?? {}) as unknown as { rings: MockRing[]; session: MockSession };
        const wrong = mockProblems(raw.rings, raw.session);
        if (wrong) fail('invalid_input', `The map could not be saved (${wrong}).`);
        const savedAt = new Date().toISOString();
        doc.rings = structuredClone(raw.rings);
        doc.versions[doc.versions.length - 1] = structuredClone(raw.session);
        mapDocs().saves.push({ id: a.id ?? '', at: savedAt });
        return { savedAt };
      }
      case 'start_session': {
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        const doc = mapDoc(state, a.id ?? '');
        const last = doc.versions[doc.versions.length - 1]!;
        doc.versions.push({ ...structuredClone(last), session_at: mockNow(doc) });
        return mapView(state, a.id ?? '');
      }
      case 'get_session': {
        if (state.vault !== 'unlocked') fail('locked', 'The vault is locked.');
        const doc = mapDoc(state, a.id ?? '');
        const index = Number((args as { index?: unknown } | undefined)?.index);
        const session = doc.versions[index];
        if (!session) fail('not_found', 'There is no session with that number.');
        return structuredClone(session);
      }
      default: {
        const answer = consentCommand(state, cmd, (args ?? {}) as Record<string, unknown>);
        if (answer !== undefined) return answer;
        const exported = exportCommand(state, cmd, (args ?? {}) as Record<string, unknown>);
        if (exported !== undefined) return exported;
        return fail('internal', `mock has no command ${cmd}`);
      }
    }
  });
}

// ---- map documents for the editor (issue 4) ------------------------------------------------
// Kept in memory only, like everything else here. Tests can read them through
// window.__peermapMapDocs to check what `save_map` received.

interface MockRing { label: string }
interface MockToken { id: string; ring: number | null; angle: number; initials?: string | null; descriptor?: string | null }
interface MockSession {
  session_at: string;
  me: { colour: string; shape: string; initials?: string | null };
  tokens: MockToken[];
  links: { a: string; b: string; kind: string }[];
  groups: { id: string; label: string; members: string[] }[];
  places: { id: string; label: string }[];
  notes: { id: string; by: string; text: string; private: boolean }[];
}
interface MockDoc { rings: MockRing[]; versions: MockSession[]; sessionClock: number }

declare global {
  interface Window {
    __peermapMapDocs: { docs: Record<string, MockDoc>; saves: { id: string; at: string }[] };
  }
}

function mapDocs(): Window['__peermapMapDocs'] {
  window.__peermapMapDocs ??= { docs: {}, saves: [] };
  return window.__peermapMapDocs;
}

function mockNow(doc: MockDoc): string {
  // Sessions a week apart, so a timeline in screenshots reads naturally.
  doc.sessionClock += 7 * 864e5;
  return new Date(doc.sessionClock).toISOString();
}

function mapDoc(state: MockState, id: string): MockDoc {
  const store = mapDocs();
  const summary = state.maps.find((m) => m.id === id);
  if (!summary) fail('not_found', 'There is no map with that id.');
  let doc = store.docs[id];
  if (!doc) {
    const start = Date.parse(summary!.createdAt);
    doc = {
      rings: ['Closest to me', 'Close', 'Around me', 'Further away'].map((label) => ({ label })),
      versions: [{
        session_at: new Date(start).toISOString(), me: { colour: 'blue', shape: 'circle', initials: null },
        tokens: [], links: [], groups: [], places: [], notes: [],
      }],
      sessionClock: start,
    };
    store.docs[id] = doc;
  }
  return doc;
}

function mapView(state: MockState, id: string) {
  const doc = mapDoc(state, id);
  const summary = state.maps.find((m) => m.id === id)!;
  return {
    id, label: summary.label, purpose: '', rings: structuredClone(doc.rings),
    sessions: doc.versions.map((v, index) => ({ index, sessionAt: v.session_at })),
    current: structuredClone(doc.versions[doc.versions.length - 1]!),
    isDraft: summary.isDraft, retainUntil: summary.retainUntil,
  };
}

/** The Rust side's save_map checks, so a UI bug shows up as a failed save in the UI suite. */
function mockProblems(rings: MockRing[], s: MockSession): string | null {
  const idOk = /^[A-Za-z0-9_-]{1,64}$/;
  if (!Array.isArray(rings) || rings.length < 3 || rings.length > 5) return 'rings';
  if (rings.some((r) => !r.label.trim() || Array.from(r.label).length > 40)) return 'ring label';
  if (s.tokens.length > 300) return 'too many tokens';
  const ids = new Set<string>();
  for (const t of s.tokens) {
    if (!idOk.test(t.id) || ids.has(t.id)) return 'token id';
    ids.add(t.id);
    if (t.initials != null && !/^\p{L}{1,3}$/u.test(t.initials)) return 'initials';
    if (t.descriptor != null && Array.from(t.descriptor).length > 60) return 'descriptor';
    if (!Number.isFinite(t.angle) || t.angle < 0 || t.angle >= 360) return 'angle';
    if (t.ring !== null && (t.ring < 0 || t.ring >= rings.length)) return 'ring index';
  }
  if (s.links.some((l) => !ids.has(l.a) || !ids.has(l.b))) return 'link';
  if (s.groups.some((g) => !idOk.test(g.id) || Array.from(g.label).length > 40 || g.members.some((m) => !ids.has(m)))) return 'group';
  if (s.notes.some((n) => !idOk.test(n.id) || Array.from(n.text).length > 4000)) return 'note';
  return null;
}
