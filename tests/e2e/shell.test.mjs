// The app starts for real, shows its first screen, answers a command, keeps to its security
// baseline, and its headless entry works with no display at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appBinary, launchApp } from './harness.mjs';

let app;
before(async () => { app = await launchApp(); });
after(async () => { await app?.quit(); });

test('the window opens on the welcome screen, filled in by a real command', async () => {
  await app.waitForText('h1', 'Welcome to Peer Map');
  // The version line is only drawn after the app_info command answered from Rust.
  await app.waitForText('.version', 'v0.1.0');
  await app.screenshot('welcome');
});

test('the page has no global Tauri object and cannot leave the app', async () => {
  const globals = await app.driver.executeScript('return typeof window.__TAURI__');
  assert.equal(globals, 'undefined');
  const before = await app.driver.getCurrentUrl();
  await app.driver.executeScript("window.location.href = 'https://example.com/'");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await app.driver.getCurrentUrl(), before);
  await app.find('h1');
});

test('peermap --version works with no display', () => {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const out = spawnSync(appBinary, ['--version'], { env, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /^peermap \d+\.\d+\.\d+/);
});

test('commands travel as raw bytes over the ipc custom protocol; oversize and object bodies are refused', async () => {
  const result = await app.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const seen = [];
    const realFetch = window.fetch;
    window.fetch = (url, init) => {
      const entry = { url: String(url), raw: init && init.body instanceof Uint8Array, ok: null };
      seen.push(entry);
      return realFetch(url, init).then((r) => { entry.ok = r.headers.get('Tauri-Response'); return r; }, (e) => { entry.ok = 'failed'; throw e; });
    };
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const bytes = (o) => new TextEncoder().encode(JSON.stringify(o));
    const settle = (p) => p.then((v) => ({ ok: v }), (e) => ({ err: e }));
    (async () => {
      const info = await settle(invoke('app_info', bytes({})));
      const big = await settle(invoke('passphrase_strength', new Uint8Array(5 * 1024 * 1024).fill(123)));
      const object = await settle(invoke('app_info', {}));
      window.fetch = realFetch;
      done({ info, big, object, seen });
    })();
  `);
  assert.equal(result.info.ok?.version, '0.1.0', JSON.stringify(result.info));
  assert.equal(result.big.err?.code, 'invalid_input');
  assert.match(result.big.err?.message ?? '', /too large/);
  assert.equal(result.object.err?.code, 'invalid_input');
  assert.match(result.object.err?.message ?? '', /could not read/);
  // Each call went through Tauri's ipc:// custom protocol (so the body reached Rust as raw
  // bytes), none fell back to postMessage.
  assert.equal(result.seen.length, 3, JSON.stringify(result.seen));
  assert.ok(result.seen.every((c) => /^(ipc:|http:\/\/ipc\.localhost)/.test(c.url)), JSON.stringify(result.seen));
  assert.deepEqual(result.seen.map((c) => c.raw), [true, true, false]);
  assert.deepEqual(result.seen.map((c) => c.ok), ['ok', 'error', 'error']);
});
