// Shared set-up for the UI suite: serve the mockIPC build of the UI on loopback and drive it
// with Debian's Chromium through playwright-core (no browser download, no network).
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = `${root}/tests/artifacts/ui`;

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the preview server and a browser; returns helpers and a `close()`. */
export async function startUi() {
  mkdirSync(artifacts, { recursive: true });
  const server = await preview({
    configFile: `${root}/ui/vite.config.ts`,
    mode: 'mockipc',
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const base = server.resolvedUrls?.local?.[0];
  if (!base) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });

  async function open(query = '', options = {}) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(`${base}${query}`);
    return { page, context, problems };
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }

  return { open, close, base };
}

/** Fails the test with a readable list if axe-core finds any accessibility violation. */
export async function expectNoAxeViolations(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}
