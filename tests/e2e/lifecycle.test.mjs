// Retention in the real app: a map made "in the past" (under libfaketime) is destroyed by the
// start-up sweep of a later start (also under libfaketime) before anyone unlocks, and `peermap status` counts its tombstone. Then a map
// is deleted by hand from the list.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { By, appBinary, freshDataDir, launchApp } from './harness.mjs';
import { canary, scanFor } from './scan.mjs';

const FAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const PASS = 'maple kettle orbit lantern';
const dataDir = freshDataDir();
const home = freshDataDir('peermap-home-');
const oldLabel = canary('Old');
let app;
after(async () => { await app?.quit(); });

const mapFiles = () => (existsSync(join(dataDir, 'maps')) ? readdirSync(join(dataDir, 'maps')).filter((f) => f.endsWith('.age')) : []);
const status = () => execFileSync(appBinary, ['status', '--data-dir', dataDir], { encoding: 'utf8' });

test('a draft made in 2020 (faketime) exists until the app starts again', { skip: !existsSync(FAKETIME) && 'faketime not installed' }, async () => {
  app = await launchApp({ dataDir, home, env: { LD_PRELOAD: FAKETIME, FAKETIME: '@2020-01-01 10:00:00' } });
  await app.createVault(PASS);
  await app.createMap(oldLabel, 'To see who helps.');
  await app.quit();
  app = undefined;
  assert.equal(mapFiles().length, 1);
  assert.match(status(), /next destruction: 2020-01-08T10:0\d:\d\d(\.\d+)?Z/);
});

test('the next start destroys it before unlock; the list is empty after unlock', { skip: !existsSync(FAKETIME) && 'faketime not installed' }, async () => {
  // Started again three weeks later, after the draft's 7 days: within the 45 days a sweep
  // trusts the clock for (a jump of years would keep it and ask; see clock_jump tests).
  app = await launchApp({ dataDir, home, env: { LD_PRELOAD: FAKETIME, FAKETIME: '@2020-01-22 10:00:00' } });
  await app.waitForText('h1', 'Unlock Peer Map');
  // Swept before anyone typed a passphrase.
  assert.equal(mapFiles().length, 0);
  const s = status();
  assert.match(s, /maps held: 0/);
  assert.match(s, /retention_expired: 1/);
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
  await app.waitForText('main', 'No maps yet');
  const cards = await app.driver.findElements(By.css('li.map'));
  assert.equal(cards.length, 0);
  await app.quit();
  app = undefined;
  // Nothing of it anywhere: data folder (WAL included) and the WebView's own storage.
  assert.deepEqual(scanFor([oldLabel], dataDir, home).hits, []);
});

test('deleting one map from the list destroys it for good', async () => {
  const dir = freshDataDir();
  const label = canary('Del');
  app = await launchApp({ dataDir: dir, home: freshDataDir('peermap-home-') });
  await app.createVault(PASS);
  await app.createMap(label, 'To see who helps.');
  assert.equal(readdirSync(join(dir, 'maps')).filter((f) => f.endsWith('.age')).length, 1);
  await app.click(`Delete ${label}`);
  await app.waitForText('li.map', 'Delete this map for good');
  await app.click('Delete for good');
  await app.waitForText('main', 'No maps yet');
  await app.quit();
  app = undefined;
  assert.equal(readdirSync(join(dir, 'maps')).filter((f) => f.endsWith('.age')).length, 0);
  const s = execFileSync(appBinary, ['status', '--data-dir', dir], { encoding: 'utf8' });
  assert.match(s, /deleted_by_practitioner: 1/);
  assert.deepEqual(scanFor([label], dir).hits, []);
});
