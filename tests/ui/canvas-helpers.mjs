// Helpers for the map editor suite (canvas*.test.mjs): open a fresh map, add people, find
// where rings and people are on screen, read what the core saved.
import assert from 'node:assert/strict';

export const PASSPHRASE = 'correct horse battery staple';

/** Unlock, create a map through the New map form, and open it from the list. */
export async function openNewMap(ui, { label = 'JT', options = {} } = {}) {
  const { page, context, problems } = await ui.open('?vault=locked', options);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'New map' }).click();
  await page.getByLabel('Map label').fill(label);
  await page.getByLabel('What is this map for?').fill('To see who J can turn to after school.');
  await page.getByRole('button', { name: 'Create map' }).click();
  await page.getByRole('listitem').filter({ hasText: label }).getByRole('button', { name: 'Open' }).click();
  await explainIfAsked(page);
  await canvas(page).waitFor();
  return { page, context, problems };
}

/** A new map asks first whether confidentiality and storage were explained: say yes to both. */
export async function explainIfAsked(page) {
  const heading = page.getByRole('heading', { name: 'Before we start' });
  await Promise.race([heading.waitFor(), canvas(page).waitFor()]);
  if (!(await heading.isVisible())) return;
  await page.getByLabel(/limits of confidentiality/).check();
  await page.getByLabel(/where the map is kept/).check();
  await page.getByRole('button', { name: 'Start drawing' }).click();
}

/** Leave the editor on a draft and put the keep decision off. */
export async function endSessionForNow(page) {
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Decide later' }).click();
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
}

export const canvas = (page) => page.getByRole('application', { name: /Peer map/ });

/** Adds a person through the "Add someone" form; they land in the tray, picked. */
export async function addPerson(page, { initials = '', descriptor = '', colour = null, shape = null } = {}) {
  await page.getByRole('button', { name: 'Add someone' }).click();
  const dialog = page.getByRole('dialog');
  if (colour) await dialog.getByRole('radio', { name: colour, exact: true }).check();
  if (shape) await dialog.getByRole('radio', { name: shape, exact: true }).check();
  if (initials) await dialog.getByLabel('Initials (up to 3 letters)').fill(initials);
  if (descriptor) await dialog.getByLabel('Or say it in your own words').fill(descriptor);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Screen point of ring `ring` (0 = innermost) at `angle` degrees (0 = up, clockwise). */
export async function ringPoint(page, ring, angle) {
  return page.evaluate(([ring, angle]) => {
    const path = document.querySelector(`svg.canvas path[data-ring="${ring}"]`);
    const r = (Number(path.dataset.r0) + Number(path.dataset.r1)) / 2;
    const rad = (angle * Math.PI) / 180;
    const m = path.getScreenCTM();
    const p = new DOMPoint(r * Math.sin(rad), -r * Math.cos(rad)).matrixTransform(m);
    return { x: p.x, y: p.y };
  }, [ring, angle]);
}

/** Screen point of a placed person, found by the accessible name of their token. */
export async function tokenPoint(page, name) {
  const el = page.locator(`svg.canvas [data-token][aria-label="${name}"]`);
  await el.waitFor();
  return el.evaluate((g) => { const m = g.getScreenCTM(); return { x: m.e, y: m.f }; });
}

export async function trayPoint(page, name) {
  const box = await page.getByRole('region', { name: 'People not on the map yet' }).getByRole('button', { name }).boundingBox();
  return { x: box.x + 30, y: box.y + box.height / 2 };
}

/** Waits for the editor to say "Saved", then returns the newest map's document as the core stored it. */
export async function savedDoc(page) {
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.save.saving'));
  return page.evaluate(() => {
    const docs = Object.values(window.__peermapMapDocs.docs);
    return docs[docs.length - 1];
  });
}

export const latest = (doc) => doc.versions[doc.versions.length - 1];
export const byInitials = (doc, initials) => latest(doc).tokens.find((t) => t.initials === initials);


/** The last thing said in the screen reader live region. */
export const announced = (page) => page.getByTestId('announcer');

export { expectNoAxeViolations } from './harness.mjs';
