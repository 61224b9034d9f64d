// Consent, sharing and retention screens against the real core (through the test bridge): the explain step before
// drawing, the young person's decision at the end of a session (keep / don't keep), the map's
// page (shares added and withdrawn, retention extended, history), drafts waiting for a
// decision, and the retention settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, expectNoAxeViolations, invoke, startUi } from './harness.mjs';
import { canvas, PASSPHRASE } from './canvas-helpers.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

async function unlockWithNewMap(label) {
  const opened = await ui.open('?vault=locked');
  const { page } = opened;
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'New map' }).click();
  await page.getByLabel('Map label').fill(label);
  await page.getByLabel('What is this map for?').fill('To see who can help after school.');
  await page.getByRole('button', { name: 'Create map' }).click();
  await page.locator('li.map', { hasText: label }).waitFor();
  return opened;
}

async function explainAndDraw(page, label) {
  await page.getByRole('button', { name: `Open the map ${label}` }).click();
  await page.getByRole('heading', { name: 'Before we start' }).waitFor();
  const start = page.getByRole('button', { name: 'Start drawing' });
  assert.equal(await start.isDisabled(), true, 'drawing waits until both things were explained');
  await page.getByLabel(/limits of confidentiality/).check();
  assert.equal(await start.isDisabled(), true);
  await page.getByLabel(/where the map is kept/).check();
  await start.click();
  await canvas(page).waitFor();
}

const storedMaps = async (page) => (await invoke(page, 'list_maps')).map((m) => ({ label: m.label, isDraft: m.isDraft }));

test('explain, draw, keep: the map page shows the agreement, shares, retention and history', async () => {
  const { page, context, problems } = await unlockWithNewMap('KT');
  await explainAndDraw(page, 'KT');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('heading', { name: 'Shall I keep a copy of this map?' }).waitFor();
  await expectNoAxeViolations(page, 'keep decision');
  const confirm = page.getByRole('button', { name: 'Confirm' });
  assert.equal(await confirm.isDisabled(), true, 'nothing is decided until the young person answers');
  await page.getByLabel('Yes, keep a copy').check();
  await page.getByLabel(/How did you check/).fill('Told it back in her own words.');
  await page.getByLabel(/lawful basis/).selectOption({ label: 'Public task (UK GDPR Article 6(1)(e))' });
  await page.screenshot({ path: `${artifacts}/consent-keep.png`, fullPage: true });
  await confirm.click();

  await page.getByRole('heading', { name: 'What was agreed' }).waitFor();
  await page.getByText('Kept with agreement').waitFor();
  await page.getByText(/Agreed on .* by the young person/).waitFor();
  await page.getByText('Public task (UK GDPR Article 6(1)(e))').waitFor();
  assert.deepEqual(await storedMaps(page), [{ label: 'KT', isDraft: false }]);

  // A share the young person agreed to; a bad key is refused with a clear message.
  await page.getByRole('button', { name: /Add a share/ }).click();
  await page.getByLabel('Their role').fill('Social worker');
  await page.getByLabel('Their team').fill('Children’s services, North');
  await page.getByLabel("What it's for").fill('Safety plan meeting');
  await page.getByLabel(/age public key/).fill('age1notakey');
  await page.getByRole('button', { name: 'Add the share' }).click();
  await page.getByRole('alert').getByText(/not a valid age public key/).waitFor();
  await page.getByLabel(/age public key/).fill('');
  await page.getByLabel('The agreement ends').selectOption({ label: 'In 6 months' });
  await page.getByRole('button', { name: 'Add the share' }).click();
  await page.getByRole('heading', { name: /Social worker/ }).waitFor();
  await page.getByText(/ends .*·/).waitFor();

  // Keep it longer, with a reason.
  const until = page.getByLabel('Keep until');
  const firstDay = await until.locator('option').nth(1).getAttribute('value');
  await until.selectOption(firstDay);
  const extend = page.getByRole('button', { name: 'Keep it longer' });
  assert.equal(await extend.isDisabled(), true, 'an extension needs a reason');
  await page.getByLabel(/Why does it need to be kept longer/).fill('Court hearing in the spring.');
  await extend.click();
  await page.getByText('Court hearing in the spring.').waitFor();
  await page.getByText(/extended to/).waitFor();
  await expectNoAxeViolations(page, 'map page');
  await page.screenshot({ path: `${artifacts}/consent-map-page.png`, fullPage: true });

  // Withdraw the share: it says nothing had been sent.
  await page.getByRole('button', { name: 'Withdraw the share with the Social worker' }).click();
  await page.getByRole('button', { name: 'Withdraw the share' }).click();
  await page.getByText(/Nothing had been sent to Social worker/).waitFor();
  await page.locator('.share .badge', { hasText: 'Withdrawn' }).waitFor();
  const history = await page.locator('.history li').allInnerTexts();
  assert.deepEqual(history.map((h) => h.replace(/^.*?\d{4}\s*/, '').trim()), [
    'Explained before drawing', 'Agreed to keep a copy',
    'Agreed to a share — Social worker (Children’s services, North)',
    'Withdrew a share — Social worker (Children’s services, North)',
  ]);

  // The young person no longer wants it kept: the map is destroyed.
  await page.getByRole('button', { name: /no longer wants it kept/ }).click();
  await page.getByRole('button', { name: 'Withdraw and destroy the map' }).click();
  await page.getByText(/The map has been destroyed/).waitFor();
  assert.deepEqual(await storedMaps(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("don't keep: the young person is offered their own copy, then the draft is destroyed", async () => {
  const { page, context, problems } = await unlockWithNewMap('NK');
  await explainAndDraw(page, 'NK');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByLabel("No, don't keep it").check();
  await page.getByLabel('A parent or carer').check();
  const confirm = page.getByRole('button', { name: 'Confirm' });
  assert.equal(await confirm.isDisabled(), true, 'a parent or carer answering needs a reason');
  await page.getByLabel(/Why did a parent or carer answer/).fill('He asked his mum to answer for him.');
  await confirm.click();
  await page.getByRole('heading', { name: 'Your own copy' }).waitFor();
  await page.getByText(/Keep it somewhere safe/).waitFor();
  await expectNoAxeViolations(page, 'own copy offer');
  await page.screenshot({ path: `${artifacts}/consent-own-copy.png`, fullPage: true });
  assert.deepEqual(await storedMaps(page), [{ label: 'NK', isDraft: true }], 'nothing is destroyed before the copy was offered');
  await page.getByRole('button', { name: 'Delete the map now' }).click();
  await page.getByText(/The map has been destroyed/).waitFor();
  assert.deepEqual(await storedMaps(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a draft left waiting is offered after unlocking; keeping it needs the explanation first', async () => {
  const { page, context, problems } = await unlockWithNewMap('WD');
  const waiting = page.getByRole('region', { name: '1 map is waiting for a decision' });
  await waiting.waitFor();
  await expectNoAxeViolations(page, 'map list with a draft waiting');
  await waiting.getByRole('button', { name: 'Finish the consent step for WD' }).click();
  await page.getByLabel('Yes, keep a copy').check();
  await page.getByText(/Before a map can be kept, record that you explained/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Confirm' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Record the explanation' }).click();
  await page.getByLabel(/limits of confidentiality/).check();
  await page.getByLabel(/where the map is kept/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Yes, keep a copy').check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Kept with agreement').waitFor();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  assert.equal(await page.getByRole('region', { name: /waiting for a decision/ }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('retention settings: the longest time follows the usual time up, never below it', async () => {
  const { page, context, problems } = await unlockWithNewMap('ST');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('A kept map is deleted after').selectOption({ label: '48 months' });
  await page.getByRole('region', { name: 'Keeping maps' }).getByText('Saved').waitFor();
  const settings = await invoke(page, 'get_settings');
  const saved = { d: settings.defaultRetentionMonths, m: settings.maxRetentionMonths };
  assert.deepEqual(saved, { d: 48, m: 48 });
  assert.equal(await page.getByLabel('Nobody can keep a map for longer than').inputValue(), '48');
  await expectNoAxeViolations(page, 'settings with retention');
  assert.deepEqual(problems, []);
  await context.close();
});
