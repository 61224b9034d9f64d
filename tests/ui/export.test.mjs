// Sharing a consented copy and opening one, against the real core (through the test
// bridge): the panel on the map page (preview, untick, protection, the words shown once, the
// list of copies, "changed since last shared"), and the receiving key and "Open a shared copy"
// in Settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { artifacts, expectNoAxeViolations, fixtures, invoke, startUi } from './harness.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

const PASS = 'correct horse battery staple';
/** The public key of the fixture identity tests/fixtures/export-v1/recipient.key. */
const FIXTURE_KEY = /age1[0-9a-z]+/.exec(readFileSync(`${fixtures}/export-v1/recipient.key`, 'utf8'))[0];

/** What was drawn: three people, and a note marked as fine to share. */
const PEOPLE = [
  { id: 't1', kind: 'peer', ring: 0, angle: 40, colour: 'orange', shape: 'star', initials: 'JB', descriptor: null, badges: [], private: false },
  { id: 't2', kind: 'family', ring: 1, angle: 160, colour: 'sky', shape: 'circle', initials: null, descriptor: 'older cousin', badges: [], private: false },
  { id: 't3', kind: 'adult', ring: 2, angle: 280, colour: 'green', shape: 'square', initials: 'K', descriptor: null, badges: [], private: false },
];
const NOTES = [{ id: 'n1', by: 'practitioner', text: 'Feels safest with the coach', private: false }];

/** Save a change to the map's latest session through save_map, as the editor does. */
async function saveDrawing(page, id, change) {
  const view = await invoke(page, 'open_map', { id });
  await invoke(page, 'save_map', { id, rings: view.rings, session: change(view.current) });
}

/** Unlock a vault with one kept map that has one agreed share; open its page. */
async function keptMapPage({ key = null } = {}) {
  const opened = await ui.open('?vault=locked');
  const { page } = opened;
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  const { ids: [id] } = await page.bridge('seed', { maps: [{ label: 'River' }] });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await saveDrawing(page, id, (s) => ({ ...s, tokens: PEOPLE, notes: NOTES }));
  // The consent steps, through the same commands the consent screens use.
  await invoke(page, 'record_explained', { id, confidentiality: true, storageAndAccess: true });
  await invoke(page, 'decide_keep', { id, decision: { agreed: true, by: 'young_person' } });
  await invoke(page, 'add_share', { id, share: { role: 'Social worker', team: "Children's services, North", purpose: 'Planning meeting', ageRecipient: key } });
  await page.getByRole('button', { name: 'Consent and sharing for River' }).click();
  await page.getByRole('heading', { name: 'Share a copy' }).waitFor();
  return { ...opened, id };
}

/** The number of pages the panel says the copy has, and the pictures it shows. */
async function pagesShown(panel) {
  const text = await panel.getByText(/The copy is .* long/).innerText();
  const said = Number(/is\D*(\d+)\D*pages? long/.exec(text)[1]);
  const pictures = await panel.locator('figure img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  return { said, pictures };
}

test('preview, untick, export with words shown once, listed and flagged after an edit', async () => {
  const { page, context, problems, id } = await keptMapPage();
  const panel = page.locator('section.export');
  // The only agreed share is chosen; the preview and its choices appear.
  await panel.getByRole('img', { name: /^Page 1 of \d+ of the copy, exactly as it will be saved$/ }).waitFor();
  const whole = await pagesShown(panel);
  assert.equal(whole.pictures.length, whole.said, 'every page of the copy is shown');
  assert.ok(whole.pictures.every((src) => src.startsWith('data:image/png;base64,')));
  await panel.getByText('What the young person agreed to: Planning meeting').waitFor();
  assert.equal(await panel.getByRole('radio', { name: "With the recipient's own key" }).isDisabled(), true);
  assert.equal(await panel.getByRole('radio', { name: /With a set of words/ }).isChecked(), true);
  // Nothing can be saved before both have looked.
  const save = panel.getByRole('button', { name: 'Save the locked copy…' });
  assert.equal(await save.isDisabled(), true);

  await panel.getByRole('checkbox', { name: '2. older cousin' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Feels safest with the coach' }).uncheck();
  // The preview follows: the pages are drawn again without that person and that note.
  await page.waitForFunction((before) => {
    const now = [...document.querySelectorAll('section.export figure img')].map((i) => i.getAttribute('src'));
    return now.length > 0 && now.join() !== before;
  }, whole.pictures.join());
  const fewer = await pagesShown(panel);
  assert.equal(fewer.pictures.length, fewer.said);
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await expectNoAxeViolations(page, 'export preview');
  await page.screenshot({ path: `${artifacts}/export-preview.png`, fullPage: true });
  await save.click();

  const words = panel.locator('.words li');
  await words.first().waitFor();
  const told = await words.allTextContents();
  assert.equal(told.length, 6);
  assert.ok(told.every((w) => /^[a-z]+$/.test(w)), told.join(' '));
  await panel.getByText('Read these words to the recipient over the phone').waitFor();
  const sent = await page.evaluate(() => window.__peermapExport.last.args);
  assert.deepEqual(sent.excluded, { tokenIds: ['t2'], noteIds: ['n1'] });
  assert.equal(sent.protection, 'passphrase');
  assert.equal('path' in sent, false, 'the page must never send a path');
  const { files } = await page.bridge('files');
  assert.deepEqual(files.map((f) => f.name), [`peer-map-copy-${new Date().toISOString().slice(0, 10)}.pdf.age`]);
  assert.ok(files[0].size > 1000, 'the locked copy was written where the save window chose');
  await expectNoAxeViolations(page, 'export words');
  await page.screenshot({ path: `${artifacts}/export-words.png`, fullPage: true });

  // Once closed, the words are gone from the page.
  await panel.getByRole('button', { name: 'I have passed the words on' }).click();
  assert.equal(await panel.locator('.words').count(), 0);
  assert.equal(await page.getByText(told[0], { exact: true }).count(), 0);
  await panel.getByText(/Social worker, Children's services, North \(saved\)/).waitFor();
  await panel.getByText(/A copy was last shared on/).waitFor();

  // The map is edited afterwards: the page says the copy is out of date.
  await saveDrawing(page, id, (s) => ({ ...s, tokens: s.tokens.map((t) => (t.id === 't1' ? { ...t, ring: 3 } : t)) }));
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', { name: 'Consent and sharing for River' }).click();
  await page.getByText(/The map has changed since a copy was last shared/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('closing the save window records nothing; a recipient key can be chosen', async () => {
  const { page, context, problems, id } = await keptMapPage({ key: FIXTURE_KEY });
  const panel = page.locator('section.export');
  await panel.getByRole('img', { name: /^Page 1 of \d+ of the copy, exactly as it will be saved$/ }).waitFor();
  await panel.getByRole('radio', { name: "With the recipient's own key" }).check();
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await page.bridge('dialog', { answer: 'cancel' });
  await panel.getByRole('button', { name: 'Save the locked copy…' }).click();
  await panel.getByText('Nothing was saved.').waitFor();
  assert.equal((await invoke(page, 'map_record', { id })).disclosures.length, 0);
  assert.deepEqual((await page.bridge('files')).files, []);

  await page.bridge('dialog', { answer: 'choose' });
  await panel.getByRole('checkbox', { name: /We have looked at this copy together/ }).check();
  await panel.getByRole('button', { name: 'Save the locked copy…' }).click();
  await panel.getByText('The locked copy is saved and recorded on this map.').waitFor();
  assert.equal((await page.bridge('files')).files.length, 1);
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

  // The copy picked in the open window: the fixture locked with six words.
  await page.bridge('dialog', { answer: 'choose', open: `${fixtures}/export-v1/map-with-passphrase.pdf.age` });
  const words = readFileSync(`${fixtures}/export-v1/PASSPHRASE`, 'utf8').trim().split(/\s+/);

  // Wrong words: a clear message, nothing saved.
  await page.getByRole('radio', { name: 'With words I was told' }).check();
  await page.getByLabel('The words, in order').fill('apple banana cherry');
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByRole('alert').getByText('Those words did not open the copy').waitFor();
  assert.deepEqual((await page.bridge('files')).files, []);
  // The right words, however they are typed.
  const typed = words.map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : i === 3 ? w.toUpperCase() : w));
  await page.getByLabel('The words, in order').fill(`${typed[0]}  ${typed.slice(1).join(' ')}`);
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByText('The PDF is saved where you chose.').waitFor();
  const received = `shared-peer-map-${new Date().toISOString().slice(0, 10)}.pdf`;
  const first = (await page.bridge('files')).files;
  assert.deepEqual(first.map((f) => f.name), [received]);

  // And with the key: a copy this vault exported to its own receiving key, made through the
  // commands as set-up (the practitioner's side of it is the panel tested above).
  const key = await shown.inputValue();
  const { ids: [sent] } = await page.bridge('seed', { maps: [{ label: 'Sent', draft: false }] });
  const record = await invoke(page, 'add_share', { id: sent, share: { role: 'Social worker', team: 'North', purpose: 'Planning meeting', ageRecipient: key } });
  await invoke(page, 'export_share', { id: sent, shareId: record.shares[0].id, excluded: { tokenIds: [], noteIds: [] }, protection: 'recipient' });
  const out = await page.bridge('files');
  const locked = out.files.find((f) => f.name.endsWith('.pdf.age')).name;
  await page.bridge('dialog', { answer: 'choose', open: `${out.dir}/${locked}` });
  await page.getByRole('radio', { name: 'With my receiving key' }).check();
  await page.getByRole('button', { name: 'Choose the copy…' }).click();
  await page.getByText('The PDF is saved where you chose.').waitFor();
  // The PDF saved this time is the other map's (so another size), in place of the first.
  const size = async () => (await page.bridge('files')).files.find((f) => f.name === received)?.size;
  for (let i = 0; i < 100 && (await size()) === first[0].size; i++) await page.waitForTimeout(100);
  assert.notEqual(await size(), first[0].size);
  await expectNoAxeViolations(page, 'open a shared copy');
  await page.screenshot({ path: `${artifacts}/export-receiving.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
