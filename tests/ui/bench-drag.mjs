// Benchmark (not a test): a scripted drag on a canvas holding 150 people, in Chromium (the
// mockIPC build against the real core through the test bridge), with the same drag on a map of one person (the floor: what the browser
// and this machine cost with nothing to draw) measured alternately in the same run. Frame
// times come from requestAnimationFrame timestamps taken in the page during the drag; the
// pick-up frame (the first after the drag starts) and the drop frame (the first after the
// button is released) are also reported on their own.
//
// Run: npm run build:mock && node tests/ui/bench-drag.mjs
// Env: BENCH_RUNS (default 4); BENCH_DIST and BENCH_DIST_B (two builds of the mockIPC UI, e.g.
// before and after a change, measured alternately, A B then B A: A150 B150 A1 B1 B150 A150 …).
// Prints one JSON line per drag, then medians and ratios to the floor.
import { startUi } from './harness.mjs';
import { endSessionForNow, explainIfAsked, openNewMap, ringPoint, savedDoc } from './canvas-helpers.mjs';

const TOKENS = 150;
const STEPS = 240;
const RUNS = Number(process.env.BENCH_RUNS ?? 4);
const builds = [process.env.BENCH_DIST ?? 'dist-mock', process.env.BENCH_DIST_B].filter(Boolean);

/** The UI build in `outDir` against the real core (a bridge and a browser per build). */
const serve = (outDir) => startUi({ outDir });

/** Back to the list of maps (builds before the "End session" step had a plain back button). */
async function leaveEditor(page) {
  if (await page.getByRole('button', { name: 'End session' }).count()) await endSessionForNow(page);
  else await page.getByRole('button', { name: 'Back to maps' }).click();
}

/** One drag on a map of `n` people (n = 1: only the person dragged). */
async function drag(ui, n) {
  const { page, context } = await openNewMap(ui, { label: 'Bench' });
  // Fill the map through the real editor path: save people through save_map (as the editor
  // does), then reopen so the editor loads them (the same as opening a big saved map).
  await page.evaluate(async (n) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const id = Object.keys(window.__peermapMapDocs.docs).at(-1);
    const colours = ['orange', 'sky', 'green', 'yellow', 'blue', 'red', 'pink', 'grey'];
    const shapes = ['circle', 'square', 'triangle', 'diamond', 'star', 'heart', 'hexagon'];
    const letters = 'ABCDEFGHJKLMNPRSTW';
    const tokens = Array.from({ length: n }, (_, i) => ({
      id: `t${i}`, kind: 'peer', ring: i % 4, angle: (i * 137.5) % 360, colour: colours[i % 8], shape: shapes[i % 7],
      initials: letters[i % letters.length] + letters[(i * 7) % letters.length], descriptor: i % 3 ? null : 'School friend',
      badges: i % 5 ? [] : ['support-listens'], private: false,
    }));
    // With one person, they are the one dragged (t3 in the full map).
    if (n === 1) tokens[0] = { ...tokens[0], id: 't3', ring: 3, angle: (3 * 137.5) % 360 };
    const links = n > 1 ? Array.from({ length: 60 }, (_, i) => ({ a: `t${i}`, b: `t${(i * 13 + 7) % n}`, kind: 'knows' })).filter((l) => l.a !== l.b) : [];
    const view = await invoke('open_map', { id });
    const session = { ...view.current, tokens, links, groups: n > 1 ? [{ id: 'g1', label: 'football', members: ['t1', 't5', 't9', 't13'] }] : [] };
    await invoke('save_map', { id, rings: view.rings, session });
  }, n);
  await leaveEditor(page);
  await page.getByRole('listitem').filter({ hasText: 'Bench' }).getByRole('button', { name: 'Open' }).click();
  await explainIfAsked(page);
  await page.locator('svg.canvas [data-token]').nth(n - 1).waitFor();

  // Let the freshly opened map finish drawing first (the browser rasterises it on other
  // threads for a second or more after the page looks ready on this machine), so that work is
  // not counted as the pick-up: a steady second of frames, then the drag.
  await page.waitForTimeout(1500);
  await page.evaluate(() => new Promise((resolve) => {
    let last = 0; let calm = 0; const until = performance.now() + 5000;
    const tick = (t) => {
      calm = last && t - last < 20 ? calm + 1 : 0;
      last = t;
      if (calm >= 60 || t > until) resolve(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  const from = await page.locator('#tok-t3').evaluate((g) => { const m = g.getScreenCTM(); return { x: m.e, y: m.f }; });
  const target = await ringPoint(page, 0, 200);

  await page.evaluate(() => {
    window.__frames = [];
    window.__moves = [];
    window.__upAt = null;
    addEventListener('pointermove', (e) => window.__moves.push(e.timeStamp), true);
    addEventListener('pointerup', (e) => { window.__upAt = e.timeStamp; }, true);
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
  await page.waitForTimeout(300);
  const { stamps, moves, upAt } = await page.evaluate(() => {
    window.__recording = false;
    return { stamps: window.__frames, moves: window.__moves, upAt: window.__upAt };
  });
  await savedDoc(page);
  await context.close();

  // An event is handled between two frames; the work it causes (style, layout, paint) lands in
  // the frame after that, so its cost is the longer of the two gaps that follow the event.
  const gapAround = (t) => {
    const i = stamps.findIndex((s) => s > t);
    if (i < 1) return null;
    return Math.max(...[i, i + 1].filter((j) => j < stamps.length).map((j) => stamps[j] - stamps[j - 1]));
  };
  if (process.env.BENCH_DEBUG) {
    const gaps = stamps.slice(1).map((t, i) => ({ at: Math.round(stamps[i] - moves[0]), gap: Math.round(t - stamps[i]) }));
    console.log(JSON.stringify({ upAt: Math.round(upAt - moves[0]), long: gaps.filter((g) => g.gap > 20) }));
  }
  // The drag starts on the move that passes the 6 px threshold: the second move here.
  const pickup = gapAround(moves[1] ?? moves[0]);
  const drop = gapAround(upAt);
  // Frames of the drag proper: from pick-up to release.
  const during = stamps.filter((s) => s >= (moves[0] ?? 0) && s <= upAt);
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const dragDeltas = during.slice(1).map((t, i) => t - during[i]).sort((a, b) => a - b);
  const pct = (d, p) => d[Math.min(d.length - 1, Math.floor((p / 100) * d.length))];
  const round = (x) => Math.round(x * 100) / 100;
  return {
    tokens: n, frames: deltas.length,
    p50: round(pct(deltas, 50)), p95: round(pct(deltas, 95)), max: round(deltas.at(-1) ?? 0),
    pickup: round(pickup ?? 0), drop: round(drop ?? 0),
    dragP95: round(pct(dragDeltas, 95)),
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = builds.map(() => ({ [TOKENS]: [], 1: [] }));
const servers = await Promise.all(builds.map(serve));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const n of [TOKENS, 1]) {
      // A B, then B A: whichever goes second in a pair was measured slower, so each build
      // goes first as often as second.
      const order = builds.map((_, b) => b);
      if (run % 2 === 1) order.reverse();
      for (const b of order) {
        const r = await drag(servers[b], n);
        results[b][n].push(r);
        console.log(JSON.stringify({ build: builds[b], ...r }));
      }
    }
  }
  for (let b = 0; b < builds.length; b++) {
    const big = results[b][TOKENS];
    const floor = results[b][1];
    const m = (rs, k) => median(rs.map((r) => r[k]));
    const summary = { build: builds[b], runs: RUNS };
    for (const k of ['p50', 'p95', 'dragP95', 'max', 'pickup', 'drop']) {
      summary[k] = { [TOKENS]: m(big, k), floor: m(floor, k), ratio: Math.round((m(big, k) / m(floor, k)) * 100) / 100 };
    }
    console.log(JSON.stringify(summary));
  }
} finally {
  await Promise.all(servers.map((s) => s.close()));
}
