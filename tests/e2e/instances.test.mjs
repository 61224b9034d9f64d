// One Peer Map per data folder, in the real app under one D-Bus session: two copies on
// different folders run side by side; a second start on the same folder hands over to the
// first and exits without touching the vault (or, when it cannot reach the first, says "Peer
// Map is already open" in a small window, answered with xdotool); and `peermap sweep` leaves
// the open app's vault alone (exit 6).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appBinary, launchApp } from './harness.mjs';

const PASS = 'harbour pebble violet crane';
let first;
let other;
after(async () => {
  await other?.quit();
  await first?.quit();
});

/** Every file under `dir` with its size and modification time, to show nothing changed. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = `${s.size}@${s.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

/** Start the binary directly (not under WebDriver) on `dataDir`; `done` resolves with how it ended. */
function startCopy(dataDir, env = {}) {
  const child = spawn(appBinary, [], {
    env: { ...process.env, ...env, PEERMAP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second copy did not finish:\n${stderr}`));
    }, 60000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
  return { child, done };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The ids of the visible windows titled "Peer Map". */
function peerMapWindows() {
  const found = spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^Peer Map$'], { encoding: 'utf8' });
  return found.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/**
 * Press OK in the one "Peer Map" window that was not there before (`known`), as a person
 * would (xdotool; the open app's own window has the same title).
 */
async function pressOkInNewWindow(known) {
  let id;
  for (let i = 0; i < 150 && !id; i++) {
    id = peerMapWindows().find((w) => !known.includes(w));
    if (!id) await sleep(200);
  }
  assert.ok(id, 'no "Peer Map is already open" window appeared');
  execFileSync('xdotool', ['windowfocus', '--sync', id]);
  await sleep(300);
  execFileSync('xdotool', ['key', 'Return']);
}

test('two copies on different data folders run side by side under one D-Bus session', async () => {
  first = await launchApp();
  other = await launchApp();
  await first.waitForText('h1', 'Welcome to Peer Map');
  await other.waitForText('h1', 'Welcome to Peer Map');
  await other.quit();
  other = undefined;
});

test('a second start on the same data folder hands over to the first and exits, touching nothing', async () => {
  await first.createVault(PASS);
  const before = snapshot(first.dataDir);
  const second = await startCopy(first.dataDir).done;
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(snapshot(first.dataDir), before);
  // The first copy is still open and working.
  await first.createMap('After the second start', 'To see who helps.');
});

test('a second start that cannot reach the first says Peer Map is already open and touches nothing', async () => {
  const before = snapshot(first.dataDir);
  // No session bus for it, so it cannot find the first copy: the data folder's lock stops it.
  const known = peerMapWindows();
  const { done } = startCopy(first.dataDir, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/peermap-test-bus' });
  await pressOkInNewWindow(known);
  const second = await done;
  assert.equal(second.code, 6, second.stderr);
  assert.match(second.stderr, /Peer Map is already open on this computer, so it cannot open a second time\./);
  assert.deepEqual(snapshot(first.dataDir), before);
});

test('peermap sweep while the app is open does nothing and exits 6; status still answers', () => {
  const before = snapshot(first.dataDir);
  const sweep = spawnSync(appBinary, ['sweep', '--data-dir', first.dataDir], { encoding: 'utf8' });
  assert.equal(sweep.status, 6, sweep.stderr);
  assert.equal(sweep.stdout.trim(), 'Peer Map is open on this computer. It destroys expired maps itself while it runs, so this sweep did nothing.');
  assert.deepEqual(snapshot(first.dataDir), before);
  const status = spawnSync(appBinary, ['status', '--data-dir', first.dataDir], { encoding: 'utf8' });
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /maps held: 1/);
});

test('once the app has closed, peermap sweep runs again', async () => {
  await first.quit();
  const dataDir = first.dataDir;
  first = undefined;
  const sweep = spawnSync(appBinary, ['sweep', '--data-dir', dataDir], { encoding: 'utf8' });
  assert.equal(sweep.status, 0, sweep.stderr);
  assert.equal(sweep.stdout.trim(), '0 expired maps destroyed');
});
