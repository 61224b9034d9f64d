// Shared set-up for the UI suite: the test bridge (the real core on loopback, see
// tests/bridge), the mockIPC build of the UI served on loopback with `/__bridge` proxied to
// the bridge, and Debian's Chromium driven through playwright-core (no browser download, no
// network). Every page opened gets its own session, so its own vault.
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = `${root}/tests/artifacts/ui`;
export const fixtures = `${root}/tests/fixtures`;

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const BRIDGE_BIN = `${process.env.CARGO_TARGET_DIR ?? `${homedir()}/.cache/peermap/target`}/release/peermap-test-bridge`;

/**
 * Starts the bridge binary (built by `cargo build --release -p peermap-test-bridge`) and
 * resolves to `{ port, url, control(session, name, body), stop() }`. It exits by itself when
 * this process ends (it watches its stdin).
 */
export async function startBridge() {
  if (!existsSync(BRIDGE_BIN)) {
    throw new Error(`${BRIDGE_BIN} is missing: run cargo build --release --workspace --features peermap/custom-protocol --bins`);
  }
  const child = spawn(BRIDGE_BIN, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the test bridge exited (${code}) before it listened`)));
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = /PORT (\d+)/.exec(seen);
      if (m) resolve(Number(m[1]));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  async function control(session, name, body) {
    const read = name === 'files' || name === 'docs';
    const response = await fetch(`${url}/control/${name}`, {
      method: read ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'x-peermap-session': session },
      body: read ? undefined : JSON.stringify(body ?? {}),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`bridge ${name}: ${answer.code}: ${answer.message}`);
    return answer;
  }
  async function stop() {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
  }
  return { port, url, control, stop };
}

/** Starts the bridge, the preview server and a browser; returns helpers and a `close()`. */
export async function startUi({ outDir } = {}) {
  mkdirSync(artifacts, { recursive: true });
  const bridge = await startBridge();
  const server = await preview({
    configFile: `${root}/ui/vite.config.ts`,
    mode: 'mockipc',
    logLevel: 'silent',
    ...(outDir ? { build: { outDir } } : {}),
    preview: {
      host: '127.0.0.1', port: 0, strictPort: false, open: false,
      proxy: { '/__bridge': { target: bridge.url, rewrite: (path) => path.replace(/^\/__bridge/, '') } },
    },
  });
  const base = server.resolvedUrls?.local?.[0];
  if (!base) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });

  /**
   * A new page on a new session: a locked vault (passphrase `correct horse battery staple`)
   * if the query says `vault=locked`, else no vault. `page.bridge(name, body)` calls a
   * control endpoint for this page's session.
   */
  async function open(query = '', options = {}) {
    const session = randomUUID();
    const params = new URLSearchParams(query.replace(/^\?/, ''));
    await bridge.control(session, 'reset', { vault: params.get('vault') === 'locked' ? 'locked' : 'absent' });
    params.set('session', session);
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      // A command the core refused answers 400, which Chromium logs; the UI handles it.
      const refused = m.text().includes('status of 400') && m.location().url.includes('/__bridge/invoke/');
      if (m.type() === 'error' && !refused) problems.push(m.text());
    });
    page.bridge = (name, body) => bridge.control(session, name, body);
    await page.goto(`${base}?${params}`);
    return { page, context, problems, session };
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
    await bridge.stop();
  }

  return { open, close, base, bridge };
}

/** Calls a command on the page's session through the page's own IPC (as the UI does). */
export function invoke(page, cmd, args = {}) {
  return page.evaluate(([cmd, args]) => window.__TAURI_INTERNALS__.invoke(cmd, args), [cmd, args]);
}

/** Fails the test with a readable list if axe-core finds any accessibility violation. */
export async function expectNoAxeViolations(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}
