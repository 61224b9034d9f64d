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
