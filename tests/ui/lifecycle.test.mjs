// Retention and destruction in the map list (the real core, through the test bridge):
// warnings at 30 and 7 days, deleting one map after a confirmation, and the cancellable "delete everything" countdown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, expectNoAxeViolations, invoke, startUi } from './harness.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });


/** Unlock a vault holding three kept maps: due in 5, 20 and 200 days. */
async function listWithMaps() {
  const opened = await ui.open('?vault=locked');
  const { page } = opened;
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  await page.bridge('seed', {
    maps: [['Week', 5], ['Month', 20], ['Later', 200]].map(([label, daysLeft]) => ({ label, daysLeft, draft: false })),
  });
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.locator('li.map').nth(2).waitFor();
  return opened;
}

test('warnings at 7 and 30 days; one map deleted after confirming', async () => {
  const { page, context, problems } = await listWithMaps();
  const card = (label) => page.locator('li.map', { has: page.getByRole('heading', { name: label, exact: true }) });
  assert.equal(await card('Week').locator('[data-warning="week"]').count(), 1);
  assert.equal(await card('Month').locator('[data-warning="month"]').count(), 1);
  assert.equal(await card('Later').locator('.retention-warning').count(), 0);
  await expectNoAxeViolations(page, 'map list with warnings');

  // Cancelling changes nothing.
  await page.getByRole('button', { name: 'Delete Month' }).click();
  await page.getByText(/Delete this map for good/).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator('li.map').count(), 3);

  await page.getByRole('button', { name: 'Delete Month' }).click();
  await expectNoAxeViolations(page, 'delete confirmation');
  await page.screenshot({ path: `${artifacts}/lifecycle-delete-confirm.png` });
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await page.waitForFunction(() => document.querySelectorAll('li.map').length === 2);
  assert.equal(await card('Month').count(), 0);
  const calls = await page.evaluate(() => window.__peermapMock.calls);
  assert.equal(calls.filter((c) => c === 'delete_map').length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('delete everything counts down visibly, can be cancelled, then destroys every map', async () => {
  const { page, context, problems } = await listWithMaps();
  await page.getByRole('button', { name: 'Delete everything…' }).click();
  await page.getByRole('button', { name: 'Start the countdown' }).click();
  const timer = page.getByRole('timer');
  await timer.getByText(/Deleting everything in \d+ seconds/).waitFor();
  await expectNoAxeViolations(page, 'countdown');
  await page.screenshot({ path: `${artifacts}/lifecycle-countdown.png` });
  // Cancel mid-way: nothing is deleted, even after the countdown would have ended.
  await page.getByRole('button', { name: 'Cancel, keep my maps' }).click();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('li.map').count(), 3);
  assert.equal((await page.evaluate(() => window.__peermapMock.calls)).includes('delete_everything'), false);

  await page.getByRole('button', { name: 'Delete everything…' }).click();
  await page.getByRole('button', { name: 'Start the countdown' }).click();
  await timer.getByText('Deleting everything in 9 seconds').waitFor();
  await page.getByText(/No maps yet/).waitFor({ timeout: 15000 });
  assert.equal((await invoke(page, 'list_maps')).length, 0);
  assert.deepEqual(problems, []);
  await context.close();
});
