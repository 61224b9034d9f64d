// The map editor in the real app: draw a map of nine people across four rings with
// links, a group, two answered questions and a private note; quit; restart, unlock and find it
// all still there; start a second session, move someone, and compare the two sessions.
// Placing uses tap-a-person-then-tap-a-ring (the click-only way the app supports, WCAG 2.5.7):
// WebDriver pointer actions in WebKitGTK are clicks here, never drags.
// Screenshots of each main screen go to tests/artifacts/e2e/ (copied to docs/screenshots/ by hand).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, freshDataDir, launchApp, until } from './harness.mjs';

const PASS = 'harbour pencil meadow quartz';
const LABEL = 'JT';
const dataDir = freshDataDir();
const home = freshDataDir('peermap-home-');
let app;
after(async () => { await app?.quit(); });

// Nine people: initials only, descriptors only, both; every kind; several colours and shapes.
const PEOPLE = [
  { initials: 'SJ', descriptor: 'Best friend', colour: 'Orange', shape: 'Star', kind: 'Someone my age', ring: 0, angle: 60 },
  { initials: '', descriptor: 'Mum', colour: 'Pink', shape: 'Heart', kind: 'Family', ring: 0, angle: 200 },
  { initials: 'KT', descriptor: 'Cousin', colour: 'Sky blue', shape: 'Circle', kind: 'Family', ring: 1, angle: 20 },
  { initials: 'RB', descriptor: '', colour: 'Yellow', shape: 'Triangle', kind: 'Someone my age', ring: 1, angle: 120 },
  { initials: 'LM', descriptor: 'School friend', colour: 'Red', shape: 'Diamond', kind: 'Someone my age', ring: 1, angle: 250 },
  { initials: '', descriptor: 'Youth worker', colour: 'Blue', shape: 'Hexagon', kind: 'Someone who works with me', ring: 2, angle: 90 },
  { initials: '', descriptor: 'Neighbour', colour: 'Green', shape: 'Square', kind: 'Another adult', ring: 2, angle: 300 },
  { initials: 'AK', descriptor: 'Coach', colour: 'Green', shape: 'Star', kind: 'Another adult', ring: 3, angle: 150 },
  { initials: 'DJ', descriptor: '', colour: 'Grey', shape: 'Circle', kind: 'Someone else', ring: 3, angle: 330 },
];
const nameOf = (p) => [p.initials, p.descriptor].filter(Boolean).join(', ');
const LINKS = [['SJ, Best friend', 'RB'], ['SJ, Best friend', 'LM, School friend'], ['AK, Coach', 'RB']];
const GROUP = { label: 'football', members: ['SJ, Best friend', 'RB', 'AK, Coach'] };
const LISTENS = 'Who really listens when you talk?';
const TRUST = 'Who could you trust with something private?';
const NOTE = 'Talked about football and who J sits with at lunch.';

const xq = (s) => (s.includes("'") ? `concat('${s.split("'").join(`', "'", '`)}')` : `'${s}'`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A single press and release at a point in the window (CSS pixels). */
async function tapAt({ x, y }) {
  await app.driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y) }).press().release().perform();
}

/** Where ring `ring` (0 = innermost) is at `angle` degrees (0 = up, clockwise), in the window. */
async function ringPoint(ring, angle) {
  return app.driver.executeScript(([ring, angle]) => {
    const path = document.querySelector(`svg.canvas path[data-ring="${ring}"]`);
    const r = (Number(path.dataset.r0) + Number(path.dataset.r1)) / 2;
    const rad = (angle * Math.PI) / 180;
    const p = new DOMPoint(r * Math.sin(rad), -r * Math.cos(rad)).matrixTransform(path.getScreenCTM());
    return { x: p.x, y: p.y };
  }, [ring, angle]);
}

/** Where a person on the map is, found by their accessible name. */
async function personPoint(name) {
  const css = `svg.canvas [data-token][aria-label=${JSON.stringify(name)}]`;
  await app.find(css);
  return app.driver.executeScript((css) => {
    const m = document.querySelector(css).getScreenCTM();
    return { x: m.e, y: m.f };
  }, css);
}

async function tapPerson(name) { await tapAt(await personPoint(name)); }

/** What the screen-reader live region says, once it says something containing `text`. */
async function heard(text) {
  await app.driver.wait(async () => {
    try { return (await (await app.find('[data-testid="announcer"]')).getAttribute('textContent')).includes(text); } catch { return false; }
  },
    10000, `the live region never said "${text}"`);
}

async function placedNames() {
  return app.driver.executeScript(() => [...document.querySelectorAll('svg.canvas [data-token]')].map((g) => g.getAttribute('aria-label')).sort());
}

/** The saved map as the canvas draws it: who is in which ring. */
async function ringsOnCanvas() {
  return app.driver.executeScript(() => Object.fromEntries([...document.querySelectorAll('svg.canvas [data-token]')].map((g) => {
    const m = g.getScreenCTM();
    const p = new DOMPoint(m.e, m.f).matrixTransform(document.querySelector('svg.canvas path[data-ring]').getScreenCTM().inverse());
    const r = Math.hypot(p.x, p.y);
    const ring = [...document.querySelectorAll('svg.canvas path[data-ring]')]
      .find((path) => r >= Number(path.dataset.r0) && r < Number(path.dataset.r1))?.dataset.ring;
    return [g.getAttribute('aria-label'), Number(ring)];
  })));
}

/** Screenshots show the screen, not a passing "Joined A and B" toast over the tray. */
async function dismissToast() {
  for (const b of await app.driver.findElements(By.css('.toast button[aria-label]'))) await b.click().catch(() => {});
}

async function waitSaved() {
  await app.driver.wait(async () => {
    try {
      const el = await app.find('p.save');
      return (await el.getAttribute('class')).includes('saved') && (await el.getText()) === 'Saved';
    } catch { return false; } // re-rendered between finding and reading: look again
  }, 15000, 'the editor never said "Saved"');
}

async function clickIn(containerCss, xpathInside) {
  const container = await app.find(containerCss);
  const el = await container.findElement(By.xpath(xpathInside));
  await el.click();
}

async function openTab(name) {
  const tab = await app.driver.wait(until.elementLocated(By.xpath(`//button[@role='tab' and normalize-space(.)=${xq(name)}]`)), 10000);
  await tab.click();
}

async function openPanel() {
  const open = await app.driver.findElements(By.css('#practitioner-panel'));
  if (open.length === 0) await app.click('Practitioner panel');
  await app.find('#practitioner-panel');
}

async function closePanel() {
  const open = await app.driver.findElements(By.css('#practitioner-panel'));
  if (open.length > 0) await app.click('Hide practitioner panel');
}

async function addPerson(p) {
  // The button reads "＋ Add someone" (the plus is decoration, hidden from screen readers).
  await (await app.find('.tray button.add')).click();
  const dialog = await app.find('dialog.token-form');
  await dialog.findElement(By.css(`label.swatch[title=${JSON.stringify(p.colour)}]`)).click();
  await dialog.findElement(By.css(`label.swatch.shape[title=${JSON.stringify(p.shape)}]`)).click();
  if (p.initials) await app.fill('Initials (up to 3 letters)', p.initials);
  if (p.descriptor) await app.fill('Or say it in your own words', p.descriptor);
  await dialog.findElement(By.xpath(`.//label[contains(@class,'radio') and normalize-space(.)=${xq(p.kind)}]`)).click();
  await dialog.findElement(By.xpath(`.//button[@type='submit' and normalize-space(.)='Add']`)).click();
  await app.driver.wait(async () => (await app.driver.findElements(By.css('dialog.token-form'))).length === 0, 10000);
  await heard(`Added ${nameOf(p)}.`);
}

async function unlockAndOpen() {
  await app.waitForText('h1', 'Unlock Peer Map');
  await app.fill('Passphrase', PASS);
  await app.click('Unlock');
  await app.waitForText('li.map', LABEL);
  await app.openMap(LABEL);
}

test('draw a whole map in the real app, and it autosaves', async () => {
  app = await launchApp({ dataDir, home });
  await app.createVault(PASS);
  await app.createMap(LABEL, 'To see who J can turn to after school.');
  await app.screenshot('map-list');
  await app.openMap(LABEL);
  await app.screenshot('canvas-empty');

  // Add each person (they wait in the tray, picked) and tap a ring to put them there.
  for (const p of PEOPLE) {
    await addPerson(p);
    await tapAt(await ringPoint(p.ring, p.angle));
    await heard(`${nameOf(p)} is now in`);
  }
  assert.deepEqual(await placedNames(), PEOPLE.map(nameOf).sort());
  const rings = await ringsOnCanvas();
  for (const p of PEOPLE) assert.equal(rings[nameOf(p)], p.ring, `${nameOf(p)} should be in ring ${p.ring}`);

  // Connect mode: tap A, tap B. The banner says what is going on; a toast offers undo.
  await app.click('Connect people');
  await heard('Connecting: tap the first person.');
  for (const [a, b] of LINKS) {
    await tapPerson(a);
    await heard(`Now tap who ${a} knows.`);
    await tapPerson(b);
    await heard(`Joined ${a} and ${b}.`);
  }
  await app.screenshot('canvas-connect');
  await app.click('Done');
  await heard('Drawing.');
  assert.equal((await app.driver.findElements(By.css('svg.canvas [data-link]'))).length, LINKS.length);

  // A group, from the practitioner panel.
  await openPanel();
  await openTab('Groups and places');
  await app.click('Make a group');
  for (const m of GROUP.members) {
    await tapPerson(m);
    await heard(`${m} is in the group`);
  }
  await app.fill('Group name', GROUP.label);
  await app.click('Save group');
  await heard(`Saved the group ${GROUP.label}.`);

  // Two question cards: the young person taps who answers each; they get a badge.
  await openTab('Questions');
  await app.click(`Ask this: ${LISTENS}`);
  await app.waitForText('.banner.answer', LISTENS);
  for (const name of ['SJ, Best friend', 'Mum', 'Youth worker']) {
    await tapPerson(name);
    await heard(`${name}`);
  }
  await dismissToast();
  await app.screenshot('prompt');
  await app.click('Done');
  await app.click(`Ask this: ${TRUST}`);
  await app.waitForText('.banner.answer', TRUST);
  for (const name of ['Mum', 'KT, Cousin']) {
    await tapPerson(name);
    await heard(`${name}`);
  }
  await app.click('Done');
  assert.equal((await app.driver.findElements(By.css('svg.canvas .badge'))).length, 5);

  // A private note from the practitioner.
  await openTab('Notes');
  await clickIn('#tabpanel', `.//label[contains(normalize-space(.), "Practitioner's note")]`);
  await app.fill('Note', NOTE);
  await clickIn('#tabpanel', `.//form//label[contains(normalize-space(.), 'Private (never shared or exported)')]`);
  await app.click('Add note');
  await heard('Note added.');
  await app.waitForText('#tabpanel li.private', 'Private');
  await dismissToast();
  await app.screenshot('notes');

  await waitSaved();
  await closePanel();
  await dismissToast();
  await app.screenshot('editor');

  await app.click('Show as a list');
  await app.waitForText('.list-view h3', 'Closest to me (2 people)');
  await dismissToast();
  await app.screenshot('list-view');
  await app.click('Show the drawing');
  await app.find('svg.canvas');
  await waitSaved();
  await app.quit();
  app = undefined;
});

test('restart, unlock, open: everything is still there', async () => {
  app = await launchApp({ dataDir, home });
  await unlockAndOpen();
  assert.deepEqual(await placedNames(), PEOPLE.map(nameOf).sort());
  const rings = await ringsOnCanvas();
  for (const p of PEOPLE) assert.equal(rings[nameOf(p)], p.ring, `${nameOf(p)} should still be in ring ${p.ring}`);
  assert.equal((await app.driver.findElements(By.css('svg.canvas path[data-ring]'))).length, 4);
  assert.equal((await app.driver.findElements(By.css('svg.canvas [data-link]'))).length, LINKS.length);
  await app.waitForText('svg.canvas .group-label', GROUP.label);
  assert.equal((await app.driver.findElements(By.css('svg.canvas .badge'))).length, 5);

  // The list view says the same in words, with badges and links.
  await app.click('Show as a list');
  await app.waitForText('.list-view', 'Listens to me');
  await app.waitForText('.list-view', 'I trust them');
  await app.waitForText('.list-view', 'Knows RB');
  await app.click('Show the drawing');
  await app.find('svg.canvas');

  await openPanel();
  await openTab('Notes');
  await app.waitForText('#tabpanel li.private', 'Private');
  const text = await app.driver.executeScript(() => document.querySelector('#tabpanel li.private textarea').value);
  assert.equal(text, NOTE);
  const ticked = await app.driver.executeScript(() => document.querySelector('#tabpanel li.private input[type=checkbox]').checked);
  assert.equal(ticked, true);
});

test('a second session: move someone, compare the two sessions', async () => {
  await openTab('Sessions');
  await app.click('Start a new session');
  await app.find('.confirm');
  await clickIn('.confirm', `.//button[normalize-space(.)='Start a new session']`);
  await heard('Started a new session');
  await app.driver.wait(async () => (await app.driver.findElements(By.css('.timeline li'))).length === 2, 10000);

  // RB moves from ring 1 to the innermost ring, by tap-then-tap.
  await tapPerson('RB');
  await heard('Picked RB.');
  await tapAt(await ringPoint(0, 120));
  await heard('RB is now in Closest to me');
  // DJ moves further out? DJ is already outermost: take the neighbour further away instead.
  await tapPerson('Neighbour');
  await heard('Picked Neighbour.');
  await tapAt(await ringPoint(3, 270));
  await heard('Neighbour is now in Further away');
  await waitSaved();

  await app.click('Compare');
  const diff = await app.find('[role="region"][aria-label="What changed"]');
  const words = await diff.getText();
  assert.match(words, /Moved closer[\s\S]*RB from Close to Closest to me/);
  assert.match(words, /Moved further away[\s\S]*Neighbour from Around me to Further away/);
  await app.driver.executeScript(() => document.querySelector('.diff')?.scrollIntoView({ block: 'center' }));
  await dismissToast();
  await app.screenshot('compare');

  // Looking back at session 1: read-only, RB still in the second ring.
  await (await app.find('.timeline button[aria-label^="Look back:"]')).click();
  await app.find('.readonly-banner');
  assert.equal((await ringsOnCanvas()).RB, 1);
  await app.screenshot('look-back');
  await app.click('Back to now');
  await app.driver.wait(async () => (await app.driver.findElements(By.css('.readonly-banner'))).length === 0, 10000);
  assert.equal((await ringsOnCanvas()).RB, 0);
  await app.quit();
  app = undefined;
});
