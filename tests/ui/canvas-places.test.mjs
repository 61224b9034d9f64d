// Places on the map: a place has no position in the map document, so each is drawn
// as a small tag just outside the outer ring. Added through the panel, seen on the drawing
// with its words (not colour alone) and an accessible name, clear of each other, the ring and
// the edge of the map; listed in the list view too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, startUi } from './harness.mjs';
import { addPerson, canvas, expectNoAxeViolations, latest, openNewMap, ringPoint, savedDoc } from './canvas-helpers.mjs';

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

/** Every place tag on the drawing: its accessible name, its words, and where it is on screen. */
function tags(page) {
  return page.evaluate(() => {
    const outer = [...document.querySelectorAll('svg.canvas path[data-ring]')]
      .sort((a, b) => Number(b.dataset.r1) - Number(a.dataset.r1))[0];
    const m = outer.getScreenCTM();
    const centre = new DOMPoint(0, 0).matrixTransform(m);
    const edge = new DOMPoint(Number(outer.dataset.r1), 0).matrixTransform(m);
    const ring = { x: centre.x, y: centre.y, r: Math.hypot(edge.x - centre.x, edge.y - centre.y) };
    // The fitted view: all of the canvas (wider than the map's square on a wide window).
    const r = document.querySelector('svg.canvas').getBoundingClientRect();
    const view = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    const found = [...document.querySelectorAll('svg.canvas [data-place]')].map((g) => {
      const r = g.querySelector('rect').getBoundingClientRect();
      return {
        name: g.getAttribute('aria-label'), role: g.getAttribute('role'), text: g.querySelector('text').textContent,
        box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      };
    });
    return { ring, view, found };
  });
}

function checkLayout({ ring, view, found }) {
  for (const tag of found) {
    const b = tag.box;
    // The nearest point of the tag to the centre is outside the outer ring.
    const nx = Math.max(b.left, Math.min(ring.x, b.right)) - ring.x;
    const ny = Math.max(b.top, Math.min(ring.y, b.bottom)) - ring.y;
    assert.ok(Math.hypot(nx, ny) > ring.r, `${tag.name} is inside the outer ring`);
    assert.ok(b.left >= view.left - 0.5 && b.right <= view.right + 0.5 && b.top >= view.top - 0.5 && b.bottom <= view.bottom + 0.5,
      `${tag.name} is outside the fitted view`);
    for (const other of found) {
      if (other === tag) continue;
      const o = other.box;
      assert.ok(b.right <= o.left || o.right <= b.left || b.bottom <= o.top || o.bottom <= b.top, `${tag.name} overlaps ${other.name}`);
    }
  }
}

/** None is hidden under the buttons that sit over the map. */
async function checkButtons(page, { found }) {
  for (const name of ['Zoom in', 'Zoom out', 'Fit', 'Undo', 'Redo', 'Connect people']) {
    const button = await page.getByRole('button', { name, exact: true }).boundingBox();
    for (const tag of found) {
      const b = tag.box;
      const apart = b.right <= button.x || button.x + button.width <= b.left || b.bottom <= button.y || button.y + button.height <= b.top;
      assert.ok(apart, `${tag.name} is under ${name}`);
    }
  }
}

test('places added in the panel appear on the map as labelled tags, and in the list', async () => {
  const { page, context, problems } = await openNewMap(ui);
  // A few people, some on the outer ring near the corners, where the tags go.
  for (const [initials, descriptor, ring, angle] of [['SJ', 'Best friend', 0, 90], ['MK', 'Cousin', 2, 200], ['DP', 'Coach', 3, 315], ['AB', 'Neighbour', 3, 130]]) {
    await addPerson(page, { initials, descriptor });
    const p = await ringPoint(page, ring, angle);
    await page.mouse.click(p.x, p.y);
  }
  assert.equal(await page.locator('svg.canvas [data-place]').count(), 0, 'no places yet, no tags');

  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  await page.getByRole('tab', { name: 'Groups and places' }).click();
  await page.getByRole('button', { name: '+ Park' }).click();
  await page.getByLabel('Another place').fill("Nan's house");
  await page.getByRole('button', { name: 'Add place' }).click();
  const doc = await savedDoc(page);
  assert.deepEqual(latest(doc).places.map((x) => x.label), ['Park', "Nan's house"]);

  const map = canvas(page);
  await map.getByRole('img', { name: 'Place: Park' }).waitFor();
  await map.getByRole('img', { name: "Place: Nan's house" }).waitFor();
  let seen = await tags(page);
  assert.deepEqual(seen.found.map((x) => [x.role, x.name, x.text]),
    [['img', 'Place: Park', 'Park'], ['img', "Place: Nan's house", "Nan's house"]]);
  checkLayout(seen);
  await expectNoAxeViolations(page, 'map with places, panel open');

  // A third place; then the map alone, as the young person sees it.
  await page.getByRole('button', { name: '+ Online' }).click();
  await map.getByRole('img', { name: 'Place: Online' }).waitFor();
  await page.getByRole('button', { name: 'Hide practitioner panel' }).click();
  await page.getByRole('button', { name: 'Practitioner panel', exact: true }).waitFor();
  seen = await tags(page);
  assert.equal(seen.found.length, 3);
  checkLayout(seen);
  await checkButtons(page, seen);
  // The tags are not in the way: a tap on one is a tap on the map, not on a button.
  const park = seen.found.find((x) => x.name === 'Place: Park').box;
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-place]') ?? null,
    [(park.left + park.right) / 2, (park.top + park.bottom) / 2]);
  assert.equal(hit, null, 'a place tag takes pointer events');
  await expectNoAxeViolations(page, 'map with places');
  await page.screenshot({ path: `${artifacts}/canvas-places.png` });

  // Removing a place in the panel takes its tag off the map.
  await page.getByRole('button', { name: 'Practitioner panel', exact: true }).click();
  await page.getByRole('tab', { name: 'Groups and places' }).click();
  await page.getByRole('button', { name: 'Remove Online' }).click();
  await map.getByRole('img', { name: 'Place: Online' }).waitFor({ state: 'detached' });
  assert.equal((await tags(page)).found.length, 2);

  // The list view lists them.
  await page.getByRole('button', { name: 'Show as a list' }).click();
  const places = page.getByRole('region', { name: 'Places' });
  await places.getByRole('listitem').filter({ hasText: 'Park' }).waitFor();
  assert.deepEqual(await places.getByRole('listitem').allInnerTexts(), ['Park', "Nan's house"]);
  await expectNoAxeViolations(page, 'list view with places');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height] of [[1200, 800], [900, 640]]) {
  test(`many places never overlap, nor hide under buttons (${width}×${height})`, async () => {
    const { page, context, problems } = await openNewMap(ui, { options: { viewport: { width, height } } });
    await page.getByRole('button', { name: 'Practitioner panel' }).click();
    await page.getByRole('tab', { name: 'Groups and places' }).click();
    for (const idea of ['School', 'Home', 'Park', 'Online', 'Town centre', 'Youth club']) {
      await page.getByRole('button', { name: `+ ${idea}` }).click();
    }
    for (const own of ['Football pitch', 'Library', "Dad's flat", 'Swimming pool']) {
      await page.getByLabel('Another place').fill(own);
      await page.getByRole('button', { name: 'Add place' }).click();
    }
    await page.waitForFunction(() => Object.values(window.__peermapMapDocs.docs).at(-1)?.versions.at(-1).places.length === 10);
    await canvas(page).locator('[data-place]').first().waitFor();
    // Each place has a tag of its own or, when the canvas is too small for them all, is
    // counted on the last one.
    const counted = (seen) => {
      const more = /^\+(\d+) more places?$/.exec(seen.found.at(-1).name);
      return more ? seen.found.length - 1 + Number(more[1]) : seen.found.length;
    };
    for (const panel of ['open', 'closed']) {
      if (panel === 'closed') {
        await page.getByRole('button', { name: 'Hide practitioner panel' }).click();
        await page.getByRole('button', { name: 'Practitioner panel', exact: true }).waitFor();
      }
      await page.waitForTimeout(200);
      const seen = await tags(page);
      assert.equal(counted(seen), 10, JSON.stringify(seen.found.map((x) => x.name)));
      checkLayout(seen);
      await checkButtons(page, seen);
      await page.screenshot({ path: `${artifacts}/canvas-places-many-${width}-panel-${panel}.png` });
    }
    // On a big window with the panel closed there is room for every one.
    if (width === 1200) assert.equal((await tags(page)).found.length, 10);
    await expectNoAxeViolations(page, 'many places');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
