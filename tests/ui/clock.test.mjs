// A computer clock far later than the vault last trusted (the real core, through the test
// bridge and its clock control): the unlock screen says so, the app asks before destroying
// anything, "No" locks having destroyed nothing, "Yes" destroys what is due and says how many;
// a clock that jumps while the app is open gets the same question; Settings can lower a date
// that was believed wrongly, only with the passphrase.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, expectNoAxeViolations, startUi } from './harness.mjs';

const PASSPHRASE = 'correct horse battery staple';
let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

/** A locked vault holding a map due in 5 days and one due in 200. */
async function lockedWithMaps(options) {
  const opened = await ui.open('?vault=locked', options);
  await opened.page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  await opened.page.bridge('seed', {
    maps: [['Week', 5], ['Later', 200]].map(([label, daysLeft]) => ({ label, daysLeft, draft: false })),
  });
  return opened;
}

async function unlock(page) {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

const question = (page) => page.getByRole('heading', { name: 'Check the date' });

test('a suspect clock is asked about after unlock: No locks and destroys nothing, Yes destroys what is due', async () => {
  const { page, context, problems } = await lockedWithMaps();
  await page.bridge('clock', { advanceDays: 100 });
  await page.reload();
  await page.getByText(/much later than the last date Peer Map trusted/).waitFor();
  await page.screenshot({ path: `${artifacts}/clock-unlock-advice.png` });

  await unlock(page);
  await question(page).waitFor();
  await page.getByText('Is the computer\'s date right?').waitFor();
  await page.getByText('If the date is right, 1 map has passed its date and will be deleted now.').waitFor();
  await expectNoAxeViolations(page, 'clock question');
  await page.screenshot({ path: `${artifacts}/clock-question.png` });
  // Nothing else can be reached until it is answered.
  assert.equal(await page.getByRole('heading', { name: 'Your maps' }).count(), 0);

  await page.getByRole('button', { name: 'No, the date is wrong' }).click();
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  await page.getByText(/set the computer's date and time, then unlock/).waitFor();
  let calls = await page.evaluate(() => window.__peermapMock.calls);
  assert.equal(calls.includes('confirm_clock'), false);

  await unlock(page);
  await question(page).waitFor();
  await page.getByRole('button', { name: 'Yes, the date is right' }).click();
  await page.getByText('Peer Map now trusts today\'s date. 1 map had passed its date and was deleted.').waitFor();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.map').length === 1);
  await page.getByRole('heading', { name: 'Later', exact: true }).waitFor();
  calls = await page.evaluate(() => window.__peermapMock.calls);
  assert.equal(calls.filter((c) => c === 'confirm_clock').length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the question at a small window size', async () => {
  const { page, context } = await lockedWithMaps({ viewport: { width: 800, height: 600 } });
  await page.bridge('clock', { advanceDays: 100 });
  await unlock(page);
  await question(page).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'the question scrolls sideways at 800×600');
  await page.screenshot({ path: `${artifacts}/clock-question-small.png` });
  await context.close();
});

test('a clock that jumps while the app is open gets the same question', async () => {
  const { page, context, problems } = await lockedWithMaps();
  await unlock(page);
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.bridge('clock', { advanceDays: 100 });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await question(page).waitFor();
  await page.getByText('If the date is right, 1 map has passed its date and will be deleted now.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Settings: the clock was wrong lowers the date only with the passphrase', async () => {
  for (const viewport of [{ width: 1200, height: 800 }, { width: 800, height: 600 }]) {
    const { page, context, problems } = await lockedWithMaps({ viewport });
    await page.bridge('clock', { advanceDays: 100 });
    await unlock(page);
    await page.getByRole('button', { name: 'Yes, the date is right' }).click();
    await page.getByRole('heading', { name: 'Your maps' }).waitFor();
    // The clock was ahead after all: it is put right.
    await page.bridge('clock', { advanceDays: 10 });
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('form', { name: 'The clock was wrong' });
    await section.getByText(/cannot bring back maps that were already deleted/).waitFor();
    await section.getByLabel('Passphrase').fill('not the passphrase at all');
    await section.getByRole('button', { name: 'Use the computer\'s date' }).click();
    await section.getByText(/That passphrase didn't work/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'the clock was wrong');
    await page.screenshot({ path: `${artifacts}/clock-settings-${viewport.width}.png`, fullPage: true });
    await section.getByLabel('Passphrase').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Use the computer\'s date' }).click();
    await section.getByText(/Done\. Peer Map's date was .* and is now/).waitFor();
    await section.getByText(/nothing to correct/).count();
    assert.deepEqual(problems, []);
    await context.close();
  }
});
