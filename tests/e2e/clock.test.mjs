// The clock question in the real app. A vault last used in 2020 (made under libfaketime) is
// opened at the real date, over 45 days later: the start-up sweep keeps the overdue draft, the
// unlock screen says the clock is in doubt, the app asks after unlock, "No" locks and destroys
// nothing, "Yes" destroys it and says so. Then, started with the clock five days behind the
// date Peer Map now trusts, Settings' "The clock was wrong" brings Peer Map's date back.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freshDataDir, launchApp } from './harness.mjs';

const FAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const skip = !existsSync(FAKETIME) && 'faketime not installed';
const PASS = 'maple kettle orbit lantern';
const dataDir = freshDataDir();
const home = freshDataDir('peermap-home-');
let app;
after(async () => { await app?.quit(); });

const mapFiles = () => readdirSync(join(dataDir, 'maps')).filter((f) => f.endsWith('.age'));

async function unlock() {
  await app.waitForText('h1', 'Unlock Peer Map');
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
}

async function sized(width, height) {
  await app.driver.manage().window().setRect({ width, height });
}

test('a vault last used in 2020 asks about the clock before destroying its overdue draft', { skip }, async () => {
  app = await launchApp({ dataDir, home, env: { LD_PRELOAD: FAKETIME, FAKETIME: '@2020-01-01 10:00:00' } });
  await app.createVault(PASS);
  await app.createMap('Old draft', 'To see who helps.');
  await app.quit();

  app = await launchApp({ dataDir, home });
  await app.waitForText('main', 'much later than the last date Peer Map trusted');
  assert.equal(mapFiles().length, 1, 'the start-up sweep destroyed the draft by a suspect clock');
  await unlock();
  await app.waitForText('h1', 'Check the date');
  await app.waitForText('main', 'The last date Peer Map trusted was 1 January 2020.');
  await app.waitForText('main', '1 map has passed its date and will be deleted now.');
  await sized(1200, 800);
  await app.screenshot('clock-question');
  await sized(800, 600);
  await app.screenshot('clock-question-small');
  await sized(1200, 800);

  await app.click('No, the date is wrong');
  await app.waitForText('main', 'set the computer\'s date and time, then unlock');
  assert.equal(mapFiles().length, 1, '"No" destroyed something');
  await unlock();
  await app.waitForText('h1', 'Check the date');
  await app.click('Yes, the date is right');
  await app.waitForText('.notice', '1 map had passed its date and was deleted.');
  assert.equal(mapFiles().length, 0);
  await app.quit();
});

test('Settings: the clock was wrong brings Peer Map\'s date back, with the passphrase', { skip }, async () => {
  app = await launchApp({ dataDir, home, env: { LD_PRELOAD: FAKETIME, FAKETIME: '-5d' } });
  await unlock();
  await app.waitForText('h1', 'Your maps');
  await app.click('Settings');
  await app.waitForText('h2', 'The clock was wrong');
  await app.waitForText('form', 'cannot bring back maps that were already deleted');
  const heading = await app.driver.findElement({ id: 'clock-wrong-heading' });
  await app.driver.executeScript('arguments[0].scrollIntoView({block: "start"})', heading);
  await sized(1200, 800);
  await app.screenshot('clock-settings');
  await sized(800, 600);
  await app.driver.executeScript('arguments[0].scrollIntoView({block: "start"})', heading);
  await app.screenshot('clock-settings-small');
  await sized(1200, 800);
  const pass = await app.driver.findElement({ id: 'clock-passphrase' });
  await pass.sendKeys(PASS);
  await app.click('Use the computer\'s date');
  await app.waitForText('form', 'Done. Peer Map\'s date was');
  await app.quit();
  app = undefined;
});
