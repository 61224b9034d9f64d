// The map editor in Chromium, the mockIPC build against the real core (through the
// test bridge): drawing with a mouse, a finger and a pen (all pointer events), and with the
// keyboard alone; connect mode; answering a prompt; a drag undone in one step; axe-core on
// every view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, startUi } from './harness.mjs';
import {
  addPerson, announced, byInitials, canvas, endSessionForNow, expectNoAxeViolations, latest, openNewMap, ringPoint,
  savedDoc, tokenPoint, trayPoint,
} from './canvas-helpers.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

test('mouse: add people, drag them onto rings, tap-to-place, autosave, list view', async () => {
  const { page, context, problems } = await openNewMap(ui);
  await expectNoAxeViolations(page, 'empty canvas');
  await page.screenshot({ path: `${artifacts}/canvas-empty.png` });

  await addPerson(page, { initials: 'SJ', descriptor: 'Best friend', colour: 'Orange', shape: 'Star' });
  // Drag from the tray onto the innermost ring at 3 o'clock.
  let from = await trayPoint(page, 'SJ, Best friend');
  let to = await ringPoint(page, 0, 90);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  await assert.doesNotReject(tokenPoint(page, 'SJ, Best friend'));

  // Tap-then-tap: a click-only way to place (WCAG 2.5.7).
  await addPerson(page, { initials: 'MK', descriptor: 'Cousin', colour: 'Sky blue', shape: 'Heart' });
  to = await ringPoint(page, 2, 200);
  await page.mouse.click(to.x, to.y);
  await tokenPoint(page, 'MK, Cousin');

  // A name-like descriptor gets a gentle suggestion, not a block.
  await page.getByRole('button', { name: 'Add someone' }).click();
  await page.getByRole('dialog').getByLabel('Or say it in your own words').fill('Jamie Smith');
  await page.getByText(/looks like it might be someone's full name/).waitFor();
  await expectNoAxeViolations(page, 'add someone form');
  await page.screenshot({ path: `${artifacts}/canvas-add-person.png` });
  await page.getByRole('dialog').getByLabel('Or say it in your own words').fill('Coach');
  await page.getByRole('dialog').getByLabel('Initials (up to 3 letters)').fill('d.p');
  await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
  to = await ringPoint(page, 3, 300);
  await page.mouse.click(to.x, to.y);

  const doc = await savedDoc(page);
  const sj = byInitials(doc, 'SJ');
  assert.equal(sj.ring, 0);
  assert.ok(Math.abs(sj.angle - 90) < 3, `angle ${sj.angle}`);
  assert.deepEqual({ colour: sj.colour, shape: sj.shape, descriptor: sj.descriptor }, { colour: 'orange', shape: 'star', descriptor: 'Best friend' });
  assert.equal(byInitials(doc, 'MK').ring, 2);
  assert.equal(byInitials(doc, 'DP').ring, 3);
  await page.screenshot({ path: `${artifacts}/canvas-mouse.png` });

  // Moving someone already on the map: drag from ring 2 to ring 1.
  from = await tokenPoint(page, 'MK, Cousin');
  to = await ringPoint(page, 1, 160);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await announced(page).filter({ hasText: /MK, Cousin is now in Close/ }).waitFor();
  assert.equal(byInitials(await savedDoc(page), 'MK').ring, 1);

  // The same map as a list.
  await page.getByRole('button', { name: 'Show as a list' }).click();
  const list = page.getByRole('heading', { name: 'The map as a list' });
  await list.waitFor();
  await page.getByRole('heading', { name: /Closest to me \(1 person\)/ }).waitFor();
  await expectNoAxeViolations(page, 'list view');
  await page.screenshot({ path: `${artifacts}/canvas-list.png` });
  await page.getByRole('button', { name: 'Closer: MK, Cousin' }).click();
  assert.equal(byInitials(await savedDoc(page), 'MK').ring, 0);
  await page.getByRole('button', { name: 'Show the drawing' }).click();
  await canvas(page).waitFor();

  // Nothing of the map in browser storage.
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length,
    idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, idb: 0, caches: 0 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('undo a whole drag in one step, redo it, Ctrl+Z and Ctrl+Shift+Z', async () => {
  const { page, context } = await openNewMap(ui);
  await addPerson(page, { initials: 'AB' });
  let to = await ringPoint(page, 3, 0);
  await page.mouse.click(to.x, to.y);
  const before = byInitials(await savedDoc(page), 'AB');

  const from = await tokenPoint(page, 'AB');
  to = await ringPoint(page, 0, 180);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A long wandering drag across every ring: still one step.
  for (let i = 1; i <= 40; i++) await page.mouse.move(from.x + (to.x - from.x) * (i / 40) + Math.sin(i) * 30, from.y + (to.y - from.y) * (i / 40));
  await page.mouse.up();
  assert.equal(byInitials(await savedDoc(page), 'AB').ring, 0);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await announced(page).filter({ hasText: 'Undone: moving someone.' }).waitFor();
  const undone = byInitials(await savedDoc(page), 'AB');
  assert.deepEqual({ ring: undone.ring, angle: undone.angle }, { ring: before.ring, angle: before.angle });

  await page.keyboard.press('Control+Shift+Z');
  assert.equal(byInitials(await savedDoc(page), 'AB').ring, 0);
  await page.keyboard.press('Control+z');
  assert.equal(byInitials(await savedDoc(page), 'AB').ring, 3);
  await page.keyboard.press('Control+z'); // placing
  await page.keyboard.press('Control+z'); // adding
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).tokens.length === 0);
  assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true);
  await context.close();
});

test('touch: drag from the tray with a finger, and tap-then-tap', async () => {
  const { page, context, problems } = await openNewMap(ui, { options: { hasTouch: true } });
  const cdp = await context.newCDPSession(page);
  const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: p.x, y: p.y, radiusX: 8, radiusY: 8, force: 1, id: 1 }],
  });
  const seen = [];
  await page.exposeFunction('__seenPointer', (t) => seen.push(t));
  await page.evaluate(() => window.addEventListener('pointerdown', (e) => window.__seenPointer(e.pointerType), true));

  await addPerson(page, { initials: 'TK', descriptor: 'Teammate', colour: 'Green', shape: 'Hexagon' });
  const from = await trayPoint(page, 'TK, Teammate');
  const to = await ringPoint(page, 1, 45);
  await touch('touchStart', from);
  for (let i = 1; i <= 10; i++) await touch('touchMove', { x: from.x + (to.x - from.x) * i / 10, y: from.y + (to.y - from.y) * i / 10 });
  await touch('touchEnd', to);
  const doc = await savedDoc(page);
  assert.equal(byInitials(doc, 'TK').ring, 1);

  // Tap the person, then tap another ring.
  const at = await tokenPoint(page, 'TK, Teammate');
  await page.touchscreen.tap(at.x, at.y);
  await page.getByText(/TK, Teammate is picked/).waitFor();
  const ring3 = await ringPoint(page, 3, 270);
  await page.touchscreen.tap(ring3.x, ring3.y);
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).tokens[0].ring === 3);
  assert.ok(seen.includes('touch'), `pointer types seen: ${seen}`);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: `${artifacts}/canvas-touch.png` });
  await context.close();
});

test('pen: drag with a stylus (pointerType pen)', async () => {
  const { page, context } = await openNewMap(ui);
  const cdp = await context.newCDPSession(page);
  const pen = (type, p, buttons = 1) => cdp.send('Input.dispatchMouseEvent', {
    type, x: p.x, y: p.y, button: 'left', buttons, clickCount: 1, pointerType: 'pen', force: 0.5,
  });
  const seen = [];
  await page.exposeFunction('__seenPointer', (t) => seen.push(t));
  await page.evaluate(() => window.addEventListener('pointerdown', (e) => window.__seenPointer(e.pointerType), true));

  await addPerson(page, { initials: 'RW', descriptor: 'Neighbour', colour: 'Pink', shape: 'Diamond' });
  const from = await trayPoint(page, 'RW, Neighbour');
  const to = await ringPoint(page, 2, 135);
  await pen('mouseMoved', from, 0);
  await pen('mousePressed', from);
  for (let i = 1; i <= 10; i++) await pen('mouseMoved', { x: from.x + (to.x - from.x) * i / 10, y: from.y + (to.y - from.y) * i / 10 });
  await pen('mouseReleased', to, 0);
  const doc = await savedDoc(page);
  assert.equal(byInitials(doc, 'RW').ring, 2);
  assert.ok(Math.abs(byInitials(doc, 'RW').angle - 135) < 4);
  assert.ok(seen.includes('pen'), `pointer types seen: ${seen}`);
  await context.close();
});

test('keyboard only: add, place, move round and between rings, cancel, navigate, undo', async () => {
  const { page, context } = await openNewMap(ui);
  const tabTo = async (name) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.getAttribute('aria-label') || '');
      if (name.test(here)) return;
    }
    throw new Error(`could not Tab to ${name}`);
  };
  await tabTo(/Add someone/);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByLabel('Initials (up to 3 letters)').focus();
  await page.keyboard.type('LK');
  await page.keyboard.press('Enter'); // submits the form
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await tabTo(/LK/);
  await page.keyboard.press('Enter'); // onto the map, carried
  await announced(page).filter({ hasText: /LK is on the map in Close/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'application');
  await page.keyboard.press('PageUp');
  await announced(page).filter({ hasText: /^Closest to me, at/ }).waitFor();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await announced(page).filter({ hasText: /Put LK down/ }).waitFor();
  let doc = await savedDoc(page);
  assert.equal(byInitials(doc, 'LK').ring, 0);

  // Pick up again, go further out, then Esc: nothing changes.
  await page.keyboard.press('Enter');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Escape');
  await announced(page).filter({ hasText: /LK stayed where they were/ }).waitFor();
  assert.equal(byInitials(await savedDoc(page), 'LK').ring, 0);

  // Add a second person and move between people with arrows.
  await page.keyboard.press('Shift+Tab');
  await tabTo(/Add someone/);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByLabel('Initials (up to 3 letters)').focus();
  await page.keyboard.type('PQ');
  await page.keyboard.press('Enter');
  await tabTo(/PQ/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await announced(page).filter({ hasText: /^(LK|PQ)\./ }).waitFor();
  await page.keyboard.press('ArrowRight');
  doc = await savedDoc(page);
  assert.equal(byInitials(doc, 'PQ').ring, 3);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).tokens.find((t) => t.initials === 'PQ')?.ring === null);
  await expectNoAxeViolations(page, 'canvas after keyboard');
  await context.close();
});

test('connect mode: tap A then B, undo from the toast, remove a line', async () => {
  const { page, context } = await openNewMap(ui);
  await addPerson(page, { initials: 'AA' });
  let p = await ringPoint(page, 1, 30);
  await page.mouse.click(p.x, p.y);
  await addPerson(page, { initials: 'BB' });
  p = await ringPoint(page, 2, 120);
  await page.mouse.click(p.x, p.y);

  await page.getByRole('button', { name: 'Connect people' }).click();
  assert.equal(await page.getByRole('button', { name: 'Connect people' }).getAttribute('aria-pressed'), 'true');
  await page.getByText('Connecting: tap the first person.').first().waitFor();
  const a = await tokenPoint(page, 'AA');
  const b = await tokenPoint(page, 'BB');
  await page.mouse.click(a.x, a.y);
  await page.getByText('Now tap who AA knows.').first().waitFor();
  await page.screenshot({ path: `${artifacts}/canvas-connect.png` });
  await page.mouse.click(b.x, b.y);
  const toast = page.locator('.toast');
  await toast.getByText('Joined AA and BB.').waitFor();
  assert.deepEqual(latest(await savedDoc(page)).links.map((l) => [l.a, l.b].length), [2]);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).links.length === 0);

  // Join again, leave connect mode, tap the line and remove it.
  await page.mouse.click(a.x, a.y);
  await page.mouse.click(b.x, b.y);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.getByRole('button', { name: 'Remove this line' }).click();
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).links.length === 0);
  await context.close();
});

test('answer a prompt: tapped people get the badge; panels pass axe', async () => {
  const { page, context } = await openNewMap(ui);
  await addPerson(page, { initials: 'GM', descriptor: 'Grandparent', colour: 'Yellow', shape: 'Heart' });
  let p = await ringPoint(page, 0, 300);
  await page.mouse.click(p.x, p.y);
  await addPerson(page, { initials: 'ZZ' });
  p = await ringPoint(page, 2, 60);
  await page.mouse.click(p.x, p.y);

  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  await page.getByRole('tab', { name: 'Questions' }).waitFor();
  await expectNoAxeViolations(page, 'questions panel');
  await page.getByRole('button', { name: 'Ask this: Who really listens when you talk?' }).click();
  await page.getByText('Tap the people who fit.').first().waitFor();
  const gm = await tokenPoint(page, 'GM, Grandparent');
  await page.mouse.click(gm.x, gm.y);
  await announced(page).filter({ hasText: 'GM, Grandparent: Listens to me, added.' }).waitFor();
  await page.screenshot({ path: `${artifacts}/canvas-prompt.png` });
  await page.getByRole('button', { name: 'Finish this question' }).click();
  const doc = await savedDoc(page);
  assert.deepEqual(byInitials(doc, 'GM').badges, ['support-listens']);
  assert.deepEqual(byInitials(doc, 'ZZ').badges, []);

  // Hide a card and bring it back; add an own question.
  await page.getByRole('button', { name: 'Hide: Who do you spend the most time with?' }).click();
  await page.getByRole('button', { name: 'Show 1 hidden question' }).click();
  await page.getByLabel('Your own question').fill('Who makes you laugh?');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByText('Who makes you laugh?').waitFor();

  for (const tab of ['Groups and places', 'Notes', 'Sessions', 'Rings and me']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectNoAxeViolations(page, `${tab} panel`);
  }
  await page.getByRole('tab', { name: 'Notes' }).click();
  await page.getByLabel('Note', { exact: true }).fill('I feel safest at Nan\'s.');
  await page.getByRole('checkbox', { name: /Private/ }).first().check();
  await page.getByRole('button', { name: 'Add note' }).click();
  let notes = latest(await savedDoc(page)).notes;
  assert.equal(notes.length, 1);
  assert.equal(notes[0].private, true);
  // "Private" is for that one note: the form starts unticked for the next.
  const newPrivate = page.locator('form.new').getByRole('checkbox', { name: /Private/ });
  assert.equal(await newPrivate.isChecked(), false, 'Private stayed ticked for the next note');
  await page.getByLabel('Note', { exact: true }).fill('School is better this term.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1).versions.at(-1).notes.length === 2);
  notes = latest(await savedDoc(page)).notes;
  assert.deepEqual(notes.map((n) => n.private), [true, false]);
  await page.screenshot({ path: `${artifacts}/canvas-notes.png` });
  await context.close();
});

test('groups, sessions over time, look back read-only, compare', async () => {
  const { page, context } = await openNewMap(ui);
  for (const [initials, ring, angle] of [['AA', 0, 20], ['BB', 1, 100], ['CC', 2, 220]]) {
    await addPerson(page, { initials });
    const p = await ringPoint(page, ring, angle);
    await page.mouse.click(p.x, p.y);
  }
  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  await page.getByRole('tab', { name: 'Groups and places' }).click();
  await page.getByRole('button', { name: 'Make a group' }).click();
  for (const name of ['AA', 'BB']) { const p = await tokenPoint(page, name); await page.mouse.click(p.x, p.y); }
  await page.getByLabel('Group name').first().fill('football');
  await page.getByRole('button', { name: 'Save group' }).click();
  await page.getByRole('button', { name: '+ Park' }).click();
  let doc = await savedDoc(page);
  assert.deepEqual(latest(doc).groups.map((g) => [g.label, g.members.length]), [['football', 2]]);
  assert.deepEqual(latest(doc).places.map((x) => x.label), ['Park']);
  await page.screenshot({ path: `${artifacts}/canvas-group.png` });

  await page.getByRole('tab', { name: 'Sessions' }).click();
  await page.getByRole('button', { name: 'Start a new session' }).click();
  await page.getByRole('button', { name: 'Start a new session' }).click();
  await page.getByRole('listitem').filter({ hasText: /Session 2:/ }).waitFor();
  // Move CC closer in the new session, and add someone new.
  const from = await tokenPoint(page, 'CC');
  const to = await ringPoint(page, 0, 200);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await addPerson(page, { initials: 'DD' });
  const p = await ringPoint(page, 3, 80);
  await page.mouse.click(p.x, p.y);
  doc = await savedDoc(page);
  assert.equal(doc.versions.length, 2);
  assert.equal(doc.versions[0].tokens.find((t) => t.initials === 'CC').ring, 2);
  assert.equal(byInitials(doc, 'CC').ring, 0);

  await page.getByRole('button', { name: 'Compare' }).click();
  const result = page.getByRole('region', { name: 'What changed' });
  await result.getByRole('heading', { name: 'Moved closer' }).waitFor();
  await result.locator('strong', { hasText: 'CC' }).waitFor();
  await result.getByRole('heading', { name: 'New on the map' }).waitFor();
  await expectNoAxeViolations(page, 'compare');
  await page.screenshot({ path: `${artifacts}/canvas-compare.png` });

  await page.getByRole('button', { name: /^Look back/ }).click();
  await page.getByText(/You're looking back at the map from/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).count(), 0);
  assert.equal(await page.locator('svg.canvas [data-token]').count(), 3);
  await expectNoAxeViolations(page, 'look back');
  await page.screenshot({ path: `${artifacts}/canvas-look-back.png` });
  await page.getByRole('button', { name: 'Back to now' }).first().click();
  assert.equal(await page.locator('svg.canvas [data-token]').count(), 4);
  await context.close();
});

test('a failed save says so, keeps the edits and retries', async () => {
  const { page, context } = await openNewMap(ui);
  // The vault locks behind the page's back (as if another window locked it): saving fails.
  await page.bridge('vault', { state: 'locked' });
  await addPerson(page, { initials: 'XY' });
  await page.getByRole('alert').getByText(/aren't saved yet/).waitFor();
  await page.bridge('vault', { state: 'unlocked' });
  await page.getByRole('button', { name: 'Try saving again' }).click();
  const doc = await savedDoc(page);
  assert.equal(byInitials(doc, 'XY').ring, null);
  await endSessionForNow(page);
  await context.close();
});

/**
 * In the page: every caption's box on screen, and points along "Me" and every ring name's
 * letters. Returns the pairs that touch.
 */
async function wordsOnMeOrRingNames(page) {
  return page.evaluate(() => {
    const hits = [];
    const captions = [...document.querySelectorAll('svg.canvas text.descriptor')].map((el) => ({
      name: el.textContent, r: el.getBoundingClientRect(),
    }));
    const me = document.querySelector('svg.canvas .me path').getBoundingClientRect();
    const centre = { x: me.x + me.width / 2, y: me.y + me.height / 2 };
    const radius = Math.min(me.width, me.height) / 2;
    for (const c of captions) {
      const dx = Math.max(c.r.left - centre.x, 0, centre.x - c.r.right);
      const dy = Math.max(c.r.top - centre.y, 0, centre.y - c.r.bottom);
      if (Math.hypot(dx, dy) < radius) hits.push(`"${c.name}" on Me`);
    }
    for (const label of document.querySelectorAll('svg.canvas text.ring-label')) {
      const m = label.getScreenCTM();
      const size = parseFloat(label.getAttribute('font-size'));
      for (let i = 0; i < label.getNumberOfChars(); i++) {
        let start; let end;
        try { start = label.getStartPositionOfChar(i); end = label.getEndPositionOfChar(i); } catch { continue; }
        // The middle of each letter, a little above its baseline point on the arc.
        const pts = [start, end, new DOMPoint((start.x + end.x) / 2, (start.y + end.y) / 2)]
          .map((p) => new DOMPoint(p.x, p.y).matrixTransform(m));
        for (const c of captions) {
          const pad = 0;
          if (pts.some((p) => p.x > c.r.left - pad && p.x < c.r.right + pad && p.y > c.r.top - pad && p.y < c.r.bottom + pad)) {
            hits.push(`"${c.name}" on ring name "${label.textContent}" (${size})`);
            break;
          }
        }
      }
    }
    return [...new Set(hits)];
  });
}

test('words never sit on "Me" or on a ring\'s name, near the centre, on a big and a small canvas', async () => {
  for (const viewport of [{ width: 1200, height: 800 }, { width: 1000, height: 680 }]) {
    const { page, context } = await openNewMap(ui, { options: { viewport } });
    // The editor screenshot's trouble: people at the top of the innermost ring with words.
    for (const [initials, descriptor, ring, angle] of [
      ['SJ', 'Best friend', 0, 20], ['AB', 'Older friend from the club', 0, 340], ['KT', 'Cousin', 1, 5],
      ['MM', 'Mum', 0, 200], ['CO', 'Coach', 3, 180],
    ]) {
      await addPerson(page, { initials, descriptor });
      const at = await ringPoint(page, ring, angle);
      await page.mouse.click(at.x, at.y);
      await tokenPoint(page, `${initials}, ${descriptor}`);
    }
    assert.deepEqual(await wordsOnMeOrRingNames(page), [], `at ${viewport.width}×${viewport.height}`);
    // With the practitioner panel open the canvas is smaller and people are drawn bigger.
    await page.getByRole('button', { name: 'Practitioner panel' }).click();
    await page.locator('#practitioner-panel').waitFor();
    await page.waitForTimeout(100);
    assert.deepEqual(await wordsOnMeOrRingNames(page), [], `at ${viewport.width}×${viewport.height} with the panel`);
    // Nothing is cut off: every caption is inside the canvas.
    const outside = await page.evaluate(() => {
      const box = document.querySelector('svg.canvas').getBoundingClientRect();
      return [...document.querySelectorAll('svg.canvas text.descriptor')].map((el) => [el.textContent, el.getBoundingClientRect()])
        .filter(([, r]) => r.top < box.top || r.bottom > box.bottom || r.left < box.left || r.right > box.right).map(([t]) => t);
    });
    assert.deepEqual(outside, [], 'captions cut off at the canvas edge');
    await page.screenshot({ path: `${artifacts}/canvas-words-${viewport.width}.png` });
    await context.close();
  }
});
