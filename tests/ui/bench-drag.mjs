// Benchmark (not a test): a scripted drag on a canvas holding 150 people, in Chromium against
// the mockIPC build. Frame times come from requestAnimationFrame timestamps taken in the page
// during the drag. Prints JSON: { tokens, frames, p50, p95, max } in milliseconds.
// Run: npm run build:mock && node tests/ui/bench-drag.mjs
import { startUi } from './harness.mjs';
import { openNewMap, ringPoint, savedDoc } from './canvas-helpers.mjs';

const TOKENS = 150;
const STEPS = 240;

const ui = await startUi();
try {
  const { page, context } = await openNewMap(ui, { label: 'Bench' });
  // Fill the map through the real editor path: add people via the fake backend's document,
  // then reopen so the editor loads them (the same as opening a big saved map).
  await page.evaluate((n) => {
    const mock = window.__peermapMock;
    const docs = window.__peermapMapDocs.docs;
    const id = mock.maps.at(-1).id;
    const colours = ['orange', 'sky', 'green', 'yellow', 'blue', 'red', 'pink', 'grey'];
    const shapes = ['circle', 'square', 'triangle', 'diamond', 'star', 'heart', 'hexagon'];
    const letters = 'ABCDEFGHJKLMNPRSTW';
    const tokens = Array.from({ length: n }, (_, i) => ({
      id: `t${i}`, kind: 'peer', ring: i % 4, angle: (i * 137.5) % 360, colour: colours[i % 8], shape: shapes[i % 7],
      initials: letters[i % letters.length] + letters[(i * 7) % letters.length], descriptor: i % 3 ? null : 'School friend',
      badges: i % 5 ? [] : ['support-listens'], private: false,
    }));
    const links = Array.from({ length: 60 }, (_, i) => ({ a: `t${i}`, b: `t${(i * 13 + 7) % n}`, kind: 'knows' })).filter((l) => l.a !== l.b);
    docs[id].versions.at(-1).tokens = tokens;
    docs[id].versions.at(-1).links = links;
    docs[id].versions.at(-1).groups = [{ id: 'g1', label: 'football', members: ['t1', 't5', 't9', 't13'] }];
  }, TOKENS);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Bench' }).getByRole('button', { name: 'Open' }).click();
  await page.locator('svg.canvas [data-token]').nth(TOKENS - 1).waitFor();

  const from = await page.locator('#tok-t3').evaluate((g) => { const m = g.getScreenCTM(); return { x: m.e, y: m.f }; });
  const target = await ringPoint(page, 0, 200);

  await page.evaluate(() => {
    window.__frames = [];
    const tick = (ts) => { window.__frames.push(ts); if (window.__recording) requestAnimationFrame(tick); };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= STEPS; i++) {
    const f = i / STEPS;
    // Round and round the map and in towards the centre.
    const x = from.x + (target.x - from.x) * f + Math.sin(f * Math.PI * 6) * 120;
    const y = from.y + (target.y - from.y) * f + Math.cos(f * Math.PI * 6) * 120;
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
  const stamps = await page.evaluate(() => { window.__recording = false; return window.__frames; });
  await savedDoc(page);

  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const pct = (p) => deltas[Math.min(deltas.length - 1, Math.floor((p / 100) * deltas.length))];
  const round = (x) => Math.round(x * 100) / 100;
  console.log(JSON.stringify({
    tokens: TOKENS, steps: STEPS, frames: deltas.length,
    p50: round(pct(50)), p95: round(pct(95)), max: round(deltas.at(-1) ?? 0),
  }));
  await context.close();
} finally {
  await ui.close();
}
