// What the core found and put right while opening the vault is said after unlock, in plain
// words (the real core through the test bridge): a destroy date pushed later in the index is
// put back, and a damaged line in the list of destroyed maps is ignored, not acted on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { artifacts, expectNoAxeViolations, startUi } from './harness.mjs';

const PASSPHRASE = 'correct horse battery staple';
let ui;
before(async () => { ui = await startUi(); });
after(async () => { await ui?.close(); });

async function unlock(page) {
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('after unlock the app says a changed destroy date was put back and a damaged ledger line ignored', async () => {
  const { page, problems } = await ui.open('?vault=locked');
  await page.getByRole('heading', { name: 'Unlock Peer Map' }).waitFor();
  await page.bridge('seed', {
    maps: ['Gone', 'Kept'].map((label) => ({ label, daysLeft: 200, draft: false })),
  });
  const { dir } = await page.bridge('files');
  const data = join(dirname(dir), 'data');

  // Deleting "Gone" writes one line to the destruction ledger.
  await unlock(page);
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  await page.getByRole('button', { name: 'Delete Gone' }).click();
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await page.waitForFunction(() => document.querySelectorAll('li.map').length === 1);
  await page.bridge('vault', { state: 'locked' });

  // Someone with the files but not the passphrase: the kept map's date pushed to 2099 in the
  // index, and the ledger's one line edited.
  execFileSync('sqlite3', [join(data, 'index.sqlite3'), "UPDATE maps SET retain_until = '2099-01-01T00:00:00Z'"]);
  const ledger = `${data}.ledger`;
  const lines = readFileSync(ledger, 'utf8');
  assert.equal(lines.trim().split('\n').length, 1, 'one destruction, one ledger line');
  const last = lines.trimEnd().at(-1);
  writeFileSync(ledger, `${lines.trimEnd().slice(0, -1)}${last === '0' ? '1' : '0'}\n`);

  await page.reload();
  await unlock(page);
  await page.getByRole('heading', { name: 'Your maps' }).waitFor();
  const said = page.getByRole('status').filter({ hasText: 'destroy date' });
  await said.getByText('Someone changed one map\'s destroy date outside Peer Map. Peer Map put back the date that was agreed.', { exact: false }).waitFor();
  await said.getByText('One line in Peer Map\'s list of destroyed maps could not be checked, so it was ignored. No map was destroyed because of it.').waitFor();
  await page.getByRole('heading', { name: 'Kept', exact: true }).waitFor();
  await expectNoAxeViolations(page, 'unlock tidy message');
  await page.screenshot({ path: `${artifacts}/tidy-after-unlock.png` });
  await said.getByRole('button', { name: 'OK' }).click();
  assert.equal(await said.count(), 0);
  assert.deepEqual(problems, []);
});
