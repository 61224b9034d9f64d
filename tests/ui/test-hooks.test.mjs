// Test and benchmark hooks are not public API: the mock transport's globals (window.__peermap*)
// exist only in the mockIPC build, and the editor and the canvas put nothing of their own on
// window. The production bundle is checked when it has been built (npm run build).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { root, startUi } from './harness.mjs';
import { addPerson, openNewMap, ringPoint } from './canvas-helpers.mjs';

/** What the mockIPC build's transport to the test bridge puts on window for the tests (ui/src/mock/*). */
const MOCK_GLOBALS = ['__peermapBridge', '__peermapExport', '__peermapMapDocs', '__peermapMock'];

let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

test('the editor adds nothing to window beyond the mock backend\'s test hooks', async () => {
  const { page, context, problems } = await openNewMap(ui);
  await addPerson(page, { initials: 'AB' });
  const p = await ringPoint(page, 1, 40);
  await page.mouse.click(p.x, p.y);
  await page.getByRole('button', { name: 'Connect people' }).click();
  await page.getByRole('button', { name: 'Practitioner panel' }).click();
  const globals = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => /^(__|peermap)/i.test(k)));
  const ours = globals.filter((k) => !k.startsWith('__TAURI') && k !== '__svelte' && !k.startsWith('__playwright') && !k.startsWith('__pw'));
  assert.ok(ours.includes('__peermapMock'), `the mock backend's hooks are seen: ${ours}`);
  assert.deepEqual(ours.filter((k) => !MOCK_GLOBALS.includes(k)), [], `unexpected globals: ${ours}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the production bundle has no test hooks in it', { skip: !existsSync(`${root}/ui/dist/assets`) && 'ui/dist not built' }, () => {
  const js = readdirSync(`${root}/ui/dist/assets`).filter((f) => f.endsWith('.js'));
  assert.ok(js.length > 0, 'no JavaScript in ui/dist/assets');
  for (const f of js) {
    const code = readFileSync(`${root}/ui/dist/assets/${f}`, 'utf8');
    for (const hook of [...MOCK_GLOBALS, 'mockIPC', 'installMockBackend']) {
      assert.equal(code.includes(hook), false, `${f} contains ${hook}`);
    }
  }
});
