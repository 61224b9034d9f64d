import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, expectNoAxeViolations, invoke, startUi } from './harness.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });


test('first run: a weak passphrase is refused, a strong one creates the vault', async () => {
  const { page, context, problems } = await ui.open();
  await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
  const create = page.getByRole('button', { name: 'Create vault' });

  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByText(/Too short/).waitFor();
  assert.equal(await create.isDisabled(), true);

  const good = 'maple kettle orbit lantern';
  await page.getByLabel('Passphrase', { exact: true }).fill(good);
  await page.getByLabel('Type the passphrase again').fill('maple kettle orbit');
  await page.getByText(/two passphrases are different/).waitFor();
  assert.equal(await create.isDisabled(), true);

  await page.getByLabel('Type the passphrase again').fill(good);
  await page.getByText(/Strong/).waitFor();
  await expectNoAxeViolations(page, 'welcome');
  await page.screenshot({ path: `${artifacts}/welcome.png` });
  await create.click();

  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.getByText(/No maps yet/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('unlock: a wrong passphrase says so and keeps the form; the right one opens the list', async () => {
  const { page, context } = await ui.open('?vault=locked');
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  await expectNoAxeViolations(page, 'unlock');
  await page.getByLabel('Passphrase').fill('not the one');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').getByText(/didn't work/).waitFor();
  await page.getByLabel('Passphrase').fill('correct horse battery staple');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await context.close();
});

test('new map: a real-looking name gets a gentle prompt, the map is listed as a draft', async () => {
  const { page, context } = await ui.open('?vault=locked');
  await page.getByLabel('Passphrase').fill('correct horse battery staple');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'New map' }).click();
  await page.getByLabel('Map label').fill('Jamie Smith');
  await page.getByText(/looks like it might be a real name/).waitFor();
  await page.getByLabel('Map label').fill('JS');
  await page.getByText(/looks like it might be a real name/).waitFor({ state: 'detached' });
  await page.getByLabel('What is this map for?').fill('To see who helps J feel safe after school.');
  await expectNoAxeViolations(page, 'new map');
  await page.getByRole('button', { name: 'Create map' }).click();
  const item = page.locator('li.map').filter({ hasText: 'JS' });
  await item.waitFor();
  await item.getByText(/Draft/).waitFor();
  await expectNoAxeViolations(page, 'map list');
  await page.screenshot({ path: `${artifacts}/map-list.png` });
  await context.close();
});

test('hide now locks at once', async () => {
  const { page, context } = await ui.open('?vault=locked');
  await page.getByLabel('Passphrase').fill('correct horse battery staple');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Hide now' }).click();
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  assert.equal((await invoke(page, 'app_info')).vault, 'locked');
  await context.close();
});

test('settings: choose the automatic lock time and change the passphrase', async () => {
  const { page, context } = await ui.open('?vault=locked');
  await page.getByLabel('Passphrase').fill('correct horse battery staple');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByLabel('Lock Peer Map when nobody has used it for').selectOption('15');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal((await invoke(page, 'get_settings')).idleLockMinutes, 15);

  await page.getByLabel('Current passphrase').fill('not it');
  await page.getByLabel('New passphrase', { exact: true }).fill('willow copper harbour sketch');
  await page.getByLabel('Type the new passphrase again').fill('willow copper harbour sketch');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByRole('alert').getByText(/didn't work/).waitFor();
  await page.getByLabel('Current passphrase').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText(/Use the new passphrase from now on/).waitFor();
  assert.deepEqual(await page.bridge('passphrase-opens', { passphrase: 'willow copper harbour sketch' }), { opens: true });
  await expectNoAxeViolations(page, 'settings');
  await page.screenshot({ path: `${artifacts}/settings.png` });
  await context.close();
});

test('the vault locks itself after the chosen idle time', async () => {
  const { page, context } = await ui.open('?vault=locked');
  await page.clock.install();
  await page.getByLabel('Passphrase').fill('correct horse battery staple');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.clock.runFor(4 * 60 * 1000);
  assert.equal((await invoke(page, 'app_info')).vault, 'unlocked');
  await page.clock.runFor(61 * 1000);
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  assert.equal((await invoke(page, 'app_info')).vault, 'locked');
  await context.close();
});
