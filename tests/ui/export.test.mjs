// Sharing a consented copy and opening one (issue 6), against the mock backend: the panel on
// the map page (preview, untick, protection, the words shown once, the list of copies,
// "changed since last shared"), and the receiving key and "Open a shared copy" in Settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, expectNoAxeViolations, startUi } from './harness.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

const PASS = 'correct horse battery staple';

/** Unlock the mock vault with one kept map that has one agreed share; open its page. */
async function keptMapPage({ key = null } = {}) {
  const opened = await ui.open('?vault=locked');
  const { page } = opened;
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  const id = await page.evaluate(() => {
    const now = Date.now();
    const id = crypto.randomUUID();
    window.__peermapMock.maps = [{
      id, label: 'River', createdAt: new Date(now).toISOString(), lastSessionAt: new Date(now).toISOString(),
      retainUntil: new Date(now + 14 * 864e5).toISOString(), daysLeft: 14, isDraft: true, damaged: false,
    }];
    return id;
  });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  // The consent steps, through the same commands the consent screens use.
  await page.evaluate(async ({ id, key }) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    await invoke('record_explained', { id, confidentiality: true, storageAndAccess: true });
    await invoke('decide_keep', { id, decision: { agreed: true, by: 'young_person' } });
    await invoke('add_share', { id, share: { role: 'Social worker', team: "Children's services, North", purpose: 'Planning meeting', ageRecipient: key } });
  }, { id, key });
  await page.getByRole('button', { name: 'Consent and sharing for River' }).click();
  await page.getByRole('heading', { name: 'Share a copy' }).waitFor();
  return { ...opened, id };
}

test('preview, untick, export with words shown once, listed and flagged after an edit', async () => {
  const { page, context, problems, id } = await keptMapPage();
  const panel = page.locator('section.export');
  // The only agreed share is chosen; the preview and its choices appear.
  await panel.getByRole('img', { name: 'Page 1 of 3 of the copy, exactly as it will be saved' }).waitFor();
  await panel.getByText('What the young person agreed to: Planning meeting').waitFor();
  assert.equal(await panel.getByRole('radio', { name: "With the recipient's own key" }).isDisabled(), true);
  assert.equal(await panel.getByRole('radio', { name: /With a set of words/ }).isChecked(), true);
  // Nothing can be saved before both have looked.
  const save = panel.getByRole('button', { name: 'Save the locked copy…' });
  assert.equal(await save.isDisabled(), true);

  await panel.getByRole('checkbox', { name: '2. older cousin' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Feels safest with the coach' }).uncheck();
  // The preview follows: one fewer page without that person.
  await panel.getByText('The copy is 2 pages long', { exact: false }).waitFor();
  assert.equal(await panel.locator('figure img').count(), 2);
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await expectNoAxeViolations(page, 'export preview');
  await page.screenshot({ path: `${artifacts}/export-preview.png`, fullPage: true });
  await save.click();

  const words = panel.locator('.words li');
  await words.first().waitFor();
  assert.deepEqual(await words.allTextContents(), ['lantern', 'pebble', 'orchard', 'velvet', 'harbour', 'meadow']);
  await panel.getByText('Read these words to the recipient over the phone').waitFor();
  const sent = await page.evaluate(() => window.__peermapExport.last.args);
  assert.deepEqual(sent.excluded, { tokenIds: ['t2'], noteIds: ['n1'] });
  assert.equal(sent.protection, 'passphrase');
  assert.equal('path' in sent, false, 'the page must never send a path');
  await expectNoAxeViolations(page, 'export words');
  await page.screenshot({ path: `${artifacts}/export-words.png`, fullPage: true });

  // Once closed, the words are gone from the page.
  await panel.getByRole('button', { name: 'I have passed the words on' }).click();
  assert.equal(await panel.locator('.words').count(), 0);
  assert.equal(await page.getByText('lantern').count(), 0);
  await panel.getByText(/Social worker, Children's services, North \(saved\)/).waitFor();
  await panel.getByText(/A copy was last shared on/).waitFor();

  // The map is edited afterwards: the page says the copy is out of date.
  await page.evaluate((id) => { window.__peermapRecords[id].updatedAt = new Date(Date.now() + 60_000).toISOString(); }, id);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', { name: 'Consent and sharing for River' }).click();
  await page.getByText(/The map has changed since a copy was last shared/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('closing the save window records nothing; a recipient key can be chosen', async () => {
  const key = `age1${'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.repeat(2).slice(0, 58)}`;
  const { page, context, problems, id } = await keptMapPage({ key });
  const panel = page.locator('section.export');
  await panel.getByRole('img', { name: 'Page 1 of 3 of the copy, exactly as it will be saved' }).waitFor();
  await panel.getByRole('radio', { name: "With the recipient's own key" }).check();
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await page.evaluate(() => { window.__peermapExport.dialog = 'cancel'; });
  await panel.getByRole('button', { name: 'Save the locked copy…' }).click();
  await panel.getByText('Nothing was saved.').waitFor();
  assert.equal(await page.evaluate((id) => window.__peermapRecords[id].disclosures.length, id), 0);

  await page.evaluate(() => { window.__peermapExport.dialog = 'choose'; });
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await panel.getByRole('button', { name: 'Save the locked copy…' }).click();
  await panel.getByText('The locked copy is saved and recorded on this map.').waitFor();
  // A key-locked copy has no words to pass on.
  assert.equal(await panel.locator('.words').count(), 0);
  assert.equal(await page.evaluate(() => window.__peermapExport.last.args.protection), 'recipient');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a social worker creates a receiving key and opens a shared copy from Settings', async () => {
  const opened = await ui.open('?vault=locked');
  const { page, context, problems } = opened;
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Receiving copies' }).waitFor();
  // No key yet: only words can open a copy.
  assert.equal(await page.getByRole('radio', { name: 'With my receiving key' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Create my receiving key' }).click();
  const shown = page.getByLabel('Your receiving key, to copy');
  await shown.waitFor();
  assert.match(await shown.inputValue(), /^age1[a-z0-9]{58}$/);
  await expectNoAxeViolations(page, 'receiving key');

  // Wrong words: a clear message, nothing saved.
  await page.getByRole('radio', { name: 'With words I was told' }).check();
  await page.getByLabel('The words, in order').fill('apple banana cherry');
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByRole('alert').getByText('Those words did not open the copy').waitFor();
  // The right words, however they are typed.
  await page.getByLabel('The words, in order').fill('Lantern  pebble orchard VELVET harbour meadow');
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByText('The PDF is saved where you chose.').waitFor();
  // And with the key.
  await page.getByRole('radio', { name: 'With my receiving key' }).check();
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByText('The PDF is saved where you chose.').waitFor();
  await expectNoAxeViolations(page, 'open a shared copy');
  await page.screenshot({ path: `${artifacts}/export-receiving.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
