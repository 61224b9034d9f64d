// Drives the real release binary through Debian's WebKitWebDriver. Each scenario gets a fresh
// data dir (PEERMAP_DATA_DIR) unless it passes one, so scenarios never share a vault.
//
//   const app = await launchApp();             // or launchApp({ dataDir })
//   await app.find('h1');                      // selenium-webdriver WebDriver at app.driver
//   await app.screenshot('welcome');           // tests/artifacts/e2e/welcome.png
//   await app.quit();
import { spawn } from 'node:child_process';
import { after } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { By, Capabilities, WebDriver, until } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';

export { By, until };
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = join(root, 'tests/artifacts/e2e');

export const appBinary =
  process.env.PEERMAP_BIN ??
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME ?? '', '.cache/peermap/target'), 'release/peermap');

// Every app this test file launched. A test that fails before its own `app.quit()` would
// otherwise leave an app running, and `node --test` would wait for it forever.
const launched = new Set();
after(async () => {
  for (const app of launched) await app.quit();
});

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url, child, log) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited early:\n${log.join('')}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not start:\n${log.join('')}`);
}

/** Every process below `pid` (Linux /proc), so teardown can make sure the app is gone. */
function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* the process ended while we looked */ }
  }
  const out = [];
  const walk = (p) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

export function freshDataDir(prefix = 'peermap-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** XPath string literal for any text (handles quotes). */
const xq = (s) => (s.includes("'") ? `concat('${s.split("'").join(`', "'", '`)}')` : `'${s}'`);

/**
 * Starts WebKitWebDriver and the app in it. `env` is added to the app's environment.
 * `home` holds the app's XDG data/cache/config folders, so everything the WebView itself
 * writes (its storage and caches) lands somewhere a test can scan.
 */
export async function launchApp({ dataDir = freshDataDir(), home = freshDataDir('peermap-home-'), env = {} } = {}) {
  if (!existsSync(appBinary)) throw new Error(`no app binary at ${appBinary}; build it first`);
  mkdirSync(artifacts, { recursive: true });
  const port = await freePort();
  const log = [];
  const driverProc = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: {
      ...process.env,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_CONFIG_HOME: join(home, 'config'),
      ...env,
      PEERMAP_DATA_DIR: dataDir,
      TAURI_WEBVIEW_AUTOMATION: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driverProc.stdout.on('data', (d) => log.push(String(d)));
  driverProc.stderr.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitForDriver(url, driverProc, log);

  // WebKitWebDriver launches our binary itself; no browserName, since it is not a known browser.
  const caps = new Capabilities({ 'webkitgtk:browserOptions': { binary: appBinary, args: [] } });
  const driver = await WebDriver.createSession(new Executor(new HttpClient(url)), caps);

  const app = {
    driver,
    dataDir,
    home,
    log,
    /** The button whose text or accessible label is exactly `name`. */
    async button(name, timeout = 15000) {
      const q = xq(name);
      return driver.wait(until.elementLocated(By.xpath(`//button[normalize-space(.)=${q} or @aria-label=${q}]`)), timeout);
    },
    async click(name) {
      const b = await app.button(name);
      await driver.wait(until.elementIsEnabled(b), 15000, `button "${name}" stays disabled`);
      await b.click();
    },
    /** First run: create the vault with `passphrase` and wait for the (empty) map list. */
    async createVault(passphrase) {
      await app.waitForText('h1', 'Welcome to Peer Map');
      await app.fill('Passphrase', passphrase);
      await app.fill('Type the passphrase again', passphrase);
      await app.click('Create vault');
      await app.waitForText('h1', 'Your maps');
    },
    /** Make a map from the list's "New map" form and wait until it is listed. */
    async createMap(label, purpose) {
      await app.click('New map');
      await app.fill('Map label', label);
      await app.fill('What is this map for?', purpose);
      await app.click('Create map');
      await app.waitForText('li.map', label);
    },
    /** Ticks the checkbox or radio whose wrapping <label> contains `text`. */
    async check(text) {
      const box = await driver.wait(until.elementLocated(By.xpath(`//label[contains(normalize-space(.), ${xq(text)})]/input`)), 15000);
      if (!(await box.isSelected())) await box.click();
      return box;
    },
    /**
     * Open a map's drawing from the list. A map nobody has explained yet asks first: record
     * that confidentiality and storage were explained, then start drawing.
     */
    async openMap(label) {
      await app.click(`Open the map ${label}`);
      await driver.wait(async () => (await driver.findElements(By.css('svg.canvas[role="application"], .step h1'))).length > 0, 15000, 'neither the drawing nor the explain step appeared');
      if ((await driver.findElements(By.css('.step h1'))).length > 0) {
        await app.check('limits of confidentiality');
        await app.check('where the map is kept');
        await app.click('Start drawing');
      }
      await app.find('svg.canvas[role="application"]');
    },
    /** Types into the field whose <label> text is exactly `label` (replacing what was there). */
    async fill(label, value) {
      const l = await driver.wait(until.elementLocated(By.xpath(`//label[normalize-space(.)=${xq(label)}]`)), 15000);
      const id = await l.getAttribute('for');
      const input = await driver.findElement(By.id(id));
      await input.clear();
      await input.sendKeys(value);
      return input;
    },
    /** Waits for and returns the first element matching a CSS selector. */
    async find(css, timeout = 15000) {
      return driver.wait(until.elementLocated(By.css(css)), timeout);
    },
    /** Waits until some element matching `css` contains `text`. */
    async waitForText(css, text, timeout = 15000) {
      await driver.wait(async () => {
        const els = await driver.findElements(By.css(css));
        for (const el of els) {
          try {
            if ((await el.getText()).includes(text)) return true;
          } catch (e) {
            // The page may re-render (or reload, after a lock) between finding and reading.
            if (e?.name !== 'StaleElementReferenceError') throw e;
          }
        }
        return false;
      }, timeout, `no ${css} containing "${text}"`);
    },
    async screenshot(name) {
      // Web fonts swap in after first paint; wait so screenshots show the real typeface.
      await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => requestAnimationFrame(() => done()));');
      const png = await driver.takeScreenshot();
      const path = join(artifacts, `${name}.png`);
      writeFileSync(path, png, 'base64');
      return path;
    },
    /** Ends the session and makes sure the app and the driver are gone (safe to call twice). */
    async quit() {
      launched.delete(app);
      if (driverProc.exitCode !== null) return;
      const appProcs = descendants(driverProc.pid);
      try { await driver.quit(); } catch { /* the app may already be gone */ }
      // WebKitWebDriver normally closes the app; if it did not within 5 s, end it ourselves
      // so an orphaned app can never hold this test process open.
      for (let i = 0; i < 50 && appProcs.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
      for (const pid of appProcs) if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      driverProc.kill('SIGTERM');
      await new Promise((r) => (driverProc.exitCode !== null ? r() : driverProc.once('exit', r)));
      driverProc.stdout.destroy();
      driverProc.stderr.destroy();
    },
  };
  launched.add(app);
  return app;
}
