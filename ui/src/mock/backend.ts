// The Playwright suite's backend, used ONLY by the mockIPC build (`vite build --mode mockipc`).
// It holds no rules: every command goes to the real core, served on loopback by the test
// bridge (tests/bridge, reached through the preview server's `/__bridge` proxy), which runs the
// same `dispatch` as the Tauri shell. The page's session (`?session=` in its URL) picks its own
// vault in the bridge.
//
// What stays here are mirrors for tests to read, which decide nothing:
// - window.__peermapMock.calls: the command names, in order;
// - window.__peermapMapDocs: every map's stored document, refreshed from the bridge after each
//   create_map, save_map and start_session answer (before the UI sees the answer);
// - window.__peermapExport.last: what the last export_share or save_own_copy sent;
// - window.__peermapBridge.control(name, body): the bridge's control endpoints.
import { mockIPC } from '@tauri-apps/api/mocks';

interface MapDocs {
  docs: Record<string, { rings: unknown[]; versions: unknown[] }>;
  saves: { id: string; at: string }[];
}

declare global {
  interface Window {
    __peermapMock: { calls: string[] };
    __peermapMapDocs: MapDocs;
    __peermapExport: { last: { cmd: string; args: Record<string, unknown> } | null };
    __peermapBridge: { session: string; control: (name: string, body?: unknown) => Promise<unknown> };
  }
}

/** Commands after whose answer the document mirror is refreshed. */
const CHANGES_DOCS = new Set(['create_map', 'save_map', 'start_session']);
/** Commands whose arguments are kept for tests to check. */
const KEEPS_ARGS = new Set(['export_share', 'save_own_copy']);
/** Control endpoints that only read. */
const READS = new Set(['files', 'docs']);

/** A copy of a command's arguments for the mirror: decoded if they came as bytes. */
function readable(body: Uint8Array | Record<string, unknown>): Record<string, unknown> {
  if (!(body instanceof Uint8Array)) return structuredClone(body);
  return JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
}

export function installMockBackend(): void {
  const session = new URLSearchParams(location.search).get('session') ?? 'default';

  /**
   * One request to the bridge; a 4xx answer is thrown as the `{code, message}` it holds. Bytes
   * (what the UI's `call` sends) go as they are, so the bridge sizes and parses them as the
   * Tauri shell does; anything else (a test's own set-up) is sent as JSON text.
   */
  async function bridge(path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`/__bridge${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'x-peermap-session': session },
      body: body === undefined ? undefined : body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    if (!response.ok) throw answer;
    return answer;
  }

  const control = (name: string, body?: unknown) =>
    bridge(`/control/${name}`, READS.has(name) ? undefined : (body ?? {}));

  window.__peermapMock = { calls: [] };
  window.__peermapMapDocs = { docs: {}, saves: [] };
  window.__peermapExport = { last: null };
  window.__peermapBridge = { session, control };

  mockIPC(async (cmd, args) => {
    window.__peermapMock.calls.push(cmd);
    const body = args instanceof Uint8Array ? args : ((args ?? {}) as Record<string, unknown>);
    if (KEEPS_ARGS.has(cmd)) window.__peermapExport.last = { cmd, args: readable(body) };
    const answer = await bridge(`/invoke/${cmd}`, body);
    if (CHANGES_DOCS.has(cmd)) {
      // A locked vault has no documents to show; the mirror keeps what it last saw.
      try { window.__peermapMapDocs = (await control('docs')) as MapDocs; } catch { /* kept */ }
    }
    return answer;
  });
}
