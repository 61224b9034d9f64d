// Keys that must always work on the map editor: Esc cancels whatever is
// going on even while the add/change form is open (and closes it); Page Up / Page Down with
// nobody picked up go from ring to ring; everything is said in the live region.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, startUi } from './harness.mjs';
import { addPerson, announced, byInitials, canvas, openNewMap, ringPoint, savedDoc, tokenPoint } from './canvas-helpers.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

async function place(page, initials, ring, angle) {
  await addPerson(page, { initials });
  const at = await ringPoint(page, ring, angle);
  await page.mouse.click(at.x, at.y);
  await tokenPoint(page, initials);
}

test('Esc with the form open: closes it and cancels connect mode, a pick-up or a carry', async () => {
  const { page, context, problems } = await openNewMap(ui);
  await place(page, 'AB', 1, 40);
  await place(page, 'CD', 2, 200);

  // Connect mode, then the form: Esc closes the form and leaves connect mode.
  await page.getByRole('button', { name: 'Connect people' }).click();
  await page.getByRole('button', { name: 'Add someone' }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await announced(page).filter({ hasText: /Closed the form.*Drawing\./ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Connect people' }).getAttribute('aria-pressed'), 'false');

  // A person picked by a tap, then "Change": Esc closes the form and drops the pick-up.
  const ab = await tokenPoint(page, 'AB');
  await page.mouse.click(ab.x, ab.y);
  await announced(page).filter({ hasText: 'Picked AB.' }).waitFor();
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await announced(page).filter({ hasText: /Closed the form.*AB is not picked any more/ }).waitFor();
  await page.getByText('AB is picked', { exact: false }).waitFor({ state: 'detached' });

  // Carried by keyboard (a move in progress), then the form: Esc puts them back.
  await canvas(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await announced(page).filter({ hasText: /Picked up AB/ }).waitFor();
  await page.keyboard.press('PageDown');
  await page.getByRole('button', { name: 'Add someone' }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await announced(page).filter({ hasText: /AB stayed where they were/ }).waitFor();
  assert.equal(byInitials(await savedDoc(page), 'AB').ring, 1);

  // The form's own Cancel button still just closes it, and says so.
  await page.getByRole('button', { name: 'Add someone' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await announced(page).filter({ hasText: 'Closed the form without changes.' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Page Up / Page Down with nobody picked up go between rings, and say where', async () => {
  const { page, context } = await openNewMap(ui);
  await place(page, 'IN', 0, 90);
  await place(page, 'MA', 2, 30);
  await place(page, 'MB', 2, 300);
  await place(page, 'OU', 3, 180);
  await canvas(page).focus();
  await page.keyboard.press('PageDown');
  await announced(page).filter({ hasText: /^Closest to me: 1 person\. IN\./ }).waitFor();
  await page.keyboard.press('PageDown'); // the second ring is empty: skipped
  await announced(page).filter({ hasText: /^Around me: 2 people\. MA\./ }).waitFor();
  await page.keyboard.press('PageDown');
  await announced(page).filter({ hasText: /^Further away: 1 person\. OU\./ }).waitFor();
  await page.keyboard.press('PageDown');
  await announced(page).filter({ hasText: 'Nobody is further out than this.' }).waitFor();
  await page.keyboard.press('PageUp');
  await announced(page).filter({ hasText: /^Around me: 2 people\. MA\./ }).waitFor();
  assert.equal(await canvas(page).getAttribute('aria-activedescendant'), await page.locator('svg.canvas [data-token][aria-label="MA"]').getAttribute('id'));
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await announced(page).filter({ hasText: 'Nobody is closer in than this.' }).waitFor();
  // Enter then picks up whoever the keyboard is on.
  await page.keyboard.press('Enter');
  await announced(page).filter({ hasText: /Picked up IN/ }).waitFor();
  await page.keyboard.press('Escape');
  await announced(page).filter({ hasText: /IN stayed where they were/ }).waitFor();

  // Views, panel and zoom are said too.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await announced(page).filter({ hasText: 'Zoom 125%.' }).waitFor();
  await page.getByRole('button', { name: 'Show as a list' }).click();
  await announced(page).filter({ hasText: 'Showing the map as a list.' }).waitFor();
  await page.getByRole('button', { name: 'Show the drawing' }).click();
  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  await announced(page).filter({ hasText: 'Practitioner panel open.' }).waitFor();
  await context.close();
});

test('people stay at least 44 px across with the practitioner panel open on a small window', async () => {
  const { page, context } = await openNewMap(ui, { options: { viewport: { width: 1000, height: 680 } } });
  await place(page, 'SJ', 0, 60);
  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  await page.locator('#practitioner-panel').waitFor();
  await page.waitForTimeout(100);
  // The tap target (the token's invisible hit circle) and the drawn shape itself.
  const target = await page.locator('svg.canvas [data-token] > circle').first().boundingBox();
  assert.ok(target.width >= 44 && target.height >= 44, `target is ${target.width}×${target.height} px`);
  const shape = await page.locator('svg.canvas [data-token] > path').first().boundingBox();
  assert.ok(shape.width >= 40, `shape is ${shape.width} px across`);
  await page.screenshot({ path: `${artifacts}/canvas-small-window-panel.png` });
  await context.close();
});
