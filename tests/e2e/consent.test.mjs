// Consent in the real app. A map the young person does not want kept is destroyed
// at the end of the session exactly as an expired one is (tombstone `not_kept`), and nothing
// of it can be found on disk. A map they agree to keep gets its agreement, a share and its
// history recorded, and all of it is there after a restart.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By, appBinary, freshDataDir, launchApp } from './harness.mjs';
import { canary, keysThatOpen, scanFor, vaultKeys } from './scan.mjs';

const PASS = 'copper lantern willow sketch';
const dataDir = freshDataDir();
const home = freshDataDir('peermap-home-');
const goneLabel = canary('Gone');
const gonePurpose = `To see who helps ${canary('after school')}`;
const goneDescriptor = canary('Nan');
const keptLabel = canary('Kept');
const aside = mkdtempSync(join(tmpdir(), 'peermap-aside-'));
let app;
after(async () => { await app?.quit(); });

const mapFiles = () => (existsSync(join(dataDir, 'maps')) ? readdirSync(join(dataDir, 'maps')).filter((f) => f.endsWith('.age')) : []);
const status = () => execFileSync(appBinary, ['status', '--data-dir', dataDir], { encoding: 'utf8' });

test("don't keep: the draft is destroyed at the end of the session, with nothing left on disk", async () => {
  app = await launchApp({ dataDir, home });
  await app.createVault(PASS);
  await app.createMap(goneLabel, gonePurpose);
  await app.openMap(goneLabel);
  // Draw someone, and wait until the drawing is durably saved in the draft.
  await (await app.find('.tray button.add')).click();
  await app.find('dialog.token-form');
  await app.fill('Or say it in your own words', goneDescriptor);
  await (await app.find('dialog.token-form button[type="submit"]')).click();
  await app.driver.wait(async () => (await app.driver.findElements(By.css('dialog.token-form'))).length === 0, 10000);
  await app.waitForText('p.save', 'Saved');
  assert.equal(mapFiles().length, 1);
  // A copy of the draft taken during the session, as a backup or a thief might.
  const copy = join(aside, 'draft-copy.age');
  copyFileSync(join(dataDir, 'maps', mapFiles()[0]), copy);
  await app.click('End session');
  await app.waitForText('h1', 'Shall I keep a copy of this map?');
  await app.screenshot('consent-keep-question');
  await app.check("No, don't keep it");
  await app.click('Confirm');
  await app.waitForText('h1', 'Your own copy');
  await app.screenshot('consent-own-copy');
  assert.equal(mapFiles().length, 1, 'nothing is destroyed before the own copy was offered');
  await app.click('Delete the map now');
  await app.waitForText('[role="status"]', 'The map has been destroyed');
  assert.equal(mapFiles().length, 0);
  assert.match(status(), /not_kept: 1/);
  await app.quit();
  app = undefined;
  const { hits, scanned } = scanFor([goneLabel, gonePurpose.split(' ').at(-1), goneDescriptor], dataDir, home);
  assert.ok(scanned >= 2, `expected to scan the vault files, scanned ${scanned}`);
  assert.deepEqual(hits, []);
  // Crypto-shredding: no key the vault still holds opens the copy.
  const keys = vaultKeys(dataDir, PASS, aside);
  assert.ok(keys.length >= 1);
  assert.deepEqual(keysThatOpen(copy, keys), []);
});

test('keep: the agreement, a share and the history are recorded and survive a restart', async () => {
  app = await launchApp({ dataDir, home });
  await app.waitForText('h1', 'Unlock Peer Map');
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
  await app.createMap(keptLabel, 'To plan who J can go to when things are hard.');
  await app.openMap(keptLabel);
  await app.click('End session');
  await app.check('Yes, keep a copy');
  await app.fill('How did you check the young person understood? (optional)', 'Said it back in his own words.');
  await app.click('Confirm');
  await app.waitForText('.badge', 'Kept with agreement');
  await app.click('Add a share the young person agreed to…');
  await app.fill('Their role', 'Social worker');
  await app.fill('Their team', 'Children’s services, North');
  await app.fill("What it's for", 'Safety plan meeting');
  await app.click('Add the share');
  await app.waitForText('.share h3', 'Social worker');
  await app.screenshot('consent-map-page');
  await app.quit();
  app = undefined;

  app = await launchApp({ dataDir, home });
  await app.waitForText('h1', 'Unlock Peer Map');
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
  await app.waitForText('li.map', keptLabel);
  await app.click(`Consent and sharing for ${keptLabel}`);
  await app.waitForText('.share h3', 'Social worker');
  await app.waitForText('dd', 'Said it back in his own words.');
  for (const line of ['Explained before drawing', 'Agreed to keep a copy', 'Agreed to a share']) {
    await app.waitForText('.history li', line);
  }
  await app.waitForText('.retention', 'Deleted on');
  assert.match(status(), /maps held: 1/);
  await app.quit();
  app = undefined;
  // The kept map's file still opens with its own key, so the check above can tell the two apart.
  const keys = vaultKeys(dataDir, PASS, mkdtempSync(join(tmpdir(), 'peermap-keys-')));
  assert.equal(keys.length, 2, 'the master key and one map key');
  assert.equal(keysThatOpen(join(dataDir, 'maps', mapFiles()[0]), keys).length, 1);
});
