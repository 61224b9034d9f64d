// The vault for real: create it, make a map, restart the app, unlock, see the map; a wrong
// passphrase is refused kindly; "Hide now" locks; nothing readable is left on disk.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, freshDataDir, launchApp } from './harness.mjs';
import { canary, scanFor } from './scan.mjs';

const PASS = 'maple kettle orbit lantern';
const dataDir = freshDataDir();
const home = freshDataDir('peermap-home-');
const label = canary('Lbl');
const purpose = `To see who helps ${canary('Prp')} feel safe.`;
let app;
after(async () => { await app?.quit(); });

test('first run: create the vault and a map', async () => {
  app = await launchApp({ dataDir, home });
  await app.waitForText('h1', 'Welcome to Peer Map');
  await app.fill('Passphrase', PASS);
  await app.fill('Type the passphrase again', PASS);
  await app.waitForText('#strength', 'Strong');
  await app.click('Create vault');
  await app.waitForText('h1', 'Your maps');
  await app.waitForText('main', 'No maps yet');

  await app.click('New map');
  await app.fill('Map label', label);
  await app.fill('What is this map for?', purpose);
  await app.screenshot('vault-new-map');
  await app.click('Create map');
  await app.waitForText('li.map', label);
  await app.waitForText('li.map', 'Draft');
  await app.screenshot('vault-map-list');
  await app.quit();
  app = undefined;
});

test('restart: a wrong passphrase is refused, the right one shows the map', async () => {
  app = await launchApp({ dataDir, home });
  await app.waitForText('h1', 'Unlock Peer Map');
  await app.fill('Passphrase', 'maple kettle orbit lantern?');
  await app.click('Unlock');
  await app.waitForText('[role="alert"]', "didn't work");
  await app.screenshot('vault-wrong-passphrase');
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
  await app.waitForText('li.map', label);
});

test('hide now locks the vault and reloads the page', async () => {
  await app.driver.executeScript('window.__beforeLock = 1');
  await app.click('Hide now');
  await app.waitForText('h1', 'Unlock Peer Map');
  // A reloaded page has lost everything it held, including this marker.
  await app.driver.wait(async () => (await app.driver.executeScript('return window.__beforeLock')) == null, 10000);
  const fields = await app.driver.findElements(By.css('li.map'));
  assert.equal(fields.length, 0);
  await app.quit();
  app = undefined;
});

test('nothing readable on disk: vault folder and the WebView\'s own storage', () => {
  const { hits, scanned } = scanFor([label, purpose.split(' ')[4]], dataDir, home);
  assert.ok(scanned >= 3, `expected to scan the vault files, scanned ${scanned}`);
  assert.deepEqual(hits, []);
});
